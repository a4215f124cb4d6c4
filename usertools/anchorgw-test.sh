#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
# The whole test suite: set up and build, run every unit and integration
# test (meson), the same suite again under ASan+UBSan, then a 10-second
# libFuzzer smoke run per decoder.
# Ends with one line "N passed, N failed".
#   usertools/anchorgw-test.sh
set -uo pipefail

top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
"$top/usertools/anchorgw-setup.sh" "$top/build" || exit 1

passed=0
failed=0

meson test -C "$top/build" --no-rebuild --print-errorlogs --num-processes 2
log="$top/build/meson-logs/testlog.json"
if [ -f "$log" ]; then
	# Each CUnit program's own summary lines (meson keeps them in its log).
	python3 - "$log" <<'PY'
import json, sys
for line in open(sys.argv[1]):
    r = json.loads(line)
    rows = [l for l in (r.get("stdout") or "").splitlines()
            if l.strip().startswith(("suites ", "tests ", "asserts "))]
    if rows:
        print("CUnit %-22s %s" % (r["name"], " | ".join(" ".join(x.split()) for x in rows)))
PY
	read -r p f < <(python3 - "$log" <<'PY'
import json, sys
p = f = 0
for line in open(sys.argv[1]):
    r = json.loads(line)
    if r.get("result") in ("OK", "EXPECTEDFAIL"):
        p += 1
    elif r.get("result") != "SKIP":
        f += 1
print(p, f)
PY
)
	passed=$((passed + p))
	failed=$((failed + f))
else
	failed=$((failed + 1))
fi

# The same suite built with AddressSanitizer + UndefinedBehaviorSanitizer
# (issue 10): any leak, overflow or UB report fails the test that caused it.
asan="$top/build-asan"
if [ ! -f "$asan/build.ninja" ]; then
	meson setup "$asan" "$top" -Db_sanitize=address,undefined -Dbuildtype=debugoptimized \
		-Db_lundef=false >/dev/null
fi
if ninja -C "$asan" >/dev/null; then
	UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
		meson test -C "$asan" --no-rebuild --print-errorlogs --num-processes 2 | tail -8
	read -r p f < <(python3 - "$asan/meson-logs/testlog.json" <<'PY'
import json, sys
p = f = 0
for line in open(sys.argv[1]):
    r = json.loads(line)
    if r.get("result") in ("OK", "EXPECTEDFAIL"):
        p += 1
    elif r.get("result") != "SKIP":
        f += 1
print(p, f)
PY
)
	echo "asan+ubsan: $p passed, $f failed"
	passed=$((passed + p))
	failed=$((failed + f))
else
	echo "asan+ubsan build failed"
	failed=$((failed + 1))
fi

if "$top/usertools/anchorgw-fuzz.sh" --smoke; then
	passed=$((passed + 1))
else
	echo "fuzz smoke run failed"
	failed=$((failed + 1))
fi

echo "anchorgw: ${passed} passed, ${failed} failed"
[ "$failed" -eq 0 ]
