// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * mod-load: load kernel modules with their dependencies, in the guest that
 * build-aux/capture-kernel.sh boots to record its /sys. The guest has no modprobe and no
 * udev, so this static program, linked with nothing but libc, does their part: it reads
 * the modules.dep, modules.softdep, modules.alias and modules.builtin that depmod wrote
 * on the host.
 *
 *   mod-load [--dir DIR] [--coldplug] [--log FILE] [-q] [--] [NAME...]
 *
 * Each NAME (a module or an alias) is loaded after its dependencies and its soft "pre:"
 * ones, its soft "post:" ones after it, with the parameters the .conf files of
 * /etc/modprobe.d give it ("options"), as modprobe would. --coldplug then does what udev
 * does at boot: it reads the modalias of every device under /sys/devices, loads every
 * module one of whose aliases matches and that modprobe.d does not blacklist, and does
 * it again while that brings new modules (a driver that binds creates devices: USB
 * devices behind a host controller, disks behind a SCSI host), waiting between rounds
 * for the probes to settle.
 *
 * The guest's /sbin/modprobe runs it too, for the kernel's request_module() (a codec
 * driver for a sound card, a crypto algorithm, a network protocol): "-q -- NAME".
 *
 * A module that fails to load is logged and the rest go on, as are those depending on
 * it. One line a module, on --log (appended) and, unless -q, stdout:
 *   loaded NAME | already NAME | builtin NAME | failed NAME: WHY | unknown NAME
 * Exit status: 0, or 2 when the module directory cannot be read.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <fnmatch.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/utsname.h>
#include <unistd.h>

#ifndef MODULE_INIT_COMPRESSED_FILE
#define MODULE_INIT_COMPRESSED_FILE 4
#endif

#define MAX_ROUNDS 8
#define SETTLE_SECONDS 2

enum state { NEW, LOADING, LOADED, FAILED };

struct module {
	char *name;  /* as the kernel names it: '-' read as '_' */
	char *path;  /* relative to the module directory */
	char **deps; /* names, as modules.dep lists them */
	size_t n_deps;
	char **pre, **post; /* soft dependencies: names or aliases */
	size_t n_pre, n_post;
	char *options;    /* parameters from modprobe.d, or NULL */
	bool blacklisted; /* not loaded for a device's alias */
	enum state state;
};

struct alias {
	char *pattern;
	char *module;
	size_t literal; /* the length of the pattern's prefix without wildcards */
};

static struct module *modules;
static size_t n_modules;
static struct alias *aliases;
static size_t n_aliases;
static char **builtin;
static size_t n_builtin;
static FILE *log_file;
static bool quiet;
static int dir_fd = -1;

static void *xrealloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (!p) {
		perror("mod-load");
		exit(2);
	}
	return p;
}

static char *xstrdup(const char *s)
{
	char *d = strdup(s);

	if (!d) {
		perror("mod-load");
		exit(2);
	}
	return d;
}

static void say(const char *fmt, ...)
{
	va_list ap;

	if (!quiet) {
		va_start(ap, fmt);
		vprintf(fmt, ap);
		va_end(ap);
		fflush(stdout);
	}
	if (log_file) {
		va_start(ap, fmt);
		vfprintf(log_file, fmt, ap);
		va_end(ap);
		fflush(log_file);
	}
}

/* A module's name as the kernel spells it: the file's base name, '-' read as '_'. */
static char *module_name(const char *s)
{
	const char *base = strrchr(s, '/');
	char *name = xstrdup(base ? base + 1 : s), *p;

	p = strstr(name, ".ko");
	if (p)
		*p = '\0';
	for (p = name; *p; p++)
		if (*p == '-')
			*p = '_';
	return name;
}

static int cmp_module(const void *a, const void *b)
{
	return strcmp(((const struct module *)a)->name, ((const struct module *)b)->name);
}

static struct module *find_module(const char *name)
{
	struct module key = { .name = (char *)name };

	return bsearch(&key, modules, n_modules, sizeof(key), cmp_module);
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static bool is_builtin(const char *name)
{
	return bsearch(&name, builtin, n_builtin, sizeof(*builtin), cmp_str) != NULL;
}

static FILE *open_index(const char *file)
{
	int fd = openat(dir_fd, file, O_RDONLY | O_CLOEXEC);

	return fd < 0 ? NULL : fdopen(fd, "r");
}

/* Split @line at blanks into a malloc'd array of malloc'd words. */
static char **split(char *line, size_t *n)
{
	char **v = NULL, *w;

	*n = 0;
	while ((w = strsep(&line, " \t\n"))) {
		if (!*w)
			continue;
		v = xrealloc(v, (*n + 1) * sizeof(*v));
		v[(*n)++] = xstrdup(w);
	}
	return v;
}

/* modules.dep: "PATH: DEP-PATH..." a line, every module there is. */
static int read_dep(void)
{
	FILE *f = open_index("modules.dep");
	char *line = NULL, *colon;
	size_t cap = 0;

	if (!f)
		return -errno;
	while (getline(&line, &cap, f) > 0) {
		struct module *m;

		colon = strchr(line, ':');
		if (!colon)
			continue;
		*colon = '\0';
		modules = xrealloc(modules, (n_modules + 1) * sizeof(*modules));
		m = &modules[n_modules++];
		*m = (struct module){ .name = module_name(line), .path = xstrdup(line) };
		m->deps = split(colon + 1, &m->n_deps);
		for (size_t i = 0; i < m->n_deps; i++) {
			char *name = module_name(m->deps[i]);

			free(m->deps[i]);
			m->deps[i] = name;
		}
	}
	free(line);
	fclose(f);
	qsort(modules, n_modules, sizeof(*modules), cmp_module);
	return 0;
}

/* "softdep NAME pre: A B post: C": A and B before NAME, C after it. */
static void add_softdep(struct module *m, char **w, size_t n)
{
	size_t *count = NULL;
	char ***list = NULL;

	for (size_t i = 2; i < n; i++) {
		if (strcmp(w[i], "pre:") == 0) {
			list = &m->pre;
			count = &m->n_pre;
		} else if (strcmp(w[i], "post:") == 0) {
			list = &m->post;
			count = &m->n_post;
		} else if (list) {
			*list = xrealloc(*list, (*count + 1) * sizeof(**list));
			(*list)[(*count)++] = xstrdup(w[i]);
		}
	}
}

/* "options NAME A=1 B=2": parameters for NAME, added to those of earlier lines. */
static void add_options(struct module *m, char **w, size_t n)
{
	for (size_t i = 2; i < n; i++) {
		size_t len = m->options ? strlen(m->options) : 0;

		m->options = xrealloc(m->options, len + strlen(w[i]) + 2);
		snprintf(m->options + len, strlen(w[i]) + 2, "%s%s", len ? " " : "",
			 w[i]);
	}
}

/*
 * The lines of modules.softdep and modprobe.d that name a module: softdep, options,
 * blacklist. Others (alias, install) are not needed here and are skipped.
 */
static void read_config(FILE *f)
{
	char *line = NULL;
	size_t cap = 0;

	while (f && getline(&line, &cap, f) > 0) {
		size_t n;
		char **w = split(line, &n), *name;
		struct module *m = NULL;

		if (n >= 2 && w[0][0] != '#') {
			name = module_name(w[1]);
			m = find_module(name);
			free(name);
		}
		if (m && strcmp(w[0], "softdep") == 0)
			add_softdep(m, w, n);
		else if (m && strcmp(w[0], "options") == 0)
			add_options(m, w, n);
		else if (m && strcmp(w[0], "blacklist") == 0)
			m->blacklisted = true;
		for (size_t i = 0; i < n; i++)
			free(w[i]);
		free(w);
	}
	free(line);
	if (f)
		fclose(f);
}

static int cmp_str(const void *a, const void *b);

/* Every *.conf of directory @dir, in the order of their names, as modprobe reads them. */
static void read_config_dir(const char *dir)
{
	DIR *d = opendir(dir);
	char **names = NULL, path[4096];
	size_t n = 0, len;
	struct dirent *e;

	while (d && (e = readdir(d))) {
		len = strlen(e->d_name);
		if (len < 6 || strcmp(e->d_name + len - 5, ".conf") != 0)
			continue;
		names = xrealloc(names, (n + 1) * sizeof(*names));
		names[n++] = xstrdup(e->d_name);
	}
	if (d)
		closedir(d);
	qsort(names, n, sizeof(*names), cmp_str);
	for (size_t i = 0; i < n; i++) {
		snprintf(path, sizeof(path), "%s/%s", dir, names[i]);
		read_config(fopen(path, "re"));
		free(names[i]);
	}
	free(names);
}

/* modules.alias: "alias PATTERN NAME". */
static void read_alias(void)
{
	FILE *f = open_index("modules.alias");
	char *line = NULL;
	size_t cap = 0;

	while (f && getline(&line, &cap, f) > 0) {
		size_t n;
		char **w = split(line, &n);

		if (n == 3 && strcmp(w[0], "alias") == 0) {
			aliases = xrealloc(aliases, (n_aliases + 1) * sizeof(*aliases));
			aliases[n_aliases++] = (struct alias){
				.pattern = w[1],
				.module = module_name(w[2]),
				.literal = strcspn(w[1], "*?[\\"),
			};
			w[1] = NULL;
		}
		for (size_t i = 0; i < n; i++)
			free(w[i]);
		free(w);
	}
	free(line);
	if (f)
		fclose(f);
}

/* modules.builtin: "kernel/PATH.ko" a line, for the modules built into the kernel. */
static void read_builtin(void)
{
	FILE *f = open_index("modules.builtin");
	char *line = NULL;
	size_t cap = 0;

	while (f && getline(&line, &cap, f) > 0) {
		line[strcspn(line, "\n")] = '\0';
		builtin = xrealloc(builtin, (n_builtin + 1) * sizeof(*builtin));
		builtin[n_builtin++] = module_name(line);
	}
	free(line);
	if (f)
		fclose(f);
	qsort(builtin, n_builtin, sizeof(*builtin), cmp_str);
}

static bool alias_matches(const struct alias *a, const char *text)
{
	return strncmp(a->pattern, text, a->literal) == 0 &&
	       fnmatch(a->pattern, text, 0) == 0;
}

/* finit_module, the compressed flag for a compressed file: the kernel decompresses. */
static int insert(const struct module *m)
{
	int fd = openat(dir_fd, m->path, O_RDONLY | O_CLOEXEC), err = 0;
	size_t len = strlen(m->path);
	int flags = len > 3 && strcmp(m->path + len - 3, ".ko") == 0 ?
			    0 :
			    MODULE_INIT_COMPRESSED_FILE;

	if (fd < 0)
		return -errno;
	if (syscall(SYS_finit_module, fd, m->options ? m->options : "", flags) < 0)
		err = -errno;
	close(fd);
	return err;
}

static bool load(const char *name, int depth);

/* Soft dependencies are names or aliases, and one that is neither is skipped. */
static void load_soft(char **names, size_t n, int depth)
{
	for (size_t i = 0; i < n; i++)
		load(names[i], depth + 1);
}

static bool load_module(struct module *m, int depth)
{
	int err;

	if (m->state == LOADED)
		return true;
	if (m->state == FAILED)
		return false;
	if (m->state == LOADING) {
		say("failed %s: a dependency cycle\n", m->name);
		return false;
	}
	m->state = LOADING;
	load_soft(m->pre, m->n_pre, depth);
	for (size_t i = 0; i < m->n_deps; i++) {
		struct module *d = find_module(m->deps[i]);

		if (!d || !load_module(d, depth + 1)) {
			say("failed %s: its dependency %s failed\n", m->name, m->deps[i]);
			m->state = FAILED;
			return false;
		}
	}
	err = insert(m);
	if (err && err != -EEXIST) {
		say("failed %s: %s\n", m->name, strerror(-err));
		m->state = FAILED;
		return false;
	}
	say("%s %s\n", err ? "already" : "loaded", m->name);
	m->state = LOADED;
	load_soft(m->post, m->n_post, depth);
	return true;
}

/* A module's name or an alias: every module the alias names, as modprobe does. */
static bool load(const char *arg, int depth)
{
	char *name = module_name(arg);
	struct module *m = find_module(name);
	bool ok = false, found = false;

	if (depth > 32) {
		say("failed %s: dependencies nested too deep\n", name);
	} else if (m) {
		ok = load_module(m, depth);
	} else if (is_builtin(name)) {
		say("builtin %s\n", name);
		ok = true;
	} else {
		for (size_t i = 0; i < n_aliases; i++) {
			if (!alias_matches(&aliases[i], arg))
				continue;
			m = find_module(aliases[i].module);
			found = true;
			if (m && load_module(m, depth))
				ok = true;
		}
		if (!found)
			say("unknown %s\n", arg);
	}
	free(name);
	return ok;
}

/* The modalias of every device below @fd, read as udev would: no link followed. */
static void collect_modaliases(int fd, char ***out, size_t *n)
{
	DIR *d = fdopendir(fd);
	struct dirent *e;

	if (!d) {
		close(fd);
		return;
	}
	while ((e = readdir(d))) {
		char buf[4096];
		ssize_t len;
		int sub;

		if (e->d_name[0] == '.' &&
		    (!e->d_name[1] || strcmp(e->d_name, "..") == 0))
			continue;
		if (e->d_type == DT_DIR) {
			sub = openat(dirfd(d), e->d_name,
				     O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
			if (sub >= 0)
				collect_modaliases(sub, out, n);
			continue;
		}
		if (e->d_type != DT_REG || strcmp(e->d_name, "modalias") != 0)
			continue;
		sub = openat(dirfd(d), e->d_name, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
		if (sub < 0)
			continue;
		len = read(sub, buf, sizeof(buf) - 1);
		close(sub);
		if (len <= 0)
			continue;
		buf[len] = '\0';
		buf[strcspn(buf, "\n")] = '\0';
		*out = xrealloc(*out, (*n + 1) * sizeof(**out));
		(*out)[(*n)++] = xstrdup(buf);
	}
	closedir(d);
}

/* Load what the devices' modaliases ask for, round after round; false if none did. */
static bool coldplug_round(int round)
{
	int fd = open("/sys/devices", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	char **seen = NULL;
	size_t n_seen = 0, before = 0, after = 0;

	for (size_t i = 0; i < n_modules; i++)
		before += modules[i].state != NEW;
	if (fd >= 0)
		collect_modaliases(fd, &seen, &n_seen);
	say("# coldplug round %d: %zu modaliases\n", round, n_seen);
	for (size_t i = 0; i < n_seen; i++) {
		for (size_t j = 0; j < n_aliases; j++) {
			struct module *m;

			if (!alias_matches(&aliases[j], seen[i]))
				continue;
			m = find_module(aliases[j].module);
			if (m && m->state == NEW && !m->blacklisted)
				load_module(m, 0);
		}
		free(seen[i]);
	}
	free(seen);
	for (size_t i = 0; i < n_modules; i++)
		after += modules[i].state != NEW;
	return after > before;
}

static void usage(FILE *f)
{
	fputs("usage: mod-load [--dir DIR] [--coldplug] [--log FILE] [-q] [--] [NAME...]\n",
	      f);
}

int main(int argc, char **argv)
{
	const char *dir = NULL;
	char path[4096];
	struct utsname u;
	bool coldplug = false;
	int i, err;

	for (i = 1; i < argc && argv[i][0] == '-'; i++) {
		if (strcmp(argv[i], "--coldplug") == 0) {
			coldplug = true;
		} else if (strcmp(argv[i], "--dir") == 0 && i + 1 < argc) {
			dir = argv[++i];
		} else if (strcmp(argv[i], "--log") == 0 && i + 1 < argc) {
			log_file = fopen(argv[++i], "a");
			if (!log_file) {
				fprintf(stderr, "mod-load: cannot open '%s': %s\n",
					argv[i], strerror(errno));
				return 2;
			}
		} else if (strcmp(argv[i], "-q") == 0) {
			quiet = true;
		} else if (strcmp(argv[i], "--") == 0) {
			i++;
			break;
		} else if (strcmp(argv[i], "--help") == 0) {
			usage(stdout);
			return 0;
		} else {
			usage(stderr);
			return 2;
		}
	}
	if (!dir) {
		uname(&u);
		snprintf(path, sizeof(path), "/lib/modules/%s", u.release);
		dir = path;
	}
	dir_fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	err = dir_fd < 0 ? -errno : read_dep();
	if (err) {
		fprintf(stderr, "mod-load: cannot read '%s/modules.dep': %s\n", dir,
			strerror(-err));
		return 2;
	}
	read_config(open_index("modules.softdep"));
	read_config_dir("/etc/modprobe.d");
	read_alias();
	read_builtin();

	for (; i < argc; i++)
		load(argv[i], 0);
	for (int round = 1; coldplug && round <= MAX_ROUNDS; round++) {
		if (!coldplug_round(round))
			break;
		sleep(SETTLE_SECONDS);
	}
	return 0;
}
