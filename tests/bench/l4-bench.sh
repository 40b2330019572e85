#!/usr/bin/env bash
# L4 benchmark: L7Gate's `Streams` listener against HAProxy `mode tcp` (1 thread; with and without
# `option splice-auto`) and nginx `stream` (1 worker), in one run, on loopback, same backends:
#   bulk-1   one connection downloading --bytes (default 1 GiB) from a raw TCP source (tests/bench/L4Bench)
#   bulk-64  64 parallel connections downloading --bytes in total
#   tls-new  new connections per second, each a full TLS handshake end to end with an nginx TLS backend
#            (the proxy passes the TLS through) + one GET + close, from --concurrency client loops
# For each: throughput, CPU seconds of the proxy process (utime+stime from /proc/<pid>/stat, children
# added: nginx's worker) per GB or per 1,000 connections, and at the end peak RSS (VmHWM). Rounds are
# interleaved (every target once per round) and the report gives medians; it prints the L7Gate ratios
# as a Markdown table (also written to tests/bench/results/).
#
#   tests/bench/l4-bench.sh [--rounds 3] [--bytes 1073741824] [--streams 64] [--tls-seconds 5] [--concurrency 16]
#
# Needs: .NET 10 SDK, nginx with the stream module (Debian: libnginx-mod-stream), haproxy, openssl, python3.
# Benchmarks are not tests: numbers depend on the machine and on what else runs on it.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
ROUNDS=3 BYTES=1073741824 STREAMS=64 TLS_SECONDS=5 CONCURRENCY=16
while (($#)); do
    case "$1" in
        --rounds) ROUNDS="$2"; shift 2 ;;
        --bytes) BYTES="$2"; shift 2 ;;
        --streams) STREAMS="$2"; shift 2 ;;
        --tls-seconds) TLS_SECONDS="$2"; shift 2 ;;
        --concurrency) CONCURRENCY="$2"; shift 2 ;;
        -h|--help) sed -n '2,17p' "$0"; exit 0 ;;
        *) echo "unknown option $1" >&2; exit 2 ;;
    esac
done

OUT="$ROOT/tests/bench/results/l4-$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$OUT"
log() { printf '== %s\n' "$*" >&2; }

NGINX_STREAM=/usr/lib/nginx/modules/ngx_stream_module.so
for tool in nginx haproxy openssl python3; do
    command -v "$tool" >/dev/null || { echo "missing: $tool (tests/run-all installs it)" >&2; exit 1; }
done
[[ -f $NGINX_STREAM ]] || { echo "missing: $NGINX_STREAM (apt-get install libnginx-mod-stream)" >&2; exit 1; }

# ---- build ---------------------------------------------------------------------------------------
log "publishing L7Gate and L4Bench (Release) into $OUT"
dotnet publish "$ROOT/src/L7Gate/L7Gate.csproj" -c Release -o "$OUT/l7gate" -nologo -v q >&2
dotnet publish "$ROOT/tests/bench/L4Bench/L4Bench.csproj" -c Release -o "$OUT/l4bench" -nologo -v q >&2
BENCH="$OUT/l4bench/L4Bench"

read -r -a FREE_PORTS < <(python3 -c '
import socket
socks = [socket.socket() for _ in range(24)]
for s in socks: s.bind(("127.0.0.1", 0))
print(" ".join(str(s.getsockname()[1]) for s in socks))')
NEXT_PORT=0
next_port() { port=${FREE_PORTS[$NEXT_PORT]}; NEXT_PORT=$((NEXT_PORT + 1)); }

PIDS=()
cleanup() {
    local pid
    for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
    wait 2>/dev/null || true
}
trap cleanup EXIT

wait_tcp() { # port
    local i
    for i in $(seq 1 150); do
        if (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; then return 0; fi
        sleep 0.2
    done
    echo "nothing listens on 127.0.0.1:$1; logs in $OUT" >&2
    return 1
}

# ---- backends: a raw TCP source (bulk) and nginx with TLS (new connections) ----------------------
next_port; BULK_BACKEND=$port
"$BENCH" source "$BULK_BACKEND" >"$OUT/source.log" 2>&1 &
PIDS+=($!)

next_port; TLS_BACKEND=$port
mkdir -p "$OUT/tls-backend"
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 2 -subj "/CN=bench" \
    -keyout "$OUT/tls-backend/key.pem" -out "$OUT/tls-backend/cert.pem" 2>/dev/null
cat >"$OUT/tls-backend/nginx.conf" <<EOF
worker_processes 1;
daemon off;
user root;
pid $OUT/tls-backend/nginx.pid;
error_log $OUT/tls-backend/error.log warn;
events { worker_connections 4096; }
http {
    access_log off;
    client_body_temp_path $OUT/tls-backend/body;
    proxy_temp_path $OUT/tls-backend/proxy;
    fastcgi_temp_path $OUT/tls-backend/fastcgi;
    uwsgi_temp_path $OUT/tls-backend/uwsgi;
    scgi_temp_path $OUT/tls-backend/scgi;
    server {
        listen 127.0.0.1:$TLS_BACKEND ssl;
        ssl_certificate $OUT/tls-backend/cert.pem;
        ssl_certificate_key $OUT/tls-backend/key.pem;
        location / { default_type text/plain; return 200 "ok\n"; }
    }
}
EOF
nginx -e "$OUT/tls-backend/error.log" -p "$OUT/tls-backend" -c "$OUT/tls-backend/nginx.conf" &
PIDS+=($!)

declare -A BULK_PORT TLS_PORT PID
TARGETS=(direct)
BULK_PORT[direct]=$BULK_BACKEND; TLS_PORT[direct]=$TLS_BACKEND

# ---- L7Gate: two Streams listeners, tcp:// destinations, nothing else ---------------------------
next_port; l7_bulk=$port; next_port; l7_tls=$port; next_port; l7_http=$port; next_port; l7_admin=$port
cat >"$OUT/l7gate.json" <<EOF
{
  "Urls": "http://127.0.0.1:$l7_http",
  "Admin": { "Urls": "http://127.0.0.1:$l7_admin" },
  "Logging": { "LogLevel": { "Default": "Warning" } },
  "ReverseProxy": { "Clusters": {
    "bulk": { "Destinations": { "b1": { "Address": "tcp://127.0.0.1:$BULK_BACKEND" } } },
    "tls": { "Destinations": { "t1": { "Address": "tcp://127.0.0.1:$TLS_BACKEND" } } } } },
  "Streams": { "Listeners": {
    "bulk": { "Endpoints": ["127.0.0.1:$l7_bulk"], "ClusterId": "bulk" },
    "tls": { "Endpoints": ["127.0.0.1:$l7_tls"], "ClusterId": "tls" } } }
}
EOF
"$OUT/l7gate/L7Gate" --config "$OUT/l7gate.json" >"$OUT/l7gate.log" 2>&1 &
PIDS+=($!); PID[l7gate]=$!; BULK_PORT[l7gate]=$l7_bulk; TLS_PORT[l7gate]=$l7_tls
TARGETS+=(l7gate)

# ---- HAProxy mode tcp (1 thread), without and with splice(2) --------------------------------------
for variant in haproxy haproxy-splice; do
    next_port; hb=$port; next_port; ht=$port
    splice=""; [[ $variant == haproxy-splice ]] && splice="    option splice-auto"
    cat >"$OUT/$variant.cfg" <<EOF
global
    nbthread 1
    maxconn 4096
defaults
    mode tcp
$splice
    timeout connect 5s
    timeout client 35s
    timeout server 35s
frontend bulk
    bind 127.0.0.1:$hb
    default_backend bulk
backend bulk
    server s1 127.0.0.1:$BULK_BACKEND
frontend tls
    bind 127.0.0.1:$ht
    default_backend tls
backend tls
    server t1 127.0.0.1:$TLS_BACKEND
EOF
    haproxy -db -f "$OUT/$variant.cfg" >"$OUT/$variant.log" 2>&1 &
    PIDS+=($!); PID[$variant]=$!; BULK_PORT[$variant]=$hb; TLS_PORT[$variant]=$ht
    TARGETS+=("$variant")
done

# ---- nginx stream (1 worker) ----------------------------------------------------------------------
next_port; nb=$port; next_port; nt=$port
mkdir -p "$OUT/nginx"
cat >"$OUT/nginx/nginx.conf" <<EOF
load_module $NGINX_STREAM;
worker_processes 1;
daemon off;
user root;
pid $OUT/nginx/nginx.pid;
error_log $OUT/nginx/error.log warn;
events { worker_connections 4096; }
stream {
    server { listen 127.0.0.1:$nb; proxy_pass 127.0.0.1:$BULK_BACKEND; }
    server { listen 127.0.0.1:$nt; proxy_pass 127.0.0.1:$TLS_BACKEND; }
}
EOF
nginx -e "$OUT/nginx/error.log" -p "$OUT/nginx" -c "$OUT/nginx/nginx.conf" &
PIDS+=($!); PID[nginx]=$!; BULK_PORT[nginx]=$nb; TLS_PORT[nginx]=$nt
TARGETS+=(nginx)

for t in "${TARGETS[@]}"; do wait_tcp "${BULK_PORT[$t]}"; wait_tcp "${TLS_PORT[$t]}"; done
for t in "${TARGETS[@]}"; do
    "$BENCH" bulk "${BULK_PORT[$t]}" 1048576 1 >/dev/null || { echo "$t: bulk check failed; logs in $OUT" >&2; exit 1; }
    "$BENCH" tls "${TLS_PORT[$t]}" 0.5 1 | grep -q 'connections=[1-9]' || { echo "$t: TLS check failed; logs in $OUT" >&2; exit 1; }
done

# ---- load ----------------------------------------------------------------------------------------
HZ=$(getconf CLK_TCK)
cpu_ticks() { # pid: utime+stime of it and its live children
    local total=0 p
    for p in $1 $(pgrep -P "$1" || true); do
        total=$((total + $(awk '{print $14 + $15}' "/proc/$p/stat" 2>/dev/null || echo 0)))
    done
    echo "$total"
}
measure() { # target test round
    local t=$1 test=$2 round=$3 before=0 after=0 line
    [[ -n ${PID[$t]:-} ]] && before=$(cpu_ticks "${PID[$t]}")
    case $test in
        bulk-1) line=$("$BENCH" bulk "${BULK_PORT[$t]}" "$BYTES" 1) ;;
        bulk-64) line=$("$BENCH" bulk "${BULK_PORT[$t]}" "$BYTES" "$STREAMS") ;;
        tls-new) line=$("$BENCH" tls "${TLS_PORT[$t]}" "$TLS_SECONDS" "$CONCURRENCY") ;;
    esac
    [[ -n ${PID[$t]:-} ]] && after=$(cpu_ticks "${PID[$t]}")
    echo "$t $test $round $line cpu_s=$(python3 -c "print(($after - $before) / $HZ)")" | tee -a "$OUT/samples.txt" >&2
}

log "warm-up (JIT, pools): 256 MiB and 2 s of TLS per target"
for t in "${TARGETS[@]}"; do
    "$BENCH" bulk "${BULK_PORT[$t]}" 268435456 4 >/dev/null
    "$BENCH" tls "${TLS_PORT[$t]}" 2 "$CONCURRENCY" >/dev/null
done
: >"$OUT/samples.txt"
for round in $(seq 1 "$ROUNDS"); do
    for test in bulk-1 bulk-64 tls-new; do
        for t in "${TARGETS[@]}"; do measure "$t" "$test" "$round"; done
    done
done

: >"$OUT/rss.txt"
for t in "${TARGETS[@]}"; do
    [[ -n ${PID[$t]:-} ]] || continue
    kb=0
    for p in ${PID[$t]} $(pgrep -P "${PID[$t]}" || true); do
        kb=$((kb + $(awk '/^VmHWM:/ {print $2}' "/proc/$p/status" 2>/dev/null || echo 0)))
    done
    echo "$t $kb" >>"$OUT/rss.txt"
done

# ---- report --------------------------------------------------------------------------------------
python3 - "$OUT" "$ROUNDS" "$BYTES" "$STREAMS" "$TLS_SECONDS" "$CONCURRENCY" "${TARGETS[@]}" <<'PY' | tee "$OUT/results.md"
import os, statistics, sys
out, rounds, nbytes, streams, tls_seconds, conc, *targets = sys.argv[1:]
samples = {}
for line in open(os.path.join(out, "samples.txt")):
    t, test, _round, *kv = line.split()
    samples.setdefault((t, test), []).append(dict(x.split("=", 1) for x in kv))
rss = {l.split()[0]: int(l.split()[1]) / 1024 for l in open(os.path.join(out, "rss.txt"))}
med = statistics.median
rows = {}
for t in targets:
    r = {}
    for test in ("bulk-1", "bulk-64"):
        s = samples[(t, test)]
        r[test] = med(float(x["gbit_s"]) for x in s)
        r[test + "-cpu"] = med(float(x["cpu_s"]) / (int(x["bytes"]) / 1e9) for x in s)
        r[test + "-ok"] = all(x["ok"] == "True" for x in s)
    s = samples[(t, "tls-new")]
    r["tls"] = med(float(x["per_s"]) for x in s)
    r["tls-cpu"] = med(float(x["cpu_s"]) / max(int(x["connections"]), 1) * 1000 for x in s)
    r["tls-failed"] = sum(int(x["failed"]) for x in s)
    r["rss"] = rss.get(t)
    rows[t] = r
names = {"direct": "backend direct (no proxy)", "l7gate": "**L7Gate** `Streams`", "haproxy": "HAProxy 2.6 `mode tcp` (1 thread)",
         "haproxy-splice": "HAProxy `mode tcp` + `option splice-auto`", "nginx": "nginx 1.22 `stream` (1 worker)"}
print(f"{os.cpu_count()} CPUs shared with whatever else runs (load average at the end: {os.getloadavg()[0]:.2f}); loopback; "
      f"median of {rounds} interleaved rounds; bulk = {int(nbytes) / 2**30:.0f} GiB per run; "
      f"TLS: {conc} client loops for {tls_seconds} s, ECDSA P-256, handshake end to end with an nginx TLS backend\n")
print("| target | bulk 1 conn Gbit/s | CPU s/GB | bulk 64 conns Gbit/s | CPU s/GB | new TLS conns/s | CPU s/1000 conns | peak RSS MB |")
print("|---|---:|---:|---:|---:|---:|---:|---:|")
fmt = lambda v, f: "–" if v is None else format(v, f)
for t in targets:
    r = rows[t]
    proxy = t != "direct"
    print(f"| {names.get(t, t)} | {r['bulk-1']:.2f} | {fmt(r['bulk-1-cpu'] if proxy else None, '.2f')} | {r['bulk-64']:.2f} | "
          f"{fmt(r['bulk-64-cpu'] if proxy else None, '.2f')} | {r['tls']:,.0f} | {fmt(r['tls-cpu'] if proxy else None, '.2f')} | {fmt(r['rss'], '.0f')} |")
print()
print("| ratio (throughput: higher is better; CPU and RSS: lower is better) | bulk 1 | CPU/GB | bulk 64 | CPU/GB | TLS conns/s | CPU/1000 | peak RSS |")
print("|---|---:|---:|---:|---:|---:|---:|---:|")
a = rows["l7gate"]
for other in ("haproxy", "haproxy-splice", "nginx"):
    b = rows[other]
    q = lambda k: a[k] / b[k] if b[k] else float("nan")
    print(f"| L7Gate / {other} | {q('bulk-1'):.2f}× | {q('bulk-1-cpu'):.2f}× | {q('bulk-64'):.2f}× | {q('bulk-64-cpu'):.2f}× | "
          f"{q('tls'):.2f}× | {q('tls-cpu'):.2f}× | {a['rss'] / b['rss']:.1f}× |")
print()
h = rows["haproxy"]
checks = {"bulk 1": a["bulk-1"] / h["bulk-1"], "bulk 64": a["bulk-64"] / h["bulk-64"], "TLS conns/s": a["tls"] / h["tls"]}
verdict = all(v >= 0.8 for v in checks.values())
print(f"Target >= 0.8x HAProxy (throughput / connection rate): {'met' if verdict else 'NOT met'} ("
      + ", ".join(f"{k} {v:.2f}x" for k, v in checks.items()) + ").")
bad = [t for t in targets if not (rows[t]["bulk-1-ok"] and rows[t]["bulk-64-ok"]) or rows[t]["tls-failed"]]
if bad:
    print(f"WARNING: short transfers or failed TLS connections for {', '.join(bad)}: see samples.txt.")
PY
log "samples and logs: $OUT"
