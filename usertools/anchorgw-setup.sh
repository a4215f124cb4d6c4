#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
# Install what anchorgw needs from Debian 12 (only what is missing), then
# configure and build. Sourced or run by anchorgw-demo.sh / anchorgw-test.sh.
#   usertools/anchorgw-setup.sh [build-dir]
set -euo pipefail

top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
builddir=${1:-$top/build}

# Build and test dependencies, each for a reason:
#  libdpdk-dev dpdk dpdk-dev  DPDK 22.11 (EAL, mbuf, ring, hash, graph, cryptodev,
#                             telemetry; dpdk-test-crypto-perf for benchmarks)
#  libipsec-mb-dev            Intel IPsec-MB: NIA/NEA on AES-NI, SNOW 3G, ZUC
#  libssl-dev                 OpenSSL: HMAC-SHA-256 KDF, AES for MILENAGE, ECIES
#  libconfig-dev              gateway configuration files
#  liblmdb-dev                the embedded store (subscribers, SQN, anchor contexts)
#  libcunit1-dev              unit tests
#  meson ninja-build pkg-config python3  build (python3 generates test headers)
#  tshark                     tests check encoder output with Wireshark's dissectors
#  clang libclang-rt-14-dev   libFuzzer smoke runs in the test suite
#  libnghttp2-dev             HTTP/2 for the SBI server (Naanf_AKMA)
#  libjansson-dev             JSON bodies of the SBI (TS 29.5xx)
#  curl                       tests play an AF against the SBI (--http2-prior-knowledge)
#  openssl                    tests make a throwaway TLS certificate for the SBI
#  libp11-kit-dev softhsm2    PKCS#11 security-module driver (header) and the soft token its tests use
pkgs=(libdpdk-dev dpdk dpdk-dev libipsec-mb-dev libssl-dev libconfig-dev libcunit1-dev liblmdb-dev
      meson ninja-build pkg-config python3 tshark clang libclang-rt-14-dev
      libnghttp2-dev libjansson-dev curl openssl libp11-kit-dev softhsm2)

missing=()
for p in "${pkgs[@]}"; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' ||
		missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
	if [ "$(id -u)" -ne 0 ]; then
		echo "anchorgw-setup: missing packages: ${missing[*]} (run as root to install)" >&2
		exit 1
	fi
	echo "anchorgw-setup: installing ${missing[*]}"
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -q >/dev/null
	apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null
fi

if [ ! -f "$builddir/build.ninja" ]; then
	meson setup "$builddir" "$top" >/dev/null
fi
ninja -C "$builddir" >/dev/null
echo "anchorgw-setup: built in $builddir"
