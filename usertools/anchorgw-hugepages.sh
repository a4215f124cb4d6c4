#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
# Reserve 2 MB hugepages for the DPDK programs (benchmarks, anchorgw).
#   usertools/anchorgw-hugepages.sh [--pages N] [--release] [--quiet]
# --pages N  total 2 MB pages wanted (default 3072 = 6 GiB); never lowers a
#            larger reservation.
# --release  set the reservation back to N pages (default 0) instead.
# Mounts hugetlbfs at /dev/hugepages when nothing is mounted there. Last
# line on stdout: "hugepages: free=F total=T size=2048kB mount=DIR" (F and T
# in pages), or "hugepages: none (REASON)". Exit 0 when at least N pages are
# free, 1 when fewer were obtained, 2 when none: callers then fall back to
# --no-huge.
set -uo pipefail

pages=3072
release=0
quiet=0
usage() {
	sed -n '3,12p' "$0" | sed 's/^# \{0,1\}//' >&2
	exit 2
}
while [ $# -gt 0 ]; do
	case "$1" in
	--pages) [ $# -ge 2 ] || usage; pages=$2; shift ;;
	--release) release=1; [ "$pages" != 3072 ] || pages=0 ;;
	--quiet) quiet=1 ;;
	*) usage ;;
	esac
	shift
done
case "$pages" in '' | *[!0-9]*) usage ;; esac

say() { [ "$quiet" = 1 ] || echo "$*" >&2; }
none() { echo "hugepages: none ($*)"; exit 2; }

sysfs=/sys/kernel/mm/hugepages/hugepages-2048kB/nr_hugepages
procfs=/proc/sys/vm/nr_hugepages
mnt=/dev/hugepages

[ "$(uname -s)" = Linux ] || none "not Linux"
if [ -e "$sysfs" ]; then
	knob=$sysfs
elif [ -e "$procfs" ] && grep -q '^Hugepagesize: *2048 kB' /proc/meminfo; then
	knob=$procfs
else
	none "the kernel offers no 2 MB hugepages (no $sysfs)"
fi
meminfo() { awk -v k="$1:" '$1 == k { print $2 }' /proc/meminfo; }

cur=$(cat "$knob" 2>/dev/null || echo 0)
want=$pages
[ "$release" = 1 ] || [ "$cur" -lt "$want" ] || want=$cur
if [ "$want" != "$cur" ]; then
	if [ "$(id -u)" != 0 ]; then
		say "anchorgw-hugepages: need root to change $knob (have $cur pages)"
	else
		# Compact first so that 2 MB of contiguous memory is easier to find.
		[ "$release" = 1 ] || echo 1 >/proc/sys/vm/compact_memory 2>/dev/null
		if ! echo "$want" >"$knob" 2>/dev/null; then
			say "anchorgw-hugepages: cannot write $knob (read-only sysfs in a container?)"
		fi
	fi
fi
[ "$release" = 0 ] || { echo "hugepages: released, total=$(cat "$knob" 2>/dev/null)"; exit 0; }

total=$(meminfo HugePages_Total)
free=$(meminfo HugePages_Free)
[ "${total:-0}" -gt 0 ] || none "0 pages reserved: $(cat "$knob" 2>/dev/null || echo '?') in $knob; need root and free memory"

# hugetlbfs for DPDK (not needed with --in-memory, but EAL looks for it).
if ! awk '$3 == "hugetlbfs" { found = 1 } END { exit !found }' /proc/mounts; then
	if [ "$(id -u)" = 0 ]; then
		if ! { mkdir -p "$mnt" && mount -t hugetlbfs -o pagesize=2M nodev "$mnt" 2>/dev/null; }; then
			none "$total pages reserved but hugetlbfs cannot be mounted at $mnt"
		fi
	else
		none "$total pages reserved but no hugetlbfs mounted (need root to mount $mnt)"
	fi
fi
mount_dir=$(awk '$3 == "hugetlbfs" { print $2; exit }' /proc/mounts)
[ "$free" -ge "$pages" ] || say "anchorgw-hugepages: asked for $pages pages, $free free" \
	"($total reserved; memory too fragmented or in use?)"
echo "hugepages: free=$free total=$total size=2048kB mount=$mount_dir"
[ "$free" -ge "$pages" ] && exit 0
[ "$free" -gt 0 ] && exit 1
exit 2
