//! Ordered migrations, keyed on `PRAGMA user_version`: migration k brings the schema from
//! version k to k+1. Never edit a released migration; append a new one.

pub const MIGRATIONS: &[&str] = &[
    // 1: documents, sentences, pairs, beads, flags, review decisions.
    r#"
    CREATE TABLE documents (
        id           INTEGER PRIMARY KEY,
        lang         TEXT NOT NULL CHECK (lang IN ('en', 'ar')),
        title        TEXT,
        date         TEXT,
        url          TEXT,
        outlet       TEXT,
        origin       TEXT,
        content_hash TEXT NOT NULL UNIQUE,
        raw_text     TEXT NOT NULL,
        added_at     TEXT NOT NULL
    );
    CREATE TABLE sentences (
        id          INTEGER PRIMARY KEY,
        document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        idx         INTEGER NOT NULL,
        paragraph   INTEGER NOT NULL,
        start_char  INTEGER NOT NULL,
        end_char    INTEGER NOT NULL,
        text        TEXT NOT NULL,
        norm        TEXT NOT NULL,
        UNIQUE (document_id, idx)
    );
    CREATE TABLE pairs (
        id         INTEGER PRIMARY KEY,
        article_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        source_id  INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        method     TEXT NOT NULL DEFAULT 'manual',
        confidence REAL,
        created_at TEXT NOT NULL,
        aligned_at TEXT,
        UNIQUE (article_id, source_id)
    );
    CREATE TABLE beads (
        id       INTEGER PRIMARY KEY,
        pair_id  INTEGER NOT NULL REFERENCES pairs(id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        score    REAL NOT NULL,
        status   TEXT NOT NULL DEFAULT 'automatic'
                 CHECK (status IN ('automatic', 'confirmed', 'rejected'))
    );
    CREATE INDEX beads_pair ON beads(pair_id, position);
    CREATE TABLE bead_sentences (
        bead_id     INTEGER NOT NULL REFERENCES beads(id) ON DELETE CASCADE,
        side        TEXT NOT NULL CHECK (side IN ('src', 'tgt')),
        sentence_id INTEGER NOT NULL REFERENCES sentences(id) ON DELETE CASCADE,
        PRIMARY KEY (bead_id, side, sentence_id)
    );
    CREATE TABLE flags (
        id          INTEGER PRIMARY KEY,
        pair_id     INTEGER NOT NULL REFERENCES pairs(id) ON DELETE CASCADE,
        kind        TEXT NOT NULL,
        subkind     TEXT,
        severity    TEXT NOT NULL CHECK (severity IN ('low', 'medium', 'high')),
        side        TEXT CHECK (side IN ('src', 'tgt')),
        sentence_id INTEGER REFERENCES sentences(id) ON DELETE CASCADE,
        span_start  INTEGER,
        span_end    INTEGER,
        span_text   TEXT,
        src_idx     TEXT NOT NULL,
        tgt_idx     TEXT NOT NULL,
        reason      TEXT NOT NULL,
        status      TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'confirmed', 'dismissed')),
        note        TEXT
    );
    CREATE INDEX flags_pair ON flags(pair_id);
    CREATE TABLE decisions (
        id       INTEGER PRIMARY KEY,
        pair_id  INTEGER NOT NULL REFERENCES pairs(id) ON DELETE CASCADE,
        reviewer TEXT NOT NULL,
        at       TEXT NOT NULL,
        action   TEXT NOT NULL,
        detail   TEXT NOT NULL,
        undone   INTEGER NOT NULL DEFAULT 0
    );
    CREATE INDEX decisions_pair ON decisions(pair_id, id);
    "#,
    // 2: imported lexicons.
    r#"
    CREATE TABLE lexicon_entries (
        id     INTEGER PRIMARY KEY,
        origin TEXT NOT NULL,
        en     TEXT NOT NULL,
        ar     TEXT NOT NULL
    );
    CREATE INDEX lexicon_origin ON lexicon_entries(origin);
    "#,
    // 3: full-text search over normalised sentences (FTS5), kept in sync by triggers.
    r#"
    CREATE VIRTUAL TABLE sentence_fts USING fts5(
        norm, content = 'sentences', content_rowid = 'id',
        tokenize = 'unicode61 remove_diacritics 2'
    );
    CREATE TRIGGER sentences_fts_ai AFTER INSERT ON sentences BEGIN
        INSERT INTO sentence_fts(rowid, norm) VALUES (new.id, new.norm);
    END;
    CREATE TRIGGER sentences_fts_ad AFTER DELETE ON sentences BEGIN
        INSERT INTO sentence_fts(sentence_fts, rowid, norm) VALUES ('delete', old.id, old.norm);
    END;
    CREATE TRIGGER sentences_fts_au AFTER UPDATE ON sentences BEGIN
        INSERT INTO sentence_fts(sentence_fts, rowid, norm) VALUES ('delete', old.id, old.norm);
        INSERT INTO sentence_fts(rowid, norm) VALUES (new.id, new.norm);
    END;
    INSERT INTO sentence_fts(sentence_fts) VALUES ('rebuild');
    "#,
    // 4: inverted index of documents over anchor terms, for automatic pairing.
    r#"
    CREATE TABLE doc_index (
        term        TEXT NOT NULL,
        document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        weight      REAL NOT NULL,
        PRIMARY KEY (term, document_id)
    ) WITHOUT ROWID;
    CREATE INDEX doc_index_document ON doc_index(document_id);
    "#,
    // 5: new sentences enter the full-text index in one statement per document
    // (`Tx::store_sentences`). A trigger per inserted row made FTS5 flush its pending terms at
    // every row's statement: a fifth of the time of adding a long document.
    r#"
    DROP TRIGGER sentences_fts_ai;
    "#,
    // 6: moved and repeated sentence pairs found beside the monotone path of beads, with their
    // review status. One row per (pair, source sentence, target sentence): re-aligning finds a
    // reviewed move again by that key.
    r#"
    CREATE TABLE moves (
        id              INTEGER PRIMARY KEY,
        pair_id         INTEGER NOT NULL REFERENCES pairs(id) ON DELETE CASCADE,
        src_sentence_id INTEGER NOT NULL REFERENCES sentences(id) ON DELETE CASCADE,
        tgt_sentence_id INTEGER NOT NULL REFERENCES sentences(id) ON DELETE CASCADE,
        score           REAL NOT NULL,
        repeat          INTEGER NOT NULL DEFAULT 0 CHECK (repeat IN (0, 1)),
        status          TEXT NOT NULL DEFAULT 'automatic'
                        CHECK (status IN ('automatic', 'confirmed', 'rejected')),
        UNIQUE (pair_id, src_sentence_id, tgt_sentence_id)
    );
    CREATE INDEX moves_src_sentence ON moves(src_sentence_id);
    CREATE INDEX moves_tgt_sentence ON moves(tgt_sentence_id);
    "#,
    // 7: ids of beads, flags and moves are never used again. Without AUTOINCREMENT SQLite gives
    // a new row the largest id in use plus one, so after re-alignment deleted a pair's rows a
    // stale id named another bead (or flag, or move) and a review command acted on it. The
    // three tables are rebuilt with AUTOINCREMENT (their sequences start above every id they
    // hold). Flags gain a position: re-alignment keeps the id of a flag it finds again, so the
    // id no longer gives the detectors' order. `retired_beads` remembers the beads that re-alignment or a review edit removed, so
    // that a stale id is answered with what happened to it. `bead_sentences` refers to `beads`:
    // its rows are copied aside while `beads` is rebuilt (dropping the parent table would
    // delete them through ON DELETE CASCADE).
    r#"
    CREATE TEMP TABLE bead_sentences_v6 AS SELECT bead_id, side, sentence_id FROM bead_sentences;
    DROP TABLE bead_sentences;
    CREATE TABLE beads_v7 (
        id       INTEGER PRIMARY KEY AUTOINCREMENT,
        pair_id  INTEGER NOT NULL REFERENCES pairs(id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        score    REAL NOT NULL,
        status   TEXT NOT NULL DEFAULT 'automatic'
                 CHECK (status IN ('automatic', 'confirmed', 'rejected'))
    );
    INSERT INTO beads_v7 (id, pair_id, position, score, status)
        SELECT id, pair_id, position, score, status FROM beads;
    DROP TABLE beads;
    ALTER TABLE beads_v7 RENAME TO beads;
    CREATE INDEX beads_pair ON beads(pair_id, position);
    CREATE TABLE bead_sentences (
        bead_id     INTEGER NOT NULL REFERENCES beads(id) ON DELETE CASCADE,
        side        TEXT NOT NULL CHECK (side IN ('src', 'tgt')),
        sentence_id INTEGER NOT NULL REFERENCES sentences(id) ON DELETE CASCADE,
        PRIMARY KEY (bead_id, side, sentence_id)
    );
    INSERT INTO bead_sentences (bead_id, side, sentence_id)
        SELECT bead_id, side, sentence_id FROM temp.bead_sentences_v6;
    DROP TABLE temp.bead_sentences_v6;

    CREATE TABLE flags_v7 (
        id          INTEGER PRIMARY KEY AUTOINCREMENT,
        pair_id     INTEGER NOT NULL REFERENCES pairs(id) ON DELETE CASCADE,
        kind        TEXT NOT NULL,
        subkind     TEXT,
        severity    TEXT NOT NULL CHECK (severity IN ('low', 'medium', 'high')),
        side        TEXT CHECK (side IN ('src', 'tgt')),
        sentence_id INTEGER REFERENCES sentences(id) ON DELETE CASCADE,
        span_start  INTEGER,
        span_end    INTEGER,
        span_text   TEXT,
        src_idx     TEXT NOT NULL,
        tgt_idx     TEXT NOT NULL,
        reason      TEXT NOT NULL,
        status      TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'confirmed', 'dismissed')),
        note        TEXT,
        position    INTEGER NOT NULL DEFAULT 0
    );
    INSERT INTO flags_v7 SELECT id, pair_id, kind, subkind, severity, side, sentence_id,
        span_start, span_end, span_text, src_idx, tgt_idx, reason, status, note, id FROM flags;
    DROP TABLE flags;
    ALTER TABLE flags_v7 RENAME TO flags;
    CREATE INDEX flags_pair ON flags(pair_id);

    CREATE TABLE moves_v7 (
        id              INTEGER PRIMARY KEY AUTOINCREMENT,
        pair_id         INTEGER NOT NULL REFERENCES pairs(id) ON DELETE CASCADE,
        src_sentence_id INTEGER NOT NULL REFERENCES sentences(id) ON DELETE CASCADE,
        tgt_sentence_id INTEGER NOT NULL REFERENCES sentences(id) ON DELETE CASCADE,
        score           REAL NOT NULL,
        repeat          INTEGER NOT NULL DEFAULT 0 CHECK (repeat IN (0, 1)),
        status          TEXT NOT NULL DEFAULT 'automatic'
                        CHECK (status IN ('automatic', 'confirmed', 'rejected')),
        UNIQUE (pair_id, src_sentence_id, tgt_sentence_id)
    );
    INSERT INTO moves_v7 SELECT id, pair_id, src_sentence_id, tgt_sentence_id, score, repeat,
        status FROM moves;
    DROP TABLE moves;
    ALTER TABLE moves_v7 RENAME TO moves;
    CREATE INDEX moves_src_sentence ON moves(src_sentence_id);
    CREATE INDEX moves_tgt_sentence ON moves(tgt_sentence_id);

    CREATE TABLE retired_beads (
        id      INTEGER PRIMARY KEY,
        pair_id INTEGER NOT NULL REFERENCES pairs(id) ON DELETE CASCADE,
        cause   TEXT NOT NULL CHECK (cause IN ('align', 'edit', 'undo')),
        at      TEXT NOT NULL
    );
    "#,
];
