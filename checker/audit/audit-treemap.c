// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The audit's map of the whole sysfs, for the HTML report: every file judged as area,
 * by subsystem (the report's "subsystems", audit-subsystems.c), the subsystems grouped
 * by the first component of their names (bus, class, devices, kernel, module...), each
 * tile coloured by the share of its files that are undocumented. Laid out as a
 * squarified treemap (report/treemap.c) on a canvas of fixed size, so the page's SVG
 * is bounded however large the sysfs: the smallest subsystems of a group, and the
 * smallest groups, are drawn together as one tile ("+12 more"). The view's treemap:
 *
 *   width, height, files   the canvas, and the files drawn: all the report's
 *   areas[]    a group: name, files (and files_s), x, y, width, height, label (null
 *              when it has no room), label_x, label_y
 *   tiles[]    name (a subsystem's, or "GROUP/+N more"), subsystems (how many it
 *              draws), x, y, width, height, bin (0..4: the share undocumented),
 *              light (white text), files, the count of each class, stable, testing,
 *              title (its tooltip), lines[] (text, x, y, small)
 *   legend[]   bin, label
 */
#include <stdio.h>
#include <string.h>

#include <glib.h>

#include "audit-report.h"
#include "report/treemap.h"
#include "report/view.h"

#define MAP_WIDTH 1100
#define MAP_HEIGHT 560
#define HEADER 18       /* a group's name, above its tiles */
#define INSET 2         /* between a group's edge and its tiles */
#define MAX_GROUPS 14   /* drawn apart; the rest as one tile */
#define MAX_TILES 24    /* of a group; the rest as one tile */
#define MIN_TILE 400.0  /* square pixels: a smaller subsystem joins the rest */
#define LABEL_CHAR 7.0  /* of the labels' 12px font, generously */
#define SMALL_WIDTH 6.2 /* of the second line's 11px */
#define PAD 4           /* between a tile's edge and its text */

/* A tile's worth of files: one subsystem, or several drawn together. */
struct item {
	const char *name; /* "class/net"; the group's for a whole group */
	long long n[AUDIT_CLASS_COUNT];
	long long stable, testing, total;
	size_t merged; /* subsystems it stands for */
};

struct group {
	struct item sum;  /* the whole group: name is the group's */
	GArray *children; /* struct item, one a subsystem */
};

static void item_add(struct item *to, const struct item *from)
{
	for (int c = 0; c < AUDIT_CLASS_COUNT; c++)
		to->n[c] += from->n[c];
	to->stable += from->stable;
	to->testing += from->testing;
	to->total += from->total;
	to->merged += from->merged;
}

static gint cmp_items(gconstpointer pa, gconstpointer pb)
{
	const struct item *a = pa, *b = pb;

	if (a->total != b->total)
		return a->total > b->total ? -1 : 1;
	return strcmp(a->name, b->name);
}

static gint cmp_groups(gconstpointer pa, gconstpointer pb)
{
	return cmp_items(&(*(struct group *const *)pa)->sum,
			 &(*(struct group *const *)pb)->sum);
}

static void group_free(gpointer p)
{
	struct group *g = p;

	g_array_free(g->children, TRUE);
	g_free(g);
}

/* The subsystems of @report by group, the largest first. Names are the report's. */
static GPtrArray *read_groups(const struct value *report, GHashTable *tops)
{
	const struct value *subs = value_get(report, "subsystems");
	GPtrArray *groups = g_ptr_array_new_with_free_func(group_free);

	for (size_t i = 0; i < value_len(subs); i++) {
		const struct value *s = value_at(subs, i);
		const struct value *files = value_get(s, "files");
		const struct value *lv = value_get(s, "documented_by_level");
		const char *name = value_get_str(s, "name");
		struct item it = { .name = name, .merged = 1 };
		char *top = g_strndup(name, name[0] == '/' ? 1 : strcspn(name, "/"));
		struct group *g = g_hash_table_lookup(tops, top);

		for (int c = 0; c < AUDIT_CLASS_COUNT; c++)
			it.n[c] = value_get_int(files, audit_class_name(c));
		it.total = value_get_int(files, "total");
		it.stable = value_get_int(lv, "stable");
		it.testing = value_get_int(lv, "testing");
		if (it.total <= 0) {
			g_free(top);
			continue;
		}
		if (!g) {
			g = g_new0(struct group, 1);
			g->children = g_array_new(FALSE, TRUE, sizeof(struct item));
			g_ptr_array_add(groups, g);
			g_hash_table_insert(tops, top, g);
			g->sum.name = top;
		} else {
			g_free(top);
		}
		g_array_append_val(g->children, it);
		item_add(&g->sum, &it);
	}
	g_ptr_array_sort(groups, cmp_groups);
	for (guint i = 0; i < groups->len; i++) {
		struct group *g = groups->pdata[i];

		g_array_sort(g->children, cmp_items);
	}
	return groups;
}

/* How many of @n items, the largest first, are drawn apart when @max at most may be
 * and none under @min_px square pixels at @scale: the rest make one tile, unless that
 * one would stand for a single item. */
static size_t apart(const long long *totals, size_t n, size_t max, double scale,
		    double min_px)
{
	size_t k = 0;

	while (k < n && k + 1 < max && totals[k] * scale >= min_px)
		k++;
	return n - k <= 1 ? n : k;
}

static long long px(double v)
{
	return (long long)(v + 0.5);
}

/* A rectangle's geometry, in whole pixels: edges rounded, so that neighbours meet. */
static void set_rect(struct value *v, const struct treemap_rect *r)
{
	long long x0 = px(r->x), y0 = px(r->y), x1 = px(r->x + r->w),
		  y1 = px(r->y + r->h);

	value_set_int(v, "x", x0);
	value_set_int(v, "y", y0);
	value_set_int(v, "width", x1 - x0);
	value_set_int(v, "height", y1 - y0);
}

/* The share of undocumented files as a bin of the legend: none, under 10%, under
 * 25%, under half, half or more. */
static int share_bin(const struct item *it)
{
	long long u = it->n[AUDIT_UNDOCUMENTED], t = it->total;

	if (!u)
		return 0;
	return u * 10 < t ? 1 : u * 4 < t ? 2 : u * 2 < t ? 3 : 4;
}

/* "6%", "<1%" for a few, ">99%" for all but a few. */
static void percent(char *buf, size_t size, long long part, long long whole)
{
	long long p = whole ? (part * 100 + whole / 2) / whole : 0;

	if (part && !p)
		snprintf(buf, size, "<1%%");
	else if (part < whole && p == 100)
		snprintf(buf, size, ">99%%");
	else
		snprintf(buf, size, "%lld%%", p);
}

/* "class/net: 290 files: 273 documented (0 stable, 273 testing), 17 undocumented;
 * 6% undocumented", @what first */
static char *tooltip(const struct item *it, const char *what)
{
	GString *s = g_string_new(what);
	char pc[8];

	g_string_append_printf(s, ": %lld file%s", it->total, it->total == 1 ? "" : "s");
	for (int c = 0; c < AUDIT_CLASS_COUNT; c++) {
		if (!it->n[c])
			continue;
		g_string_append_printf(s, "%s %lld %s", c ? "," : ":", it->n[c],
				       audit_class_name(c));
		if (c == AUDIT_DOCUMENTED)
			g_string_append_printf(s, " (%lld stable, %lld testing)",
					       it->stable, it->testing);
	}
	percent(pc, sizeof(pc), it->n[AUDIT_UNDOCUMENTED], it->total);
	g_string_append_printf(s, "; %s undocumented", pc);
	return g_string_free(s, FALSE);
}

/* Whether @text fits in @room pixels at @width a character. */
static bool fits(const char *text, double room, double width)
{
	return (double)g_utf8_strlen(text, -1) * width <= room;
}

/* Append a line of text at (@x, @y) to @lines. */
static void add_line(struct value *lines, const char *text, long long x, long long y,
		     bool small)
{
	struct value *l = value_append(lines, value_object_new());

	value_set_str(l, "text", text);
	value_set_int(l, "x", x);
	value_set_int(l, "y", y);
	value_set_bool(l, "small", small);
}

/* A tile's label, as much as fits: its name (cut short with "..." when it must), then
 * its files and share undocumented. */
static void label_tile(struct value *lines, const char *label, const struct item *it,
		       const struct treemap_rect *r)
{
	double room = r->w - 2 * PAD;
	long long x = px(r->x) + PAD, y = px(r->y);
	char pc[8], *line;

	if (r->h < 17 || room < 4 * LABEL_CHAR)
		return;
	if (fits(label, room, LABEL_CHAR)) {
		add_line(lines, label, x, y + 14, false);
	} else {
		glong keep = (glong)(room / LABEL_CHAR) - 1;
		const char *end = g_utf8_offset_to_pointer(label, keep);
		char *cut = g_strdup_printf("%.*s\u2026", (int)(end - label), label);

		add_line(lines, cut, x, y + 14, false);
		g_free(cut);
	}
	if (r->h < 32)
		return;
	percent(pc, sizeof(pc), it->n[AUDIT_UNDOCUMENTED], it->total);
	line = g_strdup_printf("%lld file%s, %s undocumented", it->total,
			       it->total == 1 ? "" : "s", pc);
	if (!fits(line, room, SMALL_WIDTH)) {
		g_free(line);
		line = g_strdup_printf("%lld, %s", it->total, pc);
	}
	if (fits(line, room, SMALL_WIDTH))
		add_line(lines, line, x, y + 28, true);
	g_free(line);
}

/* A tile of @it, called @name (data-tile) and @label (what it shows), @what in its
 * tooltip. */
static void add_tile(struct value *tiles, const struct item *it, const char *name,
		     const char *label, const char *what, const struct treemap_rect *r)
{
	struct value *t = value_append(tiles, value_object_new());
	char *title = tooltip(it, what);
	int bin = share_bin(it);

	value_set_str(t, "name", name);
	value_set_int(t, "subsystems", (long long)it->merged);
	set_rect(t, r);
	value_set_int(t, "bin", bin);
	value_set_bool(t, "light", bin == 0 || bin == 4);
	value_set_int(t, "files", it->total);
	for (int c = 0; c < AUDIT_CLASS_COUNT; c++)
		value_set_int(t, audit_class_name(c), it->n[c]);
	value_set_int(t, "stable", it->stable);
	value_set_int(t, "testing", it->testing);
	value_set_str(t, "title", title);
	label_tile(value_set(t, "lines", value_array_new()), label, it, r);
	g_free(title);
}

/* A tile of subsystem @it of @group: "class/net" shows "net"; one named as its group,
 * the files right in /sys/kernel or all of /sys/module's, its directory. */
static void add_subsystem(struct value *tiles, const struct item *it, const char *group,
			  const struct treemap_rect *r)
{
	size_t len = strlen(group);
	char *own = NULL;

	if (strncmp(it->name, group, len) == 0 && it->name[len] == '/')
		add_tile(tiles, it, it->name, it->name + len + 1, it->name, r);
	else if (strcmp(it->name, "/") != 0)
		add_tile(tiles, it, it->name, own = g_strdup_printf("/sys/%s", it->name),
			 it->name, r);
	else
		add_tile(tiles, it, it->name, "/sys", "the files right in /sys", r);
	g_free(own);
}

/* One tile for @it, the @it->merged smallest subsystems of @group, or of the smallest
 * groups when @group is NULL: "+12 more". */
static void add_rest(struct value *tiles, const struct item *it, const char *group,
		     const struct treemap_rect *r)
{
	char *name = g_strdup_printf("%s%s+%zu more", group ? group : "",
				     group ? "/" : "", it->merged);
	char *what = g_strdup_printf("%zu more subsystems of %s", it->merged,
				     group ? group : "other groups");

	add_tile(tiles, it, name, strrchr(name, '+'), what, r);
	g_free(what);
	g_free(name);
}

/* The tiles of group @g in @r: its subsystems, the smallest together. */
static void add_group_tiles(struct value *tiles, const struct group *g,
			    struct treemap_rect r)
{
	size_t n = g->children->len, k;
	long long *totals = g_new(long long, n);
	double *areas = g_new(double, n);
	struct treemap_rect *rects = g_new(struct treemap_rect, n);
	struct item rest = { .name = g->sum.name };

	for (size_t i = 0; i < n; i++)
		totals[i] = g_array_index(g->children, struct item, i).total;
	k = apart(totals, n, MAX_TILES, r.w * r.h / (double)g->sum.total, MIN_TILE);
	for (size_t i = k; i < n; i++)
		item_add(&rest, &g_array_index(g->children, struct item, i));
	for (size_t i = 0; i < k; i++)
		areas[i] = (double)totals[i];
	if (k < n)
		areas[k] = (double)rest.total;
	treemap_squarify(areas, k + (k < n), r, rects);
	for (size_t i = 0; i < k; i++)
		add_subsystem(tiles, &g_array_index(g->children, struct item, i),
			      g->sum.name, &rects[i]);
	if (k < n)
		add_rest(tiles, &rest, g->sum.name, &rects[k]);
	g_free(rects);
	g_free(areas);
	g_free(totals);
}

/* A group's rectangle, with its name above its tiles when there is room for both. */
static void add_group(struct value *areas, struct value *tiles, const struct group *g,
		      const struct treemap_rect *r)
{
	struct value *a = value_append(areas, value_object_new());
	struct treemap_rect inner = { r->x + INSET, r->y + HEADER, r->w - 2 * INSET,
				      r->h - HEADER - INSET };
	char *label;

	value_set_str(a, "name", g->sum.name);
	view_count(a, "files", g->sum.total);
	set_rect(a, r);
	if (r->w < 10 * LABEL_CHAR || r->h < 3 * HEADER) {
		/* too small to hold tiles under a name: one tile, the group's */
		value_set(a, "label", value_null_new());
		add_tile(tiles, &g->sum, g->sum.name, g->sum.name, g->sum.name, r);
		return;
	}
	label = g_strdup_printf("%s: %lld file%s", g->sum.name, g->sum.total,
				g->sum.total == 1 ? "" : "s");
	if (!fits(label, r->w - 2 * PAD, LABEL_CHAR)) {
		g_free(label);
		label = g_strdup(g->sum.name);
	}
	value_set_str(a, "label", fits(label, r->w - 2 * PAD, LABEL_CHAR) ? label : NULL);
	value_set_int(a, "label_x", px(r->x) + PAD);
	value_set_int(a, "label_y", px(r->y) + 13);
	g_free(label);
	add_group_tiles(tiles, g, inner);
}

static const char *const legend[] = {
	"no undocumented file", "under 10% undocumented",    "10% to 25%",
	"25% to 50%",           "half or more undocumented",
};

void audit_add_treemap(struct value *view, const struct value *report)
{
	GHashTable *tops = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	GPtrArray *groups = read_groups(report, tops);
	struct treemap_rect canvas = { 0, 0, MAP_WIDTH, MAP_HEIGHT }, *rects;
	struct item rest = { .name = "" };
	struct value *map, *areas, *tiles, *list;
	long long total = 0, *totals;
	double *sizes;
	size_t n = groups->len, k;

	for (size_t i = 0; i < n; i++)
		total += ((struct group *)groups->pdata[i])->sum.total;
	if (!total) {
		value_set(view, "treemap", value_null_new());
		goto out;
	}
	map = value_set(view, "treemap", value_object_new());
	value_set_int(map, "width", MAP_WIDTH);
	value_set_int(map, "height", MAP_HEIGHT);
	value_set_int(map, "files", total);
	areas = value_set(map, "areas", value_array_new());
	tiles = value_set(map, "tiles", value_array_new());
	totals = g_new(long long, n);
	sizes = g_new(double, n);
	rects = g_new(struct treemap_rect, n);
	for (size_t i = 0; i < n; i++)
		totals[i] = ((struct group *)groups->pdata[i])->sum.total;
	k = apart(totals, n, MAX_GROUPS, canvas.w * canvas.h / (double)total, MIN_TILE);
	for (size_t i = 0; i < n; i++) {
		sizes[i] = (double)totals[i];
		if (i >= k)
			item_add(&rest, &((struct group *)groups->pdata[i])->sum);
	}
	if (k < n)
		sizes[k] = (double)rest.total;
	treemap_squarify(sizes, k + (k < n), canvas, rects);
	for (size_t i = 0; i < k; i++)
		add_group(areas, tiles, groups->pdata[i], &rects[i]);
	if (k < n)
		add_rest(tiles, &rest, NULL, &rects[k]);
	list = value_set(map, "legend", value_array_new());
	for (size_t b = 0; b < G_N_ELEMENTS(legend); b++) {
		struct value *l = value_append(list, value_object_new());

		value_set_int(l, "bin", (long long)b);
		value_set_str(l, "label", legend[b]);
	}
	g_free(rects);
	g_free(sizes);
	g_free(totals);
out:
	g_ptr_array_free(groups, TRUE);
	g_hash_table_destroy(tops);
}
