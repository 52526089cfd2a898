#!/bin/sh
# Makes the captures next to this script, once, by hand (root; dnsmasq, tcpdump, qemu-system-x86_64, busybox,
# tftp-hpa, python3): see README.md. Everything lives in the namespace pxc-lab, removed at the end.
#   make-captures.sh bios-clean|ipxe-loop|no-boot-info|tftp-missing|tftp-blocked OUT.pcap
set -eu
what=$1
out=$2
fixtures=${FIXTURES:-/var/cache/pxekit/fixtures/bios}
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d /tmp/pxc-capture.XXXXXX)
ns=pxc-lab
cli=pxc-cli
net=10.93.7
pids=""

cleanup() {
  for pid in $pids; do kill "$pid" 2>/dev/null || true; done
  sleep 1
  ip netns del "$ns" 2>/dev/null || true
  ip netns del "$cli" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

ip netns add "$ns"
ip -n "$ns" link set lo up
ip -n "$ns" link add pxcbr0 type bridge
ip -n "$ns" addr add "$net.1/24" dev pxcbr0
ip -n "$ns" link set pxcbr0 up

dnsmasq_args="--no-daemon --conf-file=/dev/null --port=0 --interface=pxcbr0 --bind-interfaces
  --dhcp-range=$net.100,$net.150,255.255.255.0,1h --enable-tftp --tftp-root=$fixtures --log-dhcp
  --pid-file=$work/dnsmasq.pid --dhcp-leasefile=$work/dnsmasq.leases
  --dhcp-host=52:54:00:c0:ff:ee,$net.120 --dhcp-host=02:00:00:c0:ff:01,$net.121"
case $what in
  bios-clean) boot="--dhcp-boot=pxelinux.0" ;;
  ipxe-loop) boot="--dhcp-boot=undionly.kpxe" ;;
  no-boot-info) boot="" ;;
  tftp-missing|tftp-blocked) boot="--dhcp-boot=pxelinux.0" ;;
  *) echo "unknown capture $what" >&2; exit 2 ;;
esac

ip netns exec "$ns" tcpdump -i pxcbr0 -U -s 0 -w "$work/full.pcap" 'udp or tcp port 80' 2>"$work/tcpdump.log" &
pids="$pids $!"
# shellcheck disable=SC2086
ip netns exec "$ns" dnsmasq $dnsmasq_args $boot >"$work/dnsmasq.log" 2>&1 &
pids="$pids $!"
sleep 2

case $what in
  bios-clean|ipxe-loop)
    ip -n "$ns" tuntap add dev pxctap0 mode tap
    ip -n "$ns" link set pxctap0 master pxcbr0 up
    limit=120
    [ "$what" = ipxe-loop ] && limit=45
    ip netns exec "$ns" timeout "$limit" qemu-system-x86_64 -accel tcg -m 512 -machine graphics=off -display none \
      -monitor none -serial "file:$work/serial.log" -boot n \
      -netdev tap,id=n0,ifname=pxctap0,script=no,downscript=no -device e1000,netdev=n0,mac=52:54:00:c0:ff:ee \
      -no-reboot || true
    tail -5 "$work/serial.log" || true
    ;;
  no-boot-info|tftp-missing|tftp-blocked)
    ip netns add "$cli"
    ip -n "$ns" link add pxcv0 type veth peer name pxcv1 netns "$cli"
    ip -n "$ns" link set pxcv0 master pxcbr0 up
    ip -n "$cli" link set pxcv1 address 02:00:00:c0:ff:01 up
    ip netns exec "$cli" busybox udhcpc -i pxcv1 -V PXEClient:Arch:00000:UNDI:002001 -n -q -t 3 -s /bin/true || true
    if [ "$what" = tftp-blocked ]; then
      # The article's kind of rule, for TFTP: the server's host drops UDP 69 after the capture saw it.
      ip netns exec "$ns" iptables -A INPUT -p udp --dport 69 -j DROP
      ip -n "$cli" addr add "$net.121/24" dev pxcv1
      ip netns exec "$cli" timeout 30 busybox tftp -g -r pxelinux.0 -l "$work/got.0" "$net.1" || true
      sleep 12
    fi
    if [ "$what" = tftp-missing ]; then
      ip -n "$cli" addr add "$net.121/24" dev pxcv1
      ip netns exec "$cli" busybox tftp -g -r pxelinux.0 -l "$work/got.0" "$net.1" || true
      ip netns exec "$cli" busybox tftp -g -r missing.0 -l "$work/missing.0" "$net.1" || true
    fi
    ;;
esac
sleep 1
cat "$work/dnsmasq.log" | tail -20
python3 "$here/trim-tftp-data.py" "$work/full.pcap" "$out"
ls -l "$work/full.pcap" "$out"
