-- 0001: documents, their sentences, skipped inputs and the batches that wrote them.
-- A document's key is its content hash: the same content is stored once, whatever its doc_id.
CREATE TABLE batches (
    batch_id     INTEGER PRIMARY KEY,
    started_at   TIMESTAMP NOT NULL,
    finished_at  TIMESTAMP NOT NULL,
    dyad_version VARCHAR NOT NULL,
    stages       VARCHAR NOT NULL,     -- comma-separated stage names that produced the rows
    documents    INTEGER NOT NULL,     -- newly stored
    duplicates   INTEGER NOT NULL,     -- content already stored (or twice in the batch)
    skips        INTEGER NOT NULL
);

CREATE TABLE documents (
    doc_key        VARCHAR PRIMARY KEY,  -- sha256 of the normalised body before cleaning
    doc_id         VARCHAR NOT NULL,     -- path relative to the input root or manifest, or a content hash
    path           VARCHAR,
    url            VARCHAR,
    outlet         VARCHAR,
    author         VARCHAR,
    title          VARCHAR,
    kind           VARCHAR,
    published      VARCHAR,              -- ISO at its own precision: 2024-04-23, 2018-10, 2018
    language       VARCHAR,
    language_score DOUBLE,
    encoding       VARCHAR,
    text           VARCHAR NOT NULL,     -- the cleaned body; every offset points into it
    n_sentences    INTEGER NOT NULL,
    notes          VARCHAR,              -- JSON list of {stage, message}
    batch_id       INTEGER NOT NULL
);
CREATE INDEX documents_doc_id ON documents (doc_id);

CREATE TABLE sentences (
    doc_key    VARCHAR NOT NULL,
    idx        INTEGER NOT NULL,
    char_start INTEGER NOT NULL,
    char_end   INTEGER NOT NULL,
    paragraph  INTEGER NOT NULL,
    PRIMARY KEY (doc_key, idx)
);

CREATE TABLE skips (
    skip_key VARCHAR PRIMARY KEY,         -- the input (path and doc_id): re-reading it replaces the row
    doc_id   VARCHAR NOT NULL,
    path     VARCHAR,
    url      VARCHAR,
    reason   VARCHAR NOT NULL,
    detail   VARCHAR,
    batch_id INTEGER NOT NULL
);
