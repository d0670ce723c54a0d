-- The batch journal: the same tables, keys and meaning as the embedded SQLite journal
-- (chorus-batch SqliteJournalStore), so that a batch behaves the same on either store.

CREATE TABLE responses (
  identity   TEXT PRIMARY KEY,             -- ChatRequest.identity(): the response cache key
  batch_id   TEXT,                         -- the batch that paid for it
  response   TEXT NOT NULL,                -- ResponseCodec JSON
  stored_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE batches (
  batch_id     TEXT PRIMARY KEY,
  input        TEXT,
  workflow     TEXT,
  created_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
  completed_at TIMESTAMPTZ,
  out_seq      BIGINT NOT NULL DEFAULT 0,   -- output checkpoint: last item seq in the output file
  out_bytes    BIGINT NOT NULL DEFAULT 0    -- and the file's length after it
);

-- finished items, keyed by custom_id; seq orders them by finishing (a replaced item gets a new one)
CREATE TABLE batch_items (
  seq         BIGSERIAL PRIMARY KEY,
  batch_id    TEXT NOT NULL,
  custom_id   TEXT NOT NULL,
  content     TEXT,                         -- digest of the input line
  line        INTEGER NOT NULL,
  status      TEXT NOT NULL,                -- SUCCEEDED | FAILED
  json        TEXT NOT NULL,                -- the output or dead-letter line
  finished_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  UNIQUE (batch_id, custom_id)
);

-- the input the last run read (custom_id and content digest, in order): what a resume compares with
CREATE TABLE batch_input (
  batch_id  TEXT NOT NULL,
  ord       BIGINT NOT NULL,
  custom_id TEXT NOT NULL,
  content   TEXT,
  PRIMARY KEY (batch_id, ord)
);

-- one live holder per batch; free once expired (a killed holder blocks for one time to live at most)
CREATE TABLE leases (
  batch_id   TEXT PRIMARY KEY,
  holder     TEXT NOT NULL,
  token      TEXT NOT NULL,
  expires_at TIMESTAMPTZ NOT NULL
);
