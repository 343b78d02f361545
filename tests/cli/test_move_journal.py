"""Moving a journal between engines: `tracker export` from SQLite, `tracker import` into a server
journal, and back, gives the same files byte for byte (issue 17, item 5)."""

from __future__ import annotations

import json
from pathlib import Path

from testkit.cli import run_tracker
from testkit.journals import load_sample


def _files(folder: Path) -> dict[str, bytes]:
    return {str(path.relative_to(folder)): path.read_bytes() for path in sorted(folder.rglob("*")) if path.is_file()}


def test_the_sample_moves_to_a_server_and_back_byte_for_byte(postgres_server, tmp_path: Path) -> None:
    sqlite_journal = load_sample(tmp_path / "laptop.db")
    server_journal = postgres_server.journal()
    assert run_tracker(sqlite_journal, "cards", "add", "Why ReLU?", "No vanishing gradient", "--topic", "Activations").exit_code == 0
    assert run_tracker(sqlite_journal, "export", str(tmp_path / "from-sqlite")).exit_code == 0

    moved = run_tracker(server_journal, "import", str(tmp_path / "from-sqlite"))
    assert moved.exit_code == 0, moved.output
    assert run_tracker(server_journal, "export", str(tmp_path / "from-server")).exit_code == 0
    first, second = _files(tmp_path / "from-sqlite"), _files(tmp_path / "from-server")
    assert len(first) > 10 and first == second

    back = tmp_path / "desktop.db"
    assert run_tracker(back, "import", str(tmp_path / "from-server")).exit_code == 0
    assert run_tracker(back, "export", str(tmp_path / "back-again")).exit_code == 0
    assert _files(tmp_path / "back-again") == first
    # What each journal says about itself is the same too.
    stats = [json.loads(run_tracker(where, "stats", "--json").stdout) for where in (sqlite_journal, server_journal, back)]
    assert stats[0]["current_streak"] > 0
    assert stats[1] == stats[0]
    assert stats[2] == stats[0]
