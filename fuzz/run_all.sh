#!/bin/sh
# Runs every fuzz target in turn for SECONDS (default 600) each, one job at a time, and prints
# each target's executions and outcome. Needs a nightly toolchain and cargo-fuzz:
#   cargo install cargo-fuzz && fuzz/run_all.sh [SECONDS] [TARGET...]
# Findings land in fuzz/artifacts/TARGET/; libFuzzer's log of each run in fuzz/logs/TARGET.log.
set -u
cd "$(dirname "$0")"
secs=${1:-600}
[ $# -gt 0 ] && shift
targets=${*:-"segment ingest_html ingest_markdown ingest_json dict_freedict dict_buckwalter bitext_tmx bitext_moses bitext_tsv check"}
mkdir -p logs
cargo +nightly fuzz build || exit 1
for t in $targets; do
    # -timeout: an input taking over 10 s is reported as a hang; -jobs=1 runs the fuzzer in a
    # child process writing fuzz-0.log, kept as logs/TARGET.log.
    cargo +nightly fuzz run "$t" -- -max_total_time="$secs" -timeout=10 -jobs=1 \
        -print_final_stats=1 >/dev/null 2>&1
    rc=$?
    mv fuzz-0.log "logs/$t.log" 2>/dev/null
    runs=$(grep -o 'stat::number_of_executed_units: [0-9]*' "logs/$t.log" | tail -1 | grep -o '[0-9]*$')
    echo "$t: exit $rc, ${runs:-?} executions in ${secs} s"
done
