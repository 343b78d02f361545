"""Checkpoint runs in the journal: record each run, and read back each checkpoint's status, which
topics are verified, and which re-checks are due.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, timezone
from typing import Any

from tracker import config
from tracker.checkpoints.catalog import load_curriculum
from tracker.checkpoints.events import events_for
from tracker.checkpoints.runner import Reason, RunResult
from tracker.checkpoints.schedule import (
    PastEvent,
    PastRun,
    State,
    due_for_recheck,
    statuses,
)
from tracker.clock import utc_text
from tracker.errors import Msg
from tracker.parse import plural
from tracker.store import Journal, stamps

Row = dict[str, Any]


def stored_message(result: RunResult) -> str:
    """The journal keeps one message: a failure starts with its reason, e.g. 'timeout: ...'."""
    if result.passed or result.reason in (Reason.CHECK_FAILED, Reason.PASSED):
        return result.message
    return f"{result.reason.label}: {result.message}"


def checks_line(result: RunResult) -> str:
    """'4 of 6 checks passed — first failure: ...' for a run with checks; '' for a notes block."""
    if result.checks_total is None:
        return ""
    count = Msg.CHECKS_COUNT.format(passed=result.checks_passed or 0, checks=plural(result.checks_total, "check"))
    if result.passed:
        return count
    not_run = Msg.CHECKS_NOT_RUN.format(count=result.checks_not_run) if result.checks_not_run else ""
    return Msg.CHECKS_FIRST_FAILURE.format(count=count, not_run=not_run, message=stored_message(result))


def record_runs(journal: Journal, results: Iterable[RunResult], ran_at: datetime) -> int:
    """Store every run (all or none); returns how many were stored."""
    rows = [
        {"checkpoint": r.name, "passed": int(r.passed), "message": stored_message(r), "seconds": round(r.seconds, 3),
         "code_hash": r.code_hash, "ran_at": utc_text(ran_at), "sandbox": r.sandbox,
         "checks_passed": r.checks_passed, "checks_total": r.checks_total, **stamps()}
        for r in results
    ]
    with journal.transaction():
        journal.executemany(
            "INSERT INTO checkpoint_run (checkpoint, passed, message, seconds, code_hash, ran_at, sandbox, "
            "checks_passed, checks_total, created_at, updated_at) VALUES (:checkpoint, :passed, :message, "
            ":seconds, :code_hash, :ran_at, :sandbox, :checks_passed, :checks_total, :created_at, :updated_at)",
            rows,
        )
    return len(rows)


def past_runs(journal: Journal) -> list[PastRun]:
    """Every run, oldest first, with its time in local time (re-checks fall due on local days)."""
    return [
        PastRun(row["checkpoint"], bool(row["passed"]), _local(row["ran_at"]))
        for row in journal.rows("SELECT checkpoint, passed, ran_at FROM checkpoint_run ORDER BY ran_at, id")
    ]


def past_events(journal: Journal) -> list[PastEvent]:
    """Every event (a hint read, a give-up), in local time like the runs."""
    return [PastEvent(row["checkpoint"], row["kind"], _local(row["at"])) for row in events_for(journal)]


def checkpoint_statuses(journal: Journal, names: Iterable[str], today: date) -> dict:
    """Each checkpoint's status: the runs and events replayed through FSRS at the learner's retention."""
    retention = config.load_settings().desired_retention
    return statuses(names, past_runs(journal), today, past_events(journal), retention)


def _local(utc: str) -> datetime:
    return datetime.strptime(utc, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=timezone.utc).astimezone()


def last_messages(journal: Journal) -> dict[str, Row]:
    """The latest run of each checkpoint (message, passed, seconds, ran_at)."""
    rows = journal.rows(
        "SELECT checkpoint, passed, message, seconds, ran_at, checks_passed, checks_total FROM checkpoint_run r WHERE id = "
        "(SELECT id FROM checkpoint_run WHERE checkpoint = r.checkpoint ORDER BY ran_at DESC, id DESC LIMIT 1)"
    )
    return {row["checkpoint"]: row for row in rows}


def overview(journal: Journal, today: date) -> list[Row]:
    """Every built-in checkpoint, then every note block ever run, with status and due date."""
    curriculum = load_curriculum()
    found = checkpoint_statuses(journal, [c.name for c in curriculum], today)
    latest = last_messages(journal)
    rows = []
    for checkpoint in curriculum:
        rows.append(_row(checkpoint.name, checkpoint.topic, checkpoint.title, checkpoint.order, found, latest)
                    | {"pack": checkpoint.pack, "stage": checkpoint.stage})
    for name in sorted(set(found) - {c.name for c in curriculum}):
        rows.append(_row(name, "", "your note", None, found, latest))
    return rows


def _row(name: str, topic: str, title: str, order: int | None, found: dict, latest: dict[str, Row]) -> Row:
    status = found[name]
    last = latest.get(name)
    return {
        "name": name, "order": order, "topic": topic, "title": title, "state": status.state.value,
        "due": status.due.isoformat() if status.due else None,
        "rating": status.rating.value if status.rating else None,
        "last_run": status.last_run.isoformat() if status.last_run else None,
        "message": last["message"] if last and not last["passed"] else "",
        "pack": "", "stage": "",
        #: Checks passed at the last run, 'x of N'; '' before schema 5 and for a notes block.
        "checks": f"{last['checks_passed'] or 0} of {last['checks_total']}" if last and last["checks_total"] else "",
    }


def verified_topics(journal: Journal, today: date) -> dict[str, bool]:
    """Topic -> True when every checkpoint of the topic has passed (a due re-check still counts)."""
    by_topic: dict[str, bool] = {}
    for row in overview(journal, today):
        if row["topic"]:
            ok = row["state"] in (State.PASSED.value, State.RECHECK_DUE.value)
            by_topic[row["topic"]] = by_topic.get(row["topic"], True) and ok
    return by_topic


def due_summary(journal: Journal, today: date) -> list[Row]:
    """For `tracker stats`: the re-checks that are due, as one line."""
    if not journal.scalar("SELECT count(*) FROM checkpoint_run"):
        return []
    curriculum = [c.name for c in load_curriculum()]
    due = due_for_recheck(checkpoint_statuses(journal, curriculum, today))
    if not due:
        return []
    names = ", ".join(status.name for status in due[:5]) + (" ..." if len(due) > 5 else "")
    return [{"kind": "checkpoints", "what": f"{len(due)} checkpoint re-check{'s' if len(due) != 1 else ''}",
             "detail": names, "count": len(due), "command": "tracker check run --due"}]
