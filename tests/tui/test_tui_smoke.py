"""The installed `tracker` in a real terminal: scripts/tui_smoke.sh drives it through tmux."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from testkit.paths import REPO

SCRIPT = REPO / "scripts" / "tui_smoke.sh"


@pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed (apt-get install tmux)")
def test_a_session_logged_by_keystrokes_in_a_real_terminal_reaches_the_journal(tmp_path: Path) -> None:
    tracker = shutil.which("tracker", path=str(Path(sys.executable).parent))
    if tracker is None:
        pytest.skip("the tracker command is not installed beside this Python")
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    result = subprocess.run(["bash", str(SCRIPT), tracker], capture_output=True, text=True, timeout=180, env=env,
                            cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "tui smoke: ok" in result.stdout
