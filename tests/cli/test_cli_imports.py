"""The command line's modules import cleanly on their own, and the ones every command loads leave
the slower services to the commands that use them."""

from __future__ import annotations

import json
import pkgutil
import subprocess
import sys

import pytest

import tracker.cli

CLI_MODULES = sorted(f"tracker.cli.{info.name}" for info in pkgutil.iter_modules(tracker.cli.__path__))

#: Services that cli modules import inside the commands that need them (each says why, with its
#: cost): `tracker log` and `tracker --help` must not pay for them.
LOADED_ON_USE = ["tracker.cards", "tracker.stats", "tracker.post", "tracker.checkpoints", "tracker.charts",
                 "tracker.plaintext", "tracker.sample"]


@pytest.mark.parametrize("module", CLI_MODULES)
def test_each_module_imports_first_in_a_fresh_process(module: str) -> None:
    """Importing any module first works, so no two of them depend on each other in a cycle."""
    result = subprocess.run([sys.executable, "-c", f"import {module}"], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_the_command_line_loads_the_slower_services_only_on_use() -> None:
    code = (
        "import json, sys\n"
        "import tracker.cli.main\n"
        f"print(json.dumps(sorted(m for m in sys.modules if m.startswith(tuple({LOADED_ON_USE!r})))))"
    )
    found = json.loads(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout)
    assert found == [], "imported at the top of a cli module, so every command pays for it"
