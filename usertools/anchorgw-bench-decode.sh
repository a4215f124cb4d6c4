#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
# Fast-path parse cost of an UplinkNASTransport frame (issue 3): Ethernet/
# IPv4/SCTP with and without CRC32c, NGAP PDU + IE walk, NAS-5GS security
# header, per stage and in total, ns and cycles per message on one core.
#   usertools/anchorgw-bench-decode.sh [--build DIR] [--core CPU] [--iters N]
#       [--repeat R] [--frames N] [--nas MIN-MAX]
# Prints the machine's load before and after; run it on a quiet machine.
set -uo pipefail

top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=$top/build-perf
[ -d "$build" ] || build=$top/build
args=()

usage() {
	sed -n '3,8p' "$0" | sed 's/^# \{0,1\}//' >&2
	exit 2
}

core=1
while [ $# -gt 0 ]; do
	[ $# -ge 2 ] || usage
	case "$1" in
	--build) build=$2 ;;
	--core) core=$2 ;;
	--iters | --repeat | --frames | --nas) args+=("$1" "$2") ;;
	*) usage ;;
	esac
	shift 2
done

perf=$build/app/test-anchor-perf/test-anchor-perf
[ -x "$perf" ] || { echo "$perf missing: ninja -C $build" >&2; exit 1; }

echo "# $(uname -n), $(nproc) CPUs: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //')"
echo "# uptime before: $(uptime)"
"$perf" decode --core "$core" "${args[@]}"
rc=$?
echo "# uptime after: $(uptime)"
exit $rc
