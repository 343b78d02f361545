"""Schema versions: ordered SQL scripts in store/sql/, applied in one transaction each.

A journal records its version in tracker_meta. Opening an older journal first copies it to a
timestamped backup beside it, then applies the missing scripts; a newer journal is refused.
"""

from __future__ import annotations

import re

APP_ID = "ml-study-tracker"
#: The newest schema this code knows; equals the highest script number (a test checks it). Kept as
#: a constant so opening an up-to-date journal doesn't list the package's files.
SCHEMA_VERSION = 7


def migration_scripts() -> list[tuple[int, str, str]]:
    """(version, name, sql) for every script shipped in store/sql, in version order."""
    from importlib import resources  # only when a journal is created or upgraded

    folder = resources.files("tracker.store") / "sql"
    scripts = []
    for entry in folder.iterdir():
        match = re.fullmatch(r"(\d{4})_(\w+)\.sql", entry.name)
        if match:
            scripts.append((int(match[1]), match[2], entry.read_text(encoding="utf-8")))
    return sorted(scripts)


def latest_version() -> int:
    return SCHEMA_VERSION


def split_statements(sql: str) -> list[str]:
    """Statements of a script; scripts keep to one statement per `;`-terminated block, no triggers."""
    without_comments = "\n".join(line for line in sql.splitlines() if not line.strip().startswith("--"))
    return [part.strip() for part in without_comments.split(";") if part.strip()]
