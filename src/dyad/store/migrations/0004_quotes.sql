-- 0004: quotations and reported speech, with their speakers.
CREATE TABLE quotes (
    doc_key       VARCHAR NOT NULL,
    idx           INTEGER NOT NULL,
    sentence      INTEGER NOT NULL,
    char_start    INTEGER NOT NULL,
    char_end      INTEGER NOT NULL,
    text          VARCHAR NOT NULL,
    kind          VARCHAR NOT NULL,   -- direct, partial, indirect
    speaker_name  VARCHAR,
    speaker_code  VARCHAR,
    speaker_role  VARCHAR,
    rule          VARCHAR NOT NULL,
    confidence    DOUBLE NOT NULL,
    PRIMARY KEY (doc_key, idx)
);
CREATE INDEX quotes_speaker ON quotes (speaker_code);
ALTER TABLE quotes ADD COLUMN issues VARCHAR;  -- comma-separated issue ids (filled by the issues stage)
