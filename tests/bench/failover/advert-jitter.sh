#!/usr/bin/env bash
# Advert jitter under proxy load: how late a busy L7Gate master's VRRP adverts leave, with the engine threads at
# Failover:ThreadNice -10 (the default) and at 0 (the proxy's priority). Two network namespaces joined by a veth
# pair: the master with its backend (nginx) and a wrk load on every core in one, tcpdump in the other timing the
# adverts on the wire. A gap above the master-down interval (3 x interval + skew) would let a backup take over.
#
#   sudo tests/bench/failover/advert-jitter.sh [--duration 30] [--interval-ms 100] [--nice "-10 0"] [--hogs 0]
#
# --hogs N adds N busy loops at nice 0 in the master's namespace: a node whose CPUs other work also wants.
#
# Needs root, iproute2, nginx, wrk, tcpdump, python3 and the .NET SDK (installed with apt-get when missing).
# A benchmark, not a test: the numbers depend on the machine and on what else runs on it.
set -euo pipefail
DURATION=30
INTERVAL_MS=100
NICES="-10 0"
HOGS=0
while [[ $# -gt 0 ]]; do
    case "$1" in
        --duration) DURATION="$2"; shift 2 ;;
        --interval-ms) INTERVAL_MS="$2"; shift 2 ;;
        --nice) NICES="$2"; shift 2 ;;
        --hogs) HOGS="$2"; shift 2 ;;
        -h|--help) sed -n '2,10p' "$0"; exit 0 ;;
        *) echo "unknown argument $1" >&2; exit 2 ;;
    esac
done
[[ $(id -u) == 0 ]] || { echo "needs root (network namespaces)" >&2; exit 1; }
ROOT="$(cd "$(dirname "$0")/../../.." && pwd)"
OUT="$ROOT/tests/bench/results/jitter-$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$OUT"

missing=()
for tool in nginx:nginx wrk:wrk tcpdump:tcpdump ip:iproute2 python3:python3; do
    command -v "${tool%%:*}" >/dev/null || missing+=("${tool##*:}")
done
if [[ ${#missing[@]} -gt 0 ]]; then
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}" >&2
fi

dotnet publish "$ROOT/src/L7Gate" -c Release -o "$OUT/l7gate" --nologo -v quiet >&2

A=lj-a; B=lj-b
cleanup() {
    pkill -f "$OUT/" 2>/dev/null || true
    ip netns del $A 2>/dev/null || true
    ip netns del $B 2>/dev/null || true
}
trap cleanup EXIT
cleanup
ip netns add $A; ip netns add $B
ip link add lj0 netns $A type veth peer name lj1 netns $B
ip -n $A addr add 192.0.2.11/24 dev lj0; ip -n $A link set lj0 up; ip -n $A link set lo up
ip -n $B addr add 192.0.2.12/24 dev lj1; ip -n $B link set lj1 up; ip -n $B link set lo up

mkdir -p "$OUT/nginx"
cat > "$OUT/nginx/nginx.conf" <<NGINX
daemon off; worker_processes 1; pid $OUT/nginx/nginx.pid; error_log $OUT/nginx/error.log;
events { worker_connections 1024; }
http { access_log off; client_body_temp_path $OUT/nginx; proxy_temp_path $OUT/nginx; fastcgi_temp_path $OUT/nginx;
       uwsgi_temp_path $OUT/nginx; scgi_temp_path $OUT/nginx;
       server { listen 127.0.0.1:18080; location / { return 200 "backend\n"; } } }
NGINX
ip netns exec $A nginx -c "$OUT/nginx/nginx.conf" -p "$OUT/nginx" &

interval=$(python3 -c "print('00:00:%06.3f' % ($INTERVAL_MS / 1000))")
results=()
for nice in $NICES; do
    cat > "$OUT/l7gate-$nice.json" <<JSON
{
  "Urls": "http://127.0.0.1:8080",
  "Logging": { "LogLevel": { "Default": "Warning" } },
  "ReverseProxy": {
    "Routes": { "all": { "ClusterId": "web", "Match": { "Path": "{**catch-all}" } } },
    "Clusters": { "web": { "Destinations": { "nginx": { "Address": "http://127.0.0.1:18080/" } } } }
  },
  "Failover": {
    "ThreadNice": $nice,
    "Instances": { "VI_1": { "Interface": "lj0", "VirtualRouterId": 51, "Priority": 150, "Version": 3,
                             "AdvertisementInterval": "$interval", "VirtualIPs": [ "192.0.2.100/24" ] } }
  }
}
JSON
    ip netns exec $A "$OUT/l7gate/L7Gate" --config "$OUT/l7gate-$nice.json" >"$OUT/l7gate-$nice.log" 2>&1 &
    gw=$!
    for _ in $(seq 1 100); do ip -n $A addr show lj0 | grep -q 192.0.2.100 && break; sleep 0.1; done
    ip netns exec $A wrk -t2 -c64 -d3s http://127.0.0.1:8080/ >/dev/null   # warm-up
    ip netns exec $B tcpdump -i lj1 -nn -tt --time-stamp-precision=micro -l ip proto 112 >"$OUT/adverts-$nice.txt" 2>/dev/null &
    dump=$!
    hogs=()
    for _ in $(seq 1 "$HOGS"); do ip netns exec $A timeout "$((DURATION + 2))" sh -c 'while :; do :; done' & hogs+=($!); done
    ip netns exec $A wrk -t2 -c64 -d"${DURATION}s" http://127.0.0.1:8080/ >"$OUT/wrk-$nice.txt"
    for h in "${hogs[@]}"; do kill "$h" 2>/dev/null || true; done
    kill $dump; wait $dump 2>/dev/null || true
    kill -TERM $gw; wait $gw 2>/dev/null || true
    results+=("$nice")
done

echo "$HOGS" > "$OUT/hogs"
python3 - "$OUT" "$INTERVAL_MS" $NICES <<'PY' | tee "$OUT/results.md"
import sys, re
out, interval_ms, nices = sys.argv[1], float(sys.argv[2]), sys.argv[3:]
master_down = 3 * interval_ms + interval_ms * (256 - 100) / 256  # as a priority-100 backup computes it
hogs = open(f"{out}/hogs").read().strip()
print(f"Adverts of a priority-150 master at {interval_ms:.0f} ms (a priority-100 backup's master-down interval: {master_down:.0f} ms) "
      f"while wrk (2 threads, 64 connections) loads its proxy and {hogs} busy loops compete for the CPUs.\n")
print("| ThreadNice | adverts | proxied req/s | p50 gap ms | p99 gap ms | max gap ms | gaps > 1.5 x interval | gaps > master-down |")
print("|---:|---:|---:|---:|---:|---:|---:|---:|")
for nice in nices:
    times = [float(l.split()[0]) for l in open(f"{out}/adverts-{nice}.txt") if "VRRPv" in l]
    gaps = sorted((b - a) * 1000 for a, b in zip(times, times[1:]))
    rps = re.search(r"Requests/sec:\s+([\d.]+)", open(f"{out}/wrk-{nice}.txt").read())
    if not gaps:
        print(f"| {nice} | {len(times)} | - | - | - | - | - | - |")
        continue
    pct = lambda p: gaps[min(len(gaps) - 1, int(p * len(gaps)))]
    print(f"| {nice} | {len(times)} | {float(rps.group(1)) if rps else 0:,.0f} | {pct(0.5):.1f} | {pct(0.99):.1f} | {gaps[-1]:.1f} | "
          f"{sum(g > 1.5 * interval_ms for g in gaps)} | {sum(g > master_down for g in gaps)} |")
PY
echo "== raw captures and logs: $OUT" >&2
