#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""schema-check.py FILE...: each JSON report against schema/report.schema.json.

Prints one line a report that breaks the schema (the file, where, why) and exits 1
when there is one; exits 77 when python3-jsonschema is not installed.
"""
import json
import os
import sys

try:
    import jsonschema
except ImportError:
    print("schema-check: no python3-jsonschema", file=sys.stderr)
    sys.exit(77)

here = os.path.dirname(os.path.abspath(__file__))
with open(os.path.join(here, "..", "..", "schema", "report.schema.json")) as f:
    schema = json.load(f)
jsonschema.Draft7Validator.check_schema(schema)
validator = jsonschema.Draft7Validator(schema)
bad = 0
for path in sys.argv[1:]:
    with open(path) as f:
        try:
            report = json.load(f)
        except ValueError as e:
            print(f"{path}: not JSON: {e}")
            bad += 1
            continue
    for e in sorted(validator.iter_errors(report), key=lambda e: list(e.absolute_path))[:3]:
        where = "/".join(str(p) for p in e.absolute_path)
        print(f"{path}: {report.get('command')}: /{where}: {e.message[:200]}")
        bad += 1
sys.exit(1 if bad else 0)
