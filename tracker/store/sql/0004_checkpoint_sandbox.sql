-- Schema version 4: where each checkpoint run's code ran ('bwrap', or 'none' for limits only),
-- so a passed run can be trusted as far as its sandbox allows. Older runs keep ''.
ALTER TABLE checkpoint_run ADD COLUMN sandbox TEXT NOT NULL DEFAULT '';
