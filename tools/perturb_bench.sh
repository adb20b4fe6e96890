#!/usr/bin/env bash
# The perturbation benchmark on the team's benchmark set: corpora/dev-01, the faithful phenomena
# pairs, tests/data/faithful/* when present, and the Quran dev chapters built by
# tools/quran_pairs.py (fetched with npm at run time; skipped with a visible line when npm or the
# registry is not there). Extra arguments go to `tarjama eval --perturb` (--json, --seed N,
# --no-system-lexicon, --verbose …).
#   usage: tools/perturb_bench.sh [ARGS...]     env: TARJAMA_BIN, QURAN_PAIRS (output folder)
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${TARJAMA_BIN:-target/release/tarjama}
quran=${QURAN_PAIRS:-target/quran-pairs}
if [ ! -x "$bin" ]; then
  cargo build --release --quiet
fi
dirs=(corpora/dev-01
      tests/data/phenomena/flags-faithful
      tests/data/phenomena/align-faithful-state
      tests/data/phenomena/align-other-genre
      tests/data/phenomena/align-condensation)
if [ -d tests/data/faithful ]; then
  dirs+=(tests/data/faithful)
fi
if [ -f "$quran/quran-017/gold.json" ]; then
  dirs+=("$quran")
elif ! command -v python3 >/dev/null; then
  echo "Quran benchmark skipped: python3 is not installed"
else
  rc=0
  python3 tools/quran_pairs.py "$quran" >/dev/null || rc=$?
  if [ "$rc" -eq 0 ]; then
    dirs+=("$quran")
  elif [ "$rc" -ne 3 ]; then
    # Exit 3 is quran_pairs.py's own "Quran benchmark skipped: …" (no npm, no registry).
    echo "Quran benchmark skipped: tools/quran_pairs.py failed (exit $rc)"
  fi
fi
exec "$bin" eval --perturb "${dirs[@]}" "$@"
