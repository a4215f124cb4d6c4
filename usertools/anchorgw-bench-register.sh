#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
# Registrations/s on one control lcore (issue 5, must-show 4): test-anchor-perf
# register runs full 5G-AKA registrations (simulated UEs and gNB against
# lib/anchors, a fresh LMDB store under /tmp) and times the network side only.
#   usertools/anchorgw-bench-register.sh [--build DIR] [--cpu CPU] [--ues N]
#       [--window W] [--batch N] [--sync full|none|both] [--sqn-block B]
#       [--nia LIST] [--nea LIST] [--mix]
# --batch: uplink messages per store transaction (group commit, default 256).
# Prints the machine's load before and after; run it on a quiet machine (the
# sync=full row also depends on the disk's fsync latency under /tmp).
set -uo pipefail

top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=$top/build-perf
[ -d "$build" ] || build=$top/build
args=()

usage() {
	sed -n '3,11p' "$0" | sed 's/^# \{0,1\}//' >&2
	exit 2
}

cpu=1
while [ $# -gt 0 ]; do
	if [ "$1" = --mix ]; then
		args+=(--mix)
		shift
		continue
	fi
	[ $# -ge 2 ] || usage
	case "$1" in
	--build) build=$2 ;;
	--cpu) cpu=$2 ;;
	--ues | --window | --batch | --sync | --sqn-block | --nia | --nea) args+=("$1" "$2") ;;
	*) usage ;;
	esac
	shift 2
done

perf=$build/app/test-anchor-perf/test-anchor-perf
[ -x "$perf" ] || { echo "$perf missing: ninja -C $build" >&2; exit 1; }

echo "# $(uname -n), $(nproc) CPUs: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //')"
echo "# uptime before: $(uptime)"
"$perf" register --cpu "$cpu" "${args[@]}"
rc=$?
echo "# uptime after: $(uptime)"
exit $rc
