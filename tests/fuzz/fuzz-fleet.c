// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * What `sysabi fleet` reads from its workers and its inputs (checker/fleet/
 * fleet-record.c): the input as a worker's record, fleet_record_parse(), whose every
 * string must come out as one line of valid UTF-8 and every count non-negative, and
 * which must write back (fleet_record_to_json()) as a record that reads the same; and
 * the input as a JSON report given on the command line, fleet_value_parse() then
 * fleet_record_from_report().
 */
#include <string.h>

#include <glib.h>

#include "fleet/fleet.h"
#include "fuzz.h"

static void one_line(const char *s)
{
	if (s && (!g_utf8_validate(s, -1, NULL) || s[strcspn(s, "\r\n")])) {
		fprintf(stderr, "fuzz-fleet: a string of more than one line of UTF-8\n");
		abort();
	}
}

static void check(const struct fleet_record *rec)
{
	one_line(rec->error);
	one_line(rec->hostname);
	one_line(rec->kernel);
	one_line(rec->date);
	one_line(rec->label);
	if (rec->nodes < 0 || rec->files < 0)
		abort();
	for (size_t i = 0; i < rec->n_hits; i++) {
		one_line(rec->hits[i].pattern);
		one_line(rec->hits[i].owner);
		if (!rec->hits[i].pattern || rec->hits[i].count < 0 ||
		    rec->hits[i].cls >= AUDIT_CLASS_COUNT)
			abort();
	}
}

static void round_trip(const struct fleet_record *rec)
{
	char *text = fleet_record_to_json(rec), *why = NULL;
	struct fleet_record back;

	if (!text || fleet_record_parse(text, strlen(text), &back, &why) < 0 ||
	    back.n_hits != rec->n_hits || g_strcmp0(back.kernel, rec->kernel) ||
	    back.files != rec->files) {
		fprintf(stderr, "fuzz-fleet: a record does not read back: %s\n",
			why ? why : "another record");
		abort();
	}
	for (size_t i = 0; i < rec->n_hits; i++)
		if (strcmp(back.hits[i].pattern, rec->hits[i].pattern) ||
		    back.hits[i].count != rec->hits[i].count)
			abort();
	fleet_record_release(&back);
	g_free(text);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fleet_record rec;
	struct value *report;
	char *why = NULL;

	if (fleet_record_parse((const char *)data, size, &rec, &why) == 0) {
		check(&rec);
		round_trip(&rec);
		fleet_record_release(&rec);
	}
	g_free(why);
	why = NULL;
	if (fleet_value_parse((const char *)data, size, &report, &why) == 0) {
		memset(&rec, 0, sizeof(rec));
		if (fleet_record_from_report(report, &rec, &why) == 0)
			check(&rec);
		fleet_record_release(&rec);
		value_free(report);
	}
	g_free(why);
	return 0;
}
