-- 0003: time expressions, normalised against the publication date.
CREATE TABLE times (
    doc_key     VARCHAR NOT NULL,
    idx         INTEGER NOT NULL,
    sentence    INTEGER NOT NULL,
    char_start  INTEGER NOT NULL,
    char_end    INTEGER NOT NULL,
    text        VARCHAR NOT NULL,
    value       VARCHAR,              -- TIMEX3-style: 2024-04-24, 2024-W16, 2024-04, 2024-Q2, 2024-SU, 2024, 199,
                                      -- PAST_REF / PRESENT_REF / FUTURE_REF, P18M; NULL when it cannot be placed
    precision   VARCHAR,
    range_start DATE,
    range_end   DATE,
    rule        VARCHAR NOT NULL,
    PRIMARY KEY (doc_key, idx)
);
CREATE INDEX times_value ON times (value);
