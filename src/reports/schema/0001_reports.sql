-- Every issued report, numbered per event and kind. The files live beside the store under their
-- SHA-256; these rows say which file is which report.
CREATE TABLE reports (
    id          TEXT PRIMARY KEY,
    seq         INTEGER NOT NULL UNIQUE,
    event_id    TEXT NOT NULL,
    kind        TEXT NOT NULL,
    number      INTEGER NOT NULL,
    title       TEXT NOT NULL,
    issued_at   TEXT NOT NULL,
    author      TEXT NOT NULL,
    role        TEXT NOT NULL,
    pdf_sha256  TEXT NOT NULL,
    md_sha256   TEXT,
    json_sha256 TEXT,
    pages       INTEGER NOT NULL,
    bytes       INTEGER NOT NULL,
    head_seq    INTEGER NOT NULL,
    head_hash   TEXT NOT NULL,
    UNIQUE (event_id, kind, number)
);
