#!/usr/bin/env bash
# The locked dependencies (uv.lock) checked by pip-audit against PyPI's advisory data. Fails on
# any known vulnerability; lists the packages the registry gave no data for (a mirror that lacks
# the per-release pages) and counts them on the last line, so that a partial audit is visible.
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
UV_PROJECT_ENVIRONMENT=.venv .tools/bin/uv export --frozen --format requirements-txt \
    --no-hashes --no-emit-project --quiet >"$work/requirements.txt"
total=$(grep -c '==' "$work/requirements.txt")
status=0
.venv/bin/pip-audit --requirement "$work/requirements.txt" --no-deps --disable-pip \
    --progress-spinner off >"$work/report.txt" 2>"$work/errors.txt" || status=$?
grep -v '^WARNING:pip_audit' "$work/errors.txt" || true
cat "$work/report.txt"
skipped=$(grep -c 'could not be audited' "$work/report.txt" || true)
vulnerable=$(grep -cE '^[A-Za-z0-9_.-]+ +[0-9][^ ]* +(PYSEC|GHSA|CVE)-' "$work/report.txt" || true)
echo "pip-audit: ${total} locked packages, $((total - skipped)) audited, ${vulnerable} known" \
    "vulnerabilities, ${skipped} without advisory data on this registry"
exit "$status"
