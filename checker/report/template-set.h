/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Template files: a main template read from disk, and the partials it names, read
 * beside it when first used: {{> name}} reads DIR/name.EXT, EXT being the main
 * template's, or DIR/name when the name has a dot of its own ({{> style.css}}). A
 * partial's name is never a path, and its file is opened below DIR (beneath.h): a
 * symbolic link there may not lead out of DIR.
 */
#ifndef SYSABI_TEMPLATE_SET_H
#define SYSABI_TEMPLATE_SET_H

#include <stddef.h>
#include <stdio.h>

#include "template.h"

struct template_set;

/* Bytes of one template file, the main one or a partial: sysabi's own are under 5 KiB. */
#define TEMPLATE_MAX_FILE_SIZE (4 << 20)

/*
 * The directory of sysabi's own templates: $SYSABI_TEMPLATE_DIR, else
 * share/sysabi/report-templates installed beside the binary's bin/, else the source
 * tree's report-templates/. The string is static.
 */
const char *template_dir(void);

/*
 * Read and compile @path, a regular file of at most TEMPLATE_MAX_FILE_SIZE bytes (links
 * followed). Returns 0, -EINVAL with @err filled, or -errno (unreadable: not a regular
 * file is -EFTYPE_NOT_REGULAR, too large -EFBIG), @err saying why.
 */
int template_set_open(const char *path, struct template_set **out,
		      struct template_error *err);
void template_set_free(struct template_set *set);

/* Render the main template over @layers (template_render_layers()). */
int template_set_render(struct template_set *set, const struct value *const *layers,
			size_t n_layers, enum template_escape escape, FILE *out,
			struct template_error *err);

#endif
