"""files.read_text: the one reader of a text file the learner names (notes files, an import's
Markdown files). Every wrong file is one line, exit 2; nothing hangs or is read whole."""

from __future__ import annotations

import os
import threading
import tracemalloc
from pathlib import Path

import pytest

from tracker.errors import BAD_INPUT, TrackerError
from tracker.files import read_text


def _refused(path: Path, limit: int = 1000, **kwargs: object) -> str:
    with pytest.raises(TrackerError) as caught:
        read_text(path, "notes", limit, **kwargs)
    assert caught.value.exit_code == BAD_INPUT
    assert "\n" not in caught.value.line
    return caught.value.line


def test_a_text_file_is_read_without_its_bom_and_with_its_line_endings(tmp_path: Path) -> None:
    note = tmp_path / "note.md"
    note.write_bytes(b"\xef\xbb\xbf# Caf\xc3\xa9\r\nline\n")
    assert read_text(note, "notes", 100) == "# Café\r\nline\n"


def test_a_missing_file_a_folder_and_a_device_are_one_line_each(tmp_path: Path) -> None:
    assert _refused(tmp_path / "nope.md") == f"{tmp_path / 'nope.md'} does not exist"
    assert "is a folder, not a file" in _refused(tmp_path)
    assert "is a device, not a file" in _refused(Path(os.devnull))


def test_shown_names_the_file_in_messages(tmp_path: Path) -> None:
    assert _refused(tmp_path / "x.md", shown="topics/x.md (named in this row)") == (
        "topics/x.md (named in this row) does not exist")


def test_a_fifo_is_refused_without_waiting_for_a_writer(tmp_path: Path) -> None:
    fifo = tmp_path / "notes.md"
    os.mkfifo(fifo)
    outcome: list[str] = []
    reader = threading.Thread(target=lambda: outcome.append(_refused(fifo)), daemon=True)
    reader.start()
    reader.join(10)
    if reader.is_alive():  # blocked in open(): a writer releases it, so the test ends either way
        os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))
        reader.join(5)
        pytest.fail("reading a FIFO blocked")
    assert "is a named pipe (FIFO), not a file" in outcome[0]


def test_a_file_that_is_not_utf8_names_what_to_do(tmp_path: Path) -> None:
    latin = tmp_path / "latin1.md"
    latin.write_bytes("café".encode("latin-1"))
    assert _refused(latin) == f"{latin} is not UTF-8 text: save the notes as UTF-8"


def test_the_limit_counts_characters(tmp_path: Path) -> None:
    note = tmp_path / "note.md"
    note.write_text("é" * 10, encoding="utf-8")  # 20 bytes, 10 characters
    assert read_text(note, "notes", 10) == "é" * 10
    assert _refused(note, limit=9) == f"{note} is longer than 9 characters, the limit for notes: shorten or split it"


def test_a_600_mb_file_is_refused_without_reading_it_whole(tmp_path: Path) -> None:
    huge = tmp_path / "huge.md"
    with huge.open("wb") as handle:
        handle.truncate(600 * 1024 * 1024)  # sparse: no disk space, 600 MB to read
    tracemalloc.start()
    try:
        line = _refused(huge, limit=65_536)
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert "is longer than 65,536 characters" in line
    assert peak < 5 * 1024 * 1024, f"peak {peak:,} bytes"


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their mode")
def test_an_unreadable_file_says_why(tmp_path: Path) -> None:
    secret = tmp_path / "secret.md"
    secret.write_text("x")
    secret.chmod(0)
    assert _refused(secret) == f"can't read {secret}: Permission denied"
