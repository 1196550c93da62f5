// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * libabi-example DIR PATH...: which entries of the kernel's ABI documentation describe
 * each PATH. DIR is a Documentation/ABI directory.
 *
 * An example of a program of your own built on the installed libabi:
 *
 *   cc -o libabi-example libabi-example.c $(pkg-config --cflags --libs libabi)
 *
 * It loads the tree, builds the index over its What lines, and looks each PATH up,
 * printing every What that matches it with the place of that What:
 *
 *   $ ./libabi-example linux/Documentation/ABI /sys/kernel/btf/vmlinux
 *   Linux 6.12.118: 4517 entries in 620 files, 0 errors
 *   /sys/kernel/btf/vmlinux: /sys/kernel/btf/vmlinux (testing/sysfs-kernel-btf:9)
 *   /sys/kernel/btf/vmlinux: /sys/kernel/btf/<module-name> (testing/sysfs-kernel-btf:19)
 *
 * Exit status: 0 when every PATH is documented, 1 when one is not, 2 on error.
 * tests/e2e/test-install.sh builds it against the installed library and runs it.
 */
#include <stdio.h>
#include <string.h>

#include <libabi/abi.h>

/*
 * The library never prints: each defect it finds in the documentation comes here,
 * borrowed for the call. This one only counts the errors (text that cannot be read as
 * its author meant); `sysabi validate` shows them all.
 */
static void count_errors(void *data, const struct abi_diag *diag)
{
	size_t *errors = data;

	if (diag->severity == ABI_SEVERITY_ERROR)
		(*errors)++;
}

struct lookup {
	const char *path;
	unsigned int matches;
};

/*
 * Called by abi_index_lookup() for each What that matches. The What, its entry and its
 * file belong to the tree and live until abi_tree_free(). Returning non-zero would end
 * the lookup.
 */
static int print_match(void *data, const struct abi_what *what)
{
	struct lookup *lookup = data;
	const struct abi_entry *entry = what->entry;

	printf("%s: %s (%s:%u)\n", lookup->path, what->text, entry->file->path,
	       what->line);
	lookup->matches++;
	return 0;
}

int main(int argc, char **argv)
{
	struct abi_ctx *ctx = NULL;
	struct abi_tree *tree = NULL;
	struct abi_index *index = NULL;
	size_t errors = 0;
	int status = 2;
	int r;

	if (argc < 3) {
		fprintf(stderr, "usage: libabi-example DIR PATH...\n");
		return 2;
	}

	/* Every function that can fail returns 0 or a negative errno. */
	r = abi_ctx_new(&ctx);
	if (r < 0)
		goto err;
	abi_ctx_set_diag_fn(ctx, count_errors, &errors);

	/* Defects of the documentation are diagnostics, never a failure to load. */
	r = abi_tree_load(ctx, argv[1], &tree);
	if (r < 0) {
		fprintf(stderr, "libabi-example: cannot load '%s': %s\n", argv[1],
			strerror(-r));
		goto out;
	}
	printf("Linux %s: %zu entries in %zu files, %zu errors\n",
	       tree->kernel_version ? tree->kernel_version : "(unknown)", tree->n_entries,
	       tree->n_files, errors);

	/* The index borrows the tree: free it first. */
	r = abi_index_new(tree, &index);
	if (r < 0)
		goto err;

	status = 0;
	for (int i = 2; i < argc; i++) {
		struct lookup lookup = { .path = argv[i] };

		r = abi_index_lookup(index, argv[i], print_match, &lookup);
		if (r < 0)
			goto err;
		if (!lookup.matches) {
			printf("%s: not documented\n", argv[i]);
			status = 1;
		}
	}
	goto out;

err:
	fprintf(stderr, "libabi-example: %s\n", strerror(-r));
	status = 2;
out:
	abi_index_free(index);
	abi_tree_free(tree);
	abi_ctx_free(ctx);
	return status;
}
