-- 0006: issues of sentences and documents, and the positions actors take on issues.
ALTER TABLE sentences ADD COLUMN issues VARCHAR;   -- comma-separated issue ids
CREATE TABLE doc_issues (
    doc_key   VARCHAR NOT NULL,
    issue     VARCHAR NOT NULL,
    score     DOUBLE NOT NULL,     -- coverage weighted by position and title, in [0, 1)
    PRIMARY KEY (doc_key, issue)
);
CREATE INDEX doc_issues_issue ON doc_issues (issue);
CREATE TABLE positions (
    doc_key      VARCHAR NOT NULL,
    idx          INTEGER NOT NULL,
    actor        VARCHAR NOT NULL,   -- country code (USA) or code without a country (NATO)
    issue        VARCHAR NOT NULL,
    kind         VARCHAR NOT NULL,   -- event or quote
    item         INTEGER NOT NULL,   -- idx in events or quotes
    sentence     INTEGER NOT NULL,
    counterpart  VARCHAR,
    value        DOUBLE NOT NULL,    -- Goldstein / 10 (events) or tone (quotes), in [-1, 1]
    polarity     VARCHAR NOT NULL,   -- cooperative, conflictual, warm, hostile, neutral
    status       VARCHAR,
    code         VARCHAR,
    words        VARCHAR,            -- tone words, separated by ' | '
    PRIMARY KEY (doc_key, idx)
);
CREATE INDEX positions_actor ON positions (actor, issue);
