#!/usr/bin/env bash
# Dependency audit of the pinned set: fails on any known vulnerability. Where the vulnerability
# service cannot be reached (a machine without access to it), it says so plainly instead of
# passing in silence.
set -uo pipefail
report=$(mktemp)
.venv/bin/pip-audit -r requirements/constraints.txt --no-deps --disable-pip \
  --progress-spinner off -f json -o "$report" 2>/dev/null
status=$?
.venv/bin/python - "$report" "$status" <<'PY'
import json
import sys

report, status = json.load(open(sys.argv[1])), int(sys.argv[2])
dependencies = report["dependencies"]
vulnerable = [d for d in dependencies if d.get("vulns")]
skipped = [d for d in dependencies if d.get("skip_reason")]
for dependency in vulnerable:
    for vuln in dependency["vulns"]:
        fixes = ", ".join(vuln.get("fix_versions", [])) or "no fix yet"
        print(f"VULNERABLE {dependency['name']} {dependency['version']}: {vuln['id']} ({fixes})")
if vulnerable:
    sys.exit(1)
audited = len(dependencies) - len(skipped)
if audited == 0:
    print(f"dependency audit: the vulnerability service was unreachable; "
          f"{len(skipped)} packages NOT audited")
else:
    print(f"dependency audit: {audited} packages audited, no known vulnerabilities")
sys.exit(0 if status in (0, 1) else status)
PY
