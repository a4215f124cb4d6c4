#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
# Run every libFuzzer target (clang, ASan+UBSan) on its seed corpus.
#   usertools/anchorgw-fuzz.sh [--smoke | --seconds N] [target ...]
# --smoke: 10 s per target (part of the test suite); default 60 s.
# New inputs go to build-fuzz/corpus/<target> (the seed corpus in
# test/fuzz/corpus is only read); crashes to build-fuzz/crashes/.
set -uo pipefail

top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
secs=60
targets=()
while [ $# -gt 0 ]; do
	case "$1" in
	--smoke) secs=10 ;;
	--seconds) secs=$2; shift ;;
	*) targets+=("$1") ;;
	esac
	shift
done
[ ${#targets[@]} -gt 0 ] || targets=(net ngap nas5g naseps gtpv2 pc5)

bd="$top/build-fuzz"
if [ ! -f "$bd/build.ninja" ]; then
	CC=clang meson setup "$bd" "$top" -Dfuzz=true -Dbuildtype=debugoptimized >/dev/null || exit 1
fi
ninja -C "$bd" $(printf 'test/fuzz/fuzz_%s ' "${targets[@]}") >/dev/null || exit 1
mkdir -p "$bd/crashes"

rc=0
for t in "${targets[@]}"; do
	work="$bd/corpus/$t"
	mkdir -p "$work"
	seeds="$top/test/fuzz/corpus/$t"
	[ -d "$seeds" ] || seeds=""
	out=$("$bd/test/fuzz/fuzz_$t" -max_total_time="$secs" -print_final_stats=1 \
		-artifact_prefix="$bd/crashes/$t-" "$work" $seeds 2>&1)
	st=$?
	execs=$(printf '%s\n' "$out" | sed -n 's/.*stat::number_of_executed_units: *//p' | tail -1)
	if [ $st -eq 0 ]; then
		echo "fuzz $t: ok, ${execs:-?} executions in ${secs}s"
	else
		echo "fuzz $t: FAILED (exit $st)"
		printf '%s\n' "$out" | grep -E 'ERROR|SUMMARY|artifact' | head -20
		rc=1
	fi
done
exit $rc
