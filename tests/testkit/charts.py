"""Journals for the chart tests in tests/unit and tests/cli: a small one whose numbers are worked
out by hand, and one in which every chart has data."""

from __future__ import annotations

from datetime import timedelta

from testkit.clock import TODAY

# The small journal. Daily minimum 30m, weeks from Monday, today Saturday 2026-11-21.
#   (day, minutes, topic, resource, kind, stuck)
SESSIONS = [
    ("2026-10-01", 30, "Backprop", "DL Book", "read", False),      # on the plan, before the last 4 weeks
    ("2026-11-03", 120, "Backprop", "DL Book", "read", False),
    ("2026-11-09", 40, "Backprop", "DL Book", "read", False),
    ("2026-11-10", 20, "CNNs", None, "watch", False),              # under the minimum
    ("2026-11-11", 30, "Backprop", "DL Book", "exercise", False),
    ("2026-11-11", 30, "CNNs", "DL Book", "code", False),
    ("2026-11-12", 45, "CNNs", None, "code", True),
    ("2026-11-14", 30, "Backprop", "DL Book", "read", False),
    ("2026-11-15", 90, "CNNs", "Blog posts", "code", False),        # a resource without a plan
    ("2026-11-16", 30, "Backprop", "DL Book", "read", False),
    ("2026-11-17", 60, "Backprop", "Fast course", "watch", False),
    # 2026-11-18: nothing, declared a rest day
    ("2026-11-19", 35, "CNNs", None, "code", True),
    ("2026-11-20", 25, "CNNs", "Dropped course", "watch", False),  # under the minimum; resource dropped
    ("2026-11-21", 40, "Backprop", "DL Book", "read", False),
]


def fill(journal) -> None:
    """Six weeks of study, a plan, stuck days, checkpoint runs and card reviews: every chart has data."""
    from tracker.plan import add_resource, record_progress
    from tracker.store import stamps
    from tracker.study import declare_rest_day, log_session

    add_resource(journal, "Deep Learning Book", hours=40, units=20, status="active")
    add_resource(journal, "fast.ai course", fte=0.2, status="active")
    topics = ["Backpropagation", "CNNs", "Optimizers", "Linear algebra"]
    kinds = ["read", "watch", "code", "exercise"]
    for offset in range(42):
        day = TODAY - timedelta(days=offset)
        if offset % 9 == 4:
            declare_rest_day(journal, day)
            continue
        log_session(journal, minutes=20 + (offset * 7) % 70, topic=topics[offset % 4], day=day, kind=kinds[offset % 4],
                    resource=["Deep Learning Book", "fast.ai course", None][offset % 3], stuck=offset % 11 == 0,
                    note="studied <b>things</b> & \"quoted\" 'text'")
    record_progress(journal, "Deep Learning Book", 7, TODAY)
    journal.executemany(
        "INSERT INTO checkpoint_run (checkpoint, passed, message, seconds, code_hash, ran_at, created_at, updated_at) "
        "VALUES (:c, :p, :m, 0.2, '', :at, :created_at, :updated_at)",
        [{"c": c, "p": p, "m": "</script><script>alert(1)</script>", "at": at, **stamps()}
         for c, p, at in [("activations", 0, "2026-11-02T10:00:00Z"), ("activations", 1, "2026-11-03T10:00:00Z"),
                          ("notes.md#block-1", 1, "2026-11-10T10:00:00Z")]],
    )
    from datetime import datetime

    from tracker import cards

    card = cards.add_card(journal, "What does <b>dropout</b> do at test time?", "Nothing: it is scaled in training.",
                          "Regularization").card
    for day, rating in ((18, 3), (19, 1), (19, 3), (20, 3), (21, 4), (21, 3), (21, 1)):
        cards.rate(journal, card, rating, now=datetime.fromisoformat(f"2026-11-{day:02d}T08:00:00+00:00"),
                   fuzz=False, retention=0.9)
