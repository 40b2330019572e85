#!/usr/bin/env bash
# An L7Gate active-standby pair on one Linux machine, no Docker needed (root: network namespaces).
#
#   sudo docker/pair-demo.sh            # planned handover: the master gets SIGTERM (what `docker stop` does)
#   sudo docker/pair-demo.sh --crash    # the master is killed (SIGKILL): failover after the master-down interval
#
# Builds a lab of network namespaces on one bridge (everything prefixed `lgs`, removed at the end):
#   lgs-gwa 192.0.2.11  L7Gate, VRRPv3 priority 150 (master)   \
#   lgs-gwb 192.0.2.12  L7Gate, VRRPv3 priority 100 (backup)    }  VIP 192.0.2.100, adverts every 100 ms
#   lgs-be1 192.0.2.21, lgs-be2 192.0.2.22  backends (python3 http.server)
#   lgs-cli 192.0.2.50  a client sending a steady stream of requests to http://VIP:8080/
# then stops the master mid-stream and prints who served before and after, and how many requests failed.
#
# Options: --crash, --rate N (requests/s, default 50), --seconds N (stream length, default 10),
#          --l7gate DIR (an existing `dotnet publish src/L7Gate` output; default: publish now), --keep (leave the lab up)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
MODE=graceful RATE=50 SECONDS_TOTAL=10 PUBLISHED="" KEEP=0
while (($#)); do
    case "$1" in
        --crash) MODE=crash; shift ;;
        --rate) RATE="$2"; shift 2 ;;
        --seconds) SECONDS_TOTAL="$2"; shift 2 ;;
        --l7gate) PUBLISHED="$2"; shift 2 ;;
        --keep) KEEP=1; shift ;;
        -h|--help) sed -n '2,18p' "$0"; exit 0 ;;
        *) echo "unknown option $1" >&2; exit 2 ;;
    esac
done
[[ $(id -u) -eq 0 ]] || { echo "run as root (network namespaces, VRRP raw sockets)" >&2; exit 1; }
for tool in ip python3 curl; do command -v "$tool" >/dev/null || { echo "missing: $tool" >&2; exit 1; }; done

NET=192.0.2
VIP=$NET.100
WORK="$(mktemp -d /tmp/lgs-pair-XXXXXX)"
NAMESPACES=(lgs-sw lgs-gwa lgs-gwb lgs-be1 lgs-be2 lgs-cli)
PIDS=()
log() { printf '== %s\n' "$*" >&2; }

cleanup() {
    ((KEEP)) && { log "lab left up (--keep); remove with: for n in ${NAMESPACES[*]}; do ip netns del \$n; done"; return; }
    local pid ns
    for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
    wait 2>/dev/null || true
    for ns in "${NAMESPACES[@]}"; do ip netns del "$ns" 2>/dev/null || true; done
    rm -rf "$WORK"
}
trap cleanup EXIT

for ns in "${NAMESPACES[@]}"; do
    if ip netns list | grep -qw "$ns"; then echo "namespace $ns exists: another demo running? (ip netns del $ns)" >&2; KEEP=1; exit 1; fi
done

# ---- L7Gate binary -------------------------------------------------------------------------------
if [[ -z $PUBLISHED ]]; then
    log "publishing L7Gate (Release)"
    dotnet publish "$ROOT/src/L7Gate/L7Gate.csproj" -c Release -o "$WORK/l7gate" -nologo -v q >&2
    PUBLISHED="$WORK/l7gate"
fi
[[ -x $PUBLISHED/L7Gate ]] || { echo "$PUBLISHED/L7Gate not found" >&2; exit 1; }

# ---- lab: one bridge in its own namespace, one veth per node -------------------------------------
log "building the lab (namespaces ${NAMESPACES[*]})"
for ns in "${NAMESPACES[@]}"; do ip netns add "$ns"; ip -n "$ns" link set lo up; done
ip -n lgs-sw link add br0 type bridge
ip -n lgs-sw link set br0 up
node() { # namespace address
    local ns=$1 addr=$2 short=${1#lgs-}
    ip link add "lgs-$short-s" type veth peer name "lgs-$short-n"
    ip link set "lgs-$short-s" netns lgs-sw
    ip link set "lgs-$short-n" netns "$ns"
    ip -n lgs-sw link set "lgs-$short-s" master br0 up
    ip -n "$ns" link set "lgs-$short-n" name eth0
    ip -n "$ns" addr add "$addr/24" dev eth0
    ip -n "$ns" link set eth0 up
}
node lgs-gwa $NET.11
node lgs-gwb $NET.12
node lgs-be1 $NET.21
node lgs-be2 $NET.22
node lgs-cli $NET.50

# ---- backends --------------------------------------------------------------------------------------
for i in 1 2; do
    mkdir -p "$WORK/be$i"
    echo "backend-$i" >"$WORK/be$i/index.html"
    ip netns exec "lgs-be$i" python3 -m http.server 80 --bind "$NET.2$i" --directory "$WORK/be$i" >"$WORK/be$i.log" 2>&1 &
    PIDS+=($!)
done

# ---- gateways ----------------------------------------------------------------------------------------
gateway_config() { # name priority
    python3 - "$1" "$2" "$VIP" "$NET" <<'PY'
import json, sys
name, priority, vip, net = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
print(json.dumps({
    "Urls": "http://0.0.0.0:8080",
    "Admin": {"Urls": "http://127.0.0.1:9901"},
    "Logging": {"LogLevel": {"Default": "Warning", "L7Gate": "Information"}},
    "ReverseProxy": {
        "Routes": {"web": {"ClusterId": "web", "Match": {"Path": "{**catch-all}"},
                           "Transforms": [{"ResponseHeader": "X-Served-By", "Set": name, "When": "Always"}]}},
        "Clusters": {"web": {
            "Retry": {"MaxAttempts": 3, "OnStatusCodes": [502, 503, 504]},
            "HealthCheck": {"Active": {"Enabled": True, "Interval": "00:00:01", "Timeout": "00:00:00.5",
                                       "Policy": "ConsecutiveFailures", "Path": "/"}},
            "Destinations": {"backend-1": {"Address": f"http://{net}.21/"}, "backend-2": {"Address": f"http://{net}.22/"}}}},
    },
    "Failover": {"Instances": {"VI_1": {
        "Interface": "eth0", "VirtualRouterId": 51, "Priority": priority, "Version": 3,
        "AdvertisementInterval": "00:00:00.1", "Preempt": True,
        "VirtualIPs": [f"{vip}/24"],
        "TrackProxy": {"Weight": 60, "Rise": 2, "Fall": 2}}}},
}, indent=2))
PY
}
declare -A GW_PID
for gw in a b; do
    prio=$([[ $gw == a ]] && echo 150 || echo 100)
    gateway_config "gateway-$gw" "$prio" >"$WORK/gw$gw.json"
    "$PUBLISHED/L7Gate" --config "$WORK/gw$gw.json" --check >"$WORK/gw$gw.check" 2>&1 || { cat "$WORK/gw$gw.check" >&2; exit 1; }
    ip netns exec "lgs-gw$gw" "$PUBLISHED/L7Gate" --config "$WORK/gw$gw.json" >"$WORK/gw$gw.log" 2>&1 &
    PIDS+=($!); GW_PID[$gw]=$!
done

vip_owner() {
    local gw
    for gw in a b; do
        ip -n "lgs-gw$gw" -4 addr show dev eth0 | grep -q " $VIP/" && printf 'gateway-%s ' "$gw"
    done
}
served_by() { ip netns exec lgs-cli curl -s -o /dev/null -D - --max-time 1 "http://$VIP:8080/" 2>/dev/null | tr -d '\r' | awk -F': ' 'tolower($1)=="x-served-by" {print $2}'; }

log "waiting for gateway-a to hold the VIP and serve"
for _ in $(seq 1 150); do
    [[ $(served_by) == gateway-a ]] && break
    sleep 0.2
done
[[ $(served_by) == gateway-a ]] || { echo "the VIP is not served by gateway-a (VIP on: $(vip_owner)); logs:" >&2; tail -n 30 "$WORK"/gw*.log >&2; exit 1; }
log "VIP $VIP on: $(vip_owner)"

# ---- the stream --------------------------------------------------------------------------------------
# One new connection per request (a VIP move is seen at once), 1 s timeout; one line per request.
ip netns exec lgs-cli python3 - "$VIP" "$RATE" "$SECONDS_TOTAL" >"$WORK/stream.txt" 2>&1 <<'PY' &
import http.client, sys, time
vip, rate, seconds = sys.argv[1], float(sys.argv[2]), float(sys.argv[3])
start = time.time()
n = 0
while time.time() - start < seconds:
    t = time.time()
    try:
        c = http.client.HTTPConnection(vip, 8080, timeout=1)
        c.request("GET", "/")
        r = c.getresponse()
        r.read()
        print(f"{t:.3f} {r.status} {r.getheader('X-Served-By', '-')}", flush=True)
        c.close()
    except Exception as e:
        print(f"{t:.3f} ERR {type(e).__name__}", flush=True)
    n += 1
    time.sleep(max(0.0, start + n / rate - time.time()))
PY
STREAM=$!
# Let the stream run for about 2 s of answers before the stop (python can be slow to start on a busy machine).
answered() { local n; n=$(grep -c ' 200 ' "$WORK/stream.txt" 2>/dev/null) || true; echo "${n:-0}"; }
for _ in $(seq 1 100); do
    (($(answered) >= RATE * 2)) && break
    sleep 0.1
done
STOP_AT=$(date +%s.%N)
if [[ $MODE == crash ]]; then
    log "killing gateway-a (SIGKILL)"
    kill -KILL "${GW_PID[a]}"
    { wait "${GW_PID[a]}"; } 2>/dev/null || true
else
    log "stopping gateway-a (SIGTERM: planned handover)"
    kill -TERM "${GW_PID[a]}"
fi
wait "$STREAM" || true
log "VIP $VIP now on: $(vip_owner)"

python3 - "$WORK/stream.txt" "$STOP_AT" "$MODE" <<'PY'
import sys
path, stop, mode = sys.argv[1], float(sys.argv[2]), sys.argv[3]
rows = [l.split() for l in open(path) if l.strip()]
rows = [(float(t), status, (who[0] if who else "-")) for t, status, *who in rows]
ok = lambda r: r[1].isdigit() and 200 <= int(r[1]) < 400
before = [r for r in rows if r[0] < stop]
after = [r for r in rows if r[0] >= stop]
def who(rs):
    seen = {}
    for r in rs:
        if ok(r): seen[r[2]] = seen.get(r[2], 0) + 1
    return ", ".join(f"{k} ({v})" for k, v in seen.items()) or "nobody"
failed = [r for r in rows if not ok(r)]
last_a = max((r[0] for r in rows if ok(r) and r[2] == "gateway-a"), default=None)
first_b = min((r[0] for r in after if ok(r) and r[2] == "gateway-b"), default=None)
print(f"\nmode: {'planned handover (SIGTERM)' if mode == 'graceful' else 'crash (SIGKILL)'}; {len(rows)} requests")
print(f"before the stop: served by {who(before)}")
print(f"after the stop:  served by {who(after)}")
print(f"failed requests: {len(failed)}" + (f" ({', '.join(sorted({r[1] + (' ' + r[2] if r[1] == 'ERR' else '') for r in failed}))})" if failed else ""))
if last_a is not None and first_b is not None:
    print(f"switch-over: {(first_b - stop) * 1000:.0f} ms from the stop to the first answer from gateway-b; "
          f"last answer from gateway-a {(last_a - stop) * 1000:.0f} ms after the stop")
PY
log "raw stream: $WORK/stream.txt (removed at exit unless --keep)"
