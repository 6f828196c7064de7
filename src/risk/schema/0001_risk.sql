-- The risk register (risk- och sårbarhetsanalys): each risk once, and every assessment of it in
-- order, so the register shows where a risk stands and how it got there. The current assessment
-- is the one with the highest seq.
CREATE TABLE risks (
    id              TEXT PRIMARY KEY,
    seq             INTEGER NOT NULL UNIQUE,
    title           TEXT NOT NULL,
    area            TEXT NOT NULL,
    description     TEXT NOT NULL,
    owner           TEXT NOT NULL,
    -- JSON array of plan ids: the plans that treat this risk.
    plans           TEXT NOT NULL,
    registered_at   TEXT NOT NULL,
    registered_by   TEXT NOT NULL,
    registered_role TEXT NOT NULL,
    closed_seq      INTEGER,
    closed_at       TEXT,
    closed_by       TEXT,
    closed_reason   TEXT
);
CREATE INDEX risks_area ON risks(area, seq);

CREATE TABLE risk_assessments (
    seq           INTEGER PRIMARY KEY,
    risk_id       TEXT NOT NULL REFERENCES risks(id),
    likelihood    INTEGER NOT NULL CHECK (likelihood BETWEEN 1 AND 5),
    consequence   INTEGER NOT NULL CHECK (consequence BETWEEN 1 AND 5),
    controls      TEXT NOT NULL,
    review_due    TEXT NOT NULL,
    note          TEXT NOT NULL,
    assessed_at   TEXT NOT NULL,
    assessed_by   TEXT NOT NULL,
    assessed_role TEXT NOT NULL
);
CREATE INDEX risk_assessments_risk ON risk_assessments(risk_id, seq);
