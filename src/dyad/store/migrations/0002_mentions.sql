-- 0002: actor mentions, the actors they name, and which stage outputs each document holds.
-- `facts` lists what the stages that produced a document's rows assigned (raw, text, sentences,
-- mentions ...). Re-ingesting a stored document whose facts lack what the current pipeline
-- assigns replaces its rows, so an old database catches up with new stages.
ALTER TABLE documents ADD COLUMN facts VARCHAR;

CREATE TABLE mentions (
    doc_key    VARCHAR NOT NULL,
    idx        INTEGER NOT NULL,       -- order in the document
    sentence   INTEGER NOT NULL,
    char_start INTEGER NOT NULL,
    char_end   INTEGER NOT NULL,
    text       VARCHAR NOT NULL,       -- the surface form
    name       VARCHAR NOT NULL,       -- the canonical name (or an anonymous speaker's description)
    code       VARCHAR,                -- country + sector, or an international organisation's code
    role       VARCHAR,
    rule       VARCHAR NOT NULL,
    confidence DOUBLE NOT NULL,
    PRIMARY KEY (doc_key, idx)
);
CREATE INDEX mentions_code ON mentions (code);

CREATE VIEW actors AS
SELECT name, code, count(*) AS mentions, count(DISTINCT doc_key) AS documents,
       mode(role) AS role
FROM mentions
GROUP BY name, code;
