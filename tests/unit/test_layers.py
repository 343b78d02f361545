"""The layers of DESIGN.md hold: import-linter's contracts (pyproject.toml) are kept, and every
module below the interfaces, found by walking the package, imports no UI library."""

from __future__ import annotations

import json
import pkgutil
import subprocess
import sys
from pathlib import Path

import pytest

import tracker
from testkit.paths import REPO

INTERFACES = ("tracker.cli", "tracker.tui", "tracker.__main__")
UI_LIBRARIES = ("textual", "typer", "click", "rich")


def modules_below_the_interfaces() -> list[str]:
    """Every module of the installed package except the interfaces; a new module is included
    without anyone having to list it."""
    names = [info.name for info in pkgutil.walk_packages(tracker.__path__, "tracker.")]
    return sorted(name for name in names if not name.startswith(INTERFACES))


def test_the_walk_finds_the_services_the_store_and_the_rules() -> None:
    found = set(modules_below_the_interfaces())
    assert {"tracker.study", "tracker.topics", "tracker.habit", "tracker.store.database", "tracker.post.week",
            "tracker.cards.service", "tracker.checkpoints.runner", "tracker.clock", "tracker.files"} <= found
    assert not any(name.startswith(INTERFACES) for name in found)


def test_no_module_below_the_interfaces_imports_a_ui_library() -> None:
    """All of them, in a fresh interpreter; the first module that pulls a UI library in is named."""
    code = (
        "import importlib, json, sys\n"
        "names = json.loads(sys.argv[1])\n"
        "found = {}\n"
        "for name in names:\n"
        "    before = set(sys.modules)\n"
        "    importlib.import_module(name)\n"
        f"    ui = sorted(m for m in set(sys.modules) - before if m.split('.')[0] in {UI_LIBRARIES!r})\n"
        "    if ui: found[name] = ui[:3]\n"
        "print(json.dumps(found))\n"
    )
    modules = modules_below_the_interfaces()
    done = subprocess.run([sys.executable, "-c", code, json.dumps(modules)], capture_output=True, text=True, check=True)
    assert json.loads(done.stdout) == {}


def test_import_linter_contracts_are_kept() -> None:
    """The same check CI runs with `lint-imports`: layers, no UI library below them, no cycles."""
    pytest.importorskip("importlinter")
    lint_imports = Path(sys.executable).with_name("lint-imports")
    done = subprocess.run([str(lint_imports), "--no-cache"], capture_output=True, text=True, cwd=REPO)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-2000:]
    assert "0 broken" in done.stdout
