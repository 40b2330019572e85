#!/usr/bin/env bash
# Proxy benchmark: one run on one machine, one small-response backend (nginx, 1 worker, `return 200`),
# reached directly and through L7Gate, a bare YARP app (same YARP version), nginx (1 worker) and
# HAProxy (1 thread). Load from wrk on loopback. Prints requests/s, p50/p99 latency and peak RSS per
# target and the L7Gate ratios as a Markdown table (also written to tests/bench/results/).
#
#   tests/bench/proxy-bench.sh [--duration 10] [--rounds 2] [--connections 32] [--threads 1] [--profile]
#                              [--no-l7gate]   (the comparison peers only: checks the harness itself)
#                              [--only "l7gate bare-yarp ..."]   (load only these targets)
#                              [--features]   (one L7Gate variant per per-request feature: rate limit, allow
#                                              list, metrics off, tracing at ratio 1.0 and 0.01; each its own row)
#
# L7Gate runs appsettings/examples/bench.json: 25 routes on host, path, method, header, query string,
# browser and Accept-Language, active + passive health checks and retries on. Every request carries a
# browser User-Agent and a q-valued Accept-Language header, for every target alike, so L7Gate's
# matchers do real work (the request lands on the `lang-fr` route via `fr-CH`).
# --profile adds L7Gate variants with parts of that config removed, to show what each part costs.
#
# Needs: .NET 10 SDK, nginx, haproxy, wrk, python3 (installed with apt-get when missing and root).
# Benchmarks are not tests: numbers depend on the machine and on what else runs on it.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
DURATION=10 ROUNDS=2 CONNECTIONS=32 THREADS=1 WARMUP=5 PROFILE=0 FEATURES=0 L7GATE=1 ONLY=""
while (($#)); do
    case "$1" in
        --duration) DURATION="$2"; shift 2 ;;
        --rounds) ROUNDS="$2"; shift 2 ;;
        --connections) CONNECTIONS="$2"; shift 2 ;;
        --threads) THREADS="$2"; shift 2 ;;
        --warmup) WARMUP="$2"; shift 2 ;;
        --profile) PROFILE=1; shift ;;
        --features) FEATURES=1; shift ;;
        --no-l7gate) L7GATE=0; shift ;;
        --only) ONLY="$2"; shift 2 ;;
        -h|--help) sed -n '2,20p' "$0"; exit 0 ;;
        *) echo "unknown option $1" >&2; exit 2 ;;
    esac
done

OUT="$ROOT/tests/bench/results/proxy-$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$OUT"
log() { printf '== %s\n' "$*" >&2; }

# ---- tools -------------------------------------------------------------------------------------
missing=()
for tool in nginx:nginx haproxy:haproxy wrk:wrk python3:python3 curl:curl; do
    command -v "${tool%%:*}" >/dev/null || missing+=("${tool##*:}")
done
if ((${#missing[@]})); then
    [[ $(id -u) -eq 0 ]] || { echo "missing: ${missing[*]} (run as root to install)" >&2; exit 1; }
    log "installing ${missing[*]}"
    # Do not let the packages start their system daemons (port 80, etc.).
    policy_added=0
    [[ -e /usr/sbin/policy-rc.d ]] || { printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d; chmod 755 /usr/sbin/policy-rc.d; policy_added=1; }
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}" >&2 \
        || { apt-get update -q >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}" >&2; }
    ((policy_added)) && rm -f /usr/sbin/policy-rc.d
fi

# ---- build ---------------------------------------------------------------------------------------
log "publishing L7Gate and BareYarp (Release) into $OUT"
((L7GATE)) && dotnet publish "$ROOT/src/L7Gate/L7Gate.csproj" -c Release -o "$OUT/l7gate" -nologo -v q >&2
dotnet publish "$ROOT/tests/bench/BareYarp/BareYarp.csproj" -c Release -o "$OUT/bareyarp" -nologo -v q >&2

# All ports at once, each socket held until all are chosen, so no two targets get the same one.
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

wait_http() { # url
    local i
    for i in $(seq 1 150); do
        if curl -fsS -o /dev/null --max-time 2 "$1" 2>/dev/null; then return 0; fi
        sleep 0.2
    done
    echo "no answer from $1; logs in $OUT" >&2
    return 1
}

nginx_conf() { # dir listen-port body-or-upstream-port mode(backend|proxy)
    local dir="$1" port="$2" arg="$3" mode="$4" location
    mkdir -p "$dir"
    if [[ $mode == backend ]]; then
        location="location / { default_type text/plain; return 200 \"hello from the benchmark backend\\n\"; }"
        upstream=""
    else
        upstream="upstream backend { server 127.0.0.1:$arg; keepalive 64; }"
        location="location / { proxy_pass http://backend; proxy_http_version 1.1; proxy_set_header Connection \"\"; }"
    fi
    cat >"$dir/nginx.conf" <<EOF
worker_processes 1;
daemon off;
user root;
pid $dir/nginx.pid;
error_log $dir/error.log warn;
events { worker_connections 4096; }
http {
    access_log off;
    keepalive_requests 1000000;
    client_body_temp_path $dir/body;
    proxy_temp_path $dir/proxy;
    fastcgi_temp_path $dir/fastcgi;
    uwsgi_temp_path $dir/uwsgi;
    scgi_temp_path $dir/scgi;
    $upstream
    server { listen 127.0.0.1:$port; $location }
}
EOF
}

# ---- backend -------------------------------------------------------------------------------------
next_port; BACKEND_PORT=$port
nginx_conf "$OUT/backend" "$BACKEND_PORT" "" backend
nginx -e "$OUT/backend/error.log" -p "$OUT/backend" -c "$OUT/backend/nginx.conf" &
PIDS+=($!); BACKEND_PID=$!
wait_http "http://127.0.0.1:$BACKEND_PORT/"

declare -A URL PID
TARGETS=(direct)
URL[direct]="http://127.0.0.1:$BACKEND_PORT/"; PID[direct]=$BACKEND_PID

# ---- L7Gate (and its --profile variants) ---------------------------------------------------------
# variant name -> python expression applied to the parsed bench.json (`c`)
declare -A VARIANTS=()
((L7GATE)) && VARIANTS[l7gate]="pass"
# The same config with the JSON access log on, written to a rolling file (README "Access log"): its cost is a row below.
((L7GATE)) && VARIANTS[l7gate-accesslog]="c['AccessLog'] = {'Enabled': True, 'Format': 'Json', 'Path': dst[:-5] + '-access.log'}"
if ((PROFILE && L7GATE)); then
    VARIANTS[l7gate-no-retry]="[cl.pop('Retry', None) for cl in c['ReverseProxy']['Clusters'].values()]"
    VARIANTS[l7gate-no-health]="[cl.pop('HealthCheck', None) for cl in c['ReverseProxy']['Clusters'].values()]"
    VARIANTS[l7gate-no-lang-browser]="[c['ReverseProxy']['Routes'].pop(k) for k in [k for k, r in c['ReverseProxy']['Routes'].items() if 'Languages' in r['Match'] or 'Browsers' in r['Match']]]"
    VARIANTS[l7gate-framework-metrics]="c.setdefault('Telemetry', {})['FrameworkMetrics'] = True"
    VARIANTS[l7gate-one-route]="c['ReverseProxy']['Routes'] = {'all': {'ClusterId': 'web', 'Match': {'Path': '{**catch-all}'}}}; [cl.pop(k, None) for cl in c['ReverseProxy']['Clusters'].values() for k in ('Retry', 'HealthCheck')]"
fi
if ((FEATURES && L7GATE)); then
    # Each per-request feature on every route, set so that it never refuses the benchmark's requests: what is
    # measured is the check itself (README "Rate limits and allow lists", "Telemetry").
    VARIANTS[l7gate-ratelimit]="c['RateLimiting'] = {'Policies': {'bench': {'Kind': 'FixedWindow', 'PermitLimit': 1000000, 'Window': '00:00:01', 'PartitionBy': 'ClientIp'}}}; [r.__setitem__('RateLimiterPolicy', 'bench') for r in c['ReverseProxy']['Routes'].values()]"
    VARIANTS[l7gate-allowlist]="[r.__setitem__('AccessControl', {'Allow': ['10.0.0.0/8', '127.0.0.0/8'], 'Deny': ['192.0.2.66/32']}) for r in c['ReverseProxy']['Routes'].values()]"
    VARIANTS[l7gate-no-metrics]="c.setdefault('Telemetry', {})['Prometheus'] = False"
    VARIANTS[l7gate-tracing-1]="c.setdefault('Telemetry', {}).update({'Tracing': 'Enabled', 'TraceSampleRatio': 1.0})"
    VARIANTS[l7gate-tracing-0.01]="c.setdefault('Telemetry', {}).update({'Tracing': 'Enabled', 'TraceSampleRatio': 0.01})"
fi
for variant in $(printf '%s\n' "${!VARIANTS[@]}" | sort); do
    next_port; admin=$port; next_port
    python3 - "$ROOT/appsettings/examples/bench.json" "$OUT/$variant.json" "$port" "$admin" "$BACKEND_PORT" "${VARIANTS[$variant]}" <<'PY'
import json, sys
src, dst, port, admin, backend, change = sys.argv[1:]
c = json.load(open(src))
c["Urls"] = f"http://127.0.0.1:{port}"
c.setdefault("Admin", {})["Urls"] = f"http://127.0.0.1:{admin}"
for cluster in c["ReverseProxy"]["Clusters"].values():
    for d in cluster["Destinations"].values():
        d["Address"] = f"http://127.0.0.1:{backend}/"
exec(change)
json.dump(c, open(dst, "w"), indent=2)
PY
    "$OUT/l7gate/L7Gate" --config "$OUT/$variant.json" >"$OUT/$variant.log" 2>&1 &
    PIDS+=($!); PID[$variant]=$!
    URL[$variant]="http://127.0.0.1:$port/"
    TARGETS+=("$variant")
done

# ---- bare YARP -----------------------------------------------------------------------------------
next_port
"$OUT/bareyarp/BareYarp" --urls "http://127.0.0.1:$port" --Backend "http://127.0.0.1:$BACKEND_PORT/" \
    --Logging:LogLevel:Default=Warning >"$OUT/bareyarp.log" 2>&1 &
PIDS+=($!); PID[bare-yarp]=$!; URL[bare-yarp]="http://127.0.0.1:$port/"
TARGETS+=(bare-yarp)

# With --profile: bare YARP on L7Gate's route table minus what only L7Gate understands (Languages,
# Browsers routes; Retry), i.e. the same config as the l7gate-no-lang-browser variant.
if ((PROFILE && L7GATE)); then
    next_port
    python3 - "$OUT/l7gate-no-lang-browser.json" "$OUT/bare-yarp-routes.json" <<'PY'
import json, sys
c = json.load(open(sys.argv[1]))
for cl in c["ReverseProxy"]["Clusters"].values():
    cl.pop("Retry", None)
json.dump({"ReverseProxy": c["ReverseProxy"]}, open(sys.argv[2], "w"), indent=2)
PY
    "$OUT/bareyarp/BareYarp" --urls "http://127.0.0.1:$port" --Routes "$OUT/bare-yarp-routes.json" \
        --Logging:LogLevel:Default=Warning >"$OUT/bare-yarp-routes.log" 2>&1 &
    PIDS+=($!); PID[bare-yarp-routes]=$!; URL[bare-yarp-routes]="http://127.0.0.1:$port/"
    TARGETS+=(bare-yarp-routes)
fi

# ---- nginx as proxy (1 worker) --------------------------------------------------------------------
next_port
nginx_conf "$OUT/nginx" "$port" "$BACKEND_PORT" proxy
nginx -e "$OUT/nginx/error.log" -p "$OUT/nginx" -c "$OUT/nginx/nginx.conf" &
PIDS+=($!); PID[nginx]=$!; URL[nginx]="http://127.0.0.1:$port/"
TARGETS+=(nginx)

# ---- HAProxy (1 thread) ---------------------------------------------------------------------------
next_port
cat >"$OUT/haproxy.cfg" <<EOF
global
    nbthread 1
    maxconn 4096
defaults
    mode http
    option http-keep-alive
    http-reuse always
    timeout connect 5s
    timeout client 30s
    timeout server 30s
frontend bench
    bind 127.0.0.1:$port
    default_backend backend
backend backend
    server s1 127.0.0.1:$BACKEND_PORT
EOF
haproxy -db -f "$OUT/haproxy.cfg" >"$OUT/haproxy.log" 2>&1 &
PIDS+=($!); PID[haproxy]=$!; URL[haproxy]="http://127.0.0.1:$port/"
TARGETS+=(haproxy)

for t in "${TARGETS[@]}"; do
    wait_http "${URL[$t]}"
    body=$(curl -fsS "${URL[$t]}")
    [[ $body == "hello from the benchmark backend" ]] || { echo "$t answered '$body', not the backend's page" >&2; exit 1; }
done

if [[ -n $ONLY ]]; then
    read -r -a TARGETS <<<"$ONLY"
fi

# ---- load ----------------------------------------------------------------------------------------
HEADERS=(-H "Accept-Language: fr-CH, fr;q=0.9, en;q=0.8, de;q=0.7, *;q=0.5"
         -H "User-Agent: Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36")
run_wrk() { # target duration outfile
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"$2s" --latency "${HEADERS[@]}" "${URL[$1]}" >"$3" 2>&1
}

log "warm-up ${WARMUP}s per target (JIT, connection pools)"
for t in "${TARGETS[@]}"; do run_wrk "$t" "$WARMUP" "$OUT/warmup-$t.txt"; done
for round in $(seq 1 "$ROUNDS"); do
    for t in "${TARGETS[@]}"; do
        log "round $round: $t (${DURATION}s, $THREADS thread, $CONNECTIONS connections)"
        run_wrk "$t" "$DURATION" "$OUT/wrk-$t-$round.txt"
    done
done

# Peak resident set (VmHWM) of each target, with its children (nginx's worker) added.
rss_of() {
    local pid=$1 total=0 p kb
    for p in $pid $(pgrep -P "$pid" || true); do
        kb=$(awk '/^VmHWM:/ {print $2}' "/proc/$p/status" 2>/dev/null || echo 0)
        total=$((total + ${kb:-0}))
    done
    echo "$total"
}
: >"$OUT/rss.txt"
for t in "${TARGETS[@]}"; do echo "$t $(rss_of "${PID[$t]}")" >>"$OUT/rss.txt"; done

# ---- report --------------------------------------------------------------------------------------
python3 - "$OUT" "$ROUNDS" "$DURATION" "$THREADS" "$CONNECTIONS" "${TARGETS[@]}" <<'PY' | tee "$OUT/results.md"
import os, re, statistics, sys
out, rounds, duration, threads, conns, *targets = sys.argv[1:]
rounds = int(rounds)
unit = {"us": 0.001, "ms": 1.0, "s": 1000.0}
def ms(text):
    m = re.match(r"([\d.]+)(us|ms|s)", text)
    return float(m.group(1)) * unit[m.group(2)]
rss = dict((l.split()[0], int(l.split()[1])) for l in open(os.path.join(out, "rss.txt")))
rows = {}
for t in targets:
    rps, p50, p99, errors = [], [], [], 0
    for r in range(1, rounds + 1):
        text = open(os.path.join(out, f"wrk-{t}-{r}.txt")).read()
        rps.append(float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1)))
        p50.append(ms(re.search(r"^\s+50%\s+(\S+)", text, re.M).group(1)))
        p99.append(ms(re.search(r"^\s+99%\s+(\S+)", text, re.M).group(1)))
        m = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", text)
        errors += int(m.group(1)) if m else 0
        m = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", text)
        errors += sum(map(int, m.groups())) if m else 0
    rows[t] = dict(rps=statistics.mean(rps), spread=(min(rps), max(rps)), p50=statistics.mean(p50),
                   p99=statistics.mean(p99), rss=rss.get(t, 0) / 1024, errors=errors)
names = {"direct": "backend direct (nginx `return 200`)", "l7gate": "**L7Gate** (bench.json, 25 routes, health checks, retries)",
         "bare-yarp": "bare YARP 2.3 app (1 catch-all route)", "bare-yarp-routes": "bare YARP on bench.json's routes without Languages/Browsers", "nginx": "nginx (1 worker)", "haproxy": "HAProxy (1 thread)"}
print(f"wrk {threads} thread, {conns} connections, {duration} s x {rounds} rounds interleaved, loopback; "
      f"{os.cpu_count()} CPUs shared with whatever else runs; load average at the end: {os.getloadavg()[0]:.2f}\n")
print("| target | requests/s (mean; min–max) | p50 ms | p99 ms | peak RSS MB | errors |")
print("|---|---:|---:|---:|---:|---:|")
for t in targets:
    r = rows[t]
    print(f"| {names.get(t, t)} | {r['rps']:,.0f} ({r['spread'][0]:,.0f}–{r['spread'][1]:,.0f}) | {r['p50']:.2f} | {r['p99']:.2f} | {r['rss']:.0f} | {r['errors']} |")
if "l7gate" not in rows:
    sys.exit(0)
print()
print("| ratio | throughput | p99 latency | peak RSS |")
print("|---|---:|---:|---:|")
for other in [o for o in ["bare-yarp", "nginx", "haproxy", "direct"] if o in rows]:
    a, b = rows["l7gate"], rows[other]
    print(f"| L7Gate / {other} | {a['rps']/b['rps']:.2f}× | {a['p99']/b['p99']:.2f}× | {a['rss']/max(b['rss'], 0.001):.2f}× |")
if "bare-yarp-routes" in rows and "l7gate-no-lang-browser" in rows:
    a, b = rows["l7gate-no-lang-browser"], rows["bare-yarp-routes"]
    print(f"| l7gate-no-lang-browser / bare-yarp-routes (same route table: the host's own cost) | {a['rps']/b['rps']:.2f}× | {a['p99']/b['p99']:.2f}× | {a['rss']/b['rss']:.2f}× |")
if "l7gate-accesslog" in rows:
    a, b = rows["l7gate-accesslog"], rows["l7gate"]
    print(f"| access log on / off (l7gate-accesslog / l7gate; target >= 0.95x) | {a['rps']/b['rps']:.2f}× | {a['p99']/b['p99']:.2f}× | {a['rss']/b['rss']:.2f}× |")
features = {"l7gate-ratelimit": "rate limit (fixed window per client IP, every route)",
            "l7gate-allowlist": "allow list (2 Allow + 1 Deny CIDR, every route)",
            "l7gate-no-metrics": "metrics off (no /metrics listener) — above 1.0x means metrics cost",
            "l7gate-tracing-1": "tracing on, sample ratio 1.0 (no exporter)",
            "l7gate-tracing-0.01": "tracing on, sample ratio 0.01 (no exporter)"}
for t in [t for t in targets if t in features]:
    a, b = rows[t], rows["l7gate"]
    print(f"| {features[t]} / L7Gate | {a['rps']/b['rps']:.2f}× | {a['p99']/b['p99']:.2f}× | {a['rss']/b['rss']:.2f}× |")
for t in targets:
    if (t.startswith("l7gate-") or t == "bare-yarp-routes") and "bare-yarp" in rows:
        print(f"| {t} / bare-yarp | {rows[t]['rps']/rows['bare-yarp']['rps']:.2f}× | {rows[t]['p99']/rows['bare-yarp']['p99']:.2f}× | {rows[t]['rss']/rows['bare-yarp']['rss']:.2f}× |")
print()
verdict = rows["l7gate"]["rps"] / rows["bare-yarp"]["rps"] if "bare-yarp" in rows else float("nan")
print(f"Target L7Gate >= 0.9x bare YARP: {'met' if verdict >= 0.9 else 'NOT met'} ({verdict:.2f}x).")
if any(r["errors"] for r in rows.values()):
    print("WARNING: some targets returned errors or non-2xx responses (column 'errors'): their numbers are not comparable.")
PY
log "raw wrk output and logs: $OUT"
