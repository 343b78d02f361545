"""A study group on the test PostgreSQL server (testkit.postgres): a journal database its admin
made a group (`tracker group init`, twice: it is idempotent), learners ada and ben to invite, and
a week logged for them (`log_week`). Used by the CLI, UI and post tests of issue 17."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, timedelta
from itertools import count

from tests.testkit.cli import run_tracker
from tests.testkit.clock import TODAY

_numbers = count(1)
#: ISO week 2026-W47: Monday 16 to Sunday 22 November (TODAY is Saturday 21).
MONDAY = date(2026, 11, 16)


class Group:
    """One journal database made a group by its admin, with two invited learners."""

    def __init__(self, server) -> None:  # noqa: ANN001
        self.server = server
        self.db = server.database("group")
        self.admin_url = server.url(self.db)
        suffix = next(_numbers)
        self.ada, self.ben = ("ada", "ben") if suffix == 1 else (f"ada_{suffix}", f"ben_{suffix}")
        self.urls: dict[str, str] = {}
        self.passwords: dict[str, str] = {}

    def invite(self, name: str, *options: str) -> str:
        ran = run_tracker(self.admin_url, "group", "invite", name, *options)
        assert ran.exit_code == 0, ran.stderr
        found = re.search(r"password \(shown once, keep it\): (\S+)\n.*TRACKER_DB=(\S+)", ran.stdout)
        assert found, ran.stdout
        self.passwords[name], self.urls[name] = found[1], found[2]
        return ran.stdout

    def connect(self, name: str):
        import psycopg

        return psycopg.connect(host="127.0.0.1", port=self.server.port, dbname=self.db, user=name,
                               password=self.passwords[name], autocommit=True)

    def tracker(self, name: str, *args: str, input: str | None = None):
        return run_tracker(self.urls[name], *args, input=input)

    def drop(self) -> None:
        with self.server.admin() as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{self.db}" WITH (FORCE)')
            for name in self.passwords:
                conn.execute(f'DROP ROLE IF EXISTS "{name}"')


@contextmanager
def made_group(server) -> Iterator[Group]:  # noqa: ANN001
    """A group on `server`, dropped (database and roles) afterwards."""
    made = Group(server)
    first = run_tracker(made.admin_url, "group", "init")
    assert first.exit_code == 0, first.stderr
    again = run_tracker(made.admin_url, "group", "init")  # idempotent
    assert again.exit_code == 0, again.stderr
    assert "study group ready" in again.stdout
    try:
        yield made
    finally:
        made.drop()


def _ok(ran) -> str:  # noqa: ANN001
    assert ran.exit_code == 0, ran.stderr + ran.stdout
    return ran.stdout


def log_week(group: Group) -> None:
    """ada: 40, 30, -, 20, 35, 45 minutes Mon..Sat (met 4 of 30, streak 2 on Saturday), notes,
    a card and its review, two checkpoints passed (one this week), a week title; ben: one hour."""
    ada, ben = group.ada, group.ben
    for offset, minutes, note in ((0, 40, "ada secret monday"), (1, 30, ""), (3, 20, "ada thursday"),
                                  (4, 35, ""), (5, 45, "ada secret saturday")):
        day = (MONDAY + timedelta(days=offset)).isoformat()
        _ok(group.tracker(ada, "log", f"{minutes}m", "CNNs", *([note] if note else []), "--date", day))
    _ok(group.tracker(ben, "log", "1h", "CNNs", "ben private", "--date", TODAY.isoformat()))
    _ok(group.tracker(ada, "cards", "add", "What is a kernel?", "A small matrix slid over the image", "--topic", "CNNs"))
    _ok(group.tracker(ben, "cards", "add", "What is a stride?", "The step of the kernel", "--topic", "CNNs"))
    _ok(group.tracker(ada, "cards", "review", "--limit", "1", input="\n3\n"))
    _ok(group.tracker(ada, "week", "note", "--title", "Convolutions click", "--text", "ada reflection"))
    from tracker.store import open_journal

    with open_journal(group.urls[ada]) as journal, journal.transaction():
        for name, passed, ran_at in (("conv2d", 1, "2026-11-18T10:00:00Z"), ("softmax", 1, "2026-11-02T10:00:00Z"),
                                     ("pooling", 0, "2026-11-19T10:00:00Z")):
            journal.execute("INSERT INTO checkpoint_run (checkpoint, passed, seconds, ran_at, created_at, updated_at) "
                            "VALUES (:name, :passed, 0.5, :ran_at, :ran_at, :ran_at)",
                            {"name": name, "passed": passed, "ran_at": ran_at})
