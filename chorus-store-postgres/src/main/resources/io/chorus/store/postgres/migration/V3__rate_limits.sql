-- Shared rate limits: one token bucket per limiter, key and unit, drawn on by every process on the store.

CREATE TABLE rate_buckets (
  bucket     TEXT PRIMARY KEY,              -- "<name>|<key id>|requests" or "...|tokens"
  per_minute DOUBLE PRECISION NOT NULL,
  level      DOUBLE PRECISION NOT NULL,     -- may be negative: debt that reservations wait off
  updated_at TIMESTAMPTZ NOT NULL
);

-- a 429's retry-after, for every process
CREATE TABLE rate_pauses (
  limiter      TEXT PRIMARY KEY,            -- "<name>|<key id>"
  paused_until TIMESTAMPTZ NOT NULL
);
