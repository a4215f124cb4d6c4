#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
# NAS security throughput: anchorgw's burst API (test-anchor-perf crypto)
# next to DPDK's dpdk-test-crypto-perf on the crypto_aesni_mb PMD (same
# IPsec-MB), one core, bursts of 32, one combined table with the ratios.
#   usertools/anchorgw-bench-crypto.sh [--build DIR] [--sizes LIST] [--keys N]
#       [--seconds S] [--repeat R] [--total-ops N] [--core CPU]
# Ours runs twice: with N keys (a different key per message, the fast-path
# case) and with 1 key. crypto-perf always uses ONE session, i.e. ONE key.
# Each point is the best of R rounds; a round runs both tools one after the
# other, so that other work on the machine (which only ever slows a run
# down) hits both alike.
set -uo pipefail

top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=$top/build
sizes=32,64,128,256,512
keys=100000
secs=1
repeat=3
total_ops=2000000
core=1
burst=32

usage() {
	sed -n '3,8p' "$0" | sed 's/^# \{0,1\}//' >&2
	exit 2
}

while [ $# -gt 0 ]; do
	[ $# -ge 2 ] || usage
	case "$1" in
	--build) build=$2 ;;
	--sizes) sizes=$2 ;;
	--keys) keys=$2 ;;
	--seconds) secs=$2 ;;
	--repeat) repeat=$2 ;;
	--total-ops) total_ops=$2 ;;
	--core) core=$2 ;;
	*) usage ;;
	esac
	shift 2
done

perf=$build/app/test-anchor-perf/test-anchor-perf
cperf=$(command -v dpdk-test-crypto-perf) || { echo "dpdk-test-crypto-perf not found" >&2; exit 1; }
[ -x "$perf" ] || { echo "$perf missing: ninja -C $build" >&2; exit 1; }
# crypto-perf needs a main lcore besides the worker on $core.
main_lcore=0
[ "$core" != 0 ] || main_lcore=1

tmp=$(mktemp -d)
prefix=agw-bench-$$
trap 'rm -rf "$tmp" "/var/run/dpdk/$prefix"' EXIT

# alg -> crypto-perf options (digest 4 = NAS MAC; IV 16 = 3GPP IV layout).
declare -A cp_name=(
	[NIA1]=snow3g-uia2 [NIA2]=aes-cmac [NIA3]=zuc-eia3
	[NEA1]=snow3g-uea2 [NEA2]=aes-ctr [NEA3]=zuc-eea3
)
cp_opts() {
	case "$1" in
	NIA1 | NIA3) echo "--optype auth-only --auth-algo ${cp_name[$1]} --auth-op generate" \
		"--auth-key-sz 16 --auth-iv-sz 16 --digest-sz 4" ;;
	NIA2) echo "--optype auth-only --auth-algo aes-cmac --auth-op generate" \
		"--auth-key-sz 16 --digest-sz 4" ;;
	*) echo "--optype cipher-only --cipher-algo ${cp_name[$1]} --cipher-op encrypt" \
		"--cipher-key-sz 16 --cipher-iv-sz 16" ;;
	esac
}
algs=(NIA1 NIA2 NIA3 NEA1 NEA2 NEA3)

# --- ours: CSV alg,size,keys,mops,cycles_per_op,gbps, appended to $2 --------
run_ours() { # keys outfile
	"$perf" crypto --sizes "$sizes" --keys "$1" --seconds "$secs" --repeat 1 \
		--burst "$burst" --core "$core" --csv >>"$2" 2>"$tmp/ours.err" ||
		{ echo "test-anchor-perf failed:" >&2; cat "$tmp/ours.err" >&2; exit 1; }
}

# --- crypto-perf: lines "lcore,size,burst,enq,deq,fenq,fdeq,mops,gbps,cycles" --
# appended to cperf.csv as alg,size,mops,cycles (or alg,refused,reason).
declare -A refused=()
# NIA2 MACs COUNT|BEARER|DIRECTION|0 (8 octets) + message: crypto-perf's
# aes-cmac gets size + 8 octets so that both do the same CMAC work.
nia2_sizes=$(tr ',' '\n' <<<"$sizes" | awk '{ print $1 + 8 }' | paste -sd, -)
run_cperf() { # alg
	local alg=$1 rc why bsz=$sizes off=0

	[ -z "${refused[$alg]:-}" ] || return 0
	[ "$alg" != NIA2 ] || { bsz=$nia2_sizes; off=8; }
	# shellcheck disable=SC2046
	"$cperf" --no-huge --no-pci --file-prefix "$prefix" -m 512 \
		-l "$main_lcore,$core" --vdev crypto_aesni_mb0 \
		--log-level=lib.eal:error -- \
		--ptest throughput --devtype crypto_aesni_mb $(cp_opts "$alg") \
		--buffer-sz "$bsz" --total-ops "$total_ops" --burst-sz "$burst" \
		--silent --csv-friendly >"$tmp/cp.out" 2>&1
	rc=$?
	if ! grep -Eq '^[0-9]+,[0-9]+,' "$tmp/cp.out"; then
		why=$(grep -Eiv '^(EAL|CRYPTODEV|TELEMETRY|USER1: *$)' "$tmp/cp.out" |
		      grep -Ei 'error|not supported|invalid|fail|cause' | head -1)
		refused[$alg]=1
		echo "$alg,refused,rc=$rc: ${why:-no result lines}" >>"$tmp/cperf.csv"
		return 0
	fi
	awk -F, -v a="$alg" -v off="$off" \
		'/^[0-9]+,[0-9]+,/ { print a "," $2 - off "," $8 "," $10 }' \
		"$tmp/cp.out" >>"$tmp/cperf.csv"
}

: >"$tmp/ours_n.csv"
: >"$tmp/ours_1.csv"
: >"$tmp/cperf.csv"
for ((r = 1; r <= repeat; r++)); do
	echo "round $r/$repeat: test-anchor-perf ($keys keys, 1 key), dpdk-test-crypto-perf" >&2
	run_ours "$keys" "$tmp/ours_n.csv"
	run_ours 1 "$tmp/ours_1.csv"
	for alg in "${algs[@]}"; do
		run_cperf "$alg"
	done
done
header=$(grep -m1 '^# test-anchor-perf' "$tmp/ours_n.csv" | sed 's/, best of .*//')

# --- combined table ---------------------------------------------------------
echo
echo "$header, best of $repeat rounds of ${secs} s"
echo "# ours  : agw_nia_burst()/agw_nea_burst() on CPU $core; N-key = a different key per"
echo "#         message ($keys keys, pseudo-random order, next burst's keys prefetched,"
echo "#         key table on huge pages, 8192 buffers round robin), 1-key = one key."
echo "# cperf : dpdk-test-crypto-perf --ptest throughput, crypto_aesni_mb PMD, lcore $core,"
echo "#         $total_ops ops; crypto-perf uses ONE session, i.e. ONE key for all ops."
echo "#         For NIA2 it runs aes-cmac on size + 8 octets: our MAC input includes"
echo "#         the COUNT|BEARER|DIRECTION prefix."
echo "# Mops/s: best of $repeat; cyc = TSC cycles/op; ratio = ours Mops / cperf Mops."
awk -F, -v keys="$keys" -v algs="${algs[*]}" -v sizes="$sizes" '
FILENAME ~ /ours_n/ && $1 ~ /^N/ && (!(($1, $2) in n) || $4 + 0 > n[$1, $2] + 0) {
	n[$1, $2] = $4; nc[$1, $2] = $5
}
FILENAME ~ /ours_1/ && $1 ~ /^N/ && (!(($1, $2) in o) || $4 + 0 > o[$1, $2] + 0) {
	o[$1, $2] = $4
}
FILENAME ~ /cperf/ {
	if ($2 == "refused") { refused[$1] = substr($0, length($1) + 10); next }
	if (!(($1, $2) in c) || $3 + 0 > c[$1, $2] + 0) { c[$1, $2] = $3; cc[$1, $2] = $4 }
}
function ratio(a, b) { return (a == "" || b == "" || b == 0) ? "-" : sprintf("%.2f", a / b) }
function v(x) { return x == "" ? "-" : x }
END {
	printf "%-5s %-12s %5s %10s %7s %9s %9s %7s %8s %8s\n", "alg", "cperf-algo", "size",
	       "ours-Nkey", "cyc", "ours-1key", "cperf-1key", "cyc", "ratio-N", "ratio-1"
	split(algs, A, " "); ns = split(sizes, S, ",")
	name["NIA1"] = "snow3g-uia2"; name["NIA2"] = "aes-cmac"; name["NIA3"] = "zuc-eia3"
	name["NEA1"] = "snow3g-uea2"; name["NEA2"] = "aes-ctr"; name["NEA3"] = "zuc-eea3"
	for (i = 1; i in A; i++) {
		a = A[i]
		for (j = 1; j <= ns; j++) {
			s = S[j]
			printf "%-5s %-12s %5s %10s %7s %9s %9s %7s %8s %8s\n", a, name[a], s,
			       v(n[a, s]), v(nc[a, s]), v(o[a, s]), v(c[a, s]), v(cc[a, s]),
			       ratio(n[a, s], c[a, s]), ratio(o[a, s], c[a, s])
		}
		if (a in refused)
			printf "#   %s: crypto-perf refused: %s\n", a, refused[a]
	}
}' "$tmp/ours_n.csv" "$tmp/ours_1.csv" "$tmp/cperf.csv"
