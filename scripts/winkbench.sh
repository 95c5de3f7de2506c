#!/usr/bin/env bash
# claimbatch against wink-nlp (the JavaScript NLP pipeline: readDoc with sentences,
# entities and part-of-speech tags, bench/wink/wink.mjs) on the same texts, in
# one run: the PolNeAR dev articles as JSON Lines, made at run time from
# ../shared/data/attribution/polnear-dev.jsonl into a temp dir (never
# committed). Each round runs both, alternating which goes first, and records
# each process's wall time and CPU time (user+sys, whole process: start-up,
# model or lexicon loading, reading, output). Prints medians and the ratios
# claimbatch/wink on wall time and on CPU time; on a shared machine the CPU
# ratio is the one to quote.
#
# Usage (from the repository root):  bash scripts/winkbench.sh
# Environment: ROUNDS=5, CONCURRENCY=<claimbatch -concurrency; default its own
# (GOMAXPROCS)>, BIN=claimbatch binary (default: a build of the working tree),
# DATA=path to polnear-dev.jsonl, OUT=dir. Needs node and npm (npm ci installs
# the pinned wink-nlp and wink-eng-lite-web-model into bench/wink/node_modules).
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS=${ROUNDS:-5}
DATA=${DATA:-../shared/data/attribution/polnear-dev.jsonl}
OUT=${OUT:-$(mktemp -d /tmp/claimsvc-wink.XXXXXX)}
mkdir -p "$OUT"
for cmd in node npm jq go; do command -v "$cmd" >/dev/null || { echo "winkbench: $cmd is required" >&2; exit 2; }; done
[[ -f "$DATA" ]] || { echo "winkbench: $DATA not found (the shared data folder beside the repository)" >&2; exit 2; }
[[ -d bench/wink/node_modules/wink-nlp ]] || (cd bench/wink && npm ci --no-audit --no-fund >/dev/null)
if [[ -z "${BIN:-}" ]]; then BIN="$OUT/claimbatch"; go build -o "$BIN" ./cmd/claimbatch; fi
CONC=()
[[ -n "${CONCURRENCY:-}" ]] && CONC=(-concurrency "$CONCURRENCY")

jq -c '{id, text}' "$DATA" >"$OUT/articles.jsonl"
BYTES=$(jq -j '.text' "$OUT/articles.jsonl" | wc -c)
N=$(wc -l <"$OUT/articles.jsonl")

# run NAME CMD...: one line "NAME wall_s cpu_s maxrss_kb"
run() {
	local name=$1; shift
	/usr/bin/time -f "%e %U %S %M" -o "$OUT/time.$name" "$@" >"$OUT/out.$name" 2>"$OUT/err.$name"
	read -r wall user sys rss <"$OUT/time.$name"
	echo "$name $wall $(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.2f", u + s }') $rss"
}
: >"$OUT/rows.txt"
for round in $(seq 1 "$ROUNDS"); do
	if (( round % 2 )); then order=(wink claimbatch); else order=(claimbatch wink); fi
	for which in "${order[@]}"; do
		if [[ $which == wink ]]; then
			run wink node bench/wink/wink.mjs "$OUT/articles.jsonl"
		else
			run claimbatch "$BIN" "${CONC[@]}" -progress never -o "$OUT/claims.jsonl" "$OUT/articles.jsonl"
		fi
	done | tee -a "$OUT/rows.txt"
done
echo
awk -v mb="$BYTES" -v n="$N" '
	{ k = $1; c[k]++; W[k, c[k]] = $2; C[k, c[k]] = $3; R[k, c[k]] = $4 }
	function med(a, k, m,   i, j, t, v) { for (i = 1; i <= m; i++) v[i] = a[k, i]
		for (i = 1; i <= m; i++) for (j = i + 1; j <= m; j++) if (v[j] < v[i]) { t = v[i]; v[i] = v[j]; v[j] = t }
		return (m % 2) ? v[(m + 1) / 2] : (v[m / 2] + v[m / 2 + 1]) / 2 }
	END { for (k in c) { w[k] = med(W, k, c[k]); u[k] = med(C, k, c[k]); r[k] = med(R, k, c[k])
			printf "%-10s median of %d: wall %.2f s (%.2f MB/s), CPU %.2f s (%.2f MB/s per core-second), max RSS %d MB\n", k, c[k], w[k], mb / 1e6 / w[k], u[k], mb / 1e6 / u[k], r[k] / 1024 }
		printf "claimbatch vs wink-nlp: %.1fx on wall time, %.1fx on CPU time (%d articles, %.2f MB of text)\n", w["wink"] / w["claimbatch"], u["wink"] / u["claimbatch"], n, mb / 1e6 }' "$OUT/rows.txt" | tee "$OUT/summary.txt"
echo "wink-nlp's counts: $(tail -1 "$OUT/out.wink")"
echo "claimbatch: $(grep -E '^(claims|links)' "$OUT/err.claimbatch" | tr -s ' ' | paste -sd ';')"
