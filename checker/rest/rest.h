/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * sysabi rest: an ABI tree as reStructuredText, for Sphinx. Shared by the files of the
 * command: cmd-rest.c (options and output), rest-write.c (the document), rest-kernel.c
 * and rest-kernel-text.c (the document as the kernel's own documentation build reads
 * it, and its descriptions), rest-label.c
 * (a label per entry), rest-xref.c (which entry a path in a description means) and
 * rest-text.c (text made safe for reST).
 *
 * Free text of the kernel's documentation never reaches the output as markup: every
 * character reST could read as inline markup is escaped, descriptions are parsed-literal
 * blocks and the other fields line blocks, so no description can break a Sphinx build;
 * and no URI but an http, https, ftp or mailto one becomes a link, so that none can
 * run a script in the reader's browser. The document of get_abi.pl (rest-kernel.c) is
 * the exception: its descriptions are reST, as the kernel's build expects them.
 */
#ifndef SYSABI_REST_H
#define SYSABI_REST_H

#include <stdbool.h>

#include <glib.h>

#include "abi/abi.h"

struct rest_options {
	bool one_level; /* only entries of @level */
	enum abi_level level;
	const char *title;        /* NULL: a title naming the tree; "": no title */
	const char *label_prefix; /* first word of every label: "abi" */
};

/*
 * Write @tree as one reST document to @out: a section per stability level, in it a
 * section per file, in it the entries sorted by What, each under its label. Returns 0
 * or -ENOMEM.
 */
int rest_write(const struct abi_tree *tree, const struct rest_options *opt, GString *out);

/* get_abi.pl's options, for the kernel's documentation build (rest-kernel.c) */
struct rest_kernel_options {
	const char *dir; /* the directory as named: LINENO markers name files below it */
	bool lineno;     /* --enable-lineno: a ".. LINENO FILE#LINE" before each entry */
	bool rst_source; /* descriptions are reST (--rst-source, the default), or text */
};

/*
 * Write @tree as get_abi.pl rest does, for the kernel-abi directive of the kernel's
 * Documentation/sphinx/kernel_abi.py: its labels (abi_sys_class_net_iface_mtu,
 * abi_file_stable_sysfs_block), sections and markers, descriptions as reST. Returns 0.
 */
int rest_kernel_write(const struct abi_tree *tree, const struct rest_kernel_options *opt,
		      GString *out);

/* ---- rest-kernel-text.c ---- */

/* The label of the entry whose one What is @path (@len bytes), or NULL. */
typedef const char *(*rest_kernel_label_fn)(void *data, const char *path, size_t len);

/*
 * Append @clean (rest_clean() text) as get_abi.pl passes a description on, reST: a title's
 * adornment lines dropped; Documentation/X.rst a :doc:, Documentation/ABI/LEVEL/FILE
 * and a path that @label knows :ref: links, outside literal blocks; a directive that
 * is not one of those that only show text, :download:, a scheme docutils would link
 * other than http, https, ftp and mailto, and a line kernel_abi.py would take for its
 * LINENO marker made text.
 */
void rest_kernel_rst(GString *out, const char *clean, rest_kernel_label_fn label,
		     void *data);
/* Append @clean as text that may not be reST (--no-rst-source): a literal block when a
 * line is indented or ends with a colon, else a paragraph, escaped. */
void rest_kernel_plain(GString *out, const char *clean);

/* ---- rest-text.c ---- */

/*
 * @s (@len bytes) as text for reST, in a new string the caller frees with g_free():
 * valid UTF-8, tabs expanded to 8-column stops, other control characters as U+FFFD,
 * trailing blanks of each line and trailing empty lines dropped.
 */
char *rest_clean(const char *s, size_t len);
/* Append @len bytes of clean text (rest_clean()) with every inline markup character
 * backslash-escaped, so that reST shows it as written: inside a role. */
void rest_escape(GString *out, const char *s, size_t len);
/* The same for running text, where docutils also makes links of URIs on its own: the
 * colon after a scheme other than http, https, ftp and mailto is escaped too, so that
 * "javascript:alert(1)" stays text. */
void rest_escape_text(GString *out, const char *s, size_t len);
/* rest_escape(), and quotes escaped too: a name (a What, a path) keeps the quotes it
 * was written with where Sphinx would make typographic ones of them. */
void rest_escape_name(GString *out, const char *s, size_t len);
/* Append @text (any bytes) cleaned, on one line, escaped for inside a role. */
void rest_inline(GString *out, const char *text);
/* Append a section title: @text escaped as running text, over- and underlined with
 * @adornment. */
void rest_title(GString *out, char adornment, const char *text);
/* Whether rest_title() makes a title of @text: not when its line is one ASCII punctuation
 * mark repeated ("====", "-"), which reST reads as an adornment. */
bool rest_title_ok(const char *text);
/* Append @text (any bytes) as a line block of running text, a line a line, each after
 * @indent; the first line's @indent is left to the caller, for a field body. */
void rest_line_block(GString *out, const char *indent, const char *text);

/* ---- rest-label.c ---- */

/*
 * Labels for the entries and files of a tree, made of [a-z0-9-] so that Sphinx keeps
 * them as they are, also as HTML anchors: PREFIX-LEVEL-FILE-WHAT for an entry
 * (abi-stable-sysfs-class-net-sys-class-net-iface-mtu), PREFIX-file-LEVEL-FILE for a
 * file, PREFIX-level-LEVEL for a level. The same tree gives the same labels on every
 * run; entries with the same base (two entries for one What) get -2, -3... in tree order,
 * never a suffix another entry's base already has.
 */
struct rest_labels {
	char **entries; /* by abi_entry.index; NULL for the entries left out */
	char **files;   /* by position in abi_tree.files */
	size_t n_entries, n_files;
};

/* @shown[i] tells whether tree->entries[i] gets a label. Release with
 * rest_labels_release(). */
void rest_labels_init(struct rest_labels *labels, const struct abi_tree *tree,
		      const bool *shown, const char *prefix);
void rest_labels_release(struct rest_labels *labels);

/* ---- rest-xref.c ---- */

struct rest_xref;

/* Links into the entries @shown marks. Borrows @tree and @shown. Free with rest_xref_free(). */
int rest_xref_new(const struct abi_tree *tree, const bool *shown, struct rest_xref **out);
void rest_xref_free(struct rest_xref *xref);
/*
 * The entry a path written in a description means, in *@out, or NULL: one with a What
 * written as @path (@len bytes), else, for a path without wildcards, the entry whose
 * What matches it, stable before testing before obsolete before removed. Never @self.
 * Returns 0, or -ENOMEM from the index.
 */
int rest_xref_find(struct rest_xref *xref, const char *path, size_t len,
		   const struct abi_entry *self, const struct abi_entry **out);

#endif
