"""pytest tests of the Python package, against the command line on the repository's corpora.

The command line is found through $TARJAMA_BIN (the Rust test that runs these sets it), else
target/release or target/debug of the repository.
"""

import json
import os
import pathlib
import subprocess

import pytest

import tarjama

ROOT = pathlib.Path(__file__).resolve().parents[2]
CORPORA = ROOT / "corpora"
PAIRS = sorted(p for p in CORPORA.iterdir() if (p / "gold.json").is_file())
# The command line's environment in the tests: no FreeDict and no encoder, whatever the machine
# has installed, and the same options for the Python side.
ENV = dict(os.environ, TARJAMA_NO_SYSTEM_LEXICON="1", TARJAMA_NO_MODEL="1", NO_COLOR="1")
ENV.pop("TARJAMA_DB", None)
OPTS = dict(system_lexicon=False, model=False)


def binary():
    if os.environ.get("TARJAMA_BIN"):
        return os.environ["TARJAMA_BIN"]
    for profile in ("release", "debug"):
        p = ROOT / "target" / profile / "tarjama"
        if p.is_file():
            return str(p)
    pytest.skip("SKIPPED: no tarjama binary (set TARJAMA_BIN or cargo build)")


def cli(*args, cwd=None):
    out = subprocess.run(
        [binary(), *map(str, args)], capture_output=True, text=True, env=ENV, cwd=cwd
    )
    assert out.returncode == 0, out.stderr
    return out.stdout


def lines(path):
    return [l for l in path.read_text(encoding="utf-8").splitlines() if l.strip()]


def test_five_pairs():
    assert len(PAIRS) == 5, PAIRS


@pytest.mark.parametrize("pair", PAIRS, ids=lambda p: p.name)
def test_check_equals_cli_presegmented(pair):
    expected = json.loads(
        cli("check", pair / "en.sents", pair / "ar.sents", "--presegmented", "--format", "json")
    )
    got = tarjama.check(lines(pair / "en.sents"), lines(pair / "ar.sents"), presegmented=True, **OPTS)
    assert got == expected


@pytest.mark.parametrize("pair", PAIRS, ids=lambda p: p.name)
def test_check_equals_cli_raw_text(pair):
    expected = json.loads(cli("check", pair / "en.txt", pair / "ar.txt", "--format", "json"))
    got = tarjama.check(
        (pair / "en.txt").read_text(encoding="utf-8"),
        (pair / "ar.txt").read_text(encoding="utf-8"),
        **OPTS,
    )
    assert got == expected
    assert got["target"]["lang"] == "ar"
    assert set(got) >= {"source", "target", "beads", "flags", "summary"}


def test_check_errors():
    with pytest.raises(tarjama.CheckError, match='"source" is empty'):
        tarjama.check("   ", "نص عربي", **OPTS)
    with pytest.raises(tarjama.CheckError, match="should be Arabic but reads as English"):
        tarjama.check("An English text.", "Another English text.", **OPTS)
    # CheckError is a ValueError: callers may catch either.
    assert issubclass(tarjama.CheckError, ValueError)


def test_check_many_in_order_with_errors_and_equal_to_check():
    recs = [
        {"id": p.name, "source": lines(p / "en.sents"), "target": lines(p / "ar.sents"), "presegmented": True}
        for p in PAIRS
    ]
    recs.insert(2, {"id": "bad", "source": "", "target": "نص"})
    recs.append({"id": 99, "target": "نص"})
    out = tarjama.check_many(recs, threads=2, **OPTS)
    assert [o["id"] for o in out] == [r["id"] for r in recs]
    assert "empty" in out[2]["error"] and "beads" not in out[2]
    assert "missing" in out[-1]["error"]
    for r, o in zip(recs, out):
        if "error" in o:
            continue
        single = tarjama.check(r["source"], r["target"], presegmented=True, **OPTS)
        assert {k: v for k, v in o.items() if k != "id"} == single
    with pytest.raises(ValueError, match="threads"):
        tarjama.check_many(recs, threads=0, **OPTS)
    assert tarjama.check_many([], **OPTS) == []


def test_check_many_equals_batch(tmp_path):
    recs = [
        {"id": i, "source": (p / "en.txt").read_text(encoding="utf-8"), "target": (p / "ar.txt").read_text(encoding="utf-8")}
        for i, p in enumerate(PAIRS)
    ]
    src = tmp_path / "in.jsonl"
    src.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in recs), encoding="utf-8")
    cli("batch", src, "--out", tmp_path / "out.jsonl")
    batch = [json.loads(l) for l in lines(tmp_path / "out.jsonl")]
    assert tarjama.check_many(recs, **OPTS) == batch


def test_segment():
    assert tarjama.segment("The talks ended. Both sides agreed.", "en") == [
        "The talks ended.",
        "Both sides agreed.",
    ]
    ar = tarjama.segment("انتهت المحادثات. واتفق الجانبان.", "ar")
    assert ar == ["انتهت المحادثات.", "واتفق الجانبان."]
    with pytest.raises(ValueError, match="unknown language"):
        tarjama.segment("text", "fr")


def test_lexicons_named():
    assert tarjama.lexicons(**OPTS).startswith("lexicons: built-in glossary")


@pytest.fixture(scope="module")
def workspace(tmp_path_factory):
    d = tmp_path_factory.mktemp("ws")
    db = d / "w.db"
    pair = CORPORA / "dev-01"
    cli("--db", db, "init")
    cli("--db", db, "add", pair / "en.txt", pair / "ar.txt")
    cli("--db", db, "pair", "2", "1")
    cli("--db", db, "align", "1")
    return db


def test_workspace_pairs_beads_flags(workspace):
    ws = tarjama.Workspace(workspace)
    pairs = ws.pairs()
    assert [p["id"] for p in pairs] == [1]
    assert pairs[0]["article_id"] == 2 and pairs[0]["source_id"] == 1
    beads = ws.beads(1)
    assert len(beads) == pairs[0]["beads"]
    assert all({"src", "tgt", "score", "status", "source", "target"} <= set(b) for b in beads)
    ar = (CORPORA / "dev-01" / "ar.txt").read_text(encoding="utf-8")
    first_ar = next(b["target"] for b in beads if b["target"])
    assert first_ar.split()[0] in ar
    flags = ws.flags()
    assert len(flags) == pairs[0]["flags"]
    listed = [json.loads(l) for l in cli("--db", workspace, "flags", "--json").splitlines() if l.strip()]
    assert [f["id"] for f in flags] == [f["id"] for f in listed]
    assert ws.flags(pair=1) == flags
    with pytest.raises(OSError, match="unknown pair"):
        ws.beads(42)


def test_workspace_as_arrow(workspace):
    pa = pytest.importorskip("pyarrow", reason="SKIPPED: pyarrow not installed")
    ws = tarjama.Workspace(workspace)
    t = ws.beads(1, as_arrow=True)
    assert isinstance(t, pa.Table)
    assert t.num_rows == len(ws.beads(1))
    assert t.column("target").to_pylist() == [b["target"] for b in ws.beads(1)]
    assert ws.pairs(as_arrow=True).num_rows == 1
    assert ws.flags(as_arrow=True).num_rows == len(ws.flags())


def test_workspace_missing(tmp_path):
    with pytest.raises(OSError, match="no workspace"):
        tarjama.Workspace(tmp_path / "none.db")
