-- Schema version 1: the journal (topics, resources, sessions, milestones, week notes,
-- learn-later items, rest days). Dates are ISO text (YYYY-MM-DD); created_at/updated_at are
-- UTC ISO 8601 timestamps written by the application.

CREATE TABLE tracker_meta (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE topic (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE COLLATE NOCASE,
    parent_id INTEGER REFERENCES topic(id) ON DELETE SET NULL,
    notes TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

CREATE TABLE resource (
    id INTEGER PRIMARY KEY,
    title TEXT NOT NULL UNIQUE COLLATE NOCASE,
    url TEXT,
    kind TEXT NOT NULL DEFAULT 'other',
    provider TEXT,
    planned_hours REAL,
    fte_points REAL,
    cost REAL,
    units_total INTEGER,
    units_done INTEGER NOT NULL DEFAULT 0,
    status TEXT NOT NULL DEFAULT 'planned',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

CREATE TABLE study_session (
    id INTEGER PRIMARY KEY,
    day TEXT NOT NULL,
    minutes INTEGER NOT NULL CHECK (minutes > 0),
    topic_id INTEGER NOT NULL REFERENCES topic(id),
    resource_id INTEGER REFERENCES resource(id) ON DELETE SET NULL,
    kind TEXT NOT NULL DEFAULT 'other',
    note TEXT NOT NULL DEFAULT '',
    stuck INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX ix_study_session_day ON study_session(day);
CREATE INDEX ix_study_session_topic ON study_session(topic_id);
CREATE INDEX ix_study_session_resource ON study_session(resource_id);

CREATE TABLE milestone (
    id INTEGER PRIMARY KEY,
    project TEXT NOT NULL DEFAULT '',
    title TEXT NOT NULL,
    due TEXT,
    done_on TEXT,
    url TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

CREATE TABLE week_note (
    id INTEGER PRIMARY KEY,
    week TEXT NOT NULL UNIQUE,
    title TEXT NOT NULL DEFAULT '',
    reflection TEXT NOT NULL DEFAULT '',
    next_plan TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

CREATE TABLE learn_later (
    id INTEGER PRIMARY KEY,
    topic_id INTEGER NOT NULL REFERENCES topic(id),
    text TEXT NOT NULL,
    added_on TEXT NOT NULL,
    done_on TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

CREATE TABLE rest_day (
    day TEXT PRIMARY KEY,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

-- Unit progress over time ("chapter 10 of 19" on a day), so a week's post can say "chapters 10-11".
CREATE TABLE resource_progress (
    id INTEGER PRIMARY KEY,
    resource_id INTEGER NOT NULL REFERENCES resource(id) ON DELETE CASCADE,
    day TEXT NOT NULL,
    units_done INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX ix_resource_progress_resource ON resource_progress(resource_id, day);
