/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * libabi: read, diagnose, compile, index and match the kernel's ABI documentation
 * (a Documentation/ABI tree), and compare two versions of it.
 *
 * The library never walks sysfs, never prints and never exits. Diagnostics about the
 * documentation go to the callback set with abi_ctx_set_diag_fn(). Every fallible
 * function returns 0 or a negative errno and hands results back through out-parameters,
 * which are set to NULL first. Out of memory is such an error, -ENOMEM: the library
 * never aborts, and a function that fails frees what it made and leaves its
 * out-parameters NULL.
 *
 * Ownership: a struct abi_tree owns every abi_file, abi_entry and abi_what it hands out,
 * and every string they point to; they live until abi_tree_free(). An abi_index borrows
 * its tree, an abi_diff its two trees: free them first.
 *
 * Installed as <libabi/abi.h>; build with `pkg-config --cflags --libs libabi`.
 * libabi.so exports the functions declared here and nothing else (abi/libabi.sym).
 */
#ifndef SYSABI_ABI_H
#define SYSABI_ABI_H

#include <stdbool.h>
#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Stability levels: the directory an entry sits in. */
enum abi_level {
	ABI_LEVEL_STABLE,
	ABI_LEVEL_TESTING,
	ABI_LEVEL_OBSOLETE,
	ABI_LEVEL_REMOVED,
	ABI_LEVEL_COUNT,
	ABI_LEVEL_NONE = ABI_LEVEL_COUNT, /* a file outside the four level directories */
};

/* "stable", "testing", "obsolete", "removed", or "none". */
const char *abi_level_name(enum abi_level level);

enum abi_severity {
	ABI_SEVERITY_ERROR,   /* the text cannot be read as intended: something is lost */
	ABI_SEVERITY_WARNING, /* a defect the kernel's docs should fix */
	ABI_SEVERITY_LINT,    /* style: unparsable dates, missing optional fields */
	ABI_SEVERITY_COUNT,
};

/* "error", "warning", "lint". */
const char *abi_severity_name(enum abi_severity severity);

/*
 * Kinds of diagnostics. Their names (abi_diag_kind_name()) are stable identifiers,
 * part of sysabi's interface: add, never rename.
 */
enum abi_diag_kind {
	ABI_DIAG_UNREADABLE_FILE,    /* unreadable-file: open or read failed */
	ABI_DIAG_BINARY_FILE,        /* binary-file: NUL bytes */
	ABI_DIAG_EMPTY_FILE,         /* empty-file */
	ABI_DIAG_FILE_OUTSIDE_LEVEL, /* file-outside-level: not under stable/testing/... */
	ABI_DIAG_FILE_IN_TWO_LEVELS, /* file-in-two-levels: one file name in two levels */
	ABI_DIAG_CRLF,               /* crlf: CRLF line ends (once per file) */
	ABI_DIAG_INVALID_UTF8, /* invalid-utf8: bytes that are not UTF-8 (once per file) */
	ABI_DIAG_TAG_MISSING_COLON,  /* tag-missing-colon: `Date  June 2020` */
	ABI_DIAG_TAG_WHERE,          /* tag-where: `Where:` instead of `What:` */
	ABI_DIAG_TAG_UNKNOWN,        /* tag-unknown: `Format:`, `Values:` ... */
	ABI_DIAG_TAG_DUPLICATE,      /* tag-duplicate: a field given twice in one entry */
	ABI_DIAG_TEXT_OUTSIDE_ENTRY, /* text-outside-entry: text before the first What */
	ABI_DIAG_UNINDENTED_TEXT,    /* unindented-text: body text at column 0 */
	ABI_DIAG_WHAT_NOT_FIRST, /* what-not-first: an entry that does not start with What */
	ABI_DIAG_WHAT_AFTER_FIELD, /* what-after-field: What lines split by another field */
	ABI_DIAG_WHAT_EMPTY,       /* what-empty: `What:` with nothing after it */
	ABI_DIAG_WHAT_NOT_PATH,    /* what-not-path: prose where a path should be */
	ABI_DIAG_WHAT_TRAILING_TEXT, /* what-trailing-text: words after the path */
	ABI_DIAG_WHAT_BAD_PATTERN,   /* what-bad-pattern: cannot be compiled */
	ABI_DIAG_WHAT_DUPLICATE, /* what-duplicate: one path documented more than once */
	ABI_DIAG_MISSING_DESCRIPTION,    /* missing-description */
	ABI_DIAG_MISSING_DATE,           /* missing-date */
	ABI_DIAG_MISSING_KERNELVERSION,  /* missing-kernelversion */
	ABI_DIAG_MISSING_CONTACT,        /* missing-contact */
	ABI_DIAG_DATE_UNPARSED,          /* date-unparsed */
	ABI_DIAG_KERNELVERSION_UNPARSED, /* kernelversion-unparsed */
	ABI_DIAG_TAG_CASE,               /* tag-case: `contact:` for `Contact:` */
	ABI_DIAG_WHAT_TOO_BROAD, /* what-too-broad: no literal below its first directory */
	ABI_DIAG_KIND_COUNT,
};

const char *abi_diag_kind_name(enum abi_diag_kind kind);
enum abi_severity abi_diag_kind_severity(enum abi_diag_kind kind);
/* One line: what the diagnostic means and how to fix its cause. */
const char *abi_diag_kind_help(enum abi_diag_kind kind);

/* A place in the documentation: path relative to the tree root, 1-based line. */
struct abi_loc {
	const char *file;
	unsigned int line; /* 0: the whole file */
};

/*
 * One diagnostic, handed to the callback. Every pointer is borrowed and valid only
 * during the call: copy what you keep.
 */
struct abi_diag {
	enum abi_diag_kind kind;
	enum abi_severity severity;
	struct abi_loc loc;
	const char *message;
	const struct abi_loc *related; /* other places involved (duplicates), or NULL */
	size_t n_related;
};

typedef void (*abi_diag_fn)(void *data, const struct abi_diag *diag);

struct abi_ctx;

/* A context with no callback (diagnostics are counted, then dropped). Free with abi_ctx_free(). */
int abi_ctx_new(struct abi_ctx **out);
void abi_ctx_free(struct abi_ctx *ctx);
void abi_ctx_set_diag_fn(struct abi_ctx *ctx, abi_diag_fn fn, void *data);
/* Diagnostics of @kind reported so far through @ctx. */
size_t abi_ctx_diag_count(const struct abi_ctx *ctx, enum abi_diag_kind kind);

/* A text field: NULL str when the entry has none. */
struct abi_text {
	const char *str;
	unsigned int line;
};

/* What a What line names. Only ABI_WHAT_SYSFS takes part in a sysfs audit. */
enum abi_what_kind {
	ABI_WHAT_SYSFS,      /* /sys/..., or a leading `...` (anywhere under /sys) */
	ABI_WHAT_DEBUGFS,    /* /sys/kernel/debug/... */
	ABI_WHAT_TRACEFS,    /* /sys/kernel/tracing/... */
	ABI_WHAT_CONFIGFS,   /* /config/..., /sys/kernel/config/... */
	ABI_WHAT_PROCFS,     /* /proc/... */
	ABI_WHAT_DEV,        /* /dev/... */
	ABI_WHAT_OTHER_PATH, /* another absolute path */
	ABI_WHAT_PROSE,      /* not a path at all */
	ABI_WHAT_KIND_COUNT,
};

/* "sysfs", "debugfs", "tracefs", "configfs", "procfs", "dev", "other-path", "prose". */
const char *abi_what_kind_name(enum abi_what_kind kind);

struct abi_pattern;
struct abi_entry;

/*
 * No path is longer (PATH_MAX); a longer What is a bad pattern, before it costs an
 * index node per component. Linux 6.12's longest is 155 bytes.
 */
#define ABI_PATTERN_MAX_LEN 4096
/* Alternatives ({a,b}) expand a What into variants; more than this is a bad pattern. */
#define ABI_PATTERN_MAX_VARIANTS 256
/*
 * The bytes a What may expand to: its variants times its length, as each variant is
 * built apart. Linux 6.12's largest is 632 bytes (8 variants of 79).
 */
#define ABI_PATTERN_MAX_EXPANDED 65536
/* The same over a whole tree (6.12's Whats: 15 KB), so that many lines cannot add up. */
#define ABI_TREE_MAX_EXPANDED 16777216

struct abi_what {
	const char *text;     /* as written, trimmed */
	const char *path;     /* escapes dropped, ` = value` and trailing prose cut */
	const char *trailing; /* the prose cut from the end, or NULL */
	unsigned int line;
	bool continuation; /* on an indented line under a What: */
	bool is_dir;       /* ends with '/': documents a directory */
	bool too_broad;    /* no literal text below the first directory: not indexed */
	enum abi_what_kind kind;
	struct abi_pattern *pattern; /* NULL for prose or when it could not be compiled */
	const struct abi_entry *entry;
};

struct abi_file;

struct abi_entry {
	const struct abi_file *file;
	enum abi_level level;
	unsigned int line;      /* first line of the entry */
	unsigned int index;     /* position in abi_tree.entries */
	struct abi_what *whats; /* n_whats of them, in order */
	size_t n_whats;
	struct abi_text date;
	struct abi_text kernel_version;
	struct abi_text contact;
	struct abi_text description; /* reST, common indentation removed; the lines of
					unknown tags appended after a blank line */
	struct abi_text users;
	int date_year, date_month; /* 0 when not parsed; month 1-12, 0 if only a year */
	int kv_major, kv_minor;    /* -1 when not parsed */
};

struct abi_file {
	const char *path; /* relative to the tree root: "testing/sysfs-kernel-btf" */
	const char *name; /* last component */
	enum abi_level level;
	struct abi_entry **entries;
	size_t n_entries;
};

struct abi_tree {
	const char *root; /* the directory given to abi_tree_load() */
	const char *
		kernel_version; /* "6.12.117" when the tree sits in a kernel source, or NULL */
	struct abi_file **files; /* sorted by path */
	size_t n_files;
	struct abi_entry **entries; /* in file order, then line order */
	size_t n_entries;
	size_t n_whats;
	struct abi_tree_priv *priv;
};

/*
 * Read every file below @dir (a Documentation/ABI directory), reporting diagnostics
 * through @ctx, and run the tree-wide checks (duplicates, file names in two levels).
 * Malformed documentation never fails the load; it yields diagnostics. Fails with
 * -ENOENT/-ENOTDIR/-EACCES when @dir itself cannot be read, -ENOMEM.
 * The caller frees *out with abi_tree_free().
 */
int abi_tree_load(struct abi_ctx *ctx, const char *dir, struct abi_tree **out);
void abi_tree_free(struct abi_tree *tree);

/*
 * What abi_tree_load_image() did with the image: read it, or read the tree and
 * (tried to) write the image. read_err says why the image was not used (-ENOENT: none
 * yet, -ESTALE: a file changed or another libabi wrote it, -EINVAL: damaged or not an
 * image); write_err why it could not be written (0 when it was).
 */
struct abi_image_info {
	bool read;
	int read_err;
	int write_err;
};

/*
 * abi_tree_load() through a compiled image of the tree kept at the path @image: when
 * that file is an image of @dir as it is now (every file's and directory's path, size,
 * inode and times unchanged) written by this build of libabi, the tree comes from it,
 * with the same diagnostics delivered through @ctx in the same order, without reading
 * the text again. Otherwise @dir is read and the image written anew, atomically (a new
 * file renamed over it, never over a file of another user or not a regular one); a
 * failure to write it is no failure of the load. An image is checked as it is read
 * and any defect makes it unused, never trusted. @info may be NULL.
 * Returns as abi_tree_load().
 */
int abi_tree_load_image(struct abi_ctx *ctx, const char *dir, const char *image,
			struct abi_tree **out, struct abi_image_info *info);

/*
 * Only the reading half of abi_tree_load_image(): the tree from @image when it is an
 * image of @dir as it is now, written by this build. Returns 0, or why it is not used
 * (abi_image_info.read_err), having delivered no diagnostic then.
 */
int abi_tree_read_image(struct abi_ctx *ctx, const char *dir, const char *image,
			struct abi_tree **out);

/*
 * Read @dir and write its image to @image, whatever is there: abi_tree_load() plus the
 * writing; *@write_err as in abi_image_info. Returns as abi_tree_load().
 */
int abi_tree_write_image(struct abi_ctx *ctx, const char *dir, const char *image,
			 struct abi_tree **out, int *write_err);

/*
 * Compile @path (a normalized What path, abi_what.path) into a matcher.
 * On failure returns -EINVAL and, if @why is not NULL, points it at a static reason.
 * Free with abi_pattern_free().
 */
int abi_pattern_compile(const char *path, struct abi_pattern **out, const char **why);
void abi_pattern_free(struct abi_pattern *pattern);
/* Whether @pattern matches the whole of @path (an absolute path, no trailing '/'). */
bool abi_pattern_match(const struct abi_pattern *pattern, const char *path);
/*
 * The pattern as sysabi reads it, for match and --explain: `<+>` one or more
 * characters, `<*>` any run, `<?>` one character, `<#>` digits, `[1-5]` one digit of a
 * range (`[1-5]+` one or more), `**` any number of components; alternatives are
 * expanded, and the variants joined with " | ". Caller frees with free(); NULL on
 * -ENOMEM.
 */
char *abi_pattern_describe(const struct abi_pattern *pattern);

/*
 * An index over every path-like What (all kinds but prose; not the too-broad ones,
 * which would match whole trees) of a tree: answers "which
 * Whats match this path" by walking a trie of path components, literal children looked
 * up in a hash table. Borrows @tree. Free with abi_index_free(). Lookups never change
 * the index: threads may share one.
 */
struct abi_index;

/* Returns 0 or -ENOMEM. */
int abi_index_new(const struct abi_tree *tree, struct abi_index **out);
void abi_index_free(struct abi_index *index);

/* Called for each matching What; return non-zero to stop the lookup with that value. */
typedef int (*abi_match_fn)(void *data, const struct abi_what *what);

/*
 * Call @fn for each What whose pattern matches the whole of @path, in tree order, each
 * What at most once. A trailing '/' on @path is ignored; directory Whats match too.
 * Returns 0, @fn's non-zero value, or -ENOMEM.
 */
int abi_index_lookup(const struct abi_index *index, const char *path, abi_match_fn fn,
		     void *data);

/*
 * Whether the first @len bytes of @path (a whole number of components) name a
 * symbolic link: a `...` may consume a link as its last component, never continue
 * through one into the directory it leads to.
 */
typedef bool (*abi_link_fn)(void *data, const char *path, size_t len);

/* abi_index_lookup(), told by @is_link (if not NULL) which components are links. */
int abi_index_lookup_links(const struct abi_index *index, const char *path,
			   abi_link_fn is_link, void *link_data, abi_match_fn fn,
			   void *data);

/*
 * Step-wise lookup for walkers that descend a tree one component at a time, so a
 * prefix shared by many paths is matched once. A state set is owned by the caller.
 * The functions that make one return 0 or -ENOMEM (and then *out is NULL).
 */
struct abi_index_states;

/* The states before the first component (the root "/"). Free with abi_index_states_free(). */
int abi_index_states_root(const struct abi_index *index, struct abi_index_states **out);
/* States after consuming @component from @from; *out may be empty. */
int abi_index_states_step(const struct abi_index *index,
			  const struct abi_index_states *from, const char *component,
			  struct abi_index_states **out);
/*
 * The same for a @component that is a symbolic link, stepping into the directory it
 * leads to: a `...` that consumes the link ends there.
 */
int abi_index_states_step_link(const struct abi_index *index,
			       const struct abi_index_states *from, const char *component,
			       struct abi_index_states **out);
/*
 * What stands for the directory @component itself, for "does the parent directory of
 * this What exist" (abi_index_what_parents()): as a step, except that a glob does not
 * take a name its node has as a literal child. /sys/fs/ext4/features, which Whats name,
 * is not an instance of /sys/fs/ext4/<disk>.
 */
int abi_index_states_step_dir(const struct abi_index *index,
			      const struct abi_index_states *from, const char *component,
			      struct abi_index_states **out);
bool abi_index_states_empty(const struct abi_index_states *states);
/*
 * Call @fn for each What that ends in @states (the path consumed so far matches it).
 * Returns 0, @fn's non-zero value, or -ENOMEM.
 */
int abi_index_states_foreach_match(const struct abi_index *index,
				   const struct abi_index_states *states, abi_match_fn fn,
				   void *data);
void abi_index_states_free(struct abi_index_states *states);

/*
 * For walkers that keep one copy of each distinct state set (a sysfs has far fewer
 * distinct sets than nodes) and skip work another walk already did.
 */
unsigned int abi_index_states_hash(const struct abi_index_states *states);
bool abi_index_states_equal(const struct abi_index_states *a,
			    const struct abi_index_states *b);
/* The states of @a that are not in @b, as a new set. */
int abi_index_states_minus(const struct abi_index_states *a,
			   const struct abi_index_states *b,
			   struct abi_index_states **out);
/* Whether some What ends in @states: abi_index_states_foreach_match() would call back. */
bool abi_index_states_has_match(const struct abi_index_states *states);

/*
 * Trie nodes by number, for "does the parent directory of this What exist": mark the
 * nodes of the state sets a walk reaches at directories, then ask for each What which
 * nodes stand for its parent directory (one per variant, fewer for `...` endings).
 */
size_t abi_index_node_count(const struct abi_index *index);
size_t abi_index_states_len(const struct abi_index_states *states);
unsigned int abi_index_states_node(const struct abi_index_states *states, size_t i);
/* Up to @max node numbers into @ids; returns how many there are. */
size_t abi_index_what_parents(const struct abi_index *index, const struct abi_what *what,
			      unsigned int *ids, size_t max);

/*
 * Comparing two trees, OLD and NEW (diff.c): what changed between two versions of the
 * documentation, and which changes break the README's rules for moving an interface
 * between stability levels.
 *
 * Entries are matched by their What lines, never by file: an entry of NEW and one of
 * OLD are a pair when they share a What (the same path; failing that, the same
 * pattern spelled with other placeholder names: `<iface>` for `<dev>`, `cpuX` for
 * `cpu<N>`). Each entry is paired with the entry sharing most with it; an entry split
 * in two, or two merged into one, gives several pairs. An entry of NEW in no pair is
 * added; one of OLD in no pair is removed.
 */

enum abi_change_kind {
	ABI_CHANGE_ADDED,       /* added: NEW documents what OLD did not */
	ABI_CHANGE_REMOVED,     /* removed: no entry of NEW has any What of it */
	ABI_CHANGE_CHANGED,     /* changed: fields differ (abi_change.fields) */
	ABI_CHANGE_MOVED_FILE,  /* moved-file: into a file of another name */
	ABI_CHANGE_MOVED_LEVEL, /* moved-level: into another stability level */
	ABI_CHANGE_KIND_COUNT,
};

/* "added", "removed", "changed", "moved-file", "moved-level": stable identifiers. */
const char *abi_change_kind_name(enum abi_change_kind kind);

/* The fields of an entry, as bits: which differ, which are missing. */
enum abi_field {
	ABI_FIELD_WHAT = 1u << 0,
	ABI_FIELD_DATE = 1u << 1,
	ABI_FIELD_KERNELVERSION = 1u << 2,
	ABI_FIELD_CONTACT = 1u << 3,
	ABI_FIELD_DESCRIPTION = 1u << 4,
	ABI_FIELD_USERS = 1u << 5,
	ABI_FIELD_ALL = (1u << 6) - 1,
};

/* "What", "Date", "KernelVersion", "Contact", "Description", "Users" for one bit. */
const char *abi_field_name(enum abi_field field);

/*
 * The rules of Documentation/ABI/README a change can break. Their names
 * (abi_rule_name()) are stable identifiers, part of sysabi's interface.
 */
enum abi_rule {
	ABI_RULE_STABLE_TO_TESTING,        /* stable-to-testing */
	ABI_RULE_REMOVED_WITHOUT_OBSOLETE, /* removed-without-obsolete: stable or testing
					      straight to removed/ */
	ABI_RULE_VANISHED_STABLE,   /* vanished-stable: documented nowhere any more */
	ABI_RULE_VANISHED_TESTING,  /* vanished-testing */
	ABI_RULE_OBSOLETE_VANISHED, /* obsolete-vanished: gone, not into removed/ */
	ABI_RULE_NEW_MISSING_FIELD, /* new-missing-field: a new entry without What,
					      Date, KernelVersion, Contact or Description */
	ABI_RULE_NEW_KERNELVERSION_OLDER, /* new-kernelversion-older: a new entry whose
					      KernelVersion is older than OLD's kernel */
	ABI_RULE_COUNT,
};

const char *abi_rule_name(enum abi_rule rule);
/* One line: what the rule asks and how to fix a change that breaks it. */
const char *abi_rule_help(enum abi_rule rule);

/* One change. Entries are borrowed from the trees given to abi_diff_new(). */
struct abi_change {
	enum abi_change_kind kind;
	const struct abi_entry *old_entry; /* NULL when added */
	const struct abi_entry *new_entry; /* NULL when removed */
	unsigned int fields;               /* changed: the abi_field bits that differ */
};

/* One broken rule. */
struct abi_violation {
	enum abi_rule rule;
	const struct abi_entry *old_entry; /* NULL for a new entry */
	const struct abi_entry *new_entry; /* NULL for an entry that vanished */
	unsigned int fields; /* new-missing-field: the missing abi_field bits */
	const char *message; /* owned by the diff */
};

/* Two entries matched across the trees: they share at least one What. */
struct abi_pair {
	const struct abi_entry *old_entry, *new_entry;
};

struct abi_diff {
	const struct abi_tree *old_tree, *new_tree; /* borrowed */
	/* by NEW's entry, then OLD's, in tree order */
	struct abi_pair *pairs;
	size_t n_pairs;
	/* by kind, then by place (NEW's entry, else OLD's): file, line */
	struct abi_change *changes;
	size_t n_changes;
	/* by rule, then by place: NEW's entry, else OLD's (vanished entries) */
	struct abi_violation *violations;
	size_t n_violations;
	size_t change_counts[ABI_CHANGE_KIND_COUNT];
	size_t rule_counts[ABI_RULE_COUNT];
	/* OLD's kernel, from old_tree->kernel_version; -1 when unknown, and then
	   new-kernelversion-older is not checked */
	int old_kv_major, old_kv_minor;
};

/*
 * Pair the entries of @old_tree with those of @new_tree (diff-match.c), as
 * abi_diff_new() does first, in passes over the entries still alone: shared What
 * paths; shared patterns; paths renamed (two of: the same last components, the same
 * Description, the same file; one candidate on each side); OLD paths a pattern of NEW
 * matches. *@out is a malloc'd array of *@n pairs, by NEW's entry then OLD's,
 * borrowing both trees; the caller frees it with free(). Returns 0 or -ENOMEM.
 */
int abi_diff_match(const struct abi_tree *old_tree, const struct abi_tree *new_tree,
		   struct abi_pair **out, size_t *n);

/*
 * Compare @old_tree with @new_tree. Both are borrowed and must outlive the diff.
 * Returns 0 or -ENOMEM. The caller frees *out with abi_diff_free().
 */
int abi_diff_new(const struct abi_tree *old_tree, const struct abi_tree *new_tree,
		 struct abi_diff **out);
void abi_diff_free(struct abi_diff *diff);

/*
 * Diagnostics kept for comparing (diff-diag.c): set abi_diag_log_add() as a context's
 * callback, with the log as its data, and every diagnostic is copied into the log, in
 * the order reported. The log owns the copies and every string they point to, until
 * abi_diag_log_free().
 */
struct abi_diag_log {
	struct abi_diag *diags;
	size_t n_diags;
	struct abi_diag_log_priv *priv;
};

int abi_diag_log_new(struct abi_diag_log **out);
void abi_diag_log_free(struct abi_diag_log *log);
/* An abi_diag_fn: @data is a struct abi_diag_log. Out of memory, it marks the log
   incomplete, and abi_diff_new_diags() then fails with -ENOMEM. */
void abi_diag_log_add(void *data, const struct abi_diag *diag);

/*
 * The diagnostics of @new_log (logged while loading diff->new_tree) that @old_log
 * (diff->old_tree) has no counterpart for, so that old debt is told apart from what
 * the change brings. Counterparts have the same kind, the same message once line
 * numbers are masked (`file:12`, `line 12`), and the same place: entries paired by
 * the diff, or, outside entries, a file of the same name. Each diagnostic of OLD
 * answers for one of NEW.
 * *@out is an array of *@n pointers into @new_log, in its order; free the array
 * with free(), not what it points to. Returns 0 or -ENOMEM.
 */
int abi_diff_new_diags(const struct abi_diff *diff, const struct abi_diag_log *old_log,
		       const struct abi_diag_log *new_log, const struct abi_diag ***out,
		       size_t *n);

#ifdef __cplusplus
}
#endif

#endif
