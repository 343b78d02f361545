-- Schema version 3: spaced-repetition cards scheduled with FSRS, and every review of them.
-- Times (due, last_review, reviewed_at) are UTC ISO 8601 to the second ('2026-11-21T18:30:00Z'),
-- one format everywhere so text comparison orders them.

-- uid is the card's stable identity (Anki note GUIDs derive from it): a hash of topic and front
-- for cards read from notes, CSV files or checkpoint failures, a random UUID for added ones.
-- state, step, stability and difficulty are the FSRS card (state 1 learning, 2 review,
-- 3 relearning); a card never reviewed has no last_review.
CREATE TABLE card (
    id INTEGER PRIMARY KEY,
    uid TEXT NOT NULL UNIQUE,
    topic_id INTEGER NOT NULL REFERENCES topic(id),
    front TEXT NOT NULL,
    back TEXT NOT NULL DEFAULT '',
    tags TEXT NOT NULL DEFAULT '',
    source TEXT NOT NULL DEFAULT 'cli',
    state INTEGER NOT NULL DEFAULT 1,
    step INTEGER,
    stability REAL,
    difficulty REAL,
    due TEXT NOT NULL,
    last_review TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX ix_card_due ON card(due);
CREATE INDEX ix_card_topic ON card(topic_id);

CREATE TABLE review (
    id INTEGER PRIMARY KEY,
    card_id INTEGER NOT NULL REFERENCES card(id) ON DELETE CASCADE,
    rating INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 4),
    reviewed_at TEXT NOT NULL,
    review_duration_ms INTEGER,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX ix_review_reviewed_at ON review(reviewed_at);
CREATE INDEX ix_review_card ON review(card_id);
