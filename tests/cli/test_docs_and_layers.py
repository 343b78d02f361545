"""Every command explains itself, and the service layers stay free of the interfaces."""

from __future__ import annotations

import json
import subprocess
import sys

import typer

from tracker.cli.main import app

#: Modules below the interfaces; they must not import Textual or Typer.
SERVICE_MODULES = [
    "tracker.config", "tracker.parse", "tracker.errors", "tracker.store", "tracker.store.tables",
    "tracker.study", "tracker.topics", "tracker.plan", "tracker.stats", "tracker.plaintext", "tracker.sample", "tracker.chart_summary",
]
OPTIONAL_SERVICE_MODULES = ["tracker.post", "tracker.charts", "tracker.checkpoints", "tracker.cards"]


def _commands(command, path=()):
    yield path, command
    for name, sub in getattr(command, "commands", {}).items():
        yield from _commands(sub, (*path, name))


def test_every_command_and_parameter_has_help_text() -> None:
    root = typer.main.get_command(app)
    missing = []
    for path, command in _commands(root):
        if not (command.help or "").strip():
            missing.append(" ".join(path) or "tracker")
        for param in command.params:
            if param.name not in ("ctx",) and not (getattr(param, "help", None) or "").strip():
                missing.append(f"{' '.join(path)} {param.name}")
    assert not missing, f"no help text: {missing}"
    assert len(list(_commands(root))) > 20


def test_services_and_store_import_neither_textual_nor_typer() -> None:
    import importlib.util

    modules = SERVICE_MODULES + [m for m in OPTIONAL_SERVICE_MODULES if importlib.util.find_spec(m)]
    code = (
        "import importlib, json, sys\n"
        f"for name in {modules!r}: importlib.import_module(name)\n"
        "print(json.dumps(sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'typer', 'rich'))))"
    )
    found = json.loads(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout)
    assert found == []


def test_quick_commands_do_not_load_heavy_libraries() -> None:
    """`tracker log` and `tracker stats` must stay quick: no SQLAlchemy, pandas, numpy or Textual."""
    code = (
        "import json, sys\n"
        "import tracker.cli.main, tracker.study, tracker.topics, tracker.stats, tracker.plan\n"
        "print(json.dumps(sorted({m.split('.')[0] for m in sys.modules} & "
        "{'sqlalchemy', 'sqlmodel', 'pydantic', 'pandas', 'numpy', 'textual', 'plotly', 'jinja2', 'rich'})))"
    )
    found = json.loads(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout)
    assert found == []
