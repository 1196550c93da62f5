#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# schema/report.schema.json, the contract of the JSON reports: it holds for a report of
# each command (every e2e script also checks each JSON report it makes, in e2e_done),
# and it fails a report that breaks it, so that holding means something.
. tests/e2e/lib.sh

T=$E2E_TMP
FIX=${SYSABI_FIXTURES:-tests/fixtures}
CHECK=tests/e2e/schema-check.py

python3 -c 'import jsonschema' 2>/dev/null || {
	e2e_skip schema "no python3-jsonschema (apt-get install python3-jsonschema)"
	e2e_done
	exit 0
}

e2e_run validate --abi "$FIX/defects/abi" --format json
cp "$T/out" "$T/validate.json"
e2e_run search --abi "$FIX/basic/abi" --format json .
e2e_run match --abi "$FIX/basic/abi" --format json /sys/class/widget/w0/speed /sys/nothing
e2e_run btf --sysfs-root "$FIX/audit/sys" --format json
e2e_run diff --format json "$FIX/diff/removed-without-obsolete/old" "$FIX/diff/removed-without-obsolete/new"
e2e_run compare --abi "$FIX/audit/abi" --format json "$FIX/audit/sys" "$FIX/audit/sys"
e2e_run audit --abi "$FIX/audit/abi" --sysfs-root "$FIX/audit/sys" --format json --all --suggest
e2e_run undefined --abi "$FIX/audit/abi" --sysfs-root "$FIX/audit/sys" --format json
e2e_check "a report of each command: kept for the schema" \
	test "$(ls "$E2E_JSON" | wc -l)" -ge 8

# breaking it: each of these must fail
break_it() {
	python3 - "$T/validate.json" "$T/broken.json" "$1" <<'EOF'
import json, sys
d = json.load(open(sys.argv[1]))
how = sys.argv[3]
if how == "missing":
    del d["summary"]
elif how == "null-for-required-object":
    d["abi"] = None
elif how == "extra":
    d["surprise"] = 1
elif how == "type":
    d["summary"]["files"] = "six"
elif how == "enum":
    d["result"] = "maybe"
elif how == "finding":
    d["checks"][0]["findings"].append({"where": "x"})
elif how == "version":
    d["schema_version"] = 2
json.dump(d, open(sys.argv[2], "w"))
EOF
	python3 "$CHECK" "$T/broken.json" >"$T/why" 2>&1
	test $? = 1 && test -s "$T/why"
}
for how in missing null-for-required-object extra type enum finding version; do
	e2e_check "a report with a $how defect breaks the schema" break_it "$how"
done
e2e_check "the report as written holds" python3 "$CHECK" "$T/validate.json"

e2e_done
