#!/usr/bin/env bash
# Loads an HTML report in headless Chromium (offline: no network, fresh profile) and checks that
#   1. the charts rendered and no script raised an error (the report's inline script sets
#      data-charts-rendered / data-script-errors on <body> after every chart has been drawn);
#   2. the file references no external script (no CDN);
#   3. a screenshot of the page is not blank (more than one colour).
# Usage: scripts/check_report.sh REPORT.html [EXPECTED_CHARTS]. Installs nothing; needs /usr/bin/chromium and python3.
set -euo pipefail
report=$(realpath "${1:?usage: check_report.sh REPORT.html [EXPECTED_CHARTS]}")
expected=${2:-}
chromium=${CHROMIUM:-/usr/bin/chromium}
[ -x "$chromium" ] || { echo "check_report: $chromium not found (Debian package chromium)" >&2; exit 2; }
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
flags=(--headless --no-sandbox --disable-gpu --disable-background-networking --disable-component-update --disable-sync
       --no-first-run --user-data-dir="$work/profile" --virtual-time-budget=15000)

if grep -Eqi '<script[^>]*src=["'"'"']?https?:' "$report"; then echo "FAIL: the report loads a script from the network"; exit 1; fi
echo "ok: no external script src"

timeout 120 "$chromium" "${flags[@]}" --enable-logging=stderr --v=0 --dump-dom "file://$report" >"$work/dom.html" 2>"$work/console.log" || true
rendered=$(grep -o 'data-charts-rendered="[0-9]*"' "$work/dom.html" | grep -o '[0-9]*' || true)
errors=$(grep -o 'data-script-errors="[0-9]*"' "$work/dom.html" | grep -o '[0-9]*' || true)
[ -n "$rendered" ] || { echo "FAIL: the charts did not finish rendering"; grep -i 'console' "$work/console.log" | head -20; exit 1; }
[ "$errors" = "0" ] || { echo "FAIL: $errors script error(s)"; grep -i 'console' "$work/console.log" | head -20; exit 1; }
if grep -Ei 'CONSOLE.*(error|uncaught)' "$work/console.log" | head -5 | grep -q .; then echo "FAIL: console errors"; grep -Ei 'CONSOLE.*(error|uncaught)' "$work/console.log" | head -5; exit 1; fi
[ -z "$expected" ] || [ "$rendered" = "$expected" ] || { echo "FAIL: $rendered charts rendered, expected $expected"; exit 1; }
echo "ok: $rendered charts rendered, 0 script errors, no console errors"

timeout 120 "$chromium" "${flags[@]}" --hide-scrollbars --window-size=1280,2400 --screenshot="$work/shot.png" "file://$report" >/dev/null 2>&1 || true
[ -s "$work/shot.png" ] || { echo "FAIL: no screenshot"; exit 1; }
colours=$(python3 "$here/png_colours.py" "$work/shot.png")
[ "$colours" -gt 1 ] || { echo "FAIL: the screenshot is blank (one colour)"; exit 1; }
echo "ok: screenshot 1280x2400 has $colours distinct colours"
[ -z "${KEEP_SCREENSHOT:-}" ] || cp "$work/shot.png" "$KEEP_SCREENSHOT"
echo "PASS: $report"
