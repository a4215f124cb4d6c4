#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
# anchorgw demo: install what is missing, build, then show each part at work.
#   usertools/anchorgw-demo.sh
# Sections are functions run in order from main(); add a section by writing
# a demo_<name> function and listing it in main().
set -euo pipefail

top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
builddir=$top/build

header() {
	echo
	echo "=================================================================="
	echo "  $*"
	echo "=================================================================="
}

setup() {
	"$top/usertools/anchorgw-setup.sh" "$builddir"
}

# 5G AKA, key hierarchy and NAS protection with anchor-keytool.
demo_keytool() {
	header "anchor-keytool: 5G AKA -> K_AMF -> NAS keys -> protected NAS message"
	"$builddir/app/anchor-keytool/anchor-keytool" demo
}

# The gateway's main job on virtual devices: N UEs' protected uplink NAS
# (computed on the UE side by anchor-gen), through anchorgw on net_pcap ports.
demo_gateway() {
	local work
	work=$(mktemp -d /tmp/anchorgw-demo.XXXXXX)
	header "anchorgw: 2,000 UEs' protected uplink NAS through the fast path (net_pcap)"
	echo "anchor-gen: 2000 UEs x 4 messages, NIA1/2/3, half ciphered (NEA1/2/3),"
	echo "            plus 20 forged MACs, 20 replays, 10 unknown UEs, 10 malformed frames"
	"$builddir/app/anchor-gen/anchor-gen" nas-pcap --ues 2000 --msgs 4 --size 128 \
		--nia 1,2,3 --cipher mixed --forged 20 --replays 20 --unknown 10 --malformed 10 \
		--out "$work/ran-in.pcap" --expect "$work/core-expected.pcap" \
		--ctx-out "$work/contexts.csv" | sed 's/^/  /'
	python3 -c 'import struct,sys; open(sys.argv[1],"wb").write(struct.pack("<IHHiIII",0xa1b2c3d4,2,4,0,0,65535,1))' \
		"$work/empty.pcap"
	echo
	echo "anchorgw (1 worker lcore, IPsec-MB engine):"
	"$builddir/app/anchorgw/anchorgw" --no-huge --no-pci --no-shconf -m 512 -l 0,1 \
		--log-level='*:error' --file-prefix "agwdemo$$" \
		--vdev "net_pcap0,rx_pcap=$work/ran-in.pcap,tx_pcap=$work/ran-out.pcap" \
		--vdev "net_pcap1,rx_pcap=$work/empty.pcap,tx_pcap=$work/core-out.pcap" \
		-- -f "$top/conf/anchorgw.conf" --ctx-file "$work/contexts.csv" --idle-exit 300 |
		grep -v '=0$' | sed 's/^/  /'
	echo
	if PYTHONPATH="$top/test/integration" python3 - "$work/core-out.pcap" "$work/core-expected.pcap" <<'PY'
import sys
import pcaputil
got, want = pcaputil.read(sys.argv[1])[1], pcaputil.read(sys.argv[2])[1]
print("  core port: %d frames, deciphered NAS; expected (UE side): %d frames; %s"
      % (len(got), len(want), "identical" if got == want else "DIFFERENT"))
sys.exit(0 if got == want else 1)
PY
	then
		echo "  the gateway's output equals what the UEs sent, byte for byte"
	fi
	rm -rf "$work"
}

# The anchors on the control lcore: UEs register (5G-AKA, SMC, accept)
# through anchorgw, whose RAN port is a DPDK net_tap interface that
# anchor-gen drives as gNB + UEs (the UE side computed independently).
demo_register() {
	local work iface gw rc
	work=$(mktemp -d /tmp/anchorgw-demo.XXXXXX)
	iface=agwdemo$$
	header "anchorgw: 1,000 UEs register through the anchors (5G-AKA + SMC, net_tap)"
	"$builddir/app/anchor-gen/anchor-gen" subscribers --ues 1000 --out "$work/subs.csv" >/dev/null
	"$builddir/app/anchor-subscriber/anchor-subscriber" --db "$work/store" import \
		--csv "$work/subs.csv" | sed 's/^/  /'
	sed -e "s|net_pcap0|net_tap0|; s|net_pcap1|net_null0|; s|enabled = false|enabled = true|" \
		-e "s|path = \"/var/lib/anchorgw\"|path = \"$work/store\"|" \
		"$top/conf/anchorgw.conf" >"$work/anchorgw.conf"
	"$builddir/app/anchorgw/anchorgw" --no-huge --no-pci --no-shconf -m 512 -l 0,1 \
		--log-level='*:error' --file-prefix "agwreg$$" --vdev "net_tap0,iface=$iface" \
		--vdev net_null0,no-rx=1 -- -f "$work/anchorgw.conf" --duration 120 >"$work/gw.out" 2>&1 &
	gw=$!
	until grep -q 'worker(s)' "$work/gw.out" 2>/dev/null || ! kill -0 $gw 2>/dev/null; do
		sleep 0.1
	done
	echo "anchor-gen register (gNB + 1000 UEs, NIA1/2/3 x NEA0-3 mixed):"
	"$builddir/app/anchor-gen/anchor-gen" register --iface "$iface" --ues 1000 --mix --quiet |
		grep -E '^(registered|rejected|failed|dl_mac_ok|k_amf_derived|registrations_per_s|p50_ms|p99_ms|result)=' |
		sed 's/^/  /'
	rc=${PIPESTATUS[0]}
	kill -INT $gw 2>/dev/null
	wait $gw
	echo
	echo "anchorgw (anchors counters, fast path verified the Registration completes):"
	grep -E 'anchors (registration|authentication|security_mode|context_install|store_commits)|verified=' \
		"$work/gw.out" | sed 's/^anchorgw: /  /'
	rm -rf "$work"
	return "$rc"
}

main() {
	setup
	demo_keytool
	demo_gateway
	demo_register
}

main "$@"
