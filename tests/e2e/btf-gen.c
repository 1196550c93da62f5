// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Writes the BTF files tests/e2e/test-btf.sh builds its fixtures from, with libbpf, so
 * that no binary blob is checked in:
 *
 *   btf-gen vmlinux OUT [EXTRA]      a small vmlinux BTF with every kind there is
 *                                    (EXTRA structs more, for a vmlinux that differs)
 *   btf-gen module BASE NAME OUT     split BTF of module NAME on the vmlinux BTF BASE
 *   btf-gen standalone NAME OUT      BTF of its own, where split BTF belongs
 *
 * The test damages copies of them on purpose.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <bpf/btf.h>

/* Type ids of the vmlinux BTF that modules refer to. */
enum { ID_INT = 1, ID_LONG, ID_CHAR, ID_TASK, ID_TASK_PTR };

static void check(int id, const char *what)
{
	if (id < 0) {
		fprintf(stderr, "btf-gen: cannot add %s: %s\n", what, strerror(-id));
		exit(2);
	}
}

#define ADD(call) check((call), #call)

/* INT, STRUCT, PTR, ARRAY, UNION, ENUM, FWD, TYPEDEF, VOLATILE, CONST, RESTRICT */
static void add_data_types(struct btf *b)
{
	int k, u, e;

	ADD(btf__add_int(b, "int", 4, BTF_INT_SIGNED));
	ADD(btf__add_int(b, "long", 8, BTF_INT_SIGNED));
	ADD(btf__add_int(b, "char", 1, BTF_INT_CHAR));
	ADD(btf__add_struct(b, "task_struct", 16));
	ADD(btf__add_field(b, "pid", ID_INT, 0, 0));
	ADD(btf__add_field(b, "flags", ID_LONG, 64, 0));
	ADD(btf__add_ptr(b, ID_TASK));
	ADD(btf__add_array(b, ID_INT, ID_CHAR, 16));
	ADD(u = btf__add_union(b, "value", 8));
	ADD(btf__add_field(b, "i", ID_INT, 0, 0));
	ADD(btf__add_field(b, "l", ID_LONG, 0, 0));
	ADD(e = btf__add_enum(b, "task_state", 4));
	ADD(btf__add_enum_value(b, "TASK_RUNNING", 0));
	ADD(btf__add_enum_value(b, "TASK_STOPPED", 4));
	ADD(btf__add_fwd(b, "mm_struct", BTF_FWD_STRUCT));
	ADD(btf__add_typedef(b, "pid_t", ID_INT));
	ADD(btf__add_volatile(b, ID_INT));
	ADD(k = btf__add_const(b, ID_CHAR));
	ADD(k = btf__add_ptr(b, k));
	ADD(btf__add_restrict(b, k));
}

/* FUNC_PROTO, FUNC, VAR, DATASEC, FLOAT, DECL_TAG, TYPE_TAG, ENUM64 */
static void add_code_types(struct btf *b)
{
	int proto, var, tag;

	ADD(proto = btf__add_func_proto(b, ID_INT));
	ADD(btf__add_func_param(b, "task", ID_TASK_PTR));
	ADD(btf__add_func(b, "task_pid", BTF_FUNC_GLOBAL, proto));
	ADD(var = btf__add_var(b, "nr_threads", BTF_VAR_GLOBAL_ALLOCATED, ID_INT));
	ADD(btf__add_datasec(b, ".data", 4));
	ADD(btf__add_datasec_var_info(b, var, 0, 4));
	ADD(btf__add_float(b, "double", 8));
	ADD(btf__add_decl_tag(b, "user", ID_TASK, -1));
	ADD(tag = btf__add_type_tag(b, "rcu", ID_TASK));
	ADD(btf__add_ptr(b, tag));
	ADD(btf__add_enum64(b, "big_flags", 8, false));
	ADD(btf__add_enum64_value(b, "BIG_FLAG", 1ULL << 40));
}

/* A module's types: its device struct, a pointer, a probe function. */
static void add_module_types(struct btf *b, const char *name, int int_id, int task_ptr_id)
{
	char dev[64], probe[64];
	int s, p, proto;

	snprintf(dev, sizeof(dev), "%s_device", name);
	snprintf(probe, sizeof(probe), "%s_probe", name);
	ADD(s = btf__add_struct(b, dev, 16));
	ADD(btf__add_field(b, "task", task_ptr_id, 0, 0));
	ADD(btf__add_field(b, "id", int_id, 64, 0));
	ADD(p = btf__add_ptr(b, s));
	ADD(proto = btf__add_func_proto(b, int_id));
	ADD(btf__add_func_param(b, "dev", p));
	ADD(btf__add_func(b, probe, BTF_FUNC_GLOBAL, proto));
}

static int write_raw(const struct btf *b, const char *path)
{
	unsigned int size;
	const void *raw = btf__raw_data(b, &size);
	FILE *f = fopen(path, "w");

	if (!raw || !f || fwrite(raw, 1, size, f) != size || fclose(f) != 0) {
		fprintf(stderr, "btf-gen: cannot write '%s': %s\n", path,
			strerror(errno));
		return 2;
	}
	return 0;
}

int main(int argc, char **argv)
{
	struct btf *b = NULL, *base = NULL;
	int r;

	if (argc >= 3 && strcmp(argv[1], "vmlinux") == 0) {
		b = btf__new_empty();
		add_data_types(b);
		add_code_types(b);
		for (int i = argc > 3 ? atoi(argv[3]) : 0; i > 0; i--)
			ADD(btf__add_struct(b, "extra_struct", 0));
		r = write_raw(b, argv[2]);
	} else if (argc == 5 && strcmp(argv[1], "module") == 0) {
		base = btf__parse_raw(argv[2]);
		if (!base) {
			fprintf(stderr, "btf-gen: cannot read '%s': %s\n", argv[2],
				strerror(errno));
			return 2;
		}
		b = btf__new_empty_split(base);
		add_module_types(b, argv[3], ID_INT, ID_TASK_PTR);
		r = write_raw(b, argv[4]);
	} else if (argc == 4 && strcmp(argv[1], "standalone") == 0) {
		b = btf__new_empty();
		ADD(btf__add_int(b, "int", 4, BTF_INT_SIGNED));
		ADD(btf__add_struct(b, "task_struct", 0));
		ADD(btf__add_ptr(b, 2));
		add_module_types(b, argv[2], 1, 3);
		r = write_raw(b, argv[3]);
	} else {
		fputs("usage: btf-gen vmlinux OUT [EXTRA] | module BASE NAME OUT | "
		      "standalone NAME OUT\n",
		      stderr);
		return 2;
	}
	btf__free(b);
	btf__free(base);
	return r;
}
