// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * abi_file_parse(), abi_date_parse() and abi_kernel_version_parse(): small ABI texts
 * modelled on real defects of the kernel's Documentation/ABI, the entries they give,
 * and the diagnostics they raise (kind, line and what the message names).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <CUnit/CUnit.h>

#include "abi/abi-internal.h"
#include "unit.h"

#define MAX_DIAGS 64

struct diag_rec {
	enum abi_diag_kind kind;
	unsigned int line;
	unsigned int related_line; /* 0: none */
	char message[200];
};

/* One parse: its context, arena, file and the diagnostics it raised. */
struct parsed {
	struct abi_ctx *ctx;
	struct abi_arena *arena;
	struct abi_file file;
	struct diag_rec diags[MAX_DIAGS];
	size_t n_diags; /* all of them; the first MAX_DIAGS are kept */
	int ret;
};

static void collect(void *data, const struct abi_diag *d)
{
	struct parsed *p = data;
	struct diag_rec *rec;

	if (p->n_diags++ >= MAX_DIAGS)
		return;
	rec = &p->diags[p->n_diags - 1];
	rec->kind = d->kind;
	rec->line = d->loc.line;
	rec->related_line = d->n_related ? d->related[0].line : 0;
	snprintf(rec->message, sizeof(rec->message), "%s", d->message);
	CU_ASSERT_STRING_EQUAL(d->loc.file, "testing/sysfs-test");
}

static void parse_buf(struct parsed *p, const char *buf, size_t len)
{
	memset(p, 0, sizeof(*p));
	CU_ASSERT_FATAL(abi_ctx_new(&p->ctx) == 0);
	CU_ASSERT_FATAL(abi_arena_new(&p->arena) == 0);
	abi_ctx_set_diag_fn(p->ctx, collect, p);
	p->file.path = "testing/sysfs-test";
	p->file.name = "sysfs-test";
	p->file.level = ABI_LEVEL_TESTING;
	p->ret = abi_file_parse(p->ctx, p->arena, &p->file, buf, len);
	CU_ASSERT_EQUAL(p->ret, 0);
}

static void parse_str(struct parsed *p, const char *text)
{
	parse_buf(p, text, strlen(text));
}

static void parsed_release(struct parsed *p)
{
	abi_arena_free(p->arena);
	abi_ctx_free(p->ctx);
}

static size_t count(const struct parsed *p, enum abi_diag_kind kind)
{
	return abi_ctx_diag_count(p->ctx, kind);
}

/* Whether a diagnostic of @kind was raised at @line with @needle in its message. */
static bool has_diag(const struct parsed *p, enum abi_diag_kind kind, unsigned int line,
		     const char *needle)
{
	for (size_t i = 0; i < p->n_diags && i < MAX_DIAGS; i++) {
		const struct diag_rec *d = &p->diags[i];

		if (d->kind == kind && d->line == line && strstr(d->message, needle))
			return true;
	}
	return false;
}

static const struct abi_entry *entry(const struct parsed *p, size_t i)
{
	CU_ASSERT_FATAL(i < p->file.n_entries);
	return p->file.entries[i];
}

/* An entry with every field, so that only the defect under test is reported. */
#define FIELDS                  \
	"Date:\t\tJune 2020\n"  \
	"KernelVersion:\t5.9\n" \
	"Contact:\tlinux-abi@example.org\n"

/* ---- entries ---- */

static void test_clean_entry(void)
{
	struct parsed p;
	const struct abi_entry *e;

	parse_str(&p, "What:\t\t/sys/kernel/btf/vmlinux\n"
		      "Date:\t\tAug 2019\n"
		      "KernelVersion:\t5.5\n"
		      "Contact:\tbpf@vger.kernel.org\n"
		      "Description:\n"
		      "\t\tRead-only binary attribute exposing\n"
		      "\t\tkernel BTF.\n"
		      "Users:\t\tpahole\n"
		      "\n"
		      "What:\t\t/sys/kernel/btf/<module>\n"
		      "Date:\t\tNov 2019\n"
		      "KernelVersion:\t5.5\n"
		      "Contact:\tbpf@vger.kernel.org\n"
		      "Description:\tModule BTF.\n");
	CU_ASSERT_EQUAL(p.n_diags, 0);
	CU_ASSERT_EQUAL_FATAL(p.file.n_entries, 2);
	e = entry(&p, 0);
	CU_ASSERT_PTR_EQUAL(e->file, &p.file);
	CU_ASSERT_EQUAL(e->level, ABI_LEVEL_TESTING);
	CU_ASSERT_EQUAL(e->line, 1);
	CU_ASSERT_EQUAL(e->index, 0);
	CU_ASSERT_EQUAL_FATAL(e->n_whats, 1);
	CU_ASSERT_STRING_EQUAL(e->whats[0].text, "/sys/kernel/btf/vmlinux");
	CU_ASSERT_EQUAL(e->whats[0].line, 1);
	CU_ASSERT_FALSE(e->whats[0].continuation);
	CU_ASSERT_PTR_EQUAL(e->whats[0].entry, e);
	CU_ASSERT_PTR_NULL(e->whats[0].path);
	CU_ASSERT_PTR_NULL(e->whats[0].pattern);
	CU_ASSERT_STRING_EQUAL(e->date.str, "Aug 2019");
	CU_ASSERT_EQUAL(e->date.line, 2);
	CU_ASSERT_EQUAL(e->date_year, 2019);
	CU_ASSERT_EQUAL(e->date_month, 8);
	CU_ASSERT_STRING_EQUAL(e->kernel_version.str, "5.5");
	CU_ASSERT_EQUAL(e->kernel_version.line, 3);
	CU_ASSERT_EQUAL(e->kv_major, 5);
	CU_ASSERT_EQUAL(e->kv_minor, 5);
	CU_ASSERT_STRING_EQUAL(e->contact.str, "bpf@vger.kernel.org");
	CU_ASSERT_EQUAL(e->contact.line, 4);
	CU_ASSERT_STRING_EQUAL(e->description.str,
			       "Read-only binary attribute exposing\nkernel BTF.");
	CU_ASSERT_EQUAL(e->description.line, 5);
	CU_ASSERT_STRING_EQUAL(e->users.str, "pahole");
	CU_ASSERT_EQUAL(e->users.line, 8);

	e = entry(&p, 1);
	CU_ASSERT_EQUAL(e->line, 10);
	CU_ASSERT_STRING_EQUAL(e->description.str, "Module BTF.");
	CU_ASSERT_PTR_NULL(e->users.str);
	CU_ASSERT_EQUAL(e->date_month, 11);
	parsed_release(&p);
}

static void test_several_whats(void)
{
	struct parsed p;
	const struct abi_entry *e;

	parse_str(&p,
		  "What:\t\t/sys/class/pktcdvd/add\n"
		  "what:\t\t/sys/class/pktcdvd/remove\n"
		  "WHAT:\t\t/sys/class/pktcdvd/device_map\n" FIELDS "Description:\tx\n");
	/* read in any case, and the odd spellings noted at lint level */
	CU_ASSERT_EQUAL(p.n_diags, 2);
	CU_ASSERT_EQUAL(count(&p, ABI_DIAG_TAG_CASE), 2);
	CU_ASSERT_EQUAL_FATAL(p.file.n_entries, 1);
	e = entry(&p, 0);
	CU_ASSERT_EQUAL_FATAL(e->n_whats, 3);
	CU_ASSERT_STRING_EQUAL(e->whats[2].text, "/sys/class/pktcdvd/device_map");
	CU_ASSERT_EQUAL(e->whats[2].line, 3);
	CU_ASSERT_FALSE(e->whats[2].continuation);
	parsed_release(&p);
}

/* stable/sysfs-devices-system-cpu: paths on indented lines under a What: line. */
static void test_continuation_whats(void)
{
	struct parsed p;
	const struct abi_entry *e;

	parse_str(&p,
		  "What:\t\t/sys/devices/system/cpu/kernel_max\n"
		  "\t\t/sys/devices/system/cpu/offline  \n"
		  "        /sys/devices/system/cpu/online\n"
		  "\n"
		  "\t\t/sys/devices/system/cpu/possible\n"
		  "What:\t\t/sys/devices/system/cpu/present\n" FIELDS "Description:\tx\n"
		  "\n"
		  "What:\n"
		  "\t\t/sys/a\n"
		  "\t\t/sys/b\n" FIELDS "Description:\ty\n");
	CU_ASSERT_EQUAL(p.n_diags, 0);
	CU_ASSERT_EQUAL_FATAL(p.file.n_entries, 2);
	e = entry(&p, 0);
	CU_ASSERT_EQUAL_FATAL(e->n_whats, 5);
	CU_ASSERT_STRING_EQUAL(e->whats[1].text, "/sys/devices/system/cpu/offline");
	CU_ASSERT_EQUAL(e->whats[1].line, 2);
	CU_ASSERT_TRUE(e->whats[1].continuation);
	CU_ASSERT_STRING_EQUAL(e->whats[2].text, "/sys/devices/system/cpu/online");
	CU_ASSERT_EQUAL(e->whats[2].line, 3);
	CU_ASSERT_STRING_EQUAL(e->whats[3].text, "/sys/devices/system/cpu/possible");
	CU_ASSERT_EQUAL(e->whats[3].line, 5);
	CU_ASSERT_TRUE(e->whats[3].continuation);
	CU_ASSERT_FALSE(e->whats[4].continuation);
	CU_ASSERT_EQUAL(e->whats[4].line, 6);
	for (size_t i = 0; i < e->n_whats; i++)
		CU_ASSERT_PTR_EQUAL(e->whats[i].entry, e);

	/* an empty `What:` with the paths below it is layout, not an empty What */
	e = entry(&p, 1);
	CU_ASSERT_EQUAL(e->line, 12);
	CU_ASSERT_EQUAL_FATAL(e->n_whats, 2);
	CU_ASSERT_STRING_EQUAL(e->whats[0].text, "/sys/a");
	CU_ASSERT_EQUAL(e->whats[0].line, 13);
	CU_ASSERT_TRUE(e->whats[0].continuation);
	parsed_release(&p);
}

static void test_empty_what_kept(void)
{
	struct parsed p;

	/* alone, it stays: the What pass reports what-empty */
	parse_str(&p, "What:\n" FIELDS "Description:\tx\n");
	CU_ASSERT_EQUAL(p.n_diags, 0);
	CU_ASSERT_EQUAL_FATAL(entry(&p, 0)->n_whats, 1);
	CU_ASSERT_STRING_EQUAL(entry(&p, 0)->whats[0].text, "");
	parsed_release(&p);
}

static void test_what_after_field(void)
{
	struct parsed p;
	const struct abi_entry *e;

	parse_str(&p, "What:\t\t/sys/a\n"
		      "KernelVersion:\t5.9\n"
		      "What:\t\t/sys/b\n"
		      "Date:\t\tJune 2020\n"
		      "Contact:\tx@example.org\n"
		      "Description:\tx\n");
	CU_ASSERT_EQUAL(p.n_diags, 1);
	CU_ASSERT_TRUE(has_diag(&p, ABI_DIAG_WHAT_AFTER_FIELD, 3, "'KernelVersion'"));
	CU_ASSERT_EQUAL_FATAL(p.file.n_entries, 1);
	e = entry(&p, 0);
	CU_ASSERT_EQUAL_FATAL(e->n_whats, 2);
	CU_ASSERT_STRING_EQUAL(e->whats[1].text, "/sys/b");
	CU_ASSERT_FALSE(e->whats[1].continuation);
	CU_ASSERT_EQUAL(e->kv_major, 5);
	parsed_release(&p);
}

static void test_what_after_description(void)
{
	struct parsed p;

	/* a What after a Description starts the next entry, blank line or not */
	parse_str(&p, "What:\t\t/sys/a\n" FIELDS "Description:\tx\n"
		      "What:\t\t/sys/b\n" FIELDS "Description:\ty\n");
	CU_ASSERT_EQUAL(p.n_diags, 0);
	CU_ASSERT_EQUAL_FATAL(p.file.n_entries, 2);
	CU_ASSERT_EQUAL(entry(&p, 1)->line, 6);
	CU_ASSERT_STRING_EQUAL(entry(&p, 0)->description.str, "x");
	CU_ASSERT_STRING_EQUAL(entry(&p, 1)->whats[0].text, "/sys/b");
	parsed_release(&p);
}

/* testing/sysfs-driver-ufs: a Contact above the What lines. */
static void test_what_not_first(void)
{
	struct parsed p;
	const struct abi_entry *e;

	parse_str(&p, "Contact:\ta@example.org\n"
		      "What:\t\t/sys/a\n"
		      "Date:\t\tJune 2020\n"
		      "KernelVersion:\t5.9\n"
		      "Description:\tx\n"
		      "\n"
		      "Contact:\tb@example.org\n"
		      "What:\t\t/sys/b\n"
		      "Date:\t\tJune 2020\n"
		      "KernelVersion:\t5.9\n"
		      "Description:\ty\n");
	CU_ASSERT_EQUAL(p.n_diags, 2);
	CU_ASSERT_TRUE(has_diag(&p, ABI_DIAG_WHAT_NOT_FIRST, 1, "'Contact'"));
	CU_ASSERT_TRUE(has_diag(&p, ABI_DIAG_WHAT_NOT_FIRST, 7, "'Contact'"));
	CU_ASSERT_EQUAL_FATAL(p.file.n_entries, 2);
	e = entry(&p, 1);
	CU_ASSERT_EQUAL(e->line, 7);
	CU_ASSERT_STRING_EQUAL(e->contact.str, "b@example.org");
	CU_ASSERT_EQUAL_FATAL(e->n_whats, 1);
	CU_ASSERT_STRING_EQUAL(e->whats[0].text, "/sys/b");
	parsed_release(&p);
}

/* testing/sysfs-power: a Date after a Description, with no What of its own. */
static void test_what_not_first_no_what(void)
{
	struct parsed p;

	parse_str(&p, "What:\t\t/sys/a\n" FIELDS "Description:\tx\n"
		      "Date:\t\tJuly 2021\n"
		      "Description:\ty\n");
	CU_ASSERT_EQUAL(count(&p, ABI_DIAG_WHAT_NOT_FIRST), 1);
	CU_ASSERT_TRUE(has_diag(&p, ABI_DIAG_WHAT_NOT_FIRST, 6, "'Date'"));
	CU_ASSERT_EQUAL_FATAL(p.file.n_entries, 2);
	CU_ASSERT_EQUAL(entry(&p, 1)->n_whats, 0);
	CU_ASSERT_PTR_NULL(entry(&p, 1)->whats);
	CU_ASSERT_EQUAL(entry(&p, 1)->date_month, 7);
	CU_ASSERT_STRING_EQUAL(entry(&p, 1)->description.str, "y");
	parsed_release(&p);
}

/* testing/sysfs-fs-f2fs: two Contact lines in one entry. */
static void test_tag_duplicate(void)
{
	struct parsed p;
	const struct abi_entry *e;

	parse_str(&p, "What:\t\t/sys/fs/f2fs/<disk>/discard_idle_interval\n"
		      "Date:\t\tSeptember 2018\n"
		      "KernelVersion:\t4.19\n"
		      "Contact:\t\"Chao Yu\" <yuchao0@huawei.com>\n"
		      "Contact:\t\"Sahitya Tummala\" <quic_stummala@quicinc.com>\n"
		      "\t\tand a second line\n"
		      "Description:\tControls the idle timing.\n");
	CU_ASSERT_EQUAL(p.n_diags, 1);
	CU_ASSERT_TRUE(has_diag(&p, ABI_DIAG_TAG_DUPLICATE, 5, "'Contact'"));
	CU_ASSERT_EQUAL(p.diags[0].related_line, 4);
	e = entry(&p, 0);
	CU_ASSERT_STRING_EQUAL(e->contact.str, "\"Chao Yu\" <yuchao0@huawei.com>");
	CU_ASSERT_EQUAL(e->contact.line, 4);
	CU_ASSERT_STRING_EQUAL(e->description.str, "Controls the idle timing.");
	parsed_release(&p);
}

/* testing/sysfs-bus-cxl:127, sysfs-bus-optee-devices, sysfs-power:134 */
static void test_tag_missing_colon(void)
{
	struct parsed p;
	const struct abi_entry *e;

	parse_str(&p, "What            /sys/bus/cxl/devices/memX/security/erase\n"
		      "What;\t\t/sys/power/pm_trace_dev_match\n"
		      "Date\t\tJune 2020\n"
		      "KernelVersion   5.8\n"
		      "Contact:\tx@example.org\n"
		      "Description\tWrite a boolean 'true' string value.\n");
	CU_ASSERT_EQUAL(p.n_diags, 5);
	CU_ASSERT_EQUAL(count(&p, ABI_DIAG_TAG_MISSING_COLON), 5);
	CU_ASSERT_TRUE(has_diag(&p, ABI_DIAG_TAG_MISSING_COLON, 1, "'What' has no"));
	CU_ASSERT_TRUE(has_diag(&p, ABI_DIAG_TAG_MISSING_COLON, 2, "semicolon"));
	CU_ASSERT_TRUE(has_diag(&p, ABI_DIAG_TAG_MISSING_COLON, 3, "'Date'"));
	CU_ASSERT_TRUE(has_diag(&p, ABI_DIAG_TAG_MISSING_COLON, 4, "'KernelVersion'"));
	CU_ASSERT_TRUE(has_diag(&p, ABI_DIAG_TAG_MISSING_COLON, 6, "'Description'"));
	CU_ASSERT_EQUAL_FATAL(p.file.n_entries, 1);
	e = entry(&p, 0);
	CU_ASSERT_EQUAL_FATAL(e->n_whats, 2);
	CU_ASSERT_STRING_EQUAL(e->whats[0].text,
			       "/sys/bus/cxl/devices/memX/security/erase");
	CU_ASSERT_STRING_EQUAL(e->whats[1].text, "/sys/power/pm_trace_dev_match");
	CU_ASSERT_STRING_EQUAL(e->date.str, "June 2020");
	CU_ASSERT_EQUAL(e->kv_major, 5);
	CU_ASSERT_EQUAL(e->kv_minor, 8);
	CU_ASSERT_STRING_EQUAL(e->description.str,
			       "Write a boolean 'true' string value.");
	parsed_release(&p);
}

static void test_not_a_tag(void)
{
	struct parsed p;
	const struct abi_entry *e;

	/*
	 * testing/sysfs-class-bdi, debugfs-ec: column-0 prose with colons is no tag, and
	 * a known word without colon or white space after it is prose too
	 */
	parse_str(&p, "What:\t\t/sys/class/bdi/<bdi>/\n" FIELDS "Description:\n"
		      "MAJOR:MINOR\n"
		      "ftp://ftp.suse.com/pub/\n"
		      "Example::\n"
		      "Description\n"
		      "1: one\n");
	CU_ASSERT_EQUAL(p.n_diags, 1);
	CU_ASSERT_TRUE(has_diag(&p, ABI_DIAG_UNINDENTED_TEXT, 6, "'Description'"));
	e = entry(&p, 0);
	CU_ASSERT_STRING_EQUAL(e->description.str, "MAJOR:MINOR\n"
						   "ftp://ftp.suse.com/pub/\n"
						   "Example::\n"
						   "Description\n"
						   "1: one");
	parsed_release(&p);
}

static void test_tag_where(void)
{
	struct parsed p;
	const struct abi_entry *e;

	parse_str(&p, "Where:\t\t/sys/a\n"
		      "Where\t\t/sys/b\n" FIELDS "Description:\tx\n");
	CU_ASSERT_EQUAL(p.n_diags, 3);
	CU_ASSERT_TRUE(has_diag(&p, ABI_DIAG_TAG_WHERE, 1, "'Where'"));
	CU_ASSERT_TRUE(has_diag(&p, ABI_DIAG_TAG_WHERE, 2, "'Where'"));
	CU_ASSERT_TRUE(has_diag(&p, ABI_DIAG_TAG_MISSING_COLON, 2, "'Where'"));
	e = entry(&p, 0);
	CU_ASSERT_EQUAL_FATAL(e->n_whats, 2);
	CU_ASSERT_STRING_EQUAL(e->whats[0].text, "/sys/a");
	CU_ASSERT_STRING_EQUAL(e->whats[1].text, "/sys/b");
	CU_ASSERT_EQUAL(count(&p, ABI_DIAG_WHAT_NOT_FIRST), 0);
	parsed_release(&p);
}

/* stable/sysfs-devices-system-cpu `Values:`, sysfs-kernel-fadump `User:` */
static void test_tag_case(void)
{
	struct parsed p;
	const struct abi_entry *e;

	parse_str(&p, "what:\t\t/sys/a\nDate:\t\tJune 2020\nKernelVersion:\t5.8\n"
		      "contact:\tx@example.org\nDESCRIPTION:\tx\n");
	CU_ASSERT_EQUAL(p.n_diags, 3);
	CU_ASSERT_TRUE(has_diag(&p, ABI_DIAG_TAG_CASE, 1, "'what' is spelled 'What'"));
	CU_ASSERT_TRUE(
		has_diag(&p, ABI_DIAG_TAG_CASE, 4, "'contact' is spelled 'Contact'"));
	CU_ASSERT_TRUE(has_diag(&p, ABI_DIAG_TAG_CASE, 5, "'DESCRIPTION'"));
	/* read all the same */
	e = entry(&p, 0);
	CU_ASSERT_EQUAL_FATAL(e->n_whats, 1);
	CU_ASSERT_STRING_EQUAL(e->contact.str, "x@example.org");
	CU_ASSERT_STRING_EQUAL(e->description.str, "x");
	parsed_release(&p);
}

static void test_tag_unknown(void)
{
	struct parsed p;
	const struct abi_entry *e;

	parse_str(&p, "What:\t\t/sys/devices/system/cpu/dscr_default\n" FIELDS
		      "Description:\tWrites are equivalent to writing to\n"
		      "\t\t/sys/devices/system/cpu/cpuN/dscr on all CPUs.\n"
		      "Values:\t\t64 bit unsigned integer (bit field)\n"
		      "\t\t0: off\n"
		      "\n"
		      "What:\t\t/sys/kernel/fadump_enabled\n"
		      "User:\t\tKdump service\n" FIELDS "Description:\tx\n");
	CU_ASSERT_EQUAL(p.n_diags, 2);
	CU_ASSERT_TRUE(has_diag(&p, ABI_DIAG_TAG_UNKNOWN, 7, "tag 'Values' is not"));
	CU_ASSERT_TRUE(has_diag(&p, ABI_DIAG_TAG_UNKNOWN, 11, "tag 'User' is not known"));
	CU_ASSERT_EQUAL_FATAL(p.file.n_entries, 2);
	e = entry(&p, 0);
	CU_ASSERT_STRING_EQUAL(e->description.str,
			       "Writes are equivalent to writing to\n"
			       "/sys/devices/system/cpu/cpuN/dscr on all CPUs.\n"
			       "\n"
			       "Values:\t\t64 bit unsigned integer (bit field)\n"
			       "\t\t0: off");
	CU_ASSERT_EQUAL(e->description.line, 5);
	/* an unknown tag before the Description: its text follows the description */
	e = entry(&p, 1);
	CU_ASSERT_STRING_EQUAL(e->description.str, "x\n\nUser:\t\tKdump service");
	CU_ASSERT_EQUAL(e->description.line, 15);
	CU_ASSERT_PTR_NULL(e->users.str);
	parsed_release(&p);
}

/* testing/debugfs-pfo-nx-crypto: `word:` lines at column 0 inside a Description. */
static void test_tag_unknown_in_description(void)
{
	struct parsed p;
	const struct abi_entry *e;

	parse_str(&p, "What:\t\t/sys/kernel/debug/nx-crypto/*\n" FIELDS "Description:\n"
		      "\n"
		      "These debugfs interfaces are built by nx-crypto.\n"
		      "\n"
		      "errors:\n"
		      "  A u32 providing a total count of errors.\n"
		      "\n"
		      "last_error:\n"
		      "  The most recent non-zero return code.\n"
		      "\n");
	CU_ASSERT_EQUAL(p.n_diags, 3);
	CU_ASSERT_TRUE(has_diag(&p, ABI_DIAG_UNINDENTED_TEXT, 7, "'Description'"));
	CU_ASSERT_TRUE(has_diag(&p, ABI_DIAG_TAG_UNKNOWN, 9, "'errors'"));
	CU_ASSERT_TRUE(has_diag(&p, ABI_DIAG_TAG_UNKNOWN, 12, "'last_error'"));
	e = entry(&p, 0);
	CU_ASSERT_STRING_EQUAL(e->description.str,
			       "These debugfs interfaces are built by nx-crypto.\n"
			       "\n"
			       "errors:\n"
			       "  A u32 providing a total count of errors.\n"
			       "\n"
			       "last_error:\n"
			       "  The most recent non-zero return code.");
	parsed_release(&p);
}

static void test_unindented_text(void)
{
	struct parsed p;
	const struct abi_entry *e;

	parse_str(&p,
		  "What:\t\t/sys/kernel/debug/cec/*/error-inj\n" FIELDS "Description:\n"
		  "\t\tError injection.\n"
		  "\n"
		  "The following error injection implementations exist:\n"
		  "\n"
		  "- Documentation/media/cec-drivers/pulse8-cec.rst\n"
		  "Users:\t\tfoo\n"
		  "bar\n");
	/* once per field: a block at column 0 is one defect */
	CU_ASSERT_EQUAL(p.n_diags, 2);
	CU_ASSERT_TRUE(has_diag(&p, ABI_DIAG_UNINDENTED_TEXT, 8, "'Description'"));
	CU_ASSERT_TRUE(has_diag(&p, ABI_DIAG_UNINDENTED_TEXT, 12, "'Users'"));
	e = entry(&p, 0);
	/* the prose stays at column 0, the indented text loses its margin */
	CU_ASSERT_STRING_EQUAL(e->description.str,
			       "Error injection.\n"
			       "\n"
			       "The following error injection implementations exist:\n"
			       "\n"
			       "- Documentation/media/cec-drivers/pulse8-cec.rst");
	CU_ASSERT_STRING_EQUAL(e->users.str, "foo\nbar");
	parsed_release(&p);
}

/* stable/sysfs-devices `Note:`, testing/sysfs-class-pktcdvd: a header over the entries */
static void test_text_outside_entry(void)
{
	struct parsed p;
	const struct abi_entry *e;

	parse_str(&p, "\n"
		      "Note:\n"
		      "  This documents additional properties of any device.\n"
		      "sysfs interface\n"
		      "---------------\n"
		      "\n"
		      "What:\t\t/sys/devices/*/of_node\n" FIELDS "Description:\tx\n");
	CU_ASSERT_EQUAL(p.n_diags, 1);
	CU_ASSERT_TRUE(has_diag(&p, ABI_DIAG_TEXT_OUTSIDE_ENTRY, 2, "no entry"));
	CU_ASSERT_EQUAL_FATAL(p.file.n_entries, 1);
	e = entry(&p, 0);
	CU_ASSERT_EQUAL(e->line, 7);
	CU_ASSERT_STRING_EQUAL(e->description.str, "x");
	parsed_release(&p);

	/* only prose: no entry, but not an empty file either */
	parse_str(&p, "nothing documented here\n");
	CU_ASSERT_EQUAL(p.file.n_entries, 0);
	CU_ASSERT_EQUAL(count(&p, ABI_DIAG_TEXT_OUTSIDE_ENTRY), 1);
	CU_ASSERT_EQUAL(count(&p, ABI_DIAG_EMPTY_FILE), 0);
	parsed_release(&p);
}

/* ---- field text ---- */

static void test_description_indentation(void)
{
	struct parsed p;

	/* two tabs throughout: flush left; relative indentation and inner blanks kept */
	parse_str(&p, "What:\t\t/sys/a\n" FIELDS
		      "Description:\tFirst line, on the tag's line.\n"
		      "\t\tSecond line.\n"
		      "\n"
		      "\t\t=====  ====\n"
		      "\t\tvalue  meaning\n"
		      "\t\t=====  ====\n"
		      "\n"
		      "\t\tA list:\n"
		      "\n"
		      "\t\t  - item\n"
		      "\t\t\tnested by a tab\n"
		      "\n"
		      "\n");
	CU_ASSERT_EQUAL(p.n_diags, 0);
	CU_ASSERT_STRING_EQUAL(entry(&p, 0)->description.str,
			       "First line, on the tag's line.\n"
			       "Second line.\n"
			       "\n"
			       "=====  ====\n"
			       "value  meaning\n"
			       "=====  ====\n"
			       "\n"
			       "A list:\n"
			       "\n"
			       "  - item\n"
			       "\tnested by a tab");
	parsed_release(&p);

	/*
	 * Spaces and tabs mixed: tabs count to the next multiple of 8; a tab that
	 * straddles the common indentation leaves its remaining columns as spaces.
	 * Leading blank lines are dropped, trailing white space cut.
	 */
	parse_str(&p, "What:\t\t/sys/a\n" FIELDS "Description:\n"
		      "\n"
		      "    Four spaces.   \n"
		      "\tOne tab.\n"
		      "  \tTwo spaces and a tab.\n"
		      "            Twelve spaces.\n");
	CU_ASSERT_EQUAL(p.n_diags, 0);
	CU_ASSERT_STRING_EQUAL(entry(&p, 0)->description.str,
			       "Four spaces.\n"
			       "    One tab.\n"
			       "    Two spaces and a tab.\n"
			       "        Twelve spaces.");
	parsed_release(&p);

	/*
	 * testing/sysfs-class-bdi: a description at column 0 throughout; the indented
	 * lines are indented relative to it and keep all their indentation
	 */
	parse_str(&p, "What:\t\t/sys/class/bdi/<bdi>/\n" FIELDS "Description:\n"
		      "\n"
		      "The <bdi> identifier can be either of the following:\n"
		      "\n"
		      "MAJOR:MINOR\n"
		      "\n"
		      "\tDevice number for block devices.\n"
		      "\n");
	CU_ASSERT_EQUAL(p.n_diags, 1);
	CU_ASSERT_TRUE(has_diag(&p, ABI_DIAG_UNINDENTED_TEXT, 7, "'Description'"));
	CU_ASSERT_STRING_EQUAL(entry(&p, 0)->description.str,
			       "The <bdi> identifier can be either of the following:\n"
			       "\n"
			       "MAJOR:MINOR\n"
			       "\n"
			       "\tDevice number for block devices.");
	parsed_release(&p);
}

static void test_multiline_fields(void)
{
	struct parsed p;
	const struct abi_entry *e;

	parse_str(&p, "What:\t\t/sys/a\n"
		      "Date:\t\tJune 2020\n"
		      "KernelVersion:\n"
		      "\t\t5.10\n"
		      "Contact:\tA <a@example.org>\n"
		      "\t\tB <b@example.org>  \n"
		      "Description:\tx\n"
		      "Users:\t\tlibfoo <https://example.org/libfoo>\n"
		      "\t\tbar tool\n"
		      "\n"
		      "\t\t  baz daemon\n"
		      "\n");
	CU_ASSERT_EQUAL(p.n_diags, 0);
	e = entry(&p, 0);
	CU_ASSERT_STRING_EQUAL(e->kernel_version.str, "5.10");
	CU_ASSERT_EQUAL(e->kernel_version.line, 3);
	CU_ASSERT_EQUAL(e->kv_major, 5);
	CU_ASSERT_EQUAL(e->kv_minor, 10);
	CU_ASSERT_STRING_EQUAL(e->contact.str, "A <a@example.org>\nB <b@example.org>");
	CU_ASSERT_STRING_EQUAL(e->users.str, "libfoo <https://example.org/libfoo>\n"
					     "bar tool\n"
					     "baz daemon");
	CU_ASSERT_EQUAL(e->users.line, 8);
	parsed_release(&p);
}

static void test_missing_fields(void)
{
	struct parsed p;
	const struct abi_entry *e;

	parse_str(&p, "\n"
		      "What:\t\t/sys/a\n"
		      "What:\t\t/sys/b\n");
	CU_ASSERT_EQUAL(p.n_diags, 4);
	CU_ASSERT_TRUE(has_diag(&p, ABI_DIAG_MISSING_DESCRIPTION, 2, "no 'Description'"));
	CU_ASSERT_TRUE(has_diag(&p, ABI_DIAG_MISSING_DATE, 2, "entry has no 'Date'"));
	CU_ASSERT_TRUE(has_diag(&p, ABI_DIAG_MISSING_KERNELVERSION, 2, "no 'Kernel"));
	CU_ASSERT_TRUE(has_diag(&p, ABI_DIAG_MISSING_CONTACT, 2, "no 'Contact'"));
	CU_ASSERT_EQUAL(abi_diag_kind_severity(ABI_DIAG_MISSING_DATE), ABI_SEVERITY_LINT);
	e = entry(&p, 0);
	CU_ASSERT_EQUAL(e->n_whats, 2);
	CU_ASSERT_PTR_NULL(e->date.str);
	CU_ASSERT_PTR_NULL(e->kernel_version.str);
	CU_ASSERT_PTR_NULL(e->contact.str);
	CU_ASSERT_PTR_NULL(e->description.str);
	CU_ASSERT_PTR_NULL(e->users.str);
	CU_ASSERT_EQUAL(e->kv_major, -1);
	CU_ASSERT_EQUAL(e->kv_minor, -1);
	parsed_release(&p);

	/* present but empty: reported at the field's line */
	parse_str(&p, "What:\t\t/sys/usb/power/level\n"
		      "Date:\n"
		      "KernelVersion:\t\n"
		      "Contact:\n"
		      "Description:\n"
		      "\n");
	CU_ASSERT_EQUAL(p.n_diags, 4);
	CU_ASSERT_TRUE(has_diag(&p, ABI_DIAG_MISSING_DATE, 2, "'Date' is empty"));
	CU_ASSERT_TRUE(has_diag(&p, ABI_DIAG_MISSING_KERNELVERSION, 3, "is empty"));
	CU_ASSERT_TRUE(has_diag(&p, ABI_DIAG_MISSING_CONTACT, 4, "'Contact' is empty"));
	CU_ASSERT_TRUE(has_diag(&p, ABI_DIAG_MISSING_DESCRIPTION, 5, "is empty"));
	e = entry(&p, 0);
	CU_ASSERT_STRING_EQUAL(e->date.str, "");
	CU_ASSERT_STRING_EQUAL(e->description.str, "");
	CU_ASSERT_EQUAL(e->date_year, 0);
	CU_ASSERT_EQUAL(e->kv_major, -1);
	parsed_release(&p);
}

static void test_unparsed(void)
{
	struct parsed p;
	const struct abi_entry *e;

	parse_str(&p, "What:\t\t/sys/a\n"
		      "Date:\t\tpre-git history\n"
		      "KernelVersion:\tTBD\n"
		      "Contact:\tx@example.org\n"
		      "Description:\tx\n");
	CU_ASSERT_EQUAL(p.n_diags, 2);
	CU_ASSERT_TRUE(has_diag(&p, ABI_DIAG_DATE_UNPARSED, 2, "'pre-git history'"));
	CU_ASSERT_TRUE(has_diag(&p, ABI_DIAG_KERNELVERSION_UNPARSED, 3, "'TBD'"));
	e = entry(&p, 0);
	CU_ASSERT_STRING_EQUAL(e->date.str, "pre-git history");
	CU_ASSERT_EQUAL(e->date_year, 0);
	CU_ASSERT_EQUAL(e->date_month, 0);
	CU_ASSERT_EQUAL(e->kv_major, -1);
	parsed_release(&p);
}

/* ---- bytes ---- */

static void test_crlf(void)
{
	struct parsed p;
	const struct abi_entry *e;

	parse_str(&p, "What:\t\t/sys/a\r\n"
		      "\t\t/sys/b\r\n"
		      "Date:\t\tJune 2020\r\n"
		      "KernelVersion:\t5.9\r\n"
		      "Contact:\tx@example.org\r\n"
		      "Description:\r\n"
		      "\t\tLine one.\r\n"
		      "\r\n"
		      "\t\tLine two.\r\n");
	CU_ASSERT_EQUAL(p.n_diags, 1);
	CU_ASSERT_TRUE(has_diag(&p, ABI_DIAG_CRLF, 1, "CRLF"));
	e = entry(&p, 0);
	CU_ASSERT_EQUAL_FATAL(e->n_whats, 2);
	CU_ASSERT_STRING_EQUAL(e->whats[0].text, "/sys/a");
	CU_ASSERT_STRING_EQUAL(e->whats[1].text, "/sys/b");
	CU_ASSERT_STRING_EQUAL(e->date.str, "June 2020");
	CU_ASSERT_STRING_EQUAL(e->description.str, "Line one.\n\nLine two.");
	parsed_release(&p);

	/* the first CRLF may come late; bare CRs end lines too */
	parse_str(&p, "What:\t\t/sys/a\n" FIELDS "Description:\tx\r\ny\rz\r");
	CU_ASSERT_EQUAL(count(&p, ABI_DIAG_CRLF), 1);
	CU_ASSERT_TRUE(has_diag(&p, ABI_DIAG_CRLF, 5, "CRLF"));
	CU_ASSERT_STRING_EQUAL(entry(&p, 0)->description.str, "x\ny\nz");
	parsed_release(&p);

	parse_str(&p, "What:\t\t/sys/a\r" FIELDS "Description:\tx\n");
	CU_ASSERT_TRUE(has_diag(&p, ABI_DIAG_CRLF, 1, "bare CR"));
	CU_ASSERT_EQUAL(count(&p, ABI_DIAG_CRLF), 1);
	CU_ASSERT_EQUAL(entry(&p, 0)->date_year, 2020);
	parsed_release(&p);
}

static void test_invalid_utf8(void)
{
	static const struct {
		const char *bytes;
		bool valid;
	} cases[] = {
		{ "caf\xc3\xa9", true },       /* U+00E9 */
		{ "\xe2\x82\xac", true },      /* U+20AC */
		{ "\xf0\x9d\x84\x9e", true },  /* U+1D11E */
		{ "\xed\x9f\xbf", true },      /* U+D7FF, last before surrogates */
		{ "\xf4\x8f\xbf\xbf", true },  /* U+10FFFF */
		{ "\xc0\x80", false },         /* overlong NUL */
		{ "\xc1\xbf", false },         /* overlong */
		{ "\xe0\x80\xaf", false },     /* overlong '/' */
		{ "\xf0\x80\x80\xaf", false }, /* overlong '/' */
		{ "\xed\xa0\x80", false },     /* surrogate U+D800 */
		{ "\xed\xbf\xbf", false },     /* surrogate U+DFFF */
		{ "\xf4\x90\x80\x80", false }, /* above U+10FFFF */
		{ "\xf5\x80\x80\x80", false },
		{ "\xff", false },
		{ "\x80", false },      /* lone continuation byte */
		{ "\xe2\x82", false },  /* truncated at the line end */
		{ "\xe2\x82x", false }, /* truncated inside the line */
		{ "\xc3", false },      /* truncated at the end of file */
		{ "Latin-1 \xe9t\xe9", false },
	};
	char buf[256];

	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		const char *bytes = cases[i].bytes;
		struct parsed p;
		int n = snprintf(buf, sizeof(buf),
				 "What:\t\t/sys/a\n" FIELDS "Description:\tok\n\t\t%s",
				 bytes);

		parse_buf(&p, buf, (size_t)n);
		CU_ASSERT_EQUAL(count(&p, ABI_DIAG_INVALID_UTF8), cases[i].valid ? 0 : 1);
		if (!cases[i].valid)
			CU_ASSERT_TRUE(has_diag(&p, ABI_DIAG_INVALID_UTF8, 6, "UTF-8"));
		/* the text is kept as bytes */
		CU_ASSERT_PTR_NOT_NULL(strstr(entry(&p, 0)->description.str, bytes));
		parsed_release(&p);
	}
}

static void test_invalid_utf8_once(void)
{
	struct parsed p;

	parse_str(&p, "What:\t\t/sys/a\n"
		      "Date:\t\tJune 2020\n"
		      "KernelVersion:\t5.9\n"
		      "Contact:\tJ\xf6rg <j@example.org>\n"
		      "Description:\tM\xfcller\n");
	CU_ASSERT_EQUAL(p.n_diags, 1);
	CU_ASSERT_TRUE(has_diag(&p, ABI_DIAG_INVALID_UTF8, 4, "0xf6 at column 11"));
	CU_ASSERT_STRING_EQUAL(entry(&p, 0)->contact.str, "J\xf6rg <j@example.org>");
	parsed_release(&p);
}

static void test_binary_file(void)
{
	static const char text[] = "What:\t\t/sys/a\n"
				   "Date:\t\tJune 2020\n"
				   "Kernel\0Version:\t5.9\n"
				   "Description:\tx\n";
	struct parsed p;

	parse_buf(&p, text, sizeof(text) - 1);
	CU_ASSERT_EQUAL(p.n_diags, 1);
	CU_ASSERT_TRUE(has_diag(&p, ABI_DIAG_BINARY_FILE, 3, "column 7"));
	CU_ASSERT_EQUAL(p.file.n_entries, 0);
	CU_ASSERT_PTR_NULL(p.file.entries);
	parsed_release(&p);

	/* a NUL alone is binary too, not empty; lines counted across CRLF and bare CR */
	parse_buf(&p, "\r\n\r\0", 4);
	CU_ASSERT_EQUAL(p.n_diags, 1);
	CU_ASSERT_TRUE(has_diag(&p, ABI_DIAG_BINARY_FILE, 3, "column 1"));
	parsed_release(&p);
}

static void test_empty_file(void)
{
	static const char *const texts[] = { "", "\n", " \t\r\n\n\f\v" };

	for (size_t i = 0; i < ARRAY_SIZE(texts); i++) {
		const char *what = i ? "only white space" : "file is empty";
		struct parsed p;

		parse_str(&p, texts[i]);
		CU_ASSERT_EQUAL(p.n_diags, 1);
		CU_ASSERT_TRUE(has_diag(&p, ABI_DIAG_EMPTY_FILE, 0, what));
		CU_ASSERT_EQUAL(p.file.n_entries, 0);
		parsed_release(&p);
	}
}

/* ---- size ---- */

#define MB (1024 * 1024)

static char *repeat(const char *head, char c, size_t n, const char *tail, size_t *len)
{
	size_t hl = strlen(head), tl = strlen(tail);
	char *buf = malloc(hl + n + tl + 1);

	CU_ASSERT_FATAL(buf != NULL);
	memcpy(buf, head, hl);
	memset(buf + hl, c, n);
	memcpy(buf + hl + n, tail, tl + 1);
	*len = hl + n + tl;
	return buf;
}

static void test_long_lines(void)
{
	struct parsed p;
	size_t len;
	char *buf;

	/* a 1 MB What line, then a 1 MB description line */
	buf = repeat("What:\t\t/sys/", 'a', MB, "\n" FIELDS "Description:\tx\n", &len);
	parse_buf(&p, buf, len);
	CU_ASSERT_EQUAL(p.n_diags, 0);
	CU_ASSERT_EQUAL(strlen(entry(&p, 0)->whats[0].text), MB + 5);
	parsed_release(&p);
	free(buf);

	buf = repeat("What:\t\t/sys/a\n" FIELDS "Description:\t", 'x', MB, "\n", &len);
	parse_buf(&p, buf, len);
	CU_ASSERT_EQUAL(p.n_diags, 0);
	CU_ASSERT_EQUAL(strlen(entry(&p, 0)->description.str), MB);
	parsed_release(&p);
	free(buf);

	/* a 1 MB unknown tag: its name is cut in the message, its text kept */
	buf = repeat("What:\t\t/sys/a\n" FIELDS "Description:\tx\n", 'V', MB, ": y\n",
		     &len);
	parse_buf(&p, buf, len);
	CU_ASSERT_EQUAL(p.n_diags, 1);
	CU_ASSERT_EQUAL(count(&p, ABI_DIAG_TAG_UNKNOWN), 1);
	CU_ASSERT_TRUE(strlen(p.diags[0].message) < 120);
	CU_ASSERT_EQUAL(strlen(entry(&p, 0)->description.str), 3 + MB + 3);
	parsed_release(&p);
	free(buf);

	/* 1 MB without a single line end, of bare CRs, of invalid bytes */
	buf = repeat("", 'x', MB, "", &len);
	parse_buf(&p, buf, len);
	CU_ASSERT_EQUAL(count(&p, ABI_DIAG_TEXT_OUTSIDE_ENTRY), 1);
	parsed_release(&p);
	free(buf);

	buf = repeat("What:\t\t/sys/a\n" FIELDS "Description:\tx\n", '\r', MB, "", &len);
	parse_buf(&p, buf, len);
	CU_ASSERT_EQUAL(p.n_diags, 1);
	CU_ASSERT_TRUE(has_diag(&p, ABI_DIAG_CRLF, 6, "bare CR"));
	CU_ASSERT_STRING_EQUAL(entry(&p, 0)->description.str, "x");
	parsed_release(&p);
	free(buf);

	buf = repeat("What:\t\t", '\xff', MB, "\n", &len);
	parse_buf(&p, buf, len);
	CU_ASSERT_EQUAL(count(&p, ABI_DIAG_INVALID_UTF8), 1);
	CU_ASSERT_EQUAL(strlen(entry(&p, 0)->whats[0].text), MB);
	parsed_release(&p);
	free(buf);
}

/* Fill @buf with @n copies of @line, numbered by the "%zu" in it. */
static size_t fill_lines(char *buf, size_t size, const char *head, const char *line,
			 size_t n, const char *tail)
{
	size_t len = (size_t)snprintf(buf, size, "%s", head);

	for (size_t i = 0; i < n; i++)
		len += (size_t)snprintf(buf + len, size - len, line, i);
	len += (size_t)snprintf(buf + len, size - len, "%s", tail);
	CU_ASSERT_FATAL(len < size);
	return len;
}

static void test_many_whats(void)
{
	const size_t n = 10000, size = 64 * n + 1024;
	char *buf = malloc(size);
	const struct abi_entry *e;
	struct parsed p;
	size_t len;

	CU_ASSERT_FATAL(buf != NULL);
	len = fill_lines(buf, size, "", "What:\t\t/sys/devices/node%zu/attr\n", n,
			 FIELDS "Description:\tx\n");
	parse_buf(&p, buf, len);
	CU_ASSERT_EQUAL(p.n_diags, 0);
	CU_ASSERT_EQUAL_FATAL(p.file.n_entries, 1);
	e = entry(&p, 0);
	CU_ASSERT_EQUAL_FATAL(e->n_whats, n);
	CU_ASSERT_STRING_EQUAL(e->whats[n - 1].text, "/sys/devices/node9999/attr");
	CU_ASSERT_EQUAL(e->whats[n - 1].line, n);
	CU_ASSERT_PTR_EQUAL(e->whats[n - 1].entry, e);
	parsed_release(&p);

	/* the same as continuation lines */
	len = fill_lines(buf, size, "What:\t\t/sys/x\n", "\t\t/sys/node%zu/attr\n", n,
			 FIELDS "Description:\tx\n");
	parse_buf(&p, buf, len);
	CU_ASSERT_EQUAL(p.n_diags, 0);
	CU_ASSERT_EQUAL_FATAL(entry(&p, 0)->n_whats, n + 1);
	CU_ASSERT_TRUE(entry(&p, 0)->whats[n].continuation);
	parsed_release(&p);
	free(buf);
}

/*
 * 200,000 lines in one entry (What lines, unknown tags, description lines) make one
 * entry. How the time grows with the line count is `make bench`'s business, not a
 * test's: a busy machine would fail a timed assertion.
 */
static void test_long_entry(void)
{
	static const char *const lines[] = {
		"What:\t\t/sys/devices/node%zu/attr\n",
		"Values%zu:\tan unknown tag\n",
		"\t\tdescription line %zu\n",
		"%zu: column-0 text\n",
	};
	const size_t n = 200000, size = 48 * n + 1024;
	char *buf = malloc(size);

	CU_ASSERT_FATAL(buf != NULL);
	for (size_t i = 0; i < ARRAY_SIZE(lines); i++) {
		const char *head = i < 2 ? "What:\t\t/sys/a\n" :
					   "What:\t\t/sys/a\nDescription:\n";
		struct parsed p;
		size_t len = fill_lines(buf, size, head, lines[i], n, "");

		parse_buf(&p, buf, len);
		CU_ASSERT_EQUAL(p.file.n_entries, 1);
		parsed_release(&p);
	}
	free(buf);
}

/* ---- dates and versions ---- */

static void test_date_parse(void)
{
	static const struct {
		const char *s;
		int year, month; /* 0, 0: not a date */
	} cases[] = {
		{ "February 2018", 2018, 2 },
		{ "Feb 2020", 2020, 2 },
		{ "Feb, 2020", 2020, 2 },
		{ "FEB 2020", 2020, 2 },
		{ "june 2020", 2020, 6 },
		{ "Sep. 2019", 2019, 9 },
		{ "Sept 2019", 2019, 9 },
		{ "September. 2019", 2019, 9 },
		{ "2018-02-01", 2018, 2 },
		{ "2018-02", 2018, 2 },
		{ "2019/07/15", 2019, 7 },
		{ "13-May-2014", 2014, 5 },
		{ "13-March-2014", 2014, 3 },
		{ "13 May 2014", 2014, 5 },
		{ "May 13, 2014", 2014, 5 },
		{ "Nov 10 2015", 2015, 11 },
		{ "12/2019", 2019, 12 },
		{ "2019", 2019, 0 },
		{ "  Jan 2021  ", 2021, 1 },
		{ "May 2015 (scheduled), finally removed in kernel v4.7", 2015, 5 },
		{ "July 2015(documented, existed before August 2008)", 2015, 7 },
		{ "April 2015, removed March 2016", 2015, 4 },
		{ "1990", 1990, 0 },
		{ "2100", 2100, 0 },
		{ "", 0, 0 },
		{ "pre-git history", 0, 0 },
		{ "Mai 2012", 0, 0 },
		{ "Januari 2021", 0, 0 },
		{ "Januarry, 2022", 0, 0 },
		{ "November 20:15", 0, 0 },
		{ "Ju 2020", 0, 0 },
		{ "Mayday 2020", 0, 0 },
		{ "1989", 0, 0 },
		{ "2101", 0, 0 },
		{ "20190", 0, 0 },
		{ "2019abc", 0, 0 },
		{ "Feb 20", 0, 0 },
		{ "2018-13-01", 0, 0 },
		{ "2018-02-32", 0, 0 },
		{ "13/2019", 0, 0 },
		{ "32-May-2014", 0, 0 },
		{ "May 32, 2014", 0, 0 },
		{ "99999999999999999999", 0, 0 },
	};

	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		int year = -7, month = -7;
		int r = abi_date_parse(cases[i].s, &year, &month);

		CU_ASSERT_EQUAL(r, cases[i].year ? 0 : -EINVAL);
		CU_ASSERT_EQUAL(year, cases[i].year);
		CU_ASSERT_EQUAL(month, cases[i].month);
		if (year != cases[i].year || month != cases[i].month)
			fprintf(stderr, "\ndate '%s': %d-%d\n", cases[i].s, year, month);
	}
}

static void test_kernel_version_parse(void)
{
	static const struct {
		const char *s;
		int major, minor; /* -1, -1: not a version */
	} cases[] = {
		{ "4.01", 4, 1 },
		{ "v5.7", 5, 7 },
		{ "V5.7", 5, 7 },
		{ "5.10.0", 5, 10 },
		{ "v3.15.0", 3, 15 },
		{ "6.2-rc1", 6, 2 },
		{ "Linux 5.4", 5, 4 },
		{ "2.6.39", 2, 6 },
		{ "  6.12  ", 6, 12 },
		{ "since at least 2.6.12", 2, 6 },
		{ "5.2.10?", 5, 2 },
		{ "4.11 (pmem), 4.12 (ram)", 4, 11 },
		{ "2.6.24-rc4 (predates git)", 2, 6 },
		{ "", -1, -1 },
		{ "TBD", -1, -1 },
		{ "?.?", -1, -1 },
		{ "not yet upstreamed", -1, -1 },
		{ "Kernel version this feature first showed up in.", -1, -1 },
		{ "5", -1, -1 },
		{ "5.", -1, -1 },
		{ "v", -1, -1 },
		{ "5.x", -1, -1 },
		{ "5.10abc", -1, -1 },
		{ "0.9", -1, -1 },
		{ "123456.1", -1, -1 },
	};

	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		int major = -7, minor = -7;
		int r = abi_kernel_version_parse(cases[i].s, &major, &minor);

		CU_ASSERT_EQUAL(r, cases[i].major >= 0 ? 0 : -EINVAL);
		CU_ASSERT_EQUAL(major, cases[i].major);
		CU_ASSERT_EQUAL(minor, cases[i].minor);
		if (major != cases[i].major || minor != cases[i].minor)
			fprintf(stderr, "\nversion '%s': %d.%d\n", cases[i].s, major,
				minor);
	}
}

void test_reader_register(void)
{
	static const struct unit_test tests[] = {
		{ "clean entry", test_clean_entry },
		{ "several What lines", test_several_whats },
		{ "continuation What lines", test_continuation_whats },
		{ "empty What kept", test_empty_what_kept },
		{ "what-after-field", test_what_after_field },
		{ "What after Description", test_what_after_description },
		{ "what-not-first", test_what_not_first },
		{ "what-not-first without What", test_what_not_first_no_what },
		{ "tag-duplicate", test_tag_duplicate },
		{ "tag-missing-colon", test_tag_missing_colon },
		{ "column-0 prose is no tag", test_not_a_tag },
		{ "tag-where", test_tag_where },
		{ "tag-case", test_tag_case },
		{ "tag-unknown", test_tag_unknown },
		{ "tag-unknown in a description", test_tag_unknown_in_description },
		{ "unindented-text", test_unindented_text },
		{ "text-outside-entry", test_text_outside_entry },
		{ "description indentation", test_description_indentation },
		{ "multi-line fields", test_multiline_fields },
		{ "missing fields", test_missing_fields },
		{ "date-unparsed and kernelversion-unparsed", test_unparsed },
		{ "crlf", test_crlf },
		{ "invalid-utf8", test_invalid_utf8 },
		{ "invalid-utf8 once", test_invalid_utf8_once },
		{ "binary-file", test_binary_file },
		{ "empty-file", test_empty_file },
		{ "1 MB lines", test_long_lines },
		{ "10,000 What lines", test_many_whats },
		{ "200,000 lines in one entry", test_long_entry },
		{ "date parsing", test_date_parse },
		{ "kernel version parsing", test_kernel_version_parse },
		{ NULL, NULL },
	};

	unit_add_suite("reader", tests);
}
