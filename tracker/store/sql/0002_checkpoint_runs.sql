-- Schema version 2: every run of a NumPy checkpoint, so a topic can be verified and re-checked.
CREATE TABLE checkpoint_run (
    id INTEGER PRIMARY KEY,
    checkpoint TEXT NOT NULL,
    passed INTEGER NOT NULL,
    message TEXT NOT NULL DEFAULT '',
    seconds REAL NOT NULL,
    code_hash TEXT NOT NULL DEFAULT '',
    ran_at TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX ix_checkpoint_run_checkpoint ON checkpoint_run(checkpoint, ran_at);
