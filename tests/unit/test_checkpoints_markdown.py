"""Learner-written checkpoints: `python checkpoint` blocks in Markdown notes."""

from __future__ import annotations

from tracker.checkpoints import (
    Limits,
    Reason,
    blocks_in_files,
    extract_blocks,
    run_blocks,
)

NOTE = """\
# Backprop notes

Plain code is not a checkpoint:

```python
print("just an example")
```

```python checkpoint
import numpy as np
s = 1 / (1 + np.exp(-0.0))
assert s == 0.5
```

- In a list, indented:

  ```python checkpoint chain-rule
  x = 3.0
  assert 2 * x == 6.0
  ```

~~~Python Checkpoint
assert 1 + 1 == 3, "arithmetic is broken"
~~~

```checkpoint
not python
```
"""


def test_only_python_checkpoint_blocks_are_extracted_with_their_lines():
    blocks = extract_blocks(NOTE, "notes/backprop.md")
    assert [b.name for b in blocks] == ["notes/backprop.md#1", "notes/backprop.md#chain-rule", "notes/backprop.md#3"]
    assert [b.line for b in blocks] == [10, 18, 23]
    assert blocks[0].code.splitlines()[0] == "import numpy as np"
    assert blocks[1].code == "x = 3.0\nassert 2 * x == 6.0\n"
    assert all(b.source == "notes/backprop.md" for b in blocks)


def test_no_blocks_in_a_note_without_checkpoints():
    assert extract_blocks("# Nothing\n\n```python\nx = 1\n```\n", "n.md") == []


def test_a_block_passes_when_it_runs_to_the_end_and_fails_at_the_notes_line():
    results = run_blocks(extract_blocks(NOTE, "notes/backprop.md"), Limits(timeout=5))
    assert [r.passed for r in results] == [True, True, False]
    failed = results[2]
    assert failed.reason is Reason.ERROR
    assert failed.message == "AssertionError: arithmetic is broken (line 23)"
    assert failed.line == 23


def test_a_block_with_a_syntax_error_names_the_notes_line():
    note = "intro\n\n```python checkpoint\nx = 1\nif x\n```\n"
    [result] = run_blocks(extract_blocks(note, "n.md"))
    assert result.reason is Reason.SYNTAX_ERROR
    assert result.line == 5


def test_blocks_in_files_names_them_by_relative_path(tmp_path):
    (tmp_path / "topics").mkdir()
    note = tmp_path / "topics" / "attention.md"
    note.write_text("```python checkpoint\nassert True\n```\n", encoding="utf-8")
    [block] = blocks_in_files([note], relative_to=tmp_path)
    assert block.name == "topics/attention.md#1"
    assert block.source == "topics/attention.md"
