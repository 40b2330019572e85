#!/usr/bin/env bash
# Failover benchmark: an L7Gate pair against a keepalived + HAProxy pair, same VRRP settings (v3 at 100 ms
# and at 1 s, master priority 150, backup 100), in network namespaces on one bridge. A client opens a new
# connection per request at 200 req/s with a 300 ms timeout; the master is stopped (SIGTERM), killed
# (kill -9) or loses its link. Prints, side by side, the time until the backup holds the VIP, the failed
# requests and the longest gap between successful responses (also written to tests/bench/results/).
#
#   tests/bench/failover/failover-bench.sh [--rate 200] [--timeout-ms 300] [--rounds 1]
#
# Needs root (namespaces, raw sockets), iproute2, keepalived, haproxy, python3 (installed with apt-get
# when missing). Benchmarks are not tests: numbers depend on the machine and on what else runs on it.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
if [[ $EUID -ne 0 ]]; then
    echo "failover-bench: needs root (network namespaces, raw sockets)" >&2
    exit 1
fi

missing=()
command -v ip >/dev/null || missing+=(iproute2)
[[ -x /usr/sbin/keepalived ]] || missing+=(keepalived)
[[ -x /usr/sbin/haproxy ]] || missing+=(haproxy)
[[ -x /usr/bin/python3 ]] || missing+=(python3)
ls /usr/lib/*/libpcap.so.0.8 >/dev/null 2>&1 || missing+=(libpcap0.8)
if ((${#missing[@]})); then
    echo "== installing ${missing[*]}" >&2
    apt-get update -q >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null
fi
# The packages' own services must not run in the root namespace (they would hold 224.0.0.18 / port 80).
for service in keepalived haproxy; do
    if command -v systemctl >/dev/null && systemctl is-active --quiet "$service" 2>/dev/null; then
        systemctl stop "$service"
    fi
done

OUT="$ROOT/tests/bench/results/failover-$(date -u +%Y%m%dT%H%M%SZ).md"
dotnet run -c Release --project "$ROOT/tests/bench/failover/FailoverBench.csproj" -- --out "$OUT" "$@"
echo "== written to $OUT" >&2
