-- 0005: events (CAMEO/PLOVER) with source, target, status, date and evidence.
CREATE TABLE events (
    doc_key         VARCHAR NOT NULL,
    idx             INTEGER NOT NULL,
    sentence        INTEGER NOT NULL,
    source_name     VARCHAR,
    source_code     VARCHAR,
    source_role     VARCHAR,
    target_name     VARCHAR,
    target_code     VARCHAR,
    target_role     VARCHAR,
    cameo           VARCHAR NOT NULL,
    root            VARCHAR NOT NULL,
    plover          VARCHAR,
    plover_mode     VARCHAR,
    goldstein       DOUBLE,
    quad_class      INTEGER,
    status          VARCHAR NOT NULL,   -- asserted, planned, negated, hypothetical, alleged
    date            VARCHAR,            -- ISO day, week (2024-W16), month or year
    date_precision  VARCHAR NOT NULL,   -- day, week, month, year, document, none
    day             DATE,               -- the first day the date covers (for sorting and ranges)
    trigger_start   INTEGER NOT NULL,
    trigger_end     INTEGER NOT NULL,
    trigger_text    VARCHAR NOT NULL,
    rule            VARCHAR NOT NULL,
    confidence      DOUBLE NOT NULL,
    issues          VARCHAR,            -- comma-separated issue ids (filled by the issues stage)
    PRIMARY KEY (doc_key, idx)
);
CREATE INDEX events_source ON events (source_code);
CREATE INDEX events_target ON events (target_code);
CREATE INDEX events_day ON events (day);
