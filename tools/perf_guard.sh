#!/usr/bin/env bash
# Performance guard (issue 14): times `check` once on the 10,000-sentence synthetic pair and fails
# when it takes more than 3× the README figure. A guard against large regressions (a detector
# turned quadratic, a cache lost), not a timing test: the margin absorbs machine noise.
#
#   tools/perf_guard.sh            # builds the release binary and the synth example first
#
# The figure (seconds, whole process, FreeDict installed, no encoder) is the README's
# "Speed and memory" one; change both together.
set -euo pipefail
cd "$(dirname "$0")/.."
FIGURE=${TARJAMA_PERF_FIGURE:-3.7}
LIMIT=$(awk -v f="$FIGURE" 'BEGIN { printf "%.1f", 3 * f }')

cargo build --release --quiet --bin tarjama --example synth
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
target/release/examples/synth 10000 --write "$dir" >/dev/null
bin=target/release/tarjama
# The first run with dictionaries compiles the lexicon cache: do that apart, on one sentence.
head -1 "$dir/en.sents" >"$dir/one.en"
head -1 "$dir/ar.sents" >"$dir/one.ar"
"$bin" check "$dir/one.en" "$dir/one.ar" --presegmented --no-model --format json >/dev/null 2>&1
start=$(date +%s.%N)
"$bin" check "$dir/en.sents" "$dir/ar.sents" --presegmented --no-model --format json >/dev/null 2>"$dir/err"
end=$(date +%s.%N)
took=$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.2f", b - a }')
lexicons=$(grep '^lexicons:' "$dir/err" || true)
echo "perf guard: check on the 10,000-sentence synthetic pair took ${took} s (README ${FIGURE} s, limit ${LIMIT} s; ${lexicons})"
if awk -v t="$took" -v l="$LIMIT" 'BEGIN { exit !(t > l) }'; then
  echo "perf guard: FAILED — more than 3× the README figure; profile with TARJAMA_PROFILE=1" >&2
  exit 1
fi
