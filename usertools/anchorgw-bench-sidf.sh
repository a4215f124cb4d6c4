#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
# SUCI de-concealment rate of lib/sidf (bench-sidf) beside OpenSSL's ECDH
# rate (openssl speed ecdhx25519 ecdhp256) on one core, one table with ratios.
#   usertools/anchorgw-bench-sidf.sh [--build DIR] [--seconds S] [--repeat R]
#       [--core CPU]
# A round runs bench-sidf, then openssl speed, pinned to the same core (with
# taskset when present); each figure is the best of R rounds, so that other
# work on the machine (which only ever slows a run down) hits both alike.
# Rates are per second of CPU time, as openssl speed counts by default.
#
# Goal: SIDF >= 85% of the ECDH rate. `openssl speed` times EVP_PKEY_derive
# alone, on a peer key decoded once. Every SUCI also needs its ephemeral key
# decoded; for profile B that is a point decompression, a modular square root
# that costs about half an ECDH in OpenSSL 3.0. The "EC floor" column
# (bench-sidf --baseline) is that decoding plus the derive, with EVP, i.e.
# what any OpenSSL-based SIDF must spend; the last column is the SIDF's rate
# against it (the cost of parsing, key lookup, KDF, MAC, AES and SUPI).
set -uo pipefail

top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=$top/build
secs=3
repeat=3
core=1

usage() {
	sed -n '3,4p' "$0" | sed 's/^# \{0,1\}//' >&2
	exit 2
}

while [ $# -gt 0 ]; do
	[ $# -ge 2 ] || usage
	case "$1" in
	--build) build=$2 ;;
	--seconds) secs=$2 ;;
	--repeat) repeat=$2 ;;
	--core) core=$2 ;;
	*) usage ;;
	esac
	shift 2
done

bench=$build/test/sidf/bench-sidf
[ -x "$bench" ] || { echo "$bench missing: ninja -C $build test/sidf/bench-sidf" >&2; exit 1; }
command -v openssl >/dev/null || { echo "openssl not found" >&2; exit 1; }
pin=()
if command -v taskset >/dev/null && taskset -c "$core" true 2>/dev/null; then
	pin=(taskset -c "$core")
fi

# best[key] = highest rate seen over the rounds.
declare -A best=()
keep() {
	local k=$1 v=$2
	if [ -z "${best[$k]:-}" ] || awk -v a="$v" -v b="${best[$k]}" 'BEGIN { exit !(a > b) }'; then
		best[$k]=$v
	fi
}

for ((r = 1; r <= repeat; r++)); do
	out=$("${pin[@]}" "$bench" --seconds "$secs" --baseline) || { echo "bench-sidf failed" >&2; exit 1; }
	while read -r kind rate; do
		keep "$kind" "$rate"
	done < <(awk '{ split($1, k, "="); for (i = 2; i <= NF; i++) if ($i ~ /^rate=/) print k[1] "_" k[2], substr($i, 6) }' <<<"$out")
	sp=$("${pin[@]}" openssl speed -seconds "$secs" ecdhx25519 ecdhp256 2>/dev/null) ||
		{ echo "openssl speed failed" >&2; exit 1; }
	keep speed_A "$(awk '/ecdh \(X25519\)/ { print $NF }' <<<"$sp")"
	keep speed_B "$(awk '/ecdh \(nistp256\)/ { print $NF }' <<<"$sp")"
done

echo "SUCI de-concealment, one core, best of $repeat x ${secs}s ($(openssl version | cut -d' ' -f1-2))"
printf '%-16s %12s %14s %10s %14s %10s\n' profile "SIDF deconc/s" "ECDH/s (speed)" "SIDF/ECDH" \
	"EC floor/s" "SIDF/floor"
for p in A B; do
	name=$([ $p = A ] && echo "A (X25519)" || echo "B (secp256r1)")
	awk -v n="$name" -v s="${best[profile_$p]}" -v e="${best[speed_$p]}" -v f="${best[baseline_$p]}" \
		'BEGIN { printf "%-16s %12.0f %14.0f %9.1f%% %14.0f %9.1f%%\n", n, s, e, 100 * s / e, f, 100 * s / f }'
done
echo "goal: SIDF/ECDH >= 85%; EC floor = decode the SUCI's ephemeral key + EVP_PKEY_derive"
