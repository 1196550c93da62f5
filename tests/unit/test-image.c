// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * A tree through its compiled image (abi/image.c). Read back, an image gives the tree
 * and the diagnostics the text gave, field by field, and an index that answers alike.
 * An image is not read when a file of the tree changed, when it is damaged anywhere
 * (then nothing of it reaches the caller, no diagnostic either), or when it is a file
 * that this user did not write alone; and the image written in its place never replaces
 * what is not a regular file of this user.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "abi/abi-internal.h"
#include "unit.h"

#define ENTRY(what)                                                    \
	"What:\t\t" what "\nDate:\t\tJune 2020\nKernelVersion:\t5.8\n" \
	"Contact:\tx@example.org\nDescription:\tSomething.\n\n"

static const struct unit_file no_files[] = { {} };

/* One load, with its diagnostics logged. */
struct load {
	struct abi_ctx *ctx;
	struct abi_diag_log *log;
	struct abi_tree *tree;
	struct abi_image_info info;
	int r;
};

static void load_start(struct load *l)
{
	memset(l, 0, sizeof(*l));
	CU_ASSERT_EQUAL_FATAL(abi_ctx_new(&l->ctx), 0);
	CU_ASSERT_EQUAL_FATAL(abi_diag_log_new(&l->log), 0);
	abi_ctx_set_diag_fn(l->ctx, abi_diag_log_add, l->log);
}

static void load_text(const char *dir, struct load *l)
{
	load_start(l);
	l->r = abi_tree_load(l->ctx, dir, &l->tree);
}

static void load_image(const char *dir, const char *image, struct load *l)
{
	load_start(l);
	l->r = abi_tree_load_image(l->ctx, dir, image, &l->tree, &l->info);
}

static void load_free(struct load *l)
{
	abi_tree_free(l->tree);
	abi_diag_log_free(l->log);
	abi_ctx_free(l->ctx);
	memset(l, 0, sizeof(*l));
}

static char *join(const char *dir, const char *name)
{
	char *p;

	CU_ASSERT_FATAL(asprintf(&p, "%s/%s", dir, name) > 0);
	return p;
}

static char *read_all(const char *path, size_t *len)
{
	FILE *f = fopen(path, "re");
	struct stat st;
	char *buf;

	CU_ASSERT_PTR_NOT_NULL_FATAL(f);
	CU_ASSERT_FATAL(fstat(fileno(f), &st) == 0);
	*len = (size_t)st.st_size;
	buf = malloc(*len + 1);
	CU_ASSERT_PTR_NOT_NULL_FATAL(buf);
	CU_ASSERT_FATAL(fread(buf, 1, *len, f) == *len);
	fclose(f);
	return buf;
}

/* @path as a file of this user with @len bytes of @buf, mode 0644. */
static void write_all(const char *path, const void *buf, size_t len)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);

	CU_ASSERT_FATAL(fd >= 0);
	CU_ASSERT_FATAL(write(fd, buf, len) == (ssize_t)len);
	CU_ASSERT_FATAL(fchmod(fd, 0644) == 0);
	CU_ASSERT_FATAL(close(fd) == 0);
}

/* The names in @dir: no temporary file is left behind by an image written or not. */
static size_t names_in(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	size_t n = 0;

	CU_ASSERT_PTR_NOT_NULL_FATAL(d);
	while ((de = readdir(d)))
		n += strcmp(de->d_name, ".") && strcmp(de->d_name, "..");
	closedir(d);
	return n;
}

/* ---- equal trees, equal diagnostics ---- */

static bool same_str(const char *a, const char *b)
{
	return a == b || (a && b && !strcmp(a, b));
}

static void same_text(const struct abi_text *a, const struct abi_text *b)
{
	CU_ASSERT(same_str(a->str, b->str));
	CU_ASSERT_EQUAL(a->line, b->line);
}

static void same_what(const struct abi_what *a, const struct abi_what *b,
		      const struct abi_entry *b_entry)
{
	char *da, *db;

	CU_ASSERT_STRING_EQUAL(a->text, b->text);
	CU_ASSERT(same_str(a->path, b->path));
	CU_ASSERT(same_str(a->trailing, b->trailing));
	CU_ASSERT_EQUAL(a->line, b->line);
	CU_ASSERT_EQUAL(a->continuation, b->continuation);
	CU_ASSERT_EQUAL(a->is_dir, b->is_dir);
	CU_ASSERT_EQUAL(a->too_broad, b->too_broad);
	CU_ASSERT_EQUAL(a->kind, b->kind);
	CU_ASSERT_PTR_EQUAL(b->entry, b_entry);
	CU_ASSERT_EQUAL_FATAL(a->pattern == NULL, b->pattern == NULL);
	if (!a->pattern)
		return;
	da = abi_pattern_describe(a->pattern);
	db = abi_pattern_describe(b->pattern);
	CU_ASSERT_FATAL(da && db);
	CU_ASSERT_STRING_EQUAL(da, db);
	/* a listed placeholder is bound to its entry's Description again */
	CU_ASSERT(same_str(abi_pattern_listing(a->pattern),
			   abi_pattern_listing(b->pattern)));
	free(da);
	free(db);
}

static void same_entry(const struct abi_entry *a, const struct abi_entry *b,
		       const struct abi_file *b_file)
{
	CU_ASSERT_PTR_EQUAL(b->file, b_file);
	CU_ASSERT_EQUAL(a->level, b->level);
	CU_ASSERT_EQUAL(a->line, b->line);
	CU_ASSERT_EQUAL(a->index, b->index);
	same_text(&a->date, &b->date);
	same_text(&a->kernel_version, &b->kernel_version);
	same_text(&a->contact, &b->contact);
	same_text(&a->description, &b->description);
	same_text(&a->users, &b->users);
	CU_ASSERT_EQUAL(a->date_year, b->date_year);
	CU_ASSERT_EQUAL(a->date_month, b->date_month);
	CU_ASSERT_EQUAL(a->kv_major, b->kv_major);
	CU_ASSERT_EQUAL(a->kv_minor, b->kv_minor);
	CU_ASSERT_EQUAL_FATAL(a->n_whats, b->n_whats);
	for (size_t w = 0; w < a->n_whats; w++)
		same_what(&a->whats[w], &b->whats[w], b);
}

static void same_tree(const struct abi_tree *a, const struct abi_tree *b)
{
	size_t k = 0;

	CU_ASSERT_PTR_NOT_NULL_FATAL(a);
	CU_ASSERT_PTR_NOT_NULL_FATAL(b);
	CU_ASSERT_STRING_EQUAL(a->root, b->root);
	CU_ASSERT(same_str(a->kernel_version, b->kernel_version));
	CU_ASSERT_EQUAL_FATAL(a->n_files, b->n_files);
	CU_ASSERT_EQUAL_FATAL(a->n_entries, b->n_entries);
	CU_ASSERT_EQUAL(a->n_whats, b->n_whats);
	for (size_t i = 0; i < a->n_files; i++) {
		const struct abi_file *fa = a->files[i], *fb = b->files[i];

		CU_ASSERT_STRING_EQUAL(fa->path, fb->path);
		CU_ASSERT_STRING_EQUAL(fa->name, fb->name);
		CU_ASSERT_EQUAL(fa->level, fb->level);
		CU_ASSERT_EQUAL_FATAL(fa->n_entries, fb->n_entries);
		for (size_t e = 0; e < fa->n_entries; e++, k++) {
			same_entry(fa->entries[e], fb->entries[e], fb);
			/* the tree's list is the files' entries in order */
			CU_ASSERT_PTR_EQUAL(b->entries[k], fb->entries[e]);
			CU_ASSERT_EQUAL(fb->entries[e]->index, k);
		}
	}
	CU_ASSERT_EQUAL(k, b->n_entries);
}

static void same_diags(const struct load *a, const struct load *b)
{
	CU_ASSERT_EQUAL_FATAL(a->log->n_diags, b->log->n_diags);
	for (size_t i = 0; i < a->log->n_diags; i++) {
		const struct abi_diag *da = &a->log->diags[i], *db = &b->log->diags[i];

		CU_ASSERT_EQUAL(da->kind, db->kind);
		CU_ASSERT_EQUAL(da->severity, db->severity);
		CU_ASSERT_STRING_EQUAL(da->loc.file, db->loc.file);
		CU_ASSERT_EQUAL(da->loc.line, db->loc.line);
		CU_ASSERT_STRING_EQUAL(da->message, db->message);
		CU_ASSERT_EQUAL_FATAL(da->n_related, db->n_related);
		for (size_t k = 0; k < da->n_related; k++) {
			CU_ASSERT_STRING_EQUAL(da->related[k].file, db->related[k].file);
			CU_ASSERT_EQUAL(da->related[k].line, db->related[k].line);
		}
	}
	for (int kind = 0; kind < ABI_DIAG_KIND_COUNT; kind++)
		CU_ASSERT_EQUAL(abi_ctx_diag_count(a->ctx, kind),
				abi_ctx_diag_count(b->ctx, kind));
}

static int note_match(void *data, const struct abi_what *w)
{
	abi_strbuf_addf(data, " %s:%u", w->entry->file->path, w->line);
	return 0;
}

/* What the tree's index finds for each of @paths: "PATH: FILE:LINE...\n" each. */
static char *lookups(const struct abi_tree *tree, const char *const *paths)
{
	struct abi_strbuf sb = { 0 };
	struct abi_index *index;
	char *s;

	CU_ASSERT_EQUAL_FATAL(abi_index_new(tree, &index), 0);
	for (; *paths; paths++) {
		abi_strbuf_addf(&sb, "%s:", *paths);
		CU_ASSERT_EQUAL(abi_index_lookup(index, *paths, note_match, &sb), 0);
		abi_strbuf_addc(&sb, '\n');
	}
	abi_index_free(index);
	s = abi_strbuf_detach(&sb);
	CU_ASSERT_PTR_NOT_NULL_FATAL(s);
	return s;
}

/* The load through @image is the text load of @dir: tree, diagnostics, counts. */
static void same_as_text(const char *dir, const struct load *l)
{
	struct load text;

	load_text(dir, &text);
	CU_ASSERT_EQUAL_FATAL(text.r, 0);
	CU_ASSERT_EQUAL_FATAL(l->r, 0);
	same_tree(text.tree, l->tree);
	same_diags(&text, l);
	load_free(&text);
}

/* ---- round trips ---- */

/*
 * @dir loaded from its text, then through an image twice: written, then read. Both
 * give the text's tree and diagnostics, and lookups of @paths give @expected.
 */
static void round_trip(const char *dir, const char *const *paths, const char *expected,
		       size_t min_diags)
{
	char *tmp = unit_tree_new(no_files), *image = join(tmp, "abi.image");
	char *found[3];
	struct load l[3];

	load_text(dir, &l[0]);
	CU_ASSERT_EQUAL_FATAL(l[0].r, 0);
	CU_ASSERT(l[0].log->n_diags >= min_diags);
	load_image(dir, image, &l[1]);
	CU_ASSERT_EQUAL_FATAL(l[1].r, 0);
	CU_ASSERT_FALSE(l[1].info.read);
	CU_ASSERT_EQUAL(l[1].info.read_err, -ENOENT);
	CU_ASSERT_EQUAL(l[1].info.write_err, 0);
	load_image(dir, image, &l[2]);
	CU_ASSERT_EQUAL_FATAL(l[2].r, 0);
	CU_ASSERT_TRUE(l[2].info.read);
	CU_ASSERT_EQUAL(l[2].info.read_err, 0);
	CU_ASSERT_EQUAL(l[2].info.write_err, 0);
	for (int i = 0; i < 3; i++) {
		if (i) {
			same_tree(l[0].tree, l[i].tree);
			same_diags(&l[0], &l[i]);
		}
		found[i] = lookups(l[i].tree, paths);
	}
	CU_ASSERT_STRING_EQUAL(found[0], expected);
	CU_ASSERT_STRING_EQUAL(found[1], expected);
	CU_ASSERT_STRING_EQUAL(found[2], expected);
	for (int i = 0; i < 3; i++) {
		free(found[i]);
		load_free(&l[i]);
	}
	CU_ASSERT_EQUAL(names_in(tmp), 1);
	free(image);
	unit_tree_remove(tmp);
}

static void test_round_trip_basic(void)
{
	static const char *const paths[] = {
		"/sys/class/net/eth0/mtu",
		"/sys/devices/system/cpu/cpu0/topology/physical_package_id",
		"/sys/bus/usb/drivers/usbold/unbind",
		"/sys/kernel/btf/vmlinux",
		"/sys/kernel/btf/nvme",
		"/sys/kernel/btf/nvme/x",
		NULL,
	};
	char *dir = join(unit_fixtures_dir(), "basic/abi");

	round_trip(
		dir, paths,
		"/sys/class/net/eth0/mtu: stable/sysfs-class-net-sample:1\n"
		"/sys/devices/system/cpu/cpu0/topology/physical_package_id:"
		" stable/sysfs-devices-system-cpu:1 testing/sysfs-devices-system-cpu:13\n"
		"/sys/bus/usb/drivers/usbold/unbind: obsolete/sysfs-bus-usb-old:1\n"
		"/sys/kernel/btf/vmlinux: testing/sysfs-kernel-btf:9"
		" testing/sysfs-kernel-btf:19\n"
		"/sys/kernel/btf/nvme: testing/sysfs-kernel-btf:19\n"
		"/sys/kernel/btf/nvme/x:\n",
		0);
	free(dir);
}

/* Many diagnostics, of many kinds, some with related places. */
static void test_round_trip_defects(void)
{
	static const char *const paths[] = {
		"/sys/kernel/dup",
		"/sys/stray",
		"/sys/bus/foo/devices/foo0/baz",
		"/sys/devices/pci0000:00/0000:00:01.0/thing",
		NULL,
	};
	char *dir = join(unit_fixtures_dir(), "defects/abi");

	round_trip(dir, paths,
		   "/sys/kernel/dup: stable/sysfs-dup:1 testing/sysfs-dup:1"
		   " testing/sysfs-dup:4\n"
		   "/sys/stray: sysfs-stray:1\n"
		   "/sys/bus/foo/devices/foo0/baz: testing/sysfs-tags:14\n"
		   "/sys/devices/pci0000:00/0000:00:01.0/thing: testing/sysfs-whats:9\n",
		   10);
	free(dir);
}

/*
 * Every form a pattern compiles from, a listed placeholder that matches only what its
 * Description names, prose, trailing text, directories, a too-broad What, and the
 * kernel version of the source tree around the documentation.
 */
static void test_round_trip_forms(void)
{
	static const struct unit_file files[] = {
		{ "Makefile",
		  "VERSION = 6\nPATCHLEVEL = 12\nSUBLEVEL = 3\nEXTRAVERSION =\n" },
		{ "Documentation/ABI/testing/sysfs-forms",
		  "What:\t\t/sys/devices/system/cpu/cpu[0-9]+/cache/index*/"
		  "<set_of_attributes_mentioned_below>\n"
		  "Date:\t\t2008-06\nKernelVersion:\tv2.6.26\nContact:\tx@example.org\n"
		  "Description:\tCache attributes:\n\n\t\tlevel: its level\n"
		  "\t\tsize: its size\nUsers:\t\tlscpu\n\n"
		  "What:\t\t/sys/bus/cxl/devices/decoderX.Y/{start,size}\n"
		  "\t\t/sys/devices/.../power/runtime_status\n"
		  "\t\t.../XXXXXXX.ipa/version\n"
		  "\t\t/sys/devices/platform/usbip-vudc.%d/dev_desc\n"
		  "\t\t/sys/devices/system/xen_cpu/xen_cpu#/online\n"
		  "Date:\t\tJune 2020\nKernelVersion:\t5.8\nContact:\tx@example.org\n"
		  "Description:\tSeveral forms.\n\n"
		  "What:\t\t/sys/kernel/forms/dir/\n"
		  "\t\t/sys/kernel/forms/value = \"1\"\n"
		  "\t\t/sys/kernel/forms/word with prose after it\n"
		  "\t\t/sys/.../<device>/<UUID>/\n"
		  "\t\tnot a path at all\n"
		  "\t\t/proc/sys/kernel/forms\n"
		  "Date:\t\tsome day\nKernelVersion:\tsoon\n"
		  "Description:\tThe rest.\n\n" },
		{},
	};
	static const char *const paths[] = {
		"/sys/devices/system/cpu/cpu3/cache/index2/level",
		"/sys/devices/system/cpu/cpu3/cache/index2/colour",
		"/sys/bus/cxl/devices/decoder0.1/size",
		"/sys/devices/pci0000:00/0000:00:01.0/power/runtime_status",
		"/sys/bus/platform/devices/1e40000.ipa/version",
		"/sys/devices/platform/usbip-vudc.0/dev_desc",
		"/sys/devices/system/xen_cpu/xen_cpu12/online",
		"/sys/kernel/forms/dir",
		"/sys/kernel/forms/value",
		"/sys/kernel/forms/word",
		"/proc/sys/kernel/forms",
		NULL,
	};
	char *dir = unit_tree_new(files), *abi = join(dir, "Documentation/ABI");
	struct load l;

	round_trip(
		abi, paths,
		"/sys/devices/system/cpu/cpu3/cache/index2/level: testing/sysfs-forms:1\n"
		"/sys/devices/system/cpu/cpu3/cache/index2/colour:\n"
		"/sys/bus/cxl/devices/decoder0.1/size: testing/sysfs-forms:11\n"
		"/sys/devices/pci0000:00/0000:00:01.0/power/runtime_status:"
		" testing/sysfs-forms:12\n"
		"/sys/bus/platform/devices/1e40000.ipa/version: testing/sysfs-forms:13\n"
		"/sys/devices/platform/usbip-vudc.0/dev_desc: testing/sysfs-forms:14\n"
		"/sys/devices/system/xen_cpu/xen_cpu12/online: testing/sysfs-forms:15\n"
		"/sys/kernel/forms/dir: testing/sysfs-forms:21\n"
		"/sys/kernel/forms/value: testing/sysfs-forms:22\n"
		"/sys/kernel/forms/word: testing/sysfs-forms:23\n"
		"/proc/sys/kernel/forms: testing/sysfs-forms:26\n",
		3);
	/* the forms are there to be read back, not lost on the way */
	load_text(abi, &l);
	CU_ASSERT_EQUAL_FATAL(l.r, 0);
	CU_ASSERT_STRING_EQUAL(l.tree->kernel_version, "6.12.3");
	CU_ASSERT_EQUAL_FATAL(l.tree->n_entries, 3);
	CU_ASSERT_EQUAL(l.tree->entries[0]->kv_major, 2);
	CU_ASSERT_EQUAL(l.tree->entries[0]->kv_minor, 6);
	CU_ASSERT_EQUAL(l.tree->entries[0]->date_year, 2008);
	CU_ASSERT_EQUAL(l.tree->entries[0]->date_month, 6);
	CU_ASSERT_PTR_NOT_NULL(l.tree->entries[0]->users.str);
	CU_ASSERT_EQUAL(l.tree->entries[2]->kv_major, -1);
	CU_ASSERT_EQUAL(l.tree->entries[2]->date_year, 0);
	CU_ASSERT_PTR_NULL(l.tree->entries[2]->contact.str);
	CU_ASSERT_EQUAL_FATAL(l.tree->entries[2]->n_whats, 6);
	CU_ASSERT_TRUE(l.tree->entries[2]->whats[0].is_dir);
	CU_ASSERT_STRING_EQUAL(l.tree->entries[2]->whats[2].trailing,
			       "with prose after it");
	CU_ASSERT_TRUE(l.tree->entries[2]->whats[3].too_broad);
	CU_ASSERT_EQUAL(l.tree->entries[2]->whats[4].kind, ABI_WHAT_PROSE);
	CU_ASSERT_PTR_NULL(l.tree->entries[2]->whats[4].pattern);
	CU_ASSERT_EQUAL(l.tree->entries[2]->whats[5].kind, ABI_WHAT_PROCFS);
	load_free(&l);
	free(abi);
	unit_tree_remove(dir);
}

/* ---- a changed tree: the image is stale, and the tree read is the new one ---- */

static void expect_read(const char *dir, const char *image)
{
	struct load l;

	load_image(dir, image, &l);
	CU_ASSERT_EQUAL_FATAL(l.r, 0);
	CU_ASSERT_TRUE(l.info.read);
	same_as_text(dir, &l);
	load_free(&l);
}

static void expect_stale(const char *dir, const char *image, size_t n_files,
			 size_t n_entries)
{
	struct load l;

	load_image(dir, image, &l);
	CU_ASSERT_EQUAL_FATAL(l.r, 0);
	CU_ASSERT_FALSE(l.info.read);
	CU_ASSERT_EQUAL(l.info.read_err, -ESTALE);
	CU_ASSERT_EQUAL(l.info.write_err, 0);
	CU_ASSERT_EQUAL(l.tree->n_files, n_files);
	CU_ASSERT_EQUAL(l.tree->n_entries, n_entries);
	same_as_text(dir, &l);
	load_free(&l);
	/* and written anew for the tree as it is now */
	expect_read(dir, image);
}

static void test_stale(void)
{
	static const struct unit_file files[] = {
		{ "Makefile",
		  "VERSION = 6\nPATCHLEVEL = 12\nSUBLEVEL = 1\nEXTRAVERSION =\n" },
		{ "Documentation/ABI/stable/sysfs-a", ENTRY("/sys/a") },
		{ "Documentation/ABI/testing/sysfs-b", ENTRY("/sys/b") },
		{},
	};
	static const char makefile[] = "VERSION = 6\nPATCHLEVEL = 12\nSUBLEVEL = 22\n";
	static const char text[] = ENTRY("/sys/a") ENTRY("/sys/a2");
	/* a time long past, whatever the clock says now */
	const struct timespec past[2] = { { 1000000000, 0 }, { 1000000000, 0 } };
	char *root = unit_tree_new(files), *tmp = unit_tree_new(no_files);
	char *dir = join(root, "Documentation/ABI"), *image = join(tmp, "abi.image");
	char *a = join(dir, "stable/sysfs-a"), *b = join(dir, "testing/sysfs-b");
	char *c = join(dir, "testing/sysfs-c"), *mk = join(root, "Makefile");
	struct abi_tree *tree;
	char *buf, *stamp;
	struct load l;
	size_t len;

	load_image(dir, image, &l);
	CU_ASSERT_FALSE(l.info.read);
	CU_ASSERT_EQUAL(l.info.read_err, -ENOENT);
	CU_ASSERT_EQUAL(l.info.write_err, 0);
	load_free(&l);
	expect_read(dir, image);

	/* the same bytes, other times */
	CU_ASSERT_FATAL(utimensat(AT_FDCWD, a, past, 0) == 0);
	expect_stale(dir, image, 2, 2);

	/* other bytes: the new entry is there */
	write_all(a, text, strlen(text));
	expect_stale(dir, image, 2, 3);
	load_image(dir, image, &l);
	CU_ASSERT_TRUE(l.info.read);
	CU_ASSERT_STRING_EQUAL(l.tree->entries[1]->whats[0].path, "/sys/a2");
	load_free(&l);

	/* a file more, a file less */
	write_all(c, ENTRY("/sys/c"), strlen(ENTRY("/sys/c")));
	expect_stale(dir, image, 3, 4);
	CU_ASSERT_FATAL(unlink(b) == 0);
	expect_stale(dir, image, 2, 3);

	/* the kernel's Makefile, outside the tree, which gives its version */
	load_image(dir, image, &l);
	CU_ASSERT_STRING_EQUAL(l.tree->kernel_version, "6.12.1");
	load_free(&l);
	write_all(mk, makefile, strlen(makefile));
	expect_stale(dir, image, 2, 3);
	load_image(dir, image, &l);
	CU_ASSERT_TRUE(l.info.read);
	CU_ASSERT_STRING_EQUAL(l.tree->kernel_version, "6.12.22");
	load_free(&l);

	/* an image for another stamp, or that another build of libabi wrote */
	CU_ASSERT_EQUAL_FATAL(abi_tree_stamp(dir, &stamp), 0);
	buf = read_all(image, &len);
	load_start(&l);
	CU_ASSERT_EQUAL(abi_tree_from_image(l.ctx, dir, buf, len, "F x", &tree), -ESTALE);
	CU_ASSERT_PTR_NULL(tree);
	CU_ASSERT_EQUAL(l.log->n_diags, 0);
	CU_ASSERT_EQUAL(abi_tree_from_image(l.ctx, dir, buf, len, stamp, &tree), 0);
	abi_tree_free(tree);
	/* the build ID, in hex, after the header and the string's length */
	CU_ASSERT_FATAL(len > 21 && buf[20] != '\0');
	buf[20] = buf[20] == 'a' ? 'b' : 'a';
	CU_ASSERT_EQUAL(abi_tree_from_image(l.ctx, dir, buf, len, stamp, &tree), -ESTALE);
	CU_ASSERT_PTR_NULL(tree);
	/* no stamp takes any: the image is whole, only not this build's */
	CU_ASSERT_EQUAL(abi_tree_from_image(l.ctx, dir, buf, len, NULL, &tree), 0);
	abi_tree_free(tree);
	load_free(&l);
	write_all(image, buf, len);
	expect_stale(dir, image, 2, 3);

	free(buf);
	free(stamp);
	free(mk);
	free(a);
	free(b);
	free(c);
	free(image);
	free(dir);
	unit_tree_remove(tmp);
	unit_tree_remove(root);
}

/* ---- damaged images: refused whole, before any diagnostic ---- */

static void count_diag(void *data, const struct abi_diag *d)
{
	++*(size_t *)data;
}

static int count_match(void *data, const struct abi_what *w)
{
	++*(size_t *)data;
	return 0;
}

/*
 * abi_tree_from_image() on @len bytes of @buf copied into a buffer of that size, so
 * that ASan and valgrind catch a read past it. Returns its result, -EFAULT for an
 * error that left a tree; *@delivered counts the diagnostics it delivered. A tree is
 * indexed, each What looked up by its path, and freed.
 */
static int decode(const char *dir, const char *buf, size_t len, size_t *delivered)
{
	char *copy = malloc(len ? len : 1);
	struct abi_tree *tree = NULL;
	struct abi_index *index;
	struct abi_ctx *ctx;
	size_t n = 0;
	int r;

	CU_ASSERT_PTR_NOT_NULL_FATAL(copy);
	CU_ASSERT_EQUAL_FATAL(abi_ctx_new(&ctx), 0);
	memcpy(copy, buf, len);
	*delivered = 0;
	abi_ctx_set_diag_fn(ctx, count_diag, delivered);
	r = abi_tree_from_image(ctx, dir, copy, len, NULL, &tree);
	if (r < 0 && tree)
		r = -EFAULT;
	if (r == 0) {
		CU_ASSERT_EQUAL_FATAL(abi_index_new(tree, &index), 0);
		for (size_t e = 0; e < tree->n_entries; e++)
			for (size_t w = 0; w < tree->entries[e]->n_whats; w++)
				abi_index_lookup(index, tree->entries[e]->whats[w].path,
						 count_match, &n);
		abi_index_free(index);
		abi_tree_free(tree);
	}
	abi_ctx_free(ctx);
	free(copy);
	return r;
}

/* The image of @dir as abi_tree_write_image() writes it; *@n_diags: the load's. */
static char *image_of(const char *dir, size_t *len, size_t *n_diags)
{
	char *tmp = unit_tree_new(no_files), *image = join(tmp, "abi.image"), *buf;
	struct abi_tree *tree;
	struct abi_ctx *ctx;
	int write_err;

	CU_ASSERT_EQUAL_FATAL(abi_ctx_new(&ctx), 0);
	*n_diags = 0;
	abi_ctx_set_diag_fn(ctx, count_diag, n_diags);
	CU_ASSERT_EQUAL_FATAL(abi_tree_write_image(ctx, dir, image, &tree, &write_err),
			      0);
	CU_ASSERT_EQUAL_FATAL(write_err, 0);
	buf = read_all(image, len);
	abi_tree_free(tree);
	abi_ctx_free(ctx);
	free(image);
	unit_tree_remove(tmp);
	return buf;
}

static void put_u32(char *p, uint32_t v)
{
	for (int i = 0; i < 4; i++)
		p[i] = (char)(v >> (8 * i));
}

static void test_damage(void)
{
	char *dir = join(unit_fixtures_dir(), "defects/abi"), *buf, *bad;
	size_t len, n_diags, delivered, refused = 0, taken = 0, wrong = 0;
	int r;

	buf = image_of(dir, &len, &n_diags);
	CU_ASSERT_FATAL(len > 1000 && n_diags >= 10);
	CU_ASSERT_EQUAL(decode(dir, buf, len, &delivered), 0);
	CU_ASSERT_EQUAL(delivered, n_diags);

	/* cut anywhere: the end is missing, whatever came before it */
	for (size_t n = 0; n < len; n++) {
		r = decode(dir, buf, n, &delivered);
		if ((r != -EINVAL || delivered) && wrong++ < 5)
			fprintf(stderr, "\n  cut at %zu of %zu: %d, %zu diagnostics\n", n,
				len, r, delivered);
	}
	CU_ASSERT_EQUAL(wrong, 0);

	/*
	 * Any byte changed: refused with no diagnostic, or a tree that holds, its index
	 * too (a byte of a string's text is as good as another).
	 */
	bad = malloc(len + 1);
	CU_ASSERT_PTR_NOT_NULL_FATAL(bad);
	for (size_t i = 0; i < len; i++) {
		/* one change a byte, a low bit, the high one or all, in turn (valgrind) */
		static const unsigned char flips[] = { 0x01, 0x80, 0xff };

		memcpy(bad, buf, len);
		bad[i] ^= (char)flips[i % ARRAY_SIZE(flips)];
		r = decode(dir, bad, len, &delivered);
		if (r == 0)
			taken++;
		else if (r == -EINVAL && !delivered)
			refused++;
		else if (wrong++ < 5)
			fprintf(stderr, "\n  byte %zu changed: %d, %zu diagnostics\n", i,
				r, delivered);
	}
	CU_ASSERT_EQUAL(wrong, 0);
	CU_ASSERT(refused > 0);
	CU_ASSERT(taken > 0);

	/* one byte more */
	memcpy(bad, buf, len);
	bad[len] = '\0';
	CU_ASSERT_EQUAL(decode(dir, bad, len + 1, &delivered), -EINVAL);
	/* another version of the format, another byte order, another magic */
	memcpy(bad, buf, len);
	put_u32(bad + 8, 2);
	CU_ASSERT_EQUAL(decode(dir, bad, len, &delivered), -EINVAL);
	memcpy(bad, buf, len);
	put_u32(bad + 12, 0x04030201);
	CU_ASSERT_EQUAL(decode(dir, bad, len, &delivered), -EINVAL);
	memcpy(bad, buf, len);
	bad[0] = 's';
	CU_ASSERT_EQUAL(decode(dir, bad, len, &delivered), -EINVAL);
	/* the end marker */
	memcpy(bad, buf, len);
	put_u32(bad + len - 4, 0);
	CU_ASSERT_EQUAL(decode(dir, bad, len, &delivered), -EINVAL);
	/* not an image at all */
	CU_ASSERT_EQUAL(decode(dir, ENTRY("/sys/a"), strlen(ENTRY("/sys/a")), &delivered),
			-EINVAL);
	memset(bad, 0, len);
	CU_ASSERT_EQUAL(decode(dir, bad, len, &delivered), -EINVAL);
	free(bad);
	free(buf);
	free(dir);
}

/* What is wrong with a hand-made image. */
enum defect {
	DEFECT_NONE,
	DEFECT_FILE_PATH,  /* a file without a path, and an entry */
	DEFECT_WHAT_PATH,  /* a What without a path */
	DEFECT_DIAG_FILE,  /* a diagnostic without a file */
	DEFECT_KV_MAJOR,   /* a kernel version past INT_MAX */
	DEFECT_DATE_MONTH, /* a thirteenth month */
	DEFECT_COUNT,
};

/*
 * An image of one file, one entry, one What and one diagnostic, as image.c lays it
 * out, with @defect. Malloc'd, *@len bytes.
 */
static char *made_image(enum defect defect, size_t *len)
{
	struct abi_strbuf sb = { 0 };

	abi_strbuf_add(&sb, "SYSABI\0I", 8);
	abi_image_put_u32(&sb, 1);
	abi_image_put_u32(&sb, 0x01020304);
	abi_image_put_str(&sb, NULL); /* build */
	abi_image_put_str(&sb, NULL); /* stamp */
	abi_image_put_str(&sb, NULL); /* kernel version */
	abi_image_put_u32(&sb, 1);
	abi_image_put_str(&sb, defect == DEFECT_FILE_PATH ? NULL : "testing/sysfs-a");
	abi_image_put_u32(&sb, 1);
	abi_image_put_u32(&sb, 1); /* the entry's line, its five texts */
	for (int i = 0; i < 5; i++) {
		abi_image_put_str(&sb, NULL);
		abi_image_put_u32(&sb, 0);
	}
	/* date_year, date_month, kv_major + 1, kv_minor + 1 */
	abi_image_put_u32(&sb, 2020);
	abi_image_put_u32(&sb, defect == DEFECT_DATE_MONTH ? 13 : 6);
	abi_image_put_u32(&sb, defect == DEFECT_KV_MAJOR ? 0x80000000u : 6);
	abi_image_put_u32(&sb, 9);
	abi_image_put_u32(&sb, 1);
	abi_image_put_str(&sb, "/sys/a");
	abi_image_put_str(&sb, defect == DEFECT_WHAT_PATH ? NULL : "/sys/a");
	abi_image_put_str(&sb, NULL);
	abi_image_put_u32(&sb, 1);
	abi_image_put_u8(&sb, 0); /* flags, kind, no pattern */
	abi_image_put_u8(&sb, ABI_WHAT_SYSFS);
	abi_image_put_u8(&sb, 0);
	abi_image_put_u32(&sb, 1);
	abi_image_put_u32(&sb, ABI_DIAG_MISSING_DESCRIPTION);
	abi_image_put_str(&sb, defect == DEFECT_DIAG_FILE ? NULL : "testing/sysfs-a");
	abi_image_put_u32(&sb, 1);
	abi_image_put_str(&sb, "no Description");
	abi_image_put_u32(&sb, 0);
	abi_image_put_u32(&sb, 0x0a0b0c0d);
	CU_ASSERT_EQUAL_FATAL(sb.err, 0);
	*len = sb.len;
	return abi_strbuf_detach(&sb);
}

/*
 * What a loaded tree never holds: refused, as bytes cut short are. The first three
 * reached code that read a NULL string or walked entries with no array yet (the
 * fuzz-image regressions); a kernel version past INT_MAX overflowed as it was read.
 */
static void test_made_defects(void)
{
	struct abi_tree *tree;
	struct abi_ctx *ctx;
	size_t len, delivered;
	char *buf;

	buf = made_image(DEFECT_NONE, &len);
	CU_ASSERT_EQUAL(decode("dir", buf, len, &delivered), 0);
	CU_ASSERT_EQUAL(delivered, 1);
	/* what the others change is what a tree has */
	CU_ASSERT_EQUAL_FATAL(abi_ctx_new(&ctx), 0);
	CU_ASSERT_EQUAL_FATAL(abi_tree_from_image(ctx, "dir", buf, len, NULL, &tree), 0);
	CU_ASSERT_EQUAL_FATAL(tree->n_entries, 1);
	CU_ASSERT_STRING_EQUAL(tree->files[0]->path, "testing/sysfs-a");
	CU_ASSERT_EQUAL(tree->files[0]->level, ABI_LEVEL_TESTING);
	CU_ASSERT_STRING_EQUAL(tree->entries[0]->whats[0].path, "/sys/a");
	CU_ASSERT_EQUAL(tree->entries[0]->date_month, 6);
	CU_ASSERT_EQUAL(tree->entries[0]->kv_major, 5);
	CU_ASSERT_EQUAL(tree->entries[0]->kv_minor, 8);
	CU_ASSERT_EQUAL(abi_ctx_diag_count(ctx, ABI_DIAG_MISSING_DESCRIPTION), 1);
	abi_tree_free(tree);
	abi_ctx_free(ctx);
	free(buf);
	for (enum defect d = DEFECT_NONE + 1; d < DEFECT_COUNT; d++) {
		buf = made_image(d, &len);
		CU_ASSERT_EQUAL(decode("dir", buf, len, &delivered), -EINVAL);
		CU_ASSERT_EQUAL(delivered, 0);
		free(buf);
	}
}

/*
 * The same on disk, through abi_tree_load_image(): a damaged image is not read, the
 * diagnostics are the text's, once, and the image is written anew.
 */
static void test_damage_on_disk(void)
{
	static const char not_image[] = "What: not an image\n";
	char *dir = join(unit_fixtures_dir(), "defects/abi");
	char *tmp = unit_tree_new(no_files), *image = join(tmp, "abi.image"), *buf;
	size_t len, n_diags;
	struct load l;

	buf = image_of(dir, &len, &n_diags);
	for (int i = 0; i < 5; i++) {
		switch (i) {
		case 0: /* cut short */
			write_all(image, buf, len / 2);
			break;
		case 1: /* another version */
			put_u32(buf + 8, 2);
			write_all(image, buf, len);
			put_u32(buf + 8, 1);
			break;
		case 2: /* text */
			write_all(image, not_image, strlen(not_image));
			break;
		case 3: /* shorter than a header */
			write_all(image, buf, 15);
			break;
		case 4: /* empty */
			write_all(image, "", 0);
			break;
		}
		load_image(dir, image, &l);
		CU_ASSERT_EQUAL_FATAL(l.r, 0);
		CU_ASSERT_FALSE(l.info.read);
		CU_ASSERT_EQUAL(l.info.read_err, -EINVAL);
		CU_ASSERT_EQUAL(l.info.write_err, 0);
		CU_ASSERT_EQUAL(l.log->n_diags, n_diags);
		same_as_text(dir, &l);
		load_free(&l);
		expect_read(dir, image);
	}
	free(buf);
	free(image);
	unit_tree_remove(tmp);
	free(dir);
}

/* ---- where an image is not read, and what it is not written over ---- */

/*
 * Load @dir through @image, a file that must not be read: the tree is the text's;
 * *@image is left as it was when @write_err says it was not written over.
 */
static void expect_refused(const char *dir, const char *image, int read_err,
			   int write_err)
{
	struct stat before, after;
	struct load l;

	CU_ASSERT_FATAL(lstat(image, &before) == 0);
	load_image(dir, image, &l);
	CU_ASSERT_EQUAL_FATAL(l.r, 0);
	CU_ASSERT_FALSE(l.info.read);
	CU_ASSERT_EQUAL(l.info.read_err, read_err);
	CU_ASSERT_EQUAL(l.info.write_err, write_err);
	same_as_text(dir, &l);
	load_free(&l);
	CU_ASSERT_FATAL(lstat(image, &after) == 0);
	if (write_err) {
		/* the same file, untouched */
		CU_ASSERT_EQUAL(after.st_ino, before.st_ino);
		CU_ASSERT_EQUAL(after.st_mode, before.st_mode);
		CU_ASSERT_EQUAL(after.st_uid, before.st_uid);
		CU_ASSERT_EQUAL(after.st_size, before.st_size);
		CU_ASSERT_EQUAL(after.st_mtim.tv_sec, before.st_mtim.tv_sec);
		CU_ASSERT_EQUAL(after.st_mtim.tv_nsec, before.st_mtim.tv_nsec);
	} else {
		/* replaced by an image of this user that only this user may write */
		CU_ASSERT_NOT_EQUAL(after.st_ino, before.st_ino);
		CU_ASSERT_TRUE(S_ISREG(after.st_mode));
		CU_ASSERT_EQUAL(after.st_mode & 07777, 0644);
		CU_ASSERT_EQUAL(after.st_uid, geteuid());
		expect_read(dir, image);
	}
}

static void test_refusals(void)
{
	static const struct unit_file files[] = {
		{ "stable/sysfs-a", ENTRY("/sys/a") },
		{},
	};
	char *dir = unit_tree_new(files), *tmp = unit_tree_new(no_files);
	char *good = join(tmp, "good.image"), *path, *buf, *again;
	size_t len, n_diags, len2;

	buf = image_of(dir, &len, &n_diags);
	write_all(good, buf, len);
	expect_read(dir, good);

	/* a link, even to a good image: not followed, not replaced */
	path = join(tmp, "link.image");
	CU_ASSERT_FATAL(symlink("good.image", path) == 0);
	expect_refused(dir, path, -ELOOP, -EEXIST);
	free(path);

	/* a FIFO (opened without waiting for a writer), a directory */
	path = join(tmp, "fifo.image");
	CU_ASSERT_FATAL(mkfifo(path, 0600) == 0);
	expect_refused(dir, path, -EINVAL, -EEXIST);
	free(path);
	path = join(tmp, "dir.image");
	CU_ASSERT_FATAL(mkdir(path, 0700) == 0);
	expect_refused(dir, path, -EINVAL, -EEXIST);
	free(path);

	/* a good image that others may write: not read, but it is ours to replace */
	path = join(tmp, "shared.image");
	for (int i = 0; i < 2; i++) {
		write_all(path, buf, len);
		CU_ASSERT_FATAL(chmod(path, i ? 0646 : 0664) == 0);
		expect_refused(dir, path, -EINVAL, 0);
	}
	free(path);

	/* a good image of another user: neither read nor replaced */
	if (geteuid() == 0) {
		path = join(tmp, "other.image");
		write_all(path, buf, len);
		CU_ASSERT_FATAL(chown(path, 65534, 65534) == 0);
		expect_refused(dir, path, -EINVAL, -EEXIST);
		again = read_all(path, &len2);
		CU_ASSERT(len2 == len && !memcmp(again, buf, len));
		free(again);
		free(path);
	} else {
		fprintf(stderr, "\n  skipped: another user's image (needs root)\n");
	}

	/* the image the link led to is as it was, and nothing is left beside them */
	again = read_all(good, &len2);
	CU_ASSERT(len2 == len && !memcmp(again, buf, len));
	CU_ASSERT_EQUAL(names_in(tmp), geteuid() == 0 ? 6 : 5);
	free(again);
	free(buf);
	free(good);
	unit_tree_remove(tmp);
	unit_tree_remove(dir);
}

/* An image that cannot be written is no failure of the load. */
static void test_write_fails(void)
{
	char *dir = join(unit_fixtures_dir(), "basic/abi"),
	     *tmp = unit_tree_new(no_files);
	char *image = join(tmp, "missing/abi.image"), *missing = join(tmp, "missing");
	struct abi_tree *tree;
	struct load l;
	int write_err;

	load_image(dir, image, &l);
	CU_ASSERT_EQUAL_FATAL(l.r, 0);
	CU_ASSERT_FALSE(l.info.read);
	CU_ASSERT_EQUAL(l.info.read_err, -ENOENT);
	CU_ASSERT_EQUAL(l.info.write_err, -ENOENT);
	same_as_text(dir, &l);
	load_free(&l);

	load_start(&l);
	CU_ASSERT_EQUAL(abi_tree_write_image(l.ctx, dir, image, &tree, &write_err), 0);
	CU_ASSERT_PTR_NOT_NULL(tree);
	CU_ASSERT_EQUAL(write_err, -ENOENT);
	abi_tree_free(tree);
	load_free(&l);

	/* nothing was left behind: no directory made, no temporary file */
	CU_ASSERT(access(missing, F_OK) < 0 && errno == ENOENT);
	CU_ASSERT_EQUAL(names_in(tmp), 0);
	/* no tree, no image: the tree's own errors are the load's */
	load_image(missing, image, &l);
	CU_ASSERT_EQUAL(l.r, -ENOENT);
	CU_ASSERT_PTR_NULL(l.tree);
	load_free(&l);

	free(missing);
	free(image);
	unit_tree_remove(tmp);
	free(dir);
}

void test_image_register(void)
{
	static const struct unit_test tests[] = {
		{ "round trip basic", test_round_trip_basic },
		{ "round trip defects", test_round_trip_defects },
		{ "round trip forms", test_round_trip_forms },
		{ "stale", test_stale },
		{ "damage", test_damage },
		{ "made defects", test_made_defects },
		{ "damage on disk", test_damage_on_disk },
		{ "refusals", test_refusals },
		{ "write fails", test_write_fails },
		{},
	};

	unit_add_suite("image", tests);
}
