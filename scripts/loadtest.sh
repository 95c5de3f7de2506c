#!/usr/bin/env bash
# Load test of claimsvc's ExtractClaims over gRPC (ghz, pinned in tools/go.mod) and
# REST (wrk, Debian's `apt-get install -y wrk`), at rising concurrency, then an
# overload phase at twice the best throughput, a burst of 256 callers and a
# recovery check.
#
# It builds the server, starts it on 127.0.0.1 (ports chosen by the kernel), and
# prints one table row per protocol and concurrency: requests/s, p50/p95/p99
# latency, OK / shed (RESOURCE_EXHAUSTED, HTTP 429) / other errors, server CPU
# per request and RSS; then the knee, start-up time, idle and peak RSS, the
# overload figures and the shutdown time. It stops by itself: every phase has a
# fixed duration. Not run in CI (long, and noisy on shared machines).
#
# Usage (from the repository root):
#   bash scripts/loadtest.sh
# Environment:
#   DURATION=10s            length of each measured level
#   LEVELS="1 2 4 8 16 32 64"
#   ARTICLE=path.txt        the article to send; default: the seed nearest 4 KB in
#                           ../shared/seeds (read at run time, never copied into the
#                           repo), else a synthetic ~4 KB article written here
#   SERVER_FLAGS="..."      extra claimsvc flags, e.g. "-max-concurrent 16"
#   OUT=dir                 where results go (default: a new temp dir)
#   OVERLOAD=0              skip the overload phase
#   BIN=path                measure this claimsvc binary instead of building one
#   GRPC_GEN=loadgen        gRPC generator of the measured levels: loadgen (default;
#                           scripts/loadgen: request encoded once, responses counted,
#                           not decoded, ~90 us of CPU per call) or ghz (~1.2 ms of
#                           CPU per call on these responses: on two shared cores it
#                           takes more CPU than the server). The overload, burst and
#                           recovery phases always use ghz (open-loop rate, -r).
#   PIN=1                   pin the server to CPU 0 and the load generators to CPU 1
#                           (taskset): a one-core server measured without the
#                           generator competing for its core
set -euo pipefail
cd "$(dirname "$0")/.."

DURATION=${DURATION:-10s}
LEVELS=${LEVELS:-"1 2 4 8 16 32 64"}
ARTICLE=${ARTICLE:-}
SERVER_FLAGS=${SERVER_FLAGS:-}
OVERLOAD=${OVERLOAD:-1}
OUT=${OUT:-$(mktemp -d /tmp/claimsvc-load.XXXXXX)}
mkdir -p "$OUT"
PIN=${PIN:-0}
GRPC_GEN=${GRPC_GEN:-loadgen}
[[ "$GRPC_GEN" == loadgen || "$GRPC_GEN" == ghz ]] || { echo "loadtest: GRPC_GEN must be loadgen or ghz" >&2; exit 2; }
SRV_PIN=() GEN_PIN=()
if [[ "$PIN" == 1 ]]; then SRV_PIN=(taskset -c 0) GEN_PIN=(taskset -c 1); fi
GHZ=("${GEN_PIN[@]}" go tool -modfile=tools/go.mod ghz)
WRK=("${GEN_PIN[@]}" wrk)
HZ=$(getconf CLK_TCK)

for cmd in wrk jq curl go awk; do
	command -v "$cmd" >/dev/null || { echo "loadtest: $cmd is required (wrk: apt-get install -y wrk)" >&2; exit 2; }
done
"${GHZ[@]}" --version >/dev/null 2>&1 || "${GHZ[@]}" --help >/dev/null # builds ghz once, outside any timing
go build -o "$OUT/loadgen" ./scripts/loadgen
LOADGEN=("${GEN_PIN[@]}" "$OUT/loadgen")

# --- the article ---------------------------------------------------------------
if [[ -z "$ARTICLE" && -d ../shared/seeds ]]; then
	ARTICLE=$(for f in ../shared/seeds/*.txt; do echo "$(stat -c %s "$f") $f"; done |
		awk '{d = $1 - 4096; if (d < 0) d = -d; print d, $2}' | sort -n | head -1 | cut -d' ' -f2)
fi
if [[ -z "$ARTICLE" ]]; then
	ARTICLE="$OUT/synthetic.txt"
	{
		printf 'Talks on the border agreement stall\n\nShare this article\n\n'
		for i in $(seq 1 12); do
			printf 'Interior Minister Ana Ruiz said on Tuesday that the agreement will not be signed before round %d. ' "$i"
			printf '"We have no plan to reopen the crossing in week %d," she told reporters. ' "$i"
			printf 'According to officials in the capital, the crossing may stay closed until March.\n\n'
		done
	} >"$ARTICLE"
fi
jq -Rs '{article: {id: "load", text: .}}' "$ARTICLE" >"$OUT/body.json"
BYTES=$(stat -c %s "$ARTICLE")

cat >"$OUT/post.lua" <<'LUA'
-- wrk script: POST the body file; count 429s (shed) per thread; print one RESULT line.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
local f = assert(io.open(os.getenv("BODY_FILE"), "rb"))
wrk.body = f:read("*a")
f:close()
local threads = {}
function setup(thread) table.insert(threads, thread) end
function init(args) shed = 0; other = 0 end
function response(status, headers, body)
	if status == 429 then shed = shed + 1 elseif status ~= 200 then other = other + 1 end
end
function done(summary, latency, requests)
	local s, o = 0, 0
	for _, t in ipairs(threads) do s = s + t:get("shed"); o = o + t:get("other") end
	local e = summary.errors
	io.write(string.format("RESULT %d %.3f %.3f %.3f %.3f %d %d %d\n", summary.requests, summary.duration / 1e6,
		latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000,
		s, o, e.connect + e.read + e.write + e.timeout))
end
LUA

# --- the server ----------------------------------------------------------------
if [[ -n "${BIN:-}" ]]; then cp "$BIN" "$OUT/claimsvc"; else go build -o "$OUT/claimsvc" ./cmd/claimsvc; fi
t0=$(date +%s%N)
# shellcheck disable=SC2086
"${SRV_PIN[@]}" "$OUT/claimsvc" -grpc-addr 127.0.0.1:0 -http-addr 127.0.0.1:0 $SERVER_FLAGS 2>"$OUT/server.log" &
PID=$!
cleanup() { kill -TERM "$PID" 2>/dev/null && wait "$PID" 2>/dev/null || true; }
trap cleanup EXIT
for i in $(seq 1 2000); do # 10 s at most
	grep -q 'claimsvc serving' "$OUT/server.log" 2>/dev/null && break
	kill -0 "$PID" 2>/dev/null || { cat "$OUT/server.log" >&2; exit 1; }
	[[ $i == 2000 ]] && { echo "loadtest: the server did not start within 10 s" >&2; exit 1; }
	sleep 0.005
done
GRPC=$(grep -o 'grpc=[0-9.:]*' "$OUT/server.log" | head -1 | cut -d= -f2)
HTTP=$(grep -o 'http=http://[0-9.:]*' "$OUT/server.log" | head -1 | cut -d= -f2)
for i in $(seq 1 2000); do # 10 s at most
	curl -sf "$HTTP/healthz" | grep -q SERVING && break
	[[ $i == 2000 ]] && { echo "loadtest: /healthz not SERVING after 10 s" >&2; exit 1; }
	sleep 0.005
done
t1=$(date +%s%N)
STARTUP_MS=$(( (t1 - t0) / 1000000 ))
INIT=$(grep -o 'startup=[^ ]*' "$OUT/server.log" | head -1 | cut -d= -f2)
sleep 1
rss() { awk -v k="$1:" '$1 == k {print int($2 / 1024)}' "/proc/$PID/status"; }
cpu_ticks() { awk '{print $14 + $15}' "/proc/$PID/stat"; }
RSS_IDLE=$(rss VmRSS)

# Warm up both paths (connections, pools, the gateway's own gRPC connection).
"${GHZ[@]}" --insecure --call claims.v1.ClaimsService.ExtractClaims -D "$OUT/body.json" -c 2 -n 200 "$GRPC" >/dev/null
BODY_FILE="$OUT/body.json" "${WRK[@]}" -t1 -c2 -d1s -s "$OUT/post.lua" "$HTTP/v1/claims:extract" >/dev/null

# sample_rss FILE: the largest VmRSS seen while the phase runs, in MB.
sample_rss() { while kill -0 "$PID" 2>/dev/null; do rss VmRSS >>"$1"; sleep 0.25; done; }

# snap FILE: the server's own ExtractClaims metrics (latency histogram measured
# from the first interceptor, so queueing in the limiter is included; calls by
# status code). REST calls are counted too: the gateway calls the same server.
snap() { curl -s "$HTTP/metrics" | grep -E '^grpc_server_(handling_seconds_bucket|handled_total)[{].*grpc_method="ExtractClaims"' >"$1"; }
# server_delta BEFORE AFTER: "p50_ms p99_ms ok shed other" for what the server
# did in between; the latencies are histogram bucket bounds (≤). Calls the client
# cancelled (ghz cancels those in flight when its duration ends) are not "other".
server_delta() { awk '
	FNR == NR { b[$1] = $2; next }
	{ d = $2 - b[$1]
	  if ($1 ~ /handling_seconds_bucket/) { match($1, /le="[^"]*"/); le = substr($1, RSTART + 4, RLENGTH - 5)
	    n++; L[n] = (le == "+Inf") ? -1 : le * 1000; D[n] = d }
	  else { match($1, /grpc_code="[^"]*"/); C[substr($1, RSTART + 11, RLENGTH - 12)] += d } }
	END { total = D[n]; p50 = p99 = ""
	  for (i = 1; i <= n; i++) { v = (L[i] < 0) ? "inf" : L[i]
	    if (p50 == "" && D[i] >= 0.5 * total) p50 = v; if (p99 == "" && D[i] >= 0.99 * total) p99 = v }
	  other = 0; for (c in C) if (c != "OK" && c != "ResourceExhausted" && c != "Canceled") other += C[c]
	  printf "%s %s %d %d %d\n", p50, p99, C["OK"], C["ResourceExhausted"], other }' "$1" "$2"; }

# Columns: client-side req/s (OK answers) and latency percentiles; the server's
# own p50/p99 (bucket bounds) and counts by outcome (ok, shed = RESOURCE_EXHAUSTED,
# other = any other status); client-side errors other than shedding (for ghz
# these include the calls it cancels when the duration ends, at most one per
# worker); server CPU per call; peak RSS.
printf '%-5s %5s %8s %7s %7s %7s %8s %8s %7s %6s %5s %7s %7s %6s\n' proto conc req/s p50ms p95ms p99ms srv_p50 srv_p99 ok shed other cli_err cpu_us rss_MB | tee "$OUT/table.txt"
row() { printf '%-5s %5s %8.0f %7.2f %7.2f %7.2f %8s %8s %7d %6d %5d %7d %7.0f %6d\n' "$@" | tee -a "$OUT/table.txt"; }

for c in $LEVELS; do
	: >"$OUT/rss.$c"; sample_rss "$OUT/rss.$c" & S=$!
	snap "$OUT/m0"; c0=$(cpu_ticks)
	if [[ "$GRPC_GEN" == loadgen ]]; then
		"${LOADGEN[@]}" -addr "$GRPC" -article "$ARTICLE" -c "$c" -z "$DURATION" -json >"$OUT/grpc.$c.json"
	else
		"${GHZ[@]}" --insecure --call claims.v1.ClaimsService.ExtractClaims -D "$OUT/body.json" \
			-c "$c" -z "$DURATION" -O json "$GRPC" >"$OUT/grpc.$c.json"
	fi
	c1=$(cpu_ticks); snap "$OUT/m1"; kill "$S"; wait "$S" 2>/dev/null || true
	read -r sp50 sp99 sok sshed sother < <(server_delta "$OUT/m0" "$OUT/m1")
	read -r rps p50 p95 p99 cerr < <(jq -r '
		def p(x): ([.latencyDistribution[]? | select(.percentage == x) | .latency][0] // 0) / 1e6;
		(.statusCodeDistribution // {}) as $s |
		[(($s.OK // 0) / (.total / 1e9)), p(50), p(95), p(99),
		 ([$s | to_entries[] | select(.key != "OK" and .key != "ResourceExhausted") | .value] | add // 0)]
		| @tsv' "$OUT/grpc.$c.json")
	cpu=$(awk -v a="$c0" -v b="$c1" -v n="$(( sok + sshed + sother ))" -v hz="$HZ" 'BEGIN { print ((n > 0) ? (b - a) / hz * 1e6 / n : 0) }')
	row grpc "$c" "$rps" "$p50" "$p95" "$p99" "$sp50" "$sp99" "$sok" "$sshed" "$sother" "$cerr" "$cpu" "$(sort -n "$OUT/rss.$c" | tail -1)"
done
for c in $LEVELS; do
	: >"$OUT/rssr.$c"; sample_rss "$OUT/rssr.$c" & S=$!
	snap "$OUT/m0"; c0=$(cpu_ticks)
	BODY_FILE="$OUT/body.json" "${WRK[@]}" -t "$(( c < 2 ? c : 2 ))" -c "$c" -d "$DURATION" --timeout 20s \
		-s "$OUT/post.lua" "$HTTP/v1/claims:extract" >"$OUT/rest.$c.txt"
	c1=$(cpu_ticks); snap "$OUT/m1"; kill "$S"; wait "$S" 2>/dev/null || true
	read -r sp50 sp99 sok sshed sother < <(server_delta "$OUT/m0" "$OUT/m1")
	read -r _ n secs p50 p95 p99 shed other neterr < <(grep '^RESULT' "$OUT/rest.$c.txt")
	rps=$(awk -v n="$(( n - shed - other ))" -v s="$secs" 'BEGIN { print n / s }')
	cpu=$(awk -v a="$c0" -v b="$c1" -v n="$(( sok + sshed + sother ))" -v hz="$HZ" 'BEGIN { print ((n > 0) ? (b - a) / hz * 1e6 / n : 0) }')
	row rest "$c" "$rps" "$p50" "$p95" "$p99" "$sp50" "$sp99" "$sok" "$sshed" "$sother" "$(( other + neterr ))" "$cpu" "$(sort -n "$OUT/rssr.$c" | tail -1)"
done

# The knee: the first concurrency whose next level adds less than 10% gRPC
# throughput; beyond it more concurrency mostly adds latency.
read -r KNEE_C KNEE_RPS < <(awk '$1 == "grpc" { n++; c[n] = $2; r[n] = $3 }
	END { for (i = 1; i < n; i++) if (r[i + 1] < 1.10 * r[i]) { print c[i], r[i]; exit } print c[n], r[n] }' "$OUT/table.txt")
echo
echo "article: $ARTICLE ($BYTES bytes); $DURATION per level; load generator on the same machine; pinned: $PIN; gRPC generator: $GRPC_GEN"
if [[ "$GRPC_GEN" == loadgen ]]; then
	echo "loadgen CPU per call (conc: us): $(for c in $LEVELS; do printf '%s: %.0f  ' "$c" "$(jq .clientCpuUsPerCall "$OUT/grpc.$c.json")"; done)"
fi
echo "knee (gRPC): concurrency $KNEE_C at $KNEE_RPS req/s"
awk '$1 == "grpc" && $6 <= 10 && $3 > best { best = $3; c = $2; p = $6 } END { if (c) printf "best gRPC throughput at p99 <= 10 ms: %d req/s (concurrency %s, p99 %s ms)\n", best, c, p; else print "no gRPC level met p99 <= 10 ms" }' "$OUT/table.txt"
awk -v k="$KNEE_C" -v cores="$(nproc)" '$2 == k { cpu[$1] = $13 } END { if (cpu["grpc"] > 0) printf "server CPU per call at concurrency %s: gRPC %d us, REST %d us (REST/gRPC %.2f); implied ceiling with the server alone on %d cores: gRPC %d calls/s, REST %d calls/s\n", k, cpu["grpc"], cpu["rest"], cpu["rest"] / cpu["grpc"], cores, cores * 1e6 / cpu["grpc"], (cpu["rest"] > 0) ? cores * 1e6 / cpu["rest"] : 0 }' "$OUT/table.txt"
echo "start-up: ${STARTUP_MS} ms from exec to /healthz SERVING (in-process init $INIT)"
echo "RSS: idle ${RSS_IDLE} MB, peak (VmHWM) $(rss VmHWM) MB"

if [[ "$OVERLOAD" != 0 ]]; then
	# Offer twice the best throughput seen (at least twice the knee's): a
	# generator sharing the server's cores cannot deliver much more, and less
	# would be absorbed by the queue instead of testing the shedding.
	RATE=$(awk '$1 == "grpc" && $3 > m { m = $3 } END { printf "%d", 2 * m }' "$OUT/table.txt")
	snap "$OUT/m0"
	: >"$OUT/rss.over"; sample_rss "$OUT/rss.over" & S=$!
	bad=0; checks=0
	( for _ in $(seq 1 40); do curl -s -o /dev/null -w '%{http_code}\n' --max-time 2 "$HTTP/healthz"; sleep 0.25; done ) >"$OUT/health.over" &
	H=$!
	"${GHZ[@]}" --insecure --call claims.v1.ClaimsService.ExtractClaims -D "$OUT/body.json" \
		-r "$RATE" -c 256 -z "$DURATION" -O json "$GRPC" >"$OUT/overload.json"
	kill "$S"; wait "$S" 2>/dev/null || true
	wait "$H" || true
	checks=$(grep -c . "$OUT/health.over" || true); bad=$(grep -vc '^200$' "$OUT/health.over" || true)
	jq -r --arg rate "$RATE" '
		def p(x): ([.latencyDistribution[]? | select(.percentage == x) | .latency][0] // 0) / 1e6;
		(.statusCodeDistribution // {}) as $s |
		"overload: offered \($rate) req/s for \(.total / 1e9 | floor)s: \($s.OK // 0) OK (\((($s.OK // 0) / (.total / 1e9)) | floor) req/s), \($s.ResourceExhausted // 0) shed with RESOURCE_EXHAUSTED, other \([$s | to_entries[] | select(.key != "OK" and .key != "ResourceExhausted" and .key != "Canceled") | "\(.key)=\(.value)"] | join(" ")); p50 \(p(50)) ms, p99 \(p(99)) ms (all calls)"' "$OUT/overload.json"
	snap "$OUT/m1"
	read -r sp50 sp99 sok sshed sother < <(server_delta "$OUT/m0" "$OUT/m1")
	echo "overload: server side: $sok OK, $sshed shed, $sother other; server latency p50 <= $sp50 ms, p99 <= $sp99 ms (limiter queueing included)"
	echo "overload: RSS peak $(sort -n "$OUT/rss.over" | tail -1) MB; /healthz not 200 in $bad of $checks probes"
	# A burst: 256 callers at once, closed loop, far past concurrency and queue
	# bounds (slots plus waiters): the excess must be shed at once.
	snap "$OUT/m0"
	"${GHZ[@]}" --insecure --call claims.v1.ClaimsService.ExtractClaims -D "$OUT/body.json" \
		-c 256 --connections 4 -z "$DURATION" -O json "$GRPC" >"$OUT/burst.json"
	snap "$OUT/m1"
	read -r sp50 sp99 sok sshed sother < <(server_delta "$OUT/m0" "$OUT/m1")
	echo "burst (256 callers): server side: $sok OK, $sshed shed, $sother other; server latency p50 <= $sp50 ms, p99 <= $sp99 ms; RSS now $(rss VmRSS) MB"
	"${GHZ[@]}" --insecure --call claims.v1.ClaimsService.ExtractClaims -D "$OUT/body.json" \
		-c "$KNEE_C" -z 5s -O json "$GRPC" >"$OUT/recovery.json"
	jq -r '(.statusCodeDistribution // {}) as $s | "recovery (concurrency '"$KNEE_C"', 5s): \(.rps | floor) req/s, p99 \(([.latencyDistribution[]? | select(.percentage == 99) | .latency][0] // 0) / 1e6) ms, codes \($s)"' "$OUT/recovery.json"
fi

t2=$(date +%s%N)
kill -TERM "$PID"
wait "$PID" || true
trap - EXIT
echo "shutdown: $(( ($(date +%s%N) - t2) / 1000000 )) ms from SIGTERM to exit"
echo "results in $OUT"
