// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Module parameters documented outside Documentation/ABI. kernel-parameters.txt
 * (kernel-params.c): the forms of the real file (6.12's lines, copied), the lines that
 * only look like entries, and hostile text (NUL bytes, CRLF, lines and files too long,
 * too many names). Then the sources together (module-params.c), and the libkmod side
 * (ext/kmod-module.c) refusing modules trees it must not read.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib.h>

#include "audit/kernel-params.h"
#include "audit/module-params.h"
#include "common/file-read.h"
#include "ext/kmod-module.h"
#include "unit.h"

static struct kernel_params *parse(const char *text)
{
	struct kernel_params *kp;

	CU_ASSERT_EQUAL_FATAL(kernel_params_parse(text, strlen(text), &kp), 0);
	CU_ASSERT_PTR_NOT_NULL_FATAL(kp);
	return kp;
}

/* Module @m's parameter @p is documented at line @line (0: not documented). */
static void assert_line(const struct kernel_params *kp, const char *m, const char *p,
			unsigned int line)
{
	unsigned int got = kernel_params_lookup(kp, m, p);

	if (got != line)
		fprintf(stderr, "\n  %s.%s: line %u, not %u\n", m, p, got, line);
	CU_ASSERT_EQUAL(got, line);
}

/* Lines of 6.12's kernel-parameters.txt, each form once. */
static const char real[] =
	"\tacpi.debug_layer=\t[HW,ACPI,ACPI_DEBUG]\n" /* 1 */
	"\tacpi.debug_level=\t[HW,ACPI,ACPI_DEBUG]\n" /* 2 */
	"\t\t\tFormat: <int>\n"                       /* 3 */
	"\tdb9.dev[2|3]=\t[HW,JOY] Multisystem joystick support via parallel port\n"
	"\tdyndbg[=\"val\"]\t\t[KNL,DYNAMIC_DEBUG]\n" /* 5 */
	"\t<module>.dyndbg[=\"val\"]\n"               /* 6 */
	"\ti8042.nomux\t[HW] Don't check presence of an active multiplexing\n"
	"\tkvm-amd.nested=\t[KVM,AMD] Control nested virtualization feature in\n"
	"\tmax_loop=\t[LOOP] The number of loop block devices that get\n" /* 9 */
	"\t(loop.max_loop)\tunconditionally pre-created at init time. The default\n"
	"\tnfs.callback_tcpport=\n"                                       /* 11 */
	"\t\t\t[NFS] set the TCP port on which the NFSv4 callback\n"      /* 12 */
	"\tpanic=\t\t[KNL] Kernel behaviour on panic: delay <timeout>\n"  /* 13 */
	"\tsonypi.*=\t[HW] Sony Programmable I/O Control Device driver\n" /* 14 */
	"\tusbcore.autosuspend=\n"                                        /* 15 */
	"        workqueue.default_affinity_scope=\n"                     /* 16 */
	"\tfw_devlink.sync_state =\n"                                     /* 17 */
	"\tlockd.nlm_tcpport=N\t[NFS] Assign TCP port.\n"                 /* 18 */
	"\tclocksource.arm_arch_timer.evtstrm=\n"                         /* 19 */
	"\tslab_debug[=options[,slabs][;[options[,slabs]]...]\t[MM]\n"    /* 20 */
	"\txive.store-eoi=off\t[PPC]\n"                                   /* 21 */
	"\tftrace_dump_on_oops[=2(orig_cpu) | =<instance>][,<instance> |\n";

static void test_real_forms(void)
{
	struct kernel_params *kp = parse(real);

	assert_line(kp, "acpi", "debug_layer", 1);
	assert_line(kp, "acpi", "debug_level", 2);
	/* [2|3]: the name and its other forms */
	assert_line(kp, "db9", "dev", 4);
	assert_line(kp, "db9", "dev2", 4);
	assert_line(kp, "db9", "dev3", 4);
	assert_line(kp, "db9", "dev4", 0);
	/* an optional value; a name without a module is the kernel's */
	assert_line(kp, "kernel", "dyndbg", 5);
	assert_line(kp, "i8042", "nomux", 7);
	/* dashes and underscores are one */
	assert_line(kp, "kvm_amd", "nested", 8);
	assert_line(kp, "kvm-amd", "nested", 8);
	assert_line(kp, "kernel", "max_loop", 9);
	assert_line(kp, "loop", "max_loop", 10);
	assert_line(kp, "nfs", "callback_tcpport", 11);
	assert_line(kp, "kernel", "panic", 13);
	/* every parameter of sonypi */
	assert_line(kp, "sonypi", "minor", 14);
	assert_line(kp, "sonypi", "camera", 14);
	assert_line(kp, "usbcore", "autosuspend", 15);
	/* eight spaces are the tab's column */
	assert_line(kp, "workqueue", "default_affinity_scope", 16);
	assert_line(kp, "fw_devlink", "sync_state", 17);
	assert_line(kp, "lockd", "nlm_tcpport", 18);
	/* the module is the name before the first dot */
	assert_line(kp, "clocksource", "arm_arch_timer.evtstrm", 19);
	assert_line(kp, "kernel", "slab_debug", 20);
	assert_line(kp, "xive", "store_eoi", 21);
	assert_line(kp, "xive", "store-eoi", 21);
	assert_line(kp, "kernel", "ftrace_dump_on_oops", 22);
	/* only names: not the text of the descriptions */
	assert_line(kp, "kernel", "Format", 0);
	assert_line(kp, "kernel", "NFS", 0);
	/* <module>.dyndbg names no module */
	assert_line(kp, "module", "dyndbg", 0);
	assert_line(kp, "<module>", "dyndbg", 0);
	assert_line(kp, "acpi", "*", 0);
	assert_line(kp, "", "panic", 0);
	assert_line(kp, "kernel", "", 0);
	CU_ASSERT_EQUAL(kernel_params_count(kp), 21);
	kernel_params_free(kp);
	kernel_params_free(NULL);
	CU_ASSERT_EQUAL(kernel_params_lookup(NULL, "kernel", "panic"), 0);
	CU_ASSERT_EQUAL(kernel_params_count(NULL), 0);
}

/* Lines that look like entries and are not. */
static void test_not_entries(void)
{
	static const char text[] =
		"usbcore.atcolumn0=\n"        /* not indented */
		"\t\tttyS<n>[,options]\n"     /* 16 columns: text */
		"\t\t\tusbcore.described=1\n" /* 24 columns: text */
		"    usbcore.fourspaces=\n"   /* not the entry column */
		"\tacpi.\n"                   /* no parameter */
		"\t.leading=\n"               /* no module */
		"\tusbcore.star*=\n"          /* a '*' that is not the whole name */
		"\tusbcore.a.*=\n"            /* nor here */
		"\tusbcore.open[2|3=\n"       /* brackets never closed */
		"\tusbcore.odd[2,<n>]=\n"     /* brackets that are not names */
		"\tusbcore.glued\x01=\n"      /* a control character in the name */
		"\tusbcore.paren)=\n"         /* ')' with no '(' */
		"\t-dash=\n"              /* a name starts with a letter, digit or _ */
		"\t\xc3\xa9t\xc3\xa9=\n"; /* not ASCII */
	struct kernel_params *kp = parse(text);

	CU_ASSERT_EQUAL(kernel_params_count(kp), 0);
	assert_line(kp, "usbcore", "atcolumn0", 0);
	assert_line(kp, "usbcore", "described", 0);
	assert_line(kp, "acpi", "", 0);
	assert_line(kp, "kernel", "-dash", 0);
	kernel_params_free(kp);
}

/* NUL bytes, CRLF, no final newline, a line too long, a name too long, a file too large. */
static void test_hostile(void)
{
	static const char nul[] = "\tfirst.p=\n\tcut\0.p=\n\tsecond.p=\r\n\tlast.p=";
	struct kernel_params *kp;
	GString *s = g_string_new(NULL);
	char *big;

	CU_ASSERT_EQUAL_FATAL(kernel_params_parse(nul, sizeof(nul) - 1, &kp), 0);
	assert_line(kp, "first", "p", 1);
	assert_line(kp, "cut", "p", 0);
	assert_line(kp, "second", "p", 3);
	assert_line(kp, "last", "p", 4);
	CU_ASSERT_EQUAL(kernel_params_count(kp), 3);
	kernel_params_free(kp);

	CU_ASSERT_EQUAL(kernel_params_parse("", 0, &kp), 0);
	CU_ASSERT_EQUAL(kernel_params_count(kp), 0);
	kernel_params_free(kp);

	/* a line over the limit is no entry, whatever it starts with */
	g_string_append(s, "\tlong.p=");
	while (s->len <= KERNEL_PARAMS_MAX_LINE)
		g_string_append_c(s, 'x');
	g_string_append(s, "\n\tname.");
	for (int i = 0; i < KERNEL_PARAMS_MAX_NAME; i++)
		g_string_append_c(s, 'n');
	g_string_append(s, "=\n\tshort.p=\n");
	kp = parse(s->str);
	assert_line(kp, "long", "p", 0);
	assert_line(kp, "short", "p", 3);
	CU_ASSERT_EQUAL(kernel_params_count(kp), 1);
	kernel_params_free(kp);

	/* as many names as the limit, one name twice: read; one more: refused */
	g_string_truncate(s, 0);
	for (int i = 0; i < KERNEL_PARAMS_MAX_NAMES; i++)
		g_string_append_printf(s, "\tm.p%d=\n", i);
	g_string_append(s, "\tm.p0=\n");
	kp = parse(s->str);
	CU_ASSERT_EQUAL(kernel_params_count(kp), KERNEL_PARAMS_MAX_NAMES);
	assert_line(kp, "m", "p0", 1);
	kernel_params_free(kp);
	g_string_append(s, "\tm.one_more=\n");
	CU_ASSERT_EQUAL(kernel_params_parse(s->str, s->len, &kp), -E2BIG);
	CU_ASSERT_PTR_NULL(kp);
	g_string_free(s, TRUE);

	big = calloc(1, (size_t)KERNEL_PARAMS_MAX_SIZE + 1);
	CU_ASSERT_PTR_NOT_NULL_FATAL(big);
	kp = (struct kernel_params *)big;
	CU_ASSERT_EQUAL(kernel_params_parse(big, (size_t)KERNEL_PARAMS_MAX_SIZE + 1, &kp),
			-EFBIG);
	CU_ASSERT_PTR_NULL(kp);
	free(big);
}

/* The file below a directory; none; one that is no regular file, or leads out. */
static void test_read(void)
{
	static const struct unit_file files[] = {
		{ "with/" KERNEL_PARAMS_FILE, real },
		{ "without/admin-guide", NULL },
		{},
	};
	char *dir = unit_tree_new(files), *path;
	struct kernel_params *kp;
	int fd;

	path = g_build_filename(dir, "with", NULL);
	fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	g_free(path);
	CU_ASSERT_FATAL(fd >= 0);
	CU_ASSERT_EQUAL(kernel_params_read(fd, KERNEL_PARAMS_FILE, &kp), 0);
	assert_line(kp, "usbcore", "autosuspend", 15);
	CU_ASSERT_EQUAL(kernel_params_count(kp), 21);
	kernel_params_free(kp);
	close(fd);

	path = g_build_filename(dir, "without", NULL);
	fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	g_free(path);
	CU_ASSERT_FATAL(fd >= 0);
	kp = (struct kernel_params *)dir;
	CU_ASSERT_EQUAL(kernel_params_read(fd, KERNEL_PARAMS_FILE, &kp), -ENOENT);
	CU_ASSERT_PTR_NULL(kp);
	/* a FIFO would block a reader: refused before it is opened */
	path = g_build_filename(dir, "without", KERNEL_PARAMS_FILE, NULL);
	CU_ASSERT_FATAL(mkfifo(path, 0600) == 0);
	CU_ASSERT_EQUAL(kernel_params_read(fd, KERNEL_PARAMS_FILE, &kp),
			-EFTYPE_NOT_REGULAR);
	unlink(path);
	/* a link out of the directory is not followed */
	CU_ASSERT_FATAL(symlink("/etc/passwd", path) == 0);
	CU_ASSERT_EQUAL(kernel_params_read(fd, KERNEL_PARAMS_FILE, &kp), -EXDEV);
	unlink(path);
	g_free(path);
	close(fd);
	unit_tree_remove(dir);
}

/* kernel-parameters.txt without modinfo; no source at all. */
static void test_module_params(void)
{
	struct module_params *mp;
	unsigned int line = 99;

	mp = module_params_new(parse(real), strdup("k-p.txt"), NULL);
	CU_ASSERT_EQUAL(module_params_lookup(mp, "usbcore", "autosuspend", &line),
			MODULE_PARAM_KERNEL_PARAMETERS);
	CU_ASSERT_EQUAL(line, 15);
	CU_ASSERT_EQUAL(module_params_lookup(mp, "usbcore", "nosuch", &line),
			MODULE_PARAM_NOWHERE);
	CU_ASSERT_EQUAL(line, 0);
	CU_ASSERT_STRING_EQUAL(module_params_kernel_path(mp), "k-p.txt");
	CU_ASSERT_EQUAL(module_params_kernel_names(mp), 21);
	CU_ASSERT_EQUAL(module_params_modinfo_read(mp), 0);
	module_params_free(mp);

	mp = module_params_new(NULL, NULL, NULL);
	CU_ASSERT_EQUAL(module_params_lookup(mp, "usbcore", "autosuspend", &line),
			MODULE_PARAM_NOWHERE);
	CU_ASSERT_PTR_NULL(module_params_kernel_path(mp));
	CU_ASSERT_EQUAL(module_params_kernel_names(mp), 0);
	module_params_free(mp);
	CU_ASSERT_EQUAL(module_params_lookup(NULL, "kernel", "panic", &line),
			MODULE_PARAM_NOWHERE);
	module_params_free(NULL);
	CU_ASSERT_STRING_EQUAL(module_param_source_name(MODULE_PARAM_KERNEL_PARAMETERS),
			       "kernel-parameters.txt");
	CU_ASSERT_STRING_EQUAL(module_param_source_name(MODULE_PARAM_MODINFO), "modinfo");
	CU_ASSERT_PTR_NULL(module_param_source_name(MODULE_PARAM_NOWHERE));
}

static void never(void *data, const char *param)
{
	(*(int *)data)++;
}

/*
 * Modules trees libkmod must not read: none there, no index, an index that is a FIFO
 * (libkmod would block on it) or a link out of the tree. Each is unusable, and asking
 * it about a module gives -ENOENT at once.
 */
static void test_modules_dir_refused(void)
{
	static const struct unit_file files[] = {
		{ "empty", NULL },
		{ "fifo/modules.builtin.bin", "" },
		{ "link/modules.builtin.bin", "" },
		{},
	};
	static const char *const subdirs[] = { "nonexistent", "empty", "fifo", "link" };
	char *dir = unit_tree_new(files), *path;
	struct module_db *db;
	char *desc = (char *)"unset";
	int calls = 0;

	path = g_build_filename(dir, "fifo", "modules.dep.bin", NULL);
	CU_ASSERT_FATAL(mkfifo(path, 0600) == 0);
	g_free(path);
	path = g_build_filename(dir, "link", "modules.dep.bin", NULL);
	CU_ASSERT_FATAL(symlink("/dev/zero", path) == 0);
	g_free(path);
	for (size_t i = 0; i < G_N_ELEMENTS(subdirs); i++) {
		path = g_build_filename(dir, subdirs[i], NULL);
		CU_ASSERT_EQUAL_FATAL(module_db_new_at(path, &db), 0);
		CU_ASSERT_FALSE(module_db_usable(db));
		CU_ASSERT_STRING_EQUAL(module_db_dir(db), path);
		CU_ASSERT_EQUAL(module_db_params(db, "loop", never, &calls), -ENOENT);
		CU_ASSERT_EQUAL(module_db_describe(db, "loop", &desc), -ENOENT);
		CU_ASSERT_PTR_NULL(desc);
		module_db_free(db);
		g_free(path);
	}
	CU_ASSERT_EQUAL(calls, 0);
	CU_ASSERT_FALSE(module_db_usable(NULL));
	unit_tree_remove(dir);
}

void test_module_params_register(void)
{
	static const struct unit_test tests[] = {
		{ "the forms of the real file", test_real_forms },
		{ "lines that are no entries", test_not_entries },
		{ "hostile text and limits", test_hostile },
		{ "the file below a directory", test_read },
		{ "module parameters from the sources", test_module_params },
		{ "modules trees libkmod must not read", test_modules_dir_refused },
		{},
	};

	unit_add_suite("module-params", tests);
}
