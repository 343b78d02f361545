-- Schema version 5: how many of a checkpoint's checks passed at each run (NULL for older runs and
-- for a learner's own notes blocks, which are one assertion), and what else happened to a
-- checkpoint between runs (a hint read, a solution given up for, the stub put back), so re-checks
-- can be scheduled by how the learner got there.
ALTER TABLE checkpoint_run ADD COLUMN checks_passed INTEGER;
ALTER TABLE checkpoint_run ADD COLUMN checks_total INTEGER;
CREATE TABLE checkpoint_event (
    id INTEGER PRIMARY KEY,
    checkpoint TEXT NOT NULL,
    kind TEXT NOT NULL,
    at TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX ix_checkpoint_event_checkpoint ON checkpoint_event(checkpoint, at);
