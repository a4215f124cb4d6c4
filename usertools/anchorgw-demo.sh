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

main() {
	setup
	demo_keytool
	demo_gateway
}

main "$@"
