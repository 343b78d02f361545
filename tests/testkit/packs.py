"""A tiny checkpoint pack written into a temporary folder, as a pack author would publish one."""

from __future__ import annotations

from pathlib import Path

REFERENCE = '''"""Double every number."""

import numpy as np


def double(x):
    return 2 * np.asarray(x, dtype=float)
'''

STUB = '''"""Double every number."""


def double(x):
    # TODO
    raise NotImplementedError
'''

CHECKS = '''import numpy as np
from checklib import expect_close


def check_double(solution):
    expect_close(solution.double(np.arange(3.0)), [0.0, 2.0, 4.0], "double(x)", hint="multiply by two")
'''

CHECKPOINT_TOML = '''topic = "Arithmetic"
title = "Doubling"

[[mistakes]]
name = "adds-one"
about = "adds one instead of doubling"
replace = "return 2 * np.asarray(x, dtype=float)"
with = "return np.asarray(x, dtype=float) + 1"
expect = "double(x)"
'''


def write_pack(folder: Path, pack_id: str = "tiny", names: tuple[str, ...] = ("01_double",)) -> Path:
    """A pack of checkpoints that all double numbers, one stage; returns its folder."""
    folder.mkdir(parents=True, exist_ok=True)
    listed = ", ".join(f'"{name}"' for name in names)
    (folder / "pack.toml").write_text(
        f'id = "{pack_id}"\ntitle = "A tiny pack"\nversion = "0.1"\n\n'
        f'[[stages]]\ntitle = "Basics"\ncheckpoints = [{listed}]\n', encoding="utf-8")
    for name in names:
        checkpoint = folder / name
        checkpoint.mkdir(exist_ok=True)
        for part, text in (("checkpoint.toml", CHECKPOINT_TOML), ("explain.md", "# Doubling\n\nTimes two.\n"),
                           ("hint.md", "Multiply by 2.\n"), ("stub.py", STUB), ("reference.py", REFERENCE),
                           ("checks.py", CHECKS)):
            (checkpoint / part).write_text(text, encoding="utf-8")
    return folder
