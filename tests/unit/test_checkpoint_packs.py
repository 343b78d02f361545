"""Checkpoint packs: manifests read and refused, names found across packs, an installed package's
pack found through its entry point, validation by the real runner, and resetting a file."""

from __future__ import annotations

from pathlib import Path

import pytest
from testkit.packs import write_pack

from tracker.checkpoints import find_checkpoint, load_curriculum
from tracker.checkpoints.pack_sources import (
    added_packs,
    builtin_pack,
    known_packs,
    save_added_packs,
)
from tracker.checkpoints.packs import read_pack
from tracker.checkpoints.validate import validate
from tracker.checkpoints.workspace import reset_file
from tracker.errors import TrackerError


def refused(folder: Path) -> str:
    with pytest.raises(TrackerError) as caught:
        read_pack(folder)
    assert caught.value.exit_code == 2 and "\n" not in caught.value.line
    return caught.value.line


def test_a_pack_is_read_in_manifest_order_with_its_stages(tmp_path):
    pack = read_pack(write_pack(tmp_path / "p", names=("02_double", "01_triple")))
    assert [(c.name, c.order, c.stage) for c in pack.checkpoints] == [("tiny:double", 1, "Basics"),
                                                                       ("tiny:triple", 2, "Basics")]
    assert pack.checkpoints[0].file_name == "tiny__02_double.py" and pack.checkpoints[0].short_name == "double"
    assert builtin_pack().checkpoints[0].file_name == "01_broadcasting.py"  # learners' files keep their names


@pytest.mark.parametrize(("breakage", "words"), [
    (lambda f: (f / "pack.toml").unlink(), "has no pack.toml"),
    (lambda f: (f / "pack.toml").write_text("id = [unclosed"), "not valid TOML"),
    (lambda f: (f / "pack.toml").write_text('id = "Bad Id"\ntitle = "t"\nversion = "1"\n'), "id must be"),
    (lambda f: (f / "pack.toml").write_text('id = "x"\ntitle = "t"\nversion = "1"\n'), "[[stages]]"),
    (lambda f: (f / "01_double" / "checks.py").unlink(), "has no checks.py"),
    (lambda f: (f / "pack.toml").write_text(
        'id = "x"\ntitle = "t"\nversion = "1"\n[[stages]]\ntitle = "s"\ncheckpoints = ["../01_double"]\n'),
     "not a folder inside the pack"),
    (lambda f: (f / "pack.toml").write_text(
        'id = "x"\ntitle = "t"\nversion = "1"\n[[stages]]\ntitle = "s"\ncheckpoints = ["01_double", "01_double"]\n'),
     "appears more than once"),
    (lambda f: (f / "01_double" / "reference.py").write_text("def double(x):\n    return x + x\n"),
     "occurs 0 times in reference.py"),
    (lambda f: (f / "01_double" / "checkpoint.toml").write_text("topic = 3\n"), "topic must be"),
])
def test_a_broken_pack_is_one_line(tmp_path, breakage, words):
    folder = write_pack(tmp_path / "p")
    breakage(folder)
    assert words in refused(folder)


def test_a_folder_that_is_not_a_pack_at_all(tmp_path):
    (tmp_path / "file").write_text("x")
    assert "has no pack.toml" in refused(tmp_path / "file")
    assert "has no pack.toml" in refused(tmp_path / "nowhere")


def test_names_are_found_across_packs_and_a_clash_names_both(tmp_path):
    save_added_packs({"tiny": write_pack(tmp_path / "a"), "other": write_pack(tmp_path / "b", "other")})
    assert find_checkpoint("tiny:double").folder == tmp_path / "a" / "01_double"
    assert find_checkpoint("other:1").pack == "other"
    assert find_checkpoint("activations").pack == "builtin"  # a bare number or name stays built-in
    assert find_checkpoint("1").name == "broadcasting"
    with pytest.raises(TrackerError) as caught:
        find_checkpoint("double")
    assert "tiny and other" in caught.value.line and "other:double" in caught.value.line
    with pytest.raises(TrackerError, match="no pack 'nope'"):
        find_checkpoint("nope:double")
    assert [c.name for c in load_curriculum()][-2:] == ["tiny:double", "other:double"]


def test_a_broken_added_pack_is_listed_and_skipped_not_fatal(tmp_path):
    folder = write_pack(tmp_path / "a")
    save_added_packs({"tiny": folder})
    (folder / "pack.toml").write_text("not toml [")
    (broken,) = [k for k in known_packs() if k.added_id == "tiny"]
    assert broken.pack is None and "not valid TOML" in broken.problem
    assert all(c.pack == "builtin" for c in load_curriculum())
    assert added_packs() == {"tiny": folder}


def test_an_installed_package_names_its_pack_by_entry_point(tmp_path, monkeypatch):
    """No install: a dist-info folder on sys.path is what importlib.metadata reads."""
    site = tmp_path / "site"
    write_pack(site / "tinypack", "installed")
    (site / "tinypack" / "__init__.py").write_text("")
    info = site / "tinypack-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: tinypack\nVersion: 1.0\n")
    (info / "entry_points.txt").write_text("[tracker.checkpoints]\ntiny = tinypack\n")
    monkeypatch.syspath_prepend(str(site))
    (known,) = [k for k in known_packs() if k.source == "package tinypack"]
    assert known.pack is not None and known.pack.id == "installed"
    assert find_checkpoint("installed:double").folder == site / "tinypack" / "01_double"


def test_validate_runs_reference_stub_and_mistakes(tmp_path):
    folder = write_pack(tmp_path / "p")
    verdicts = validate(read_pack(folder).checkpoints)
    assert [(v.variant, v.ok) for v in verdicts] == [("reference", True), ("stub", True), ("adds-one", True)]
    (folder / "01_double" / "checkpoint.toml").write_text(
        (folder / "01_double" / "checkpoint.toml").read_text().replace('expect = "double(x)"', 'expect = "halving"'))
    (bad,) = [v for v in validate(read_pack(folder).checkpoints) if not v.ok]
    assert bad.variant == "adds-one" and "'halving'" in bad.problem


def test_reset_keeps_every_earlier_backup(tmp_path):
    checkpoint = find_checkpoint("losses")
    mine = tmp_path / checkpoint.file_name
    assert reset_file(tmp_path, checkpoint).backup is None  # nothing to keep yet
    for attempt in ("first try\n", "second try\n"):
        mine.write_text(attempt)
        outcome = reset_file(tmp_path, checkpoint)
        assert outcome.backup.read_text() == attempt
        assert mine.read_bytes() == checkpoint.stub_file.read_bytes()
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "04_losses.backup-1.py", "04_losses.backup-2.py", "04_losses.py"]
