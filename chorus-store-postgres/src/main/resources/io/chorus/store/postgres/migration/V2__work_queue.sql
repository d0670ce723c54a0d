-- Workers: a batch's items as a queue that any number of processes claim from with leases.

-- what a worker needs to run a batch it did not start: the workflow and the input's fingerprint
CREATE TABLE work_batches (
  batch_id    TEXT PRIMARY KEY,
  workflow    TEXT NOT NULL,                -- BatchWorkflow.describe()
  spec        TEXT NOT NULL,                -- JSON: {"kind":"call","model":...} or {"kind":"pattern","yaml":...}
  fingerprint TEXT NOT NULL,                -- SHA-256 over the items' custom_id and content, in order
  total       INTEGER NOT NULL,
  created_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- one row per item: pending -> leased (worker, lease_until) -> done | failed; an expired lease is pending again
CREATE TABLE work_items (
  batch_id    TEXT NOT NULL,
  custom_id   TEXT NOT NULL,
  line        INTEGER NOT NULL,
  content     TEXT NOT NULL,
  payload     TEXT NOT NULL,                -- the input line (JSON)
  state       TEXT NOT NULL DEFAULT 'pending',
  worker      TEXT,                         -- the worker holding it, or that finished it
  lease_until TIMESTAMPTZ,
  attempts    INTEGER NOT NULL DEFAULT 0,   -- claims so far (a claim after an expiry is a takeover)
  finished_at TIMESTAMPTZ,
  PRIMARY KEY (batch_id, custom_id)
);
-- the claim scans only unfinished items, in input order
CREATE INDEX work_items_open ON work_items (batch_id, line) WHERE state IN ('pending', 'leased');
CREATE INDEX work_items_worker ON work_items (worker) WHERE state = 'leased';

CREATE TABLE workers (
  worker_id    TEXT PRIMARY KEY,             -- host/pid/random
  batch_id     TEXT,
  started_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
  heartbeat_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  stopped_at   TIMESTAMPTZ
);
