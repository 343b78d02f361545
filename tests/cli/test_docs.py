"""Every command explains itself, and the quick commands stay quick (the layers: unit/test_layers.py)."""

from __future__ import annotations

import json
import subprocess
import sys

import typer

from tracker.cli.main import app


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
