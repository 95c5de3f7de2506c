#!/usr/bin/env bash
# Server CPU per ExtractClaims call, old binary against new, measured side by
# side: the figure that survives a shared machine, where throughput and latency
# mostly measure the other tenants.
#
# For each round and each binary in turn it starts the server on 127.0.0.1,
# records start-up time (exec to /healthz SERVING) and idle RSS, warms up, then
# sends CALLS calls over gRPC (ghz, -n CALLS) and about as many over REST (wrk
# for a fixed time), and divides the server process's user+system CPU
# (/proc/PID/stat, before and after) by the calls it answered (its own
# grpc_server_handled_total). Binaries alternate within each round so drifts in
# the machine's load hit both alike; the summary gives medians over rounds and
# the new/old ratios.
#
# Usage (from the repository root):
#   OLD=/path/claimsvc-old NEW=/path/claimsvc-new bash scripts/cpupercall.sh
# Environment: ROUNDS=3, CALLS=3000, CONCURRENCY=4, ARTICLE=path.txt (default:
# the seed nearest 4 KB in ../shared/seeds, read at run time), OUT=dir,
# GRPC_GEN=loadgen (scripts/loadgen, ~90 us of CPU per call) or ghz (~1.2 ms per
# call: on two cores shared with the server its load slows the server's own
# instructions too, so gRPC CPU per call reads about 25 % higher under ghz),
# NEW defaults to a build of the working tree; OLD is required.
set -euo pipefail
cd "$(dirname "$0")/.."

ROUNDS=${ROUNDS:-3}
CALLS=${CALLS:-3000}
CONC=${CONCURRENCY:-4}
OUT=${OUT:-$(mktemp -d /tmp/claimsvc-cpu.XXXXXX)}
mkdir -p "$OUT"
: "${OLD:?set OLD to the claimsvc binary to compare against (e.g. built from main)}"
if [[ -z "${NEW:-}" ]]; then NEW="$OUT/claimsvc-new"; go build -o "$NEW" ./cmd/claimsvc; fi
for cmd in wrk jq curl go awk; do
	command -v "$cmd" >/dev/null || { echo "cpupercall: $cmd is required (wrk: apt-get install -y wrk)" >&2; exit 2; }
done
GHZ=(go tool -modfile=tools/go.mod ghz)
"${GHZ[@]}" --version >/dev/null 2>&1 || true # build ghz once, outside any timing
HZ=$(getconf CLK_TCK)
GRPC_GEN=${GRPC_GEN:-loadgen}
[[ "$GRPC_GEN" == loadgen || "$GRPC_GEN" == ghz ]] || { echo "cpupercall: GRPC_GEN must be loadgen or ghz" >&2; exit 2; }
go build -o "$OUT/loadgen" ./scripts/loadgen
# grpc_calls N C ADDR: N ExtractClaims calls at concurrency C with the chosen generator.
grpc_calls() {
	if [[ "$GRPC_GEN" == loadgen ]]; then
		"$OUT/loadgen" -addr "$3" -article "$ARTICLE" -c "$2" -n "$1" -z 10m -warmup 0 >/dev/null
	else
		"${GHZ[@]}" --insecure --call claims.v1.ClaimsService.ExtractClaims -D "$OUT/body.json" -c "$2" -n "$1" "$3" >/dev/null
	fi
}

ARTICLE=${ARTICLE:-}
if [[ -z "$ARTICLE" && -d ../shared/seeds ]]; then
	ARTICLE=$(for f in ../shared/seeds/*.txt; do echo "$(stat -c %s "$f") $f"; done |
		awk '{d = $1 - 4096; if (d < 0) d = -d; print d, $2}' | sort -n | head -1 | cut -d' ' -f2)
fi
[[ -n "$ARTICLE" ]] || { echo "cpupercall: set ARTICLE (no ../shared/seeds)" >&2; exit 2; }
jq -Rs '{article: {id: "load", text: .}}' "$ARTICLE" >"$OUT/body.json"
cat >"$OUT/post.lua" <<'LUA'
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
local f = assert(io.open(os.getenv("BODY_FILE"), "rb"))
wrk.body = f:read("*a")
f:close()
LUA

PID=
cleanup() { [[ -n "$PID" ]] && kill -TERM "$PID" 2>/dev/null && wait "$PID" 2>/dev/null || true; }
trap cleanup EXIT
ticks() { awk '{print $14 + $15}' "/proc/$PID/stat"; }
handled() { curl -s "$HTTP/metrics" | awk '/^grpc_server_handled_total[{].*grpc_code="OK".*grpc_method="ExtractClaims"/ {n += $2} END {print n + 0}'; }
per_call() { awk -v a="$1" -v b="$2" -v n="$3" -v hz="$HZ" 'BEGIN { printf "%.0f", (n > 0) ? (b - a) / hz * 1e6 / n : 0 }'; }

# measure NAME BIN: one row "NAME startup_ms idle_rss_mb grpc_us rest_us".
measure() {
	local name=$1 bin=$2 t0 t1
	: >"$OUT/$name.log" # emptied here, not by the redirect below: the background
	# child truncates it only when it runs, so the loop could read the previous
	# round's addresses and measure a server that has already exited
	t0=$(date +%s%N)
	"$bin" -grpc-addr 127.0.0.1:0 -http-addr 127.0.0.1:0 >/dev/null 2>"$OUT/$name.log" &
	PID=$!
	GRPC= HTTP=
	for i in $(seq 1 5000); do # 10 s at most
		kill -0 "$PID" 2>/dev/null || { cat "$OUT/$name.log" >&2; exit 1; }
		GRPC=$(grep -o 'grpc=[0-9.:]*' "$OUT/$name.log" | head -1 | cut -d= -f2) || true
		HTTP=$(grep -o 'http=http://[0-9.:]*' "$OUT/$name.log" | head -1 | cut -d= -f2) || true
		[[ -n "$GRPC" && -n "$HTTP" ]] && curl -sf "$HTTP/healthz" 2>/dev/null | grep -q SERVING && break
		[[ $i == 5000 ]] && { echo "cpupercall: $bin did not serve within 10 s" >&2; exit 1; }
		sleep 0.002
	done
	t1=$(date +%s%N)
	sleep 0.5
	local rss; rss=$(awk '$1 == "VmRSS:" {print int($2 / 1024)}' "/proc/$PID/status")
	grpc_calls 300 2 "$GRPC"
	BODY_FILE="$OUT/body.json" wrk -t1 -c2 -d1s -s "$OUT/post.lua" "$HTTP/v1/claims:extract" >/dev/null
	local c0 n0 c1 n1 g r
	c0=$(ticks); n0=$(handled)
	grpc_calls "$CALLS" "$CONC" "$GRPC"
	c1=$(ticks); n1=$(handled); g=$(per_call "$c0" "$c1" $((n1 - n0)))
	# REST for about as long as gRPC took (wrk runs for a time, not a count)
	c0=$(ticks); n0=$(handled)
	BODY_FILE="$OUT/body.json" wrk -t2 -c "$CONC" -d "$(awk -v n="$CALLS" -v us="$g" 'BEGIN { d = int(n * us / 1e6 / 1.5) + 1; print (d < 2 ? 2 : d) "s" }')" \
		-s "$OUT/post.lua" "$HTTP/v1/claims:extract" >/dev/null
	c1=$(ticks); n1=$(handled); r=$(per_call "$c0" "$c1" $((n1 - n0)))
	kill -TERM "$PID"; wait "$PID" 2>/dev/null || true; PID=
	echo "$name $(( (t1 - t0) / 1000000 )) $rss $g $r"
}

printf '%-5s %5s %10s %11s %11s %11s\n' round bin startup_ms idle_rss_MB grpc_us/call rest_us/call | tee "$OUT/rows.txt"
for round in $(seq 1 "$ROUNDS"); do
	order=(old new); (( round % 2 == 0 )) && order=(new old)
	for which in "${order[@]}"; do
		bin=$OLD; [[ $which == new ]] && bin=$NEW
		read -r name st rss g r < <(measure "$which" "$bin")
		printf '%-5s %5s %10s %11s %11s %11s\n' "$round" "$name" "$st" "$rss" "$g" "$r" | tee -a "$OUT/rows.txt"
	done
done
echo
awk 'NR > 1 { k = $2; n[k]++; st[k, n[k]] = $3; rss[k, n[k]] = $4; g[k, n[k]] = $5; r[k, n[k]] = $6 }
	function med(a, k, m,   i, j, t, v) { for (i = 1; i <= m; i++) v[i] = a[k, i]
		for (i = 1; i <= m; i++) for (j = i + 1; j <= m; j++) if (v[j] < v[i]) { t = v[i]; v[i] = v[j]; v[j] = t }
		return (m % 2) ? v[(m + 1) / 2] : (v[m / 2] + v[m / 2 + 1]) / 2 }
	END { for (k in n) { M[k, "st"] = med(st, k, n[k]); M[k, "rss"] = med(rss, k, n[k]); M[k, "g"] = med(g, k, n[k]); M[k, "r"] = med(r, k, n[k])
			printf "%s (median of %d): start-up %d ms, idle RSS %d MB, server CPU per call gRPC %d us, REST %d us (REST/gRPC %.2f); 2 cores / gRPC CPU per call = %d calls/s\n", k, n[k], M[k, "st"], M[k, "rss"], M[k, "g"], M[k, "r"], M[k, "r"] / M[k, "g"], 2e6 / M[k, "g"] }
		if (("old", "g") in M && ("new", "g") in M) printf "new/old CPU per call: gRPC %.2f, REST %.2f\n", M["new", "g"] / M["old", "g"], M["new", "r"] / M["old", "r"] }' "$OUT/rows.txt"
echo "article: $ARTICLE ($(stat -c %s "$ARTICLE") bytes), $CALLS gRPC calls per run at concurrency $CONC ($GRPC_GEN); rows in $OUT/rows.txt"
