// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * When an entry is missing, and why it may be: the rules that keep "missing" for an
 * attribute of an object that is here (audit.h).
 *
 * A What's parent directory counts only when it is the entry's own subject. The name
 * of the documentation file says what that subject is (sysfs-bus-pci: the PCI bus,
 * sysfs-platform-asus-wmi: one platform driver), so each word of the file's name must
 * be a word of a literal component above the attribute: /sys/bus/pci/devices/.../reset
 * is about PCI devices, and any PCI device's directory counts; but
 * /sys/devices/platform/<platform>/cpufv is about asus-wmi's device, which a
 * placeholder matching every platform device does not show to be here, and
 * /sys/.../events/in_accel_scale (sysfs-bus-iio) is not about the perf PMU's events/
 * that its `...` reaches. /sys/class/rtc/ (sysfs-class-rtc) is absent, not missing,
 * where /sys/class is all there is. A `...` right above the attribute
 * (/sys/bus/mei/devices/.../modalias) names no object either: it is any directory below,
 * found wherever /sys/bus/mei/devices is, with no device in it.
 */
#include <stdio.h>
#include <string.h>

#include "audit.h"
#include "common/macro.h"

static bool word_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

/* Whether @comp (@len bytes) is a literal: no wildcard, no placeholder, no `...`. */
static bool literal(const char *comp, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (strchr("*?<>[]{}|", comp[i]) ||
		    (comp[i] == '.' && i + 1 < len && comp[i + 1] == '.'))
			return false;
	return len > 0;
}

/* Whether @word (@wlen bytes) is one of the words of the literal components of @dir. */
static bool covered(const char *word, size_t wlen, const char *dir, size_t dlen)
{
	const char *end = dir + dlen;

	for (const char *c = dir; c < end;) {
		const char *slash;
		size_t clen;

		c += *c == '/';
		slash = memchr(c, '/', (size_t)(end - c));
		clen = (size_t)((slash ? slash : end) - c);
		if (literal(c, clen)) {
			for (const char *w = c; w < c + clen;) {
				size_t n = 0;

				while (w + n < c + clen && word_char(w[n]))
					n++;
				if (n == wlen && !strncmp(w, word, wlen))
					return true;
				w += n ? n : 1;
			}
		}
		c += clen;
	}
	return false;
}

/* The file name's words: "sysfs-bus-pci" is bus, pci; its first word is the kind. */
static const char *file_words(const char *name)
{
	static const char *const kinds[] = { "sysfs-", "debugfs-", "configfs-",
					     "procfs-" };

	for (size_t i = 0; i < ARRAY_SIZE(kinds); i++)
		if (!strncmp(name, kinds[i], strlen(kinds[i])))
			return name + strlen(kinds[i]);
	return name;
}

bool audit_parent_is_subject(const struct abi_what *w)
{
	const char *path = w->path, *last, *words;
	size_t dlen;

	if (!path || !w->entry || !w->entry->file || !w->entry->file->name)
		return false;
	dlen = strlen(path);
	while (dlen && path[dlen - 1] == '/')
		dlen--;
	last = dlen ? memrchr(path, '/', dlen) : NULL;
	if (!last)
		return false;
	dlen = (size_t)(last - path);
	/* `.../modalias`: the directory is any below the `...`, not one object */
	if (dlen >= 4 && !strncmp(last - 4, "/...", 4))
		return false;
	words = file_words(w->entry->file->name);
	for (const char *p = words; *p;) {
		size_t n = 0;

		while (word_char(p[n]))
			n++;
		if (n && !covered(p, n, path, dlen))
			return false;
		p += n ? n : 1;
	}
	return true;
}

/* Words of a Description that say where the attribute may be absent. */
static const char *const conditions[] = {
	"only present",
	"only available",
	"only exist",
	"only visible",
	"only created",
	"only shown",
	"only populated",
	"present only",
	"available only",
	"visible only",
	"created only",
	"exists only",
	"not present",
	"not available",
	"not created",
	"if supported",
	"when supported",
	"is supported",
	"are supported",
	"is optional",
	"are optional",
	"presence of this",
	"if the device supports",
};

/* Architectures a Description may restrict an attribute to, as written there. */
static const char *const arches[] = { "x86",     "arm64",   "ARM64",   "AArch64",
				      "aarch64", "powerpc", "PowerPC", "pseries",
				      "PowerNV", "s390",    "RISC-V",  "riscv",
				      "MIPS",    "SPARC",   "IA-64",   "LoongArch" };

/*
 * The first place in @text where @phrase is, its blanks standing for any run of
 * blanks and line breaks (a Description wraps anywhere), as whole words; *@len is how
 * long it is there.
 */
static const char *find_phrase(const char *text, const char *phrase, size_t *len)
{
	for (const char *t = text; *t; t++) {
		const char *p = phrase, *q = t;

		if (*t != *phrase || (t > text && word_char(t[-1])))
			continue;
		while (*p && *q) {
			if (*p == ' ' && strchr(" \t\n", *q)) {
				while (*q && strchr(" \t\n", *q))
					q++;
				p++;
			} else if (*p == *q) {
				p++;
				q++;
			} else {
				break;
			}
		}
		if (!*p && !word_char(*q)) {
			*len = (size_t)(q - t);
			return t;
		}
	}
	return NULL;
}

/* Whether @text has @word at @p, as a whole word. */
static bool word_at(const char *text, const char *p, size_t len)
{
	return (p == text || !word_char(p[-1]) || p[-1] == '_') && !word_char(p[len]) &&
	       p[len] != '_';
}

/* The sentence of @text around @at, quoted, cut to fit @size bytes, into @buf. */
static void sentence(const char *text, const char *at, char *buf, size_t size)
{
	const char *s = at, *e = at;
	size_t n;

	*buf++ = '"';
	size -= 2; /* the quotes */

	while (s > text && s[-1] != '.' && s[-1] != ':' &&
	       !(s - text >= 2 && s[-1] == '\n' && s[-2] == '\n'))
		s--;
	while (*e && *e != '.' && !(e[0] == '\n' && e[1] == '\n'))
		e++;
	while (s < e && strchr(" \t\n", *s))
		s++;
	n = (size_t)(e - s);
	if (n >= size - 1) {
		n = size - 5;
		memcpy(buf, s, n);
		memcpy(buf + n, "...\"", 5);
	} else {
		memcpy(buf, s, n);
		memcpy(buf + n, "\"", 2);
	}
	for (char *c = buf; *c; c++)
		if (*c == '\n' || *c == '\t')
			*c = ' ';
	/* runs of blanks the line breaks leave, as one */
	for (char *r = buf, *w = buf;; r++) {
		if (*r == ' ' && w > buf && w[-1] == ' ')
			continue;
		*w++ = *r;
		if (!*r)
			break;
	}
}

bool audit_absence_reason(const struct abi_entry *e, char *buf, size_t size)
{
	const char *text = e->description.str, *p;

	if (!text || size < 16)
		return false;
	/* a configuration option, where the Description names one */
	for (p = strstr(text, "CONFIG_"); p; p = strstr(p + 1, "CONFIG_")) {
		size_t n = 7;

		while (word_char(p[n]) || p[n] == '_')
			n++;
		if (n > 7 && (p == text || !word_char(p[-1]))) {
			snprintf(buf, size, "the Description names %.*s", (int)n, p);
			return true;
		}
	}
	for (size_t i = 0; i < ARRAY_SIZE(conditions); i++) {
		size_t len;

		p = find_phrase(text, conditions[i], &len);
		if (p) {
			sentence(text, p, buf, size);
			return true;
		}
	}
	for (size_t i = 0; i < ARRAY_SIZE(arches); i++) {
		for (p = strstr(text, arches[i]); p; p = strstr(p + 1, arches[i])) {
			if (word_at(text, p, strlen(arches[i]))) {
				snprintf(buf, size, "the Description names %s",
					 arches[i]);
				return true;
			}
		}
	}
	return false;
}
