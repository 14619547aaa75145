"""The workspace's SQLite schema, as migrations: each entry moves the schema one version up
(`PRAGMA user_version`). Never edit an entry once released; add a new one."""
from __future__ import annotations

MIGRATIONS: list[str] = [
    # 1: documents, segments, beads, edit log
    """
    CREATE TABLE pairs (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        aligned_at TEXT,
        report TEXT NOT NULL DEFAULT '{}'
    );
    CREATE TABLE documents (
        id INTEGER PRIMARY KEY,
        pair_id INTEGER NOT NULL REFERENCES pairs(id) ON DELETE CASCADE,
        lang TEXT NOT NULL CHECK (lang IN ('kk', 'ru')),
        path TEXT NOT NULL,
        encoding TEXT NOT NULL,
        format TEXT NOT NULL,
        sha256 TEXT NOT NULL,
        source TEXT NOT NULL,
        text TEXT NOT NULL,
        offsets BLOB NOT NULL,
        imported_at TEXT NOT NULL,
        UNIQUE (pair_id, lang)
    );
    CREATE TABLE blocks (
        doc_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        idx INTEGER NOT NULL,
        kind TEXT NOT NULL,
        start INTEGER NOT NULL,
        end INTEGER NOT NULL,
        section TEXT NOT NULL,
        article INTEGER,
        number TEXT,
        title TEXT,
        PRIMARY KEY (doc_id, idx)
    );
    CREATE TABLE segments (
        doc_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        idx INTEGER NOT NULL,
        block_idx INTEGER NOT NULL,
        kind TEXT NOT NULL,
        start INTEGER NOT NULL,
        end INTEGER NOT NULL,
        text TEXT NOT NULL,
        PRIMARY KEY (doc_id, idx)
    );
    CREATE TABLE beads (
        id INTEGER PRIMARY KEY,
        pair_id INTEGER NOT NULL REFERENCES pairs(id) ON DELETE CASCADE,
        pos INTEGER NOT NULL,
        section TEXT NOT NULL,
        article INTEGER,
        kk_segs TEXT NOT NULL,
        ru_segs TEXT NOT NULL,
        kk TEXT NOT NULL,
        ru TEXT NOT NULL,
        confidence REAL NOT NULL,
        scores TEXT NOT NULL DEFAULT '{}',
        status TEXT NOT NULL DEFAULT 'auto'
            CHECK (status IN ('auto', 'flagged', 'approved', 'rejected', 'edited')),
        version INTEGER NOT NULL DEFAULT 1,
        created_at TEXT NOT NULL,
        changed_at TEXT NOT NULL
    );
    CREATE INDEX beads_pair_pos ON beads(pair_id, pos);
    CREATE TABLE edits (
        id INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        pair_id INTEGER,
        bead_id INTEGER,
        action TEXT NOT NULL,
        before TEXT,
        after TEXT,
        who TEXT
    );
    CREATE INDEX edits_pair ON edits(pair_id, id);
    """,
    # 2: the glossary (align/glossary.py): one row per Kazakh–Russian term pair; rows a
    # terminologist approved, edited or rejected survive every rebuild
    """
    CREATE TABLE glossary (
        id INTEGER PRIMARY KEY,
        kk_key TEXT NOT NULL,
        ru_key TEXT NOT NULL,
        kk TEXT NOT NULL,
        ru TEXT NOT NULL,
        kk_pos TEXT NOT NULL DEFAULT 'noun',
        ru_pos TEXT NOT NULL DEFAULT 'noun',
        freq INTEGER NOT NULL DEFAULT 0,
        kk_freq INTEGER NOT NULL DEFAULT 0,
        ru_freq INTEGER NOT NULL DEFAULT 0,
        dice REAL NOT NULL DEFAULT 0,
        llr REAL NOT NULL DEFAULT 0,
        score REAL NOT NULL DEFAULT 0,
        kk_forms TEXT NOT NULL DEFAULT '{}',
        ru_forms TEXT NOT NULL DEFAULT '{}',
        acts TEXT NOT NULL DEFAULT '[]',
        examples TEXT NOT NULL DEFAULT '[]',
        status TEXT NOT NULL DEFAULT 'auto'
            CHECK (status IN ('auto', 'approved', 'edited', 'rejected')),
        note TEXT NOT NULL DEFAULT '',
        built_at TEXT,
        created_at TEXT NOT NULL,
        changed_at TEXT NOT NULL,
        UNIQUE (kk_key, ru_key)
    );
    CREATE INDEX glossary_kk ON glossary(kk_key);
    CREATE INDEX glossary_ru ON glossary(ru_key);
    CREATE TABLE glossary_builds (
        id INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        stats TEXT NOT NULL DEFAULT '{}'
    );
    """,
    # 3: glossary entries carry a version, so that two reviewers cannot overwrite each other
    """
    ALTER TABLE glossary ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
    """,
    # 4: units are identified by strings ("3-1", "1024"), and headings have a level
    """
    ALTER TABLE blocks ADD COLUMN level TEXT;
    ALTER TABLE blocks RENAME COLUMN article TO article_number;
    ALTER TABLE blocks ADD COLUMN article TEXT;
    UPDATE blocks SET article = CAST(article_number AS TEXT) WHERE article_number IS NOT NULL;
    ALTER TABLE blocks DROP COLUMN article_number;
    UPDATE blocks SET level = 'article' WHERE kind = 'heading' AND article IS NOT NULL;
    ALTER TABLE beads RENAME COLUMN article TO article_number;
    ALTER TABLE beads ADD COLUMN article TEXT;
    UPDATE beads SET article = CAST(article_number AS TEXT) WHERE article_number IS NOT NULL;
    ALTER TABLE beads DROP COLUMN article_number;
    """,
    # 5: undo and redo entries name the entry they act on, and every entry carries its
    # one-line summary, so the history is worked out and listed without reading the snapshots
    """
    ALTER TABLE edits ADD COLUMN ref INTEGER;
    ALTER TABLE edits ADD COLUMN summary TEXT;
    """,
    # 6: the lexicon learned when the workspace was last aligned, kept so that aligning one
    # pair or one article again does not read the whole workspace to learn it anew
    """
    CREATE TABLE lexicon (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        learned_at TEXT NOT NULL,
        beads INTEGER NOT NULL,
        data BLOB NOT NULL
    );
    """,
    # 7: a glossary entry scored too low to export is a "candidate" (SQLite changes a CHECK
    # only by copying the table)
    """
    CREATE TABLE glossary_new (
        id INTEGER PRIMARY KEY,
        kk_key TEXT NOT NULL,
        ru_key TEXT NOT NULL,
        kk TEXT NOT NULL,
        ru TEXT NOT NULL,
        kk_pos TEXT NOT NULL DEFAULT 'noun',
        ru_pos TEXT NOT NULL DEFAULT 'noun',
        freq INTEGER NOT NULL DEFAULT 0,
        kk_freq INTEGER NOT NULL DEFAULT 0,
        ru_freq INTEGER NOT NULL DEFAULT 0,
        dice REAL NOT NULL DEFAULT 0,
        llr REAL NOT NULL DEFAULT 0,
        score REAL NOT NULL DEFAULT 0,
        kk_forms TEXT NOT NULL DEFAULT '{}',
        ru_forms TEXT NOT NULL DEFAULT '{}',
        acts TEXT NOT NULL DEFAULT '[]',
        examples TEXT NOT NULL DEFAULT '[]',
        status TEXT NOT NULL DEFAULT 'auto'
            CHECK (status IN ('auto', 'approved', 'edited', 'rejected', 'candidate')),
        note TEXT NOT NULL DEFAULT '',
        built_at TEXT,
        created_at TEXT NOT NULL,
        changed_at TEXT NOT NULL,
        version INTEGER NOT NULL DEFAULT 1,
        UNIQUE (kk_key, ru_key)
    );
    INSERT INTO glossary_new SELECT id, kk_key, ru_key, kk, ru, kk_pos, ru_pos, freq, kk_freq, ru_freq,
        dice, llr, score, kk_forms, ru_forms, acts, examples, status, note, built_at, created_at,
        changed_at, version FROM glossary;
    DROP TABLE glossary;
    ALTER TABLE glossary_new RENAME TO glossary;
    CREATE INDEX glossary_kk ON glossary(kk_key);
    CREATE INDEX glossary_ru ON glossary(ru_key);
    """,
]
SCHEMA_VERSION = len(MIGRATIONS)
