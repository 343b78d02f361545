"""A synthetic journal: N years of daily study with notes, resources, progress, milestones,
learn-later items and week notes. Deterministic for a seed.

    python bench/make_journal.py OUT.db --years 10
"""

from __future__ import annotations

import argparse
import random
from datetime import date, timedelta
from pathlib import Path

from tracker.parse import ACTIVITY_KINDS, RESOURCE_KINDS, iso_week_name, week_start
from tracker.store import open_journal, stamps

TOPICS = [
    "NumPy basics", "Linear algebra", "Calculus", "Probability", "Gradient descent", "Linear regression",
    "Logistic regression", "Activations", "Loss functions", "Backpropagation", "MLPs", "Optimizers",
    "Regularization", "CNNs", "RNNs", "LSTMs", "Attention", "Transformers", "Embeddings", "PCA",
    "Reinforcement learning", "Bandits", "Decision trees", "Ensembles", "Kaggle", "Data cleaning",
]
WORDS = (
    "gradient chain rule matrix shapes broadcast derivative loss batch epoch layer weights bias softmax "
    "overfit dropout kernel stride padding pooling hidden state vanishing exploding attention query key "
    "value eigen vector projection variance notebook bug fixed finally understood stuck reread chapter "
    "lecture exercise implemented tested plotted compared tuned learning rate momentum adam"
).split()

#: About three sessions a day gives ~11,000 sessions in ten years, the size the issues name.
SESSIONS_PER_DAY = (2, 5)


def sentence(rng: random.Random) -> str:
    words = rng.choices(WORDS, k=rng.randint(6, 22))
    return " ".join(words).capitalize() + "."


def make_journal(path: Path, years: int, seed: int = 1, end: date = date(2026, 11, 21)) -> dict[str, int]:
    """Write a journal of `years` years ending on `end`; returns row counts."""
    rng = random.Random(seed)
    path = Path(path)
    path.unlink(missing_ok=True)
    start = end - timedelta(days=365 * years)
    stamp = stamps()
    counts: dict[str, int] = {}
    with open_journal(str(path)) as journal, journal.transaction():
        journal.executemany(
            "INSERT INTO topic (name, notes, created_at, updated_at) VALUES (:name, :notes, :created_at, :updated_at)",
            [{"name": name, "notes": f"# {name}\n\n{sentence(rng)}", **stamp} for name in TOPICS],
        )
        resources = [
            {"title": f"Resource {i:03d}", "kind": rng.choice(RESOURCE_KINDS), "url": f"https://example.org/r/{i}",
             "planned_hours": rng.choice([None, 100, 200, 400, 800]), "fte_points": None, "cost": rng.choice([0, 0, 20, 49, 300]),
             "units_total": rng.choice([None, 10, 19, 24]), "status": rng.choice(["planned", "active", "done"]), **stamp}
            for i in range(4 * years)
        ]
        journal.executemany(
            "INSERT INTO resource (title, kind, url, planned_hours, fte_points, cost, units_total, status, "
            "created_at, updated_at) VALUES (:title, :kind, :url, :planned_hours, :fte_points, :cost, :units_total, "
            ":status, :created_at, :updated_at)",
            resources,
        )
        sessions, weeks = [], []
        day = start
        while day <= end:
            if rng.random() < 0.85:
                for _ in range(rng.randint(*SESSIONS_PER_DAY)):
                    sessions.append({
                        "day": day.isoformat(), "minutes": rng.choice([15, 20, 30, 30, 45, 60, 90]),
                        "topic_id": rng.randint(1, len(TOPICS)),
                        "resource_id": rng.choice([None, rng.randint(1, len(resources))]),
                        "kind": rng.choice(ACTIVITY_KINDS), "note": sentence(rng), "stuck": int(rng.random() < 0.05),
                        **stamp,
                    })
            if day.weekday() == 6:
                weeks.append({"week": iso_week_name(week_start(day)), "title": sentence(rng)[:60],
                              "reflection": " ".join(sentence(rng) for _ in range(4)),
                              "next_plan": "- " + sentence(rng), **stamp})
            day += timedelta(days=1)
        journal.executemany(
            "INSERT INTO study_session (day, minutes, topic_id, resource_id, kind, note, stuck, created_at, updated_at) "
            "VALUES (:day, :minutes, :topic_id, :resource_id, :kind, :note, :stuck, :created_at, :updated_at)",
            sessions,
        )
        journal.executemany(
            "INSERT INTO week_note (week, title, reflection, next_plan, created_at, updated_at) "
            "VALUES (:week, :title, :reflection, :next_plan, :created_at, :updated_at)",
            weeks,
        )
        milestones = [
            {"project": f"Project {i % 7}", "title": f"Milestone {i}", "due": (start + timedelta(days=30 * i)).isoformat(),
             "done_on": (start + timedelta(days=30 * i + 3)).isoformat() if rng.random() < 0.7 else None, **stamp}
            for i in range(12 * years)
        ]
        journal.executemany(
            "INSERT INTO milestone (project, title, due, done_on, created_at, updated_at) "
            "VALUES (:project, :title, :due, :done_on, :created_at, :updated_at)",
            milestones,
        )
        later = [
            {"topic_id": rng.randint(1, len(TOPICS)), "text": sentence(rng),
             "added_on": (start + timedelta(days=rng.randint(0, 365 * years))).isoformat(), **stamp}
            for _ in range(40 * years)
        ]
        journal.executemany(
            "INSERT INTO learn_later (topic_id, text, added_on, created_at, updated_at) "
            "VALUES (:topic_id, :text, :added_on, :created_at, :updated_at)",
            later,
        )
        progress = []
        for resource_id, resource in enumerate(resources, start=1):
            if resource["units_total"]:
                first = start + timedelta(days=rng.randint(0, 365 * years - 60))
                for unit in range(1, rng.randint(1, resource["units_total"]) + 1):
                    progress.append({"resource_id": resource_id, "day": (first + timedelta(days=3 * unit)).isoformat(),
                                     "units_done": unit, **stamp})
        journal.executemany(
            "INSERT INTO resource_progress (resource_id, day, units_done, created_at, updated_at) "
            "VALUES (:resource_id, :day, :units_done, :created_at, :updated_at)",
            progress,
        )
        journal.execute(
            "UPDATE resource SET units_done = COALESCE((SELECT max(units_done) FROM resource_progress p "
            "WHERE p.resource_id = resource.id), 0)"
        )
        counts = {"sessions": len(sessions), "weeks": len(weeks), "resources": len(resources),
                  "milestones": len(milestones), "later": len(later), "progress": len(progress)}
    with open_journal(str(path)) as journal:
        journal.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return counts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    print(make_journal(args.out, args.years, args.seed))


if __name__ == "__main__":
    main()
