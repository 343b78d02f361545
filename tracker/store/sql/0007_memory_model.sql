-- Schema version 7: memory fitted to the learner (issue 16).
-- FSRS parameters fitted to the learner's reviews: the newest row is in force; `parameters` is a
-- JSON list of floats, `reviews` how many reviews the fit used, `scope` 'all' or 'first-4'.
CREATE TABLE fsrs_parameters (
    id INTEGER PRIMARY KEY,
    fitted_on TEXT NOT NULL,
    reviews INTEGER NOT NULL,
    scope TEXT NOT NULL DEFAULT 'all',
    parameters TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
-- A suspended card (a leech, or suspended by hand) is never due until unsuspended.
ALTER TABLE card ADD COLUMN suspended INTEGER NOT NULL DEFAULT 0;
-- Where a review was made, and Anki's revlog id for one read back from Anki (no duplicates on a
-- second import).
ALTER TABLE review ADD COLUMN source TEXT NOT NULL DEFAULT 'tracker';
ALTER TABLE review ADD COLUMN anki_revlog_id INTEGER;
CREATE UNIQUE INDEX ix_review_anki_revlog ON review(anki_revlog_id) WHERE anki_revlog_id IS NOT NULL;
