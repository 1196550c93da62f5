// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The audit's walk: see audit.h for the idea. Two passes over the in-memory sysfs:
 * the real tree first (every directory gets its state set), then the aliases, each
 * entering a link's target with only the states the real walk lacks there.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "audit.h"
#include "cli/timing.h"

/* A state set, kept once: equal sets from different walks are one sset. */
struct sset {
	struct abi_index_states *s;
	unsigned int id;
	bool has_match;
	bool marked;            /* its trie nodes are marked as reached at a directory */
	GHashTable *steps;      /* interned name -> struct sset *: stepping, cached */
	GHashTable *link_steps; /* the same, stepping into a link's target */
	GHashTable *dir_steps;  /* the same, for what stands for a directory */
};

struct alias_job {
	const struct audit_alias *alias; /* the link, and the name it is reached by */
	struct sset *set;                /* the states at that name */
	unsigned int hops;
};

struct audit_priv {
	GHashTable *sets; /* struct sset * -> itself, by content */
	GPtrArray *all_sets;
	struct sset **phys;     /* by snode id: a directory's states on its real path */
	GHashTable *alias_seen; /* (snode id, sset id) walked as an alias */
	GPtrArray *aliases;     /* every struct audit_alias, for freeing */
	GHashTable *counted;    /* (entry index, snode id) already counted */
	GHashTable *populated;  /* "FILE\nPARENT" of the Whats of matched entries */
	GQueue jobs;
	uint8_t *reached; /* by trie node id */
	struct sset *empty;
};

const struct audit_class_info audit_classes[AUDIT_CLASS_COUNT] = {
	[AUDIT_DOCUMENTED] = { "documented", .order = -1, .chart_slot = 0 },
	[AUDIT_REMOVED] = { "removed", "removed-exposed",
			    "Removed interfaces still exposed",
			    "Does the sysfs still expose files whose documentation is in "
			    "removed/?",
			    "error", 0, 3 },
	[AUDIT_OBSOLETE] = { "obsolete", "obsolete-exposed",
			     "Obsolete interfaces still exposed",
			     "Does the sysfs expose files documented in obsolete/?",
			     "warning", 1, 2 },
	[AUDIT_UNDOCUMENTED] = { "undocumented", "undocumented",
				 "Files present but undocumented",
				 "Does every file of the sysfs match a What of the documentation?",
				 "warning", 2, 5 },
	[AUDIT_BY_DIRECTORY] = { "by-directory", "by-directory",
				 "Files documented only by their directory",
				 "Which files does no What match, though their directory's "
				 "Description names them?",
				 "info", 3, 4 },
	[AUDIT_MODULE_PARAMETER] = { "module-parameter", "module-parameter",
				     "Module parameters documented outside "
				     "Documentation/ABI",
				     "Which module parameters does no What match, though "
				     "kernel-parameters.txt or the module's modinfo describes "
				     "them?",
				     "info", 4, 6 },
};

static const char *const status_names[AUDIT_ENTRY_STATUS_COUNT] = {
	[AUDIT_ENTRY_MATCHED] = "matched",         [AUDIT_ENTRY_MISSING] = "missing",
	[AUDIT_ENTRY_CONDITIONAL] = "conditional", [AUDIT_ENTRY_ABSENT] = "absent",
	[AUDIT_ENTRY_NOT_SYSFS] = "not-sysfs",
};

const struct audit_class_info *audit_class_listed(int order)
{
	for (int c = 0; c < AUDIT_CLASS_COUNT; c++)
		if (audit_classes[c].order == order)
			return &audit_classes[c];
	return NULL;
}

const char *audit_class_name(enum audit_class c)
{
	return c < AUDIT_CLASS_COUNT ? audit_classes[c].name : "?";
}

int audit_class_parse(const char *name, enum audit_class *out)
{
	for (int c = 0; c < AUDIT_CLASS_COUNT; c++) {
		if (strcmp(name, audit_classes[c].name) == 0) {
			*out = (enum audit_class)c;
			return 0;
		}
	}
	return -EINVAL;
}

const char *audit_entry_status_name(enum audit_entry_status s)
{
	return s < AUDIT_ENTRY_STATUS_COUNT ? status_names[s] : "?";
}

/*
 * Sets of pairs of 32-bit numbers, packed in a pointer-sized key: no allocation per
 * key, and a hash that mixes both halves (GLib's g_int64_hash keeps the low 32 bits
 * only, which made every key of one state set collide).
 */
static guint pair_hash(gconstpointer p)
{
	guint64 k = (guint64)GPOINTER_TO_SIZE(p);

	k ^= k >> 33;
	k *= 0xff51afd7ed558ccdull;
	k ^= k >> 33;
	return (guint)k;
}

static gpointer pair(uint32_t hi, uint32_t lo)
{
	G_STATIC_ASSERT(sizeof(gpointer) >= sizeof(guint64));
	return GSIZE_TO_POINTER((guint64)hi << 32 | lo);
}

/* ---- state sets ---- */

static guint sset_hash(gconstpointer p)
{
	return abi_index_states_hash(((const struct sset *)p)->s);
}

static gboolean sset_equal(gconstpointer a, gconstpointer b)
{
	return abi_index_states_equal(((const struct sset *)a)->s,
				      ((const struct sset *)b)->s);
}

static void sset_free(gpointer p)
{
	struct sset *set = p;

	abi_index_states_free(set->s);
	if (set->steps)
		g_hash_table_destroy(set->steps);
	if (set->link_steps)
		g_hash_table_destroy(set->link_steps);
	if (set->dir_steps)
		g_hash_table_destroy(set->dir_steps);
	g_free(set);
}

/* Keep one copy of @s (taken over): the existing one if there is one. */
static struct sset *intern(struct audit *a, struct abi_index_states *s)
{
	struct audit_priv *p = a->priv;
	struct sset key = { .s = s }, *set = g_hash_table_lookup(p->sets, &key);

	if (set) {
		abi_index_states_free(s);
		return set;
	}
	set = g_new0(struct sset, 1);
	set->s = s;
	set->id = p->all_sets->len;
	set->has_match = abi_index_states_has_match(s);
	g_ptr_array_add(p->all_sets, set);
	g_hash_table_add(p->sets, set);
	return set;
}

/*
 * The states after @name, a directory's or a file's, or with @link, a link's that the
 * walk enters: a `...` stops at a link (abi_index_states_step_link()).
 */
enum step_kind { STEP_NAME, STEP_LINK, STEP_DIR };

static struct sset *step_to(struct audit *a, struct sset *from, const char *name,
			    enum step_kind kind)
{
	GHashTable **cache = kind == STEP_LINK ? &from->link_steps :
			     kind == STEP_DIR  ? &from->dir_steps :
						 &from->steps;
	struct abi_index_states *s;
	struct sset *to;

	if (from == a->priv->empty)
		return from;
	if (!*cache)
		*cache = g_hash_table_new(g_direct_hash, g_direct_equal);
	to = g_hash_table_lookup(*cache, name); /* names are interned: pointers do */
	if (to)
		return to;
	if (kind == STEP_LINK)
		abi_index_states_step_link(a->index, from->s, name, &s);
	else if (kind == STEP_DIR)
		abi_index_states_step_dir(a->index, from->s, name, &s);
	else
		abi_index_states_step(a->index, from->s, name, &s);
	to = intern(a, s);
	g_hash_table_insert(*cache, (gpointer)name, to);
	return to;
}

static struct sset *step(struct audit *a, struct sset *from, const char *name)
{
	return step_to(a, from, name, STEP_NAME);
}

static struct sset *minus(struct audit *a, struct sset *x, struct sset *y)
{
	struct abi_index_states *s;

	if (!y)
		return x;
	abi_index_states_minus(x->s, y->s, &s);
	return intern(a, s);
}

static void mark_reached(struct audit *a, struct sset *set)
{
	if (set->marked)
		return;
	set->marked = true;
	for (size_t i = 0; i < abi_index_states_len(set->s); i++)
		a->priv->reached[abi_index_states_node(set->s, i)] = 1;
}

/* ---- matches ---- */

struct record {
	struct audit *a;
	const struct snode *n;
	const struct audit_alias *via;
};

static int record_one(void *data, const struct abi_what *w)
{
	struct record *r = data;
	struct audit_node *an = &r->a->nodes[r->n->id];
	const struct abi_entry *e = w->entry;

	/* a What ending in '/' documents a directory, never a file named like one */
	if (w->is_dir && !snode_is_dir(r->n))
		return 0;
	if (!an->match || w->entry->level < an->match->entry->level) {
		an->match = w;
		an->via = r->via;
	}
	if (w->kind == ABI_WHAT_SYSFS &&
	    g_hash_table_add(r->a->priv->counted, pair(e->index, r->n->id))) {
		struct audit_entry *ae = &r->a->entries[e->index];

		if (!ae->nodes++)
			ae->example = r->n;
	}
	return 0;
}

static void record(struct audit *a, const struct snode *n, struct sset *set,
		   const struct audit_alias *via)
{
	struct record r = { a, n, via };

	if (set->has_match)
		abi_index_states_foreach_match(a->index, set->s, record_one, &r);
}

/* ---- the walks ---- */

/* Walk @link's target later, under the name @outer gives it, with the states @set. */
static void enqueue(struct audit *a, const struct snode *link,
		    const struct audit_alias *outer, struct sset *set, unsigned int hops)
{
	struct audit_alias *alias;
	struct alias_job *job;

	if (hops > AUDIT_MAX_HOPS || !(link->flags & SNODE_LINK_RESOLVED))
		return;
	alias = g_new(struct audit_alias, 1);
	*alias = (struct audit_alias){ link, outer };
	g_ptr_array_add(a->priv->aliases, alias);
	job = g_new(struct alias_job, 1);
	*job = (struct alias_job){ alias, set, hops };
	g_queue_push_tail(&a->priv->jobs, job);
}

static void walk_real(struct audit *a, const struct snode *dir, struct sset *set)
{
	a->priv->phys[dir->id] = set;
	for (uint32_t i = 0; i < dir->n_kids; i++) {
		const struct snode *kid = dir->kids[i];
		struct sset *s;

		if (kid->flags & SNODE_IGNORED)
			continue;
		s = step(a, set, kid->name);
		record(a, kid, s, NULL);
		if (kid->type == SNODE_DIR) {
			mark_reached(a, step_to(a, set, kid->name, STEP_DIR));
			walk_real(a, kid, s);
		} else if (kid->type == SNODE_LINK)
			enqueue(a, kid, NULL, step_to(a, set, kid->name, STEP_LINK), 1);
	}
}

static void walk_alias(struct audit *a, const struct snode *dir, struct sset *set,
		       const struct audit_alias *via, unsigned int hops)
{
	if (!g_hash_table_add(a->priv->alias_seen, pair(dir->id, set->id)))
		return;
	a->alias_walks++;
	record(a, dir, set, via);
	mark_reached(a, set);
	for (uint32_t i = 0; i < dir->n_kids; i++) {
		const struct snode *kid = dir->kids[i];
		struct sset *s;

		if (kid->flags & SNODE_IGNORED)
			continue;
		s = step(a, set, kid->name);
		if (kid->type == SNODE_DIR) {
			s = minus(a, s, a->priv->phys[kid->id]);
			if (abi_index_states_len(s->s))
				walk_alias(a, kid, s, via, hops);
			continue;
		}
		record(a, kid, s, via);
		if (kid->type != SNODE_LINK)
			continue;
		s = step_to(a, set, kid->name, STEP_LINK);
		if (abi_index_states_len(s->s))
			enqueue(a, kid, via, s, hops + 1);
	}
}

static void run_jobs(struct audit *a)
{
	struct alias_job *job;

	while ((job = g_queue_pop_head(&a->priv->jobs))) {
		const struct snode *t = job->alias->link->link_target;
		struct sset *s;

		if (t->type == SNODE_DIR) {
			s = minus(a, job->set, a->priv->phys[t->id]);
			if (abi_index_states_len(s->s))
				walk_alias(a, t, s, job->alias, job->hops);
		} else if (t->type == SNODE_FILE) {
			record(a, t, job->set, job->alias);
		}
		g_free(job);
	}
}

/* ---- results ---- */

static enum audit_class class_of_match(const struct abi_what *w)
{
	switch (w->entry->level) {
	case ABI_LEVEL_OBSOLETE:
		return AUDIT_OBSOLETE;
	case ABI_LEVEL_REMOVED:
		return AUDIT_REMOVED;
	default:
		return AUDIT_DOCUMENTED;
	}
}

static bool word_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9') || c == '_' || c == '-';
}

/* Whether @text names @word as a whole word. */
static bool mentions(const char *text, const char *word)
{
	size_t len = strlen(word);

	for (const char *p = text; p && (p = strstr(p, word)); p += len)
		if ((p == text || !word_char(p[-1])) && !word_char(p[len]))
			return true;
	return false;
}

/*
 * Levels of directories above a file whose entry may name it in its Description: the
 * parent, and the grandparent (hugepages/ documents hugepages-<size>kB/nr_hugepages).
 * Further up, prose such as that of `What: /sys/devices` names too much.
 */
#define BY_DIRECTORY_DEPTH 2

/* Whether the entry of @w, documenting a directory above a file named @name, names the
 * file in its Description: the by-directory rule, for the walk and for one path. */
static bool names_file(const struct abi_what *w, const char *name)
{
	return w && w->entry->description.str &&
	       mentions(w->entry->description.str, name);
}

const struct snode *audit_named_by_directory(const struct audit *a, const struct snode *n)
{
	const struct snode *m = n->parent;

	for (int depth = 0; m && m->parent && depth < BY_DIRECTORY_DEPTH;
	     depth++, m = m->parent) {
		if (names_file(a->nodes[m->id].match, n->name))
			return m;
	}
	return NULL;
}

/* The What record_one() would keep for one path: the first of the lowest level. */
struct best {
	const struct abi_what *w;
	bool is_dir;
	abi_link_fn is_link;
	void *link_data;
};

static int keep_best(void *data, const struct abi_what *w)
{
	struct best *b = data;

	if (w->is_dir && !b->is_dir)
		return 0;
	if (!b->w || w->entry->level < b->w->entry->level)
		b->w = w;
	return 0;
}

static int best_match(const struct abi_index *index, const char *path, struct best *b,
		      const struct abi_what **out)
{
	int r;

	b->w = NULL;
	r = abi_index_lookup_links(index, path, b->is_link, b->link_data, keep_best, b);
	*out = r < 0 ? NULL : b->w;
	return r < 0 ? r : 0;
}

int audit_judge_path(const struct abi_index *index, const char *path, bool is_dir,
		     abi_link_fn is_link, void *link_data, enum audit_class *cls,
		     const struct abi_what **match, const struct abi_what **dir_match,
		     char **dir)
{
	const char *name = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
	struct best b = { NULL, is_dir, is_link, link_data };
	char *d;
	int r;

	*cls = AUDIT_UNDOCUMENTED;
	*dir_match = NULL;
	*dir = NULL;
	r = best_match(index, path, &b, match);
	if (r < 0 || *match) {
		if (*match)
			*cls = class_of_match(*match);
		return r;
	}
	if (is_dir || !*name)
		return 0;
	d = strdup(path);
	if (!d)
		return -ENOMEM;
	/* the parent, then the grandparent, never the root of the sysfs, as the walk */
	for (int depth = 0; depth < BY_DIRECTORY_DEPTH; depth++) {
		char *slash = strrchr(d, '/');
		const struct abi_what *w;

		if (!slash)
			break;
		*slash = '\0';
		if (!*d || strcmp(d, "/sys") == 0)
			break;
		b.is_dir = true;
		r = best_match(index, d, &b, &w);
		if (r < 0)
			break;
		if (names_file(w, name)) {
			*cls = AUDIT_BY_DIRECTORY;
			*dir_match = w;
			*dir = d;
			return 0;
		}
	}
	free(d);
	return r;
}

bool audit_module_param(const struct snode *n, const char **module, const char **param)
{
	const struct snode *dir = n->parent, *mod = dir ? dir->parent : NULL;
	const struct snode *top = mod ? mod->parent : NULL;

	if (n->type != SNODE_FILE || !top || !top->parent || top->parent->parent ||
	    strcmp(top->name, "module") != 0 || strcmp(dir->name, "parameters") != 0)
		return false;
	*module = mod->name;
	*param = n->name;
	return true;
}

/* Where file @n is documented as a module parameter, when it is one. */
static enum module_param_source param_source(struct audit *a, const struct snode *n)
{
	const char *module, *param;
	unsigned int line;

	if (!audit_module_param(n, &module, &param))
		return MODULE_PARAM_NOWHERE;
	return module_params_lookup(a->params, module, param, &line);
}

/*
 * A file's class: what Documentation/ABI says first (a What, then a directory's
 * Description), then what documents module parameters elsewhere.
 */
static void classify_node(struct audit *a, const struct snode *n)
{
	const struct audit_node *an = &a->nodes[n->id];
	enum module_param_source src;
	enum audit_class c;

	if (an->match) {
		c = class_of_match(an->match);
	} else if (n->type == SNODE_FILE && audit_named_by_directory(a, n)) {
		c = AUDIT_BY_DIRECTORY;
	} else if ((src = param_source(a, n)) != MODULE_PARAM_NOWHERE) {
		c = AUDIT_MODULE_PARAMETER;
		a->params_by_source[src]++;
	} else {
		c = AUDIT_UNDOCUMENTED;
	}
	switch (n->type) {
	case SNODE_FILE:
		a->classes[n->id] = (uint8_t)c;
		a->files[c]++;
		if (c == AUDIT_DOCUMENTED)
			a->documented_by_level[an->match->entry->level < ABI_LEVEL_COUNT ?
						       an->match->entry->level :
						       ABI_LEVEL_TESTING]++;
		break;
	case SNODE_DIR:
		if (n->parent) /* the root itself is not judged */
			a->dirs[c]++;
		break;
	case SNODE_LINK:
		a->links[c]++;
		break;
	}
}

static void classify(struct audit *a, const struct snode *dir)
{
	classify_node(a, dir);
	for (uint32_t i = 0; i < dir->n_kids; i++) {
		const struct snode *kid = dir->kids[i];

		if (kid->flags & SNODE_IGNORED)
			continue;
		if (kid->type == SNODE_DIR)
			classify(a, kid);
		else
			classify_node(a, kid);
	}
}

/*
 * The key of @w for populated: its file and its parent as written. Whats of one file
 * with one parent ("/sys/fs/ext4/<disk>") are attributes of one kind of object.
 */
static char *sibling_key(const struct abi_what *w)
{
	const char *slash;
	size_t len = strlen(w->path);

	while (len && w->path[len - 1] == '/')
		len--;
	slash = len ? memrchr(w->path, '/', len) : NULL;
	return g_strdup_printf("%s\n%.*s", w->entry->file->path,
			       slash ? (int)(slash - w->path) : 0, w->path);
}

/* The parents of the Whats of every matched entry: objects of their kind are here. */
static void note_populated(struct audit *a)
{
	a->priv->populated = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	for (size_t i = 0; i < a->abi->n_entries; i++) {
		const struct abi_entry *e = a->abi->entries[i];

		if (!a->entries[i].nodes || !e->file)
			continue;
		for (size_t w = 0; w < e->n_whats; w++)
			if (e->whats[w].kind == ABI_WHAT_SYSFS)
				g_hash_table_add(a->priv->populated,
						 sibling_key(&e->whats[w]));
	}
}

/* Whether another entry of @w's file, with @w's parent, matched: its object is here. */
static bool has_sibling(struct audit *a, const struct abi_what *w)
{
	char *key;
	bool found;

	if (!w->entry->file)
		return false;
	key = sibling_key(w);
	found = g_hash_table_contains(a->priv->populated, key);
	g_free(key);
	return found;
}

static enum audit_entry_status entry_status(struct audit *a, const struct abi_entry *e)
{
	char why[AUDIT_ABSENCE_REASON_MAX];
	bool sysfs = false, reached;

	if (a->entries[e->index].nodes)
		return AUDIT_ENTRY_MATCHED;
	for (size_t w = 0; w < e->n_whats; w++) {
		/* a removed interface is promised to be gone: never missing */
		if (e->level == ABI_LEVEL_REMOVED) {
			sysfs |= e->whats[w].kind == ABI_WHAT_SYSFS;
			continue;
		}
		unsigned int ids[ABI_PATTERN_MAX_VARIANTS];
		size_t n;

		if (e->whats[w].kind != ABI_WHAT_SYSFS || !e->whats[w].pattern)
			continue;
		sysfs = true;
		/* its parent directory is here (the cheap question first) */
		n = abi_index_what_parents(a->index, &e->whats[w], ids,
					   ABI_PATTERN_MAX_VARIANTS);
		reached = false;
		for (size_t i = 0; i < n && i < ABI_PATTERN_MAX_VARIANTS; i++)
			reached |= a->priv->reached[ids[i]];
		/*
		 * and is the entry's subject (else it says nothing of it), and an
		 * attribute documented beside it is there
		 */
		if (reached && audit_parent_is_subject(&e->whats[w]) &&
		    has_sibling(a, &e->whats[w]))
			return audit_absence_reason(e, why, sizeof(why)) ?
				       AUDIT_ENTRY_CONDITIONAL :
				       AUDIT_ENTRY_MISSING;
	}
	return sysfs ? AUDIT_ENTRY_ABSENT : AUDIT_ENTRY_NOT_SYSFS;
}

/* The state sets, their step caches and the walk's bookkeeping; the aliases stay. */
static void release_walk(struct audit_priv *p)
{
	struct alias_job *job;

	while ((job = g_queue_pop_head(&p->jobs)))
		g_free(job);
	g_clear_pointer(&p->sets, g_hash_table_destroy);
	if (p->all_sets)
		g_ptr_array_free(g_steal_pointer(&p->all_sets), TRUE);
	g_clear_pointer(&p->alias_seen, g_hash_table_destroy);
	g_clear_pointer(&p->counted, g_hash_table_destroy);
	g_clear_pointer(&p->populated, g_hash_table_destroy);
	g_clear_pointer(&p->phys, g_free);
	g_clear_pointer(&p->reached, g_free);
}

int audit_run(const struct abi_tree *abi, const struct abi_index *index,
	      const struct sysfs_tree *sys, struct module_params *params,
	      struct audit **out)
{
	struct audit *a = g_new0(struct audit, 1);
	struct audit_priv *p = a->priv = g_new0(struct audit_priv, 1);
	struct abi_index_states *root, *none;
	struct sset *top, *start;

	a->abi = abi;
	a->index = index;
	a->sys = sys;
	a->params = params;
	a->nodes = g_new0(struct audit_node, sys->n_nodes);
	a->classes = g_new0(uint8_t, sys->n_nodes);
	a->entries = g_new0(struct audit_entry, abi->n_entries ? abi->n_entries : 1);
	p->sets = g_hash_table_new(sset_hash, sset_equal);
	p->all_sets = g_ptr_array_new_with_free_func(sset_free);
	p->phys = g_new0(struct sset *, sys->n_nodes);
	p->alias_seen = g_hash_table_new(pair_hash, g_direct_equal);
	p->counted = g_hash_table_new(pair_hash, g_direct_equal);
	p->aliases = g_ptr_array_new_with_free_func(g_free);
	p->reached = g_new0(uint8_t, abi_index_node_count(index));
	g_queue_init(&p->jobs);

	/* the sysfs root is /sys: its states are the trie's after "sys" */
	abi_index_states_root(index, &root);
	abi_index_states_minus(root, root, &none);
	p->empty = intern(a, none);
	top = intern(a, root);
	start = step(a, top, "sys");
	mark_reached(a, step_to(a, top, "sys", STEP_DIR));
	walk_real(a, sys->root, start);
	timing_mark("match: real paths");
	run_jobs(a);
	timing_mark("match: aliases");

	classify(a, sys->root);
	timing_mark("match: classify");
	note_populated(a);
	for (size_t i = 0; i < abi->n_entries; i++) {
		const struct abi_entry *e = abi->entries[i];
		enum audit_entry_status st = entry_status(a, e);

		a->entries[i].status = st;
		a->entries_by_status[e->level][st]++;
	}
	a->distinct_state_sets = p->all_sets->len;
	/* what the walk needed and nothing after it does: gone before the report is built */
	release_walk(p);
	*out = a;
	return 0;
}

void audit_free(struct audit *a)
{
	if (!a)
		return;
	release_walk(a->priv);
	g_ptr_array_free(a->priv->aliases, TRUE);
	g_free(a->priv);
	g_free(a->nodes);
	g_free(a->classes);
	g_free(a->entries);
	g_free(a);
}

/* @n's path below @top (an ancestor or @n itself), appended to @s. */
static void append_below(GString *s, const struct snode *top, const struct snode *n)
{
	GPtrArray *names = g_ptr_array_new();

	for (const struct snode *m = n; m && m != top; m = m->parent)
		g_ptr_array_add(names, (gpointer)m->name);
	for (guint i = names->len; i > 0; i--)
		g_string_append_printf(s, "/%s", (const char *)names->pdata[i - 1]);
	g_ptr_array_free(names, TRUE);
}

/* The name of @alias: its link's real path, or the name it is reached by below @outer. */
static void append_alias_name(GString *s, const struct audit_alias *alias)
{
	char *path;

	if (!alias->outer) {
		path = snode_path(alias->link);
		g_string_append(s, path);
		free(path);
		return;
	}
	append_alias_name(s, alias->outer);
	append_below(s, alias->outer->link->link_target, alias->link);
}

char *audit_match_path(const struct audit *a, const struct snode *n)
{
	const struct audit_alias *via = a->nodes[n->id].via;
	GString *s;
	char *r;

	if (!via)
		return snode_path(n);
	s = g_string_new(NULL);
	append_alias_name(s, via);
	append_below(s, via->link->link_target, n);
	r = strdup(s->str);
	g_string_free(s, TRUE);
	return r;
}
