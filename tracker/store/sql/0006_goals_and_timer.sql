-- Schema version 6: goals beyond the daily minimum, and the live timer.
-- A goal is hours or days a week, a resource finished by a date, or hours on a topic by a date;
-- `target` is hours (weekly_hours, topic_hours) or days (weekly_days); finish_resource has none.
CREATE TABLE goal (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL,
    target REAL,
    resource_id INTEGER REFERENCES resource(id),
    topic_id INTEGER REFERENCES topic(id),
    due TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
-- The timer running now, at most one (id is always 1), kept in the journal so it survives the
-- terminal closing and every terminal and the UI see it. Topic and resource are names as typed:
-- they are found or created when the timer stops and the session is logged.
CREATE TABLE running_timer (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    topic TEXT NOT NULL,
    resource TEXT,
    kind TEXT NOT NULL DEFAULT 'other',
    note TEXT NOT NULL DEFAULT '',
    started_at TEXT NOT NULL,
    pomodoro_minutes INTEGER,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
