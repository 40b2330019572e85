#!/usr/bin/env bash
# Cold-start benchmark: how a node that started a while ago and never served (a backup that has just become
# master) answers its first requests, against the same process warm. For each target: a fresh process, idle for
# --idle seconds after it is up, then requests 1..100 timed one by one on one keep-alive connection (request 1
# includes the TCP connect), then 3,000 requests to warm it and 1,000 more for the warm median and p99.
# Targets: L7Gate with its start-up warm-up (the default), L7Gate with Warmup:Enabled false, nginx (1 worker).
# One backend (nginx, `return 200`); L7Gate runs appsettings/examples/bench.json (25 routes of every kind).
#
#   tests/bench/cold-start.sh [--idle 10] [--rounds 3]
#
# Prints a Markdown table (medians over the rounds) and writes it to tests/bench/results/. Benchmarks are not
# tests: quote the ratios, not the milliseconds.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
IDLE=10 ROUNDS=3
while (($#)); do
    case "$1" in
        --idle) IDLE="$2"; shift 2 ;;
        --rounds) ROUNDS="$2"; shift 2 ;;
        -h|--help) sed -n '2,13p' "$0"; exit 0 ;;
        *) echo "unknown option $1" >&2; exit 2 ;;
    esac
done
for tool in nginx python3 curl; do command -v "$tool" >/dev/null || { echo "needs $tool" >&2; exit 1; }; done

OUT="$ROOT/tests/bench/results/cold-start-$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$OUT"
log() { printf '== %s\n' "$*" >&2; }
log "publishing L7Gate (Release) into $OUT"
dotnet publish "$ROOT/src/L7Gate/L7Gate.csproj" -c Release -o "$OUT/l7gate" -nologo -v q >&2

PIDS=()
cleanup() { local p; for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
wait_tcp() { python3 - "$1" <<'PY'
import socket, sys, time
for _ in range(300):
    try:
        socket.create_connection(("127.0.0.1", int(sys.argv[1])), timeout=1).close(); sys.exit(0)
    except OSError: time.sleep(0.1)
sys.exit(1)
PY
}
nginx_conf() { # dir port upstream-port(empty = backend)
    mkdir -p "$1"
    local location="location / { default_type text/plain; return 200 \"hello\\n\"; }" upstream=""
    if [[ -n $3 ]]; then
        upstream="upstream backend { server 127.0.0.1:$3; keepalive 64; }"
        location="location / { proxy_pass http://backend; proxy_http_version 1.1; proxy_set_header Connection \"\"; }"
    fi
    cat >"$1/nginx.conf" <<NGINX
worker_processes 1; daemon off; user root; pid $1/nginx.pid; error_log $1/error.log warn;
events { worker_connections 1024; }
http { access_log off; client_body_temp_path $1/b; proxy_temp_path $1/p; fastcgi_temp_path $1/f; uwsgi_temp_path $1/u; scgi_temp_path $1/s;
  $upstream server { listen 127.0.0.1:$2; $location } }
NGINX
}

BACKEND_PORT=$(free_port)
nginx_conf "$OUT/backend" "$BACKEND_PORT" ""
nginx -e "$OUT/backend/error.log" -p "$OUT/backend" -c "$OUT/backend/nginx.conf" & PIDS+=($!)
wait_tcp "$BACKEND_PORT"

measure() { # port -> one JSON line of latencies in ms
    python3 - "$1" <<'PY'
import http.client, json, statistics, sys, time
port = int(sys.argv[1])
headers = {"User-Agent": "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0", "Accept-Language": "fr-CH, fr;q=0.9, en;q=0.8"}
def timed(conn):
    t = time.perf_counter(); conn.request("GET", "/", headers=headers); r = conn.getresponse(); r.read()
    assert r.status == 200, r.status
    return (time.perf_counter() - t) * 1000
conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
cold = [timed(conn) for _ in range(100)]
for _ in range(3000): timed(conn)
warm = sorted(timed(conn) for _ in range(1000))
print(json.dumps({"r1": cold[0], "r10": cold[9], "r100": cold[99], "max100": max(cold),
                  "median": statistics.median(warm), "p99": warm[int(len(warm) * 0.99) - 1]}))
PY
}

start_target() { # name port -> pid in $TARGET_PID; waits until up (L7Gate: admin /readyz and its warm-up line)
    local name=$1 port=$2
    case $name in
        nginx)
            nginx_conf "$OUT/nginx-$port" "$port" "$BACKEND_PORT"
            nginx -e "$OUT/nginx-$port/error.log" -p "$OUT/nginx-$port" -c "$OUT/nginx-$port/nginx.conf" & TARGET_PID=$!
            wait_tcp "$port" ;;
        l7gate*)
            local admin; admin=$(free_port)
            python3 - "$ROOT/appsettings/examples/bench.json" "$OUT/$name.json" "$port" "$admin" "$BACKEND_PORT" "$name" <<'PY'
import json, sys
src, dst, port, admin, backend, name = sys.argv[1:]
c = json.load(open(src))
c["Urls"] = f"http://127.0.0.1:{port}"
c.setdefault("Admin", {})["Urls"] = f"http://127.0.0.1:{admin}"
c.setdefault("Logging", {}).setdefault("LogLevel", {})["L7Gate.Proxy.Warmup"] = "Information"
for cluster in c["ReverseProxy"]["Clusters"].values():
    for d in cluster["Destinations"].values():
        d["Address"] = f"http://127.0.0.1:{backend}/"
if name == "l7gate-no-warmup":
    c["Warmup"] = {"Enabled": False}
json.dump(c, open(dst, "w"), indent=2)
PY
            "$OUT/l7gate/L7Gate" --config "$OUT/$name.json" >"$OUT/$name-$port.log" 2>&1 & TARGET_PID=$!
            for _ in $(seq 1 300); do curl -fs -o /dev/null "http://127.0.0.1:$admin/readyz" && break; sleep 0.1; done
            if [[ $name == l7gate ]]; then
                for _ in $(seq 1 300); do grep -q "Warm-up: " "$OUT/$name-$port.log" && break; sleep 0.1; done
            fi ;;
    esac
}

TARGETS=(l7gate l7gate-no-warmup nginx)
for round in $(seq 1 "$ROUNDS"); do
    for target in "${TARGETS[@]}"; do
        port=$(free_port)
        start_target "$target" "$port"
        PIDS+=("$TARGET_PID")
        log "round $round: $target up; idle ${IDLE}s"
        sleep "$IDLE"
        measure "$port" >>"$OUT/$target.jsonl"
        kill "$TARGET_PID"; wait "$TARGET_PID" 2>/dev/null || true
    done
done

python3 - "$OUT" "${TARGETS[@]}" <<'PY' | tee "$OUT/table.md"
import json, statistics, sys
out, targets = sys.argv[1], sys.argv[2:]
print("| target | req 1 − warm median (ms) | req 1 ÷ warm median | req 10 ÷ median | req 100 ÷ median | max of 1–100 ÷ warm p99 |")
print("|---|---|---|---|---|---|")
for t in targets:
    rows = [json.loads(l) for l in open(f"{out}/{t}.jsonl")]
    m = lambda k: statistics.median(r[k] for r in rows)
    print(f"| {t} | {m('r1') - m('median'):.2f} | {m('r1') / m('median'):.1f} | {m('r10') / m('median'):.1f} | {m('r100') / m('median'):.1f} | {m('max100') / m('p99'):.1f} |")
PY
