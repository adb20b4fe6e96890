#!/bin/sh
# The figures of README.md "Speed and memory" → "Reports, review screen and ingest": reports,
# show and the review screen of a 30,000-sentence pair, and `add` + `align` of large inputs.
#
#   tools/views_ingest_bench.sh [OUTDIR]        (default target/views-ingest-bench)
#
# Builds the release binary and the examples, generates the inputs from the synthetic pair of
# `examples/synth.rs` (sentences of corpora/*), and prints each command's wall time, CPU time
# and peak memory as /usr/bin/time measures them. The machine is shared: compare CPU times.
set -eu
OUT=${1:-target/views-ingest-bench}
cargo build --release --bin tarjama --example synth --example views_bench
T=$(pwd)/target/release/tarjama
E=$(pwd)/target/release/examples
mkdir -p "$OUT"
cd "$OUT"
measure() { # label command...
    label=$1
    shift
    /usr/bin/time -f "$label: %e s wall, %U s user + %S s system, peak %M KB" "$@" >/dev/null
}

# The synthetic pair: 30,000 English and 35,733 Arabic sentences, one a line.
[ -f s30k/en.sents ] || "$E"/synth 30000 --write s30k >/dev/null

# 1. Views of an aligned pair (36,034 beads, about 17,000 flags with FreeDict installed).
rm -f views.db views.db-wal views.db-shm
export TARJAMA_DB=views.db
"$T" init >/dev/null
"$T" add s30k/en.sents --format txt --lang en >/dev/null
"$T" add s30k/ar.sents --format txt --lang ar >/dev/null
"$T" pair 2 1 >/dev/null
measure "align 30k pair" "$T" align 1
measure "report text" "$T" report 1
measure "report html" "$T" report 1 --format html
measure "report json" "$T" report 1 --format json
measure "show" "$T" show 1
measure "bead list" "$T" bead list 1
# In process, best of 3: loading, each report format, the review screen's opening and keys.
cp views.db views-screen.db
"$E"/views_bench --db views-screen.db --pair 1
unset TARJAMA_DB

# 2. A 5 MB paragraph without sentence punctuation, each language (one sentence of 5 MB).
# (Python, not tr: tr deletes bytes, and would cut the Arabic letters that share a byte with
# «؟» and «؛»; the cut at 5 MB falls on a character boundary.)
# The first 200 KB of each as well: a paragraph whose `align` finishes (see README).
for l in en ar; do
    for size in 5000000 200000; do
        python3 -c 'import re, sys
text = re.sub("[.!?;:؟؛]", "", open(sys.argv[1], encoding="utf-8").read()).replace("\n", " ")
sys.stdout.buffer.write(text.encode()[:int(sys.argv[2])].decode("utf-8", "ignore").encode())' \
            s30k/$l.sents $size >p$size-$l.txt
    done
    mv p5000000-$l.txt p5-$l.txt
done
rm -f p200.db p200.db-wal p200.db-shm
"$T" --db p200.db init >/dev/null
"$T" --db p200.db add p200000-en.txt >/dev/null
"$T" --db p200.db add p200000-ar.txt >/dev/null
"$T" --db p200.db pair 2 1 >/dev/null
measure "align 200 KB paragraphs" "$T" --db p200.db align 1
rm -f p5.db p5.db-wal p5.db-shm
"$T" --db p5.db init >/dev/null
measure "add 5 MB paragraph (en)" "$T" --db p5.db add p5-en.txt
measure "add 5 MB paragraph (ar)" "$T" --db p5.db add p5-ar.txt
"$T" --db p5.db pair 2 1 >/dev/null
measure "align 5 MB paragraphs" "$T" --db p5.db align 1

# 3. 50 MB of English text in paragraphs of five sentences.
if [ ! -f t50-en.txt ]; then
    for _ in 1 2 3 4 5 6 7 8 9 10; do cat s30k/en.sents; done |
        awk 'NF { printf "%s%s", (n % 5 ? " " : (n ? "\n\n" : "")), $0; n++ } END { print "" }' |
        head -c 50000000 >t50-en.txt
fi
rm -f t50.db t50.db-wal t50.db-shm
"$T" --db t50.db init >/dev/null
measure "add 50 MB text" "$T" --db t50.db add t50-en.txt
