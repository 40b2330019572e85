#!/usr/bin/env bash
# Routing cost against the number of routes: CPU per request of L7Gate's routing alone (endpoint routing,
# the DFA with L7Gate's node policies, the selector policies), in-process, for 1 / 25 / 200 / 1,000
# routes of each kind (header, language, browser, path), with and without ("before") the node policies,
# interleaved in the same run. Prints a Markdown table (also written to tests/bench/results/).
#
#   tests/bench/routing-bench.sh [--counts 1,25,200,1000] [--kinds header,language,browser,path] [--rounds 5]
#
# Process CPU time, not wall time: on a loaded machine the figures move much less than throughput would.
# The proxy-level view (nginx `map`, HAProxy ACLs beside) is in the README's benchmark section.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
OUT="$ROOT/tests/bench/results/routing-$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$OUT"
dotnet publish "$ROOT/tests/bench/RoutingBench/RoutingBench.csproj" -c Release -o "$OUT/bin" -nologo -v q >&2
"$OUT/bin/RoutingBench" --before "$@" | tee "$OUT/routing.md"
