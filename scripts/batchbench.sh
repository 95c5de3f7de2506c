#!/usr/bin/env bash
# Batch throughput per core, old claimbatch against new, side by side: seed-sized
# synthetic articles (`claimbatch gen-synthetic` over ../shared/seeds, made at
# run time in a temp dir, never committed) through `claimbatch -concurrency 1`,
# linking across articles included. CPU time (user+sys of the whole process:
# start-up, model loading, reading, linking, output) is the figure that survives
# a shared machine; articles per CPU-second is articles/s per core. Binaries
# alternate within each round so drifts in the machine's load hit both alike;
# the summary gives medians and the new/old ratio, and checks that both wrote
# the same output (claimbatch in-process is deterministic).
#
# Usage (from the repository root):
#   OLD=/path/claimbatch-old NEW=/path/claimbatch-new bash scripts/batchbench.sh
# Environment: ROUNDS=3, N=2000 articles, OUT=dir; NEW defaults to a build of
# the working tree; OLD is optional (without it only NEW runs).
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS=${ROUNDS:-3}
N=${N:-2000}
OUT=${OUT:-$(mktemp -d /tmp/claimsvc-batch.XXXXXX)}
mkdir -p "$OUT"
for cmd in jq go awk; do command -v "$cmd" >/dev/null || { echo "batchbench: $cmd is required" >&2; exit 2; }; done
[[ -d ../shared/seeds ]] || { echo "batchbench: ../shared/seeds not found (the shared folder beside the repository)" >&2; exit 2; }
if [[ -z "${NEW:-}" ]]; then NEW="$OUT/claimbatch-new"; go build -o "$NEW" ./cmd/claimbatch; fi
"$NEW" gen-synthetic -n "$N" -seeds ../shared/seeds -o "$OUT/articles.jsonl"
BYTES=$(jq -j .text "$OUT/articles.jsonl" | wc -c) # article text, not the JSON around it

bins=(new)
[[ -n "${OLD:-}" ]] && bins=(old new)
: >"$OUT/rows.txt"
for round in $(seq 1 "$ROUNDS"); do
	order=("${bins[@]}")
	(( round % 2 == 0 )) && [[ ${#bins[@]} == 2 ]] && order=(new old)
	for which in "${order[@]}"; do
		bin=$NEW; [[ $which == old ]] && bin=$OLD
		/usr/bin/time -f "%e %U %S %M" -o "$OUT/time.$which" \
			"$bin" -concurrency 1 -progress never -o "$OUT/out.$which.jsonl" "$OUT/articles.jsonl" 2>"$OUT/err.$which"
		read -r wall user sys rss <"$OUT/time.$which"
		echo "$which $wall $(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.2f", u + s }') $rss"
	done | tee -a "$OUT/rows.txt"
done
if [[ ${#bins[@]} == 2 ]]; then
	if cmp -s "$OUT/out.old.jsonl" "$OUT/out.new.jsonl"; then echo "outputs: identical"; else echo "outputs: DIFFER ($OUT/out.{old,new}.jsonl)"; fi
fi
echo
awk -v n="$N" -v bytes="$BYTES" '
	{ k = $1; c[k]++; W[k, c[k]] = $2; C[k, c[k]] = $3; R[k, c[k]] = $4 }
	function med(a, k, m,   i, j, t, v) { for (i = 1; i <= m; i++) v[i] = a[k, i]
		for (i = 1; i <= m; i++) for (j = i + 1; j <= m; j++) if (v[j] < v[i]) { t = v[i]; v[i] = v[j]; v[j] = t }
		return (m % 2) ? v[(m + 1) / 2] : (v[m / 2] + v[m / 2 + 1]) / 2 }
	END { for (k in c) { u[k] = med(C, k, c[k]); r[k] = med(R, k, c[k])
			printf "%-4s median of %d: CPU %.2f s, %.0f articles/s per core, %.2f MB/s per core, wall %.2f s, max RSS %d MB\n", k, c[k], u[k], n / u[k], bytes / 1e6 / u[k], med(W, k, c[k]), r[k] / 1024 }
		if ("old" in c) printf "new/old CPU: %.2f (%d articles of %.2f KB on average)\n", u["new"] / u["old"], n, bytes / n / 1e3 }' "$OUT/rows.txt" | tee "$OUT/summary.txt"
