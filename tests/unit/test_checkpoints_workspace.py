"""The curriculum's catalog and the learner's workspace of stubs."""

from __future__ import annotations

import pytest

from tracker.checkpoints import (
    Reason,
    find_checkpoint,
    init_workspace,
    learner_file,
    load_curriculum,
    run_workspace,
)
from tracker.errors import TrackerError


def test_checkpoints_are_found_by_name_folder_or_number():
    place = find_checkpoint("activations").order  # its place on the path the manifest sets
    assert place > 1
    assert find_checkpoint("03_activations").name == "activations"
    assert find_checkpoint(str(place)).name == find_checkpoint(f"0{place}").name == "activations"
    with pytest.raises(TrackerError) as caught:
        find_checkpoint("backprop-by-magic")
    assert caught.value.exit_code == 2 and "tracker check list" in caught.value.line


def test_explanation_and_hint_are_markdown():
    checkpoint = find_checkpoint("losses")
    assert checkpoint.explanation.startswith("# ")
    assert "np.clip" in checkpoint.hint


def test_init_writes_only_stubs_and_never_overwrites(tmp_path):
    curriculum = load_curriculum()
    first = init_workspace(tmp_path)
    assert sorted(p.name for p in first.written) == sorted(c.file_name for c in curriculum)
    assert not first.skipped
    for checkpoint in curriculum:
        assert learner_file(tmp_path, checkpoint).read_bytes() == checkpoint.stub_file.read_bytes()
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(c.file_name for c in curriculum)

    mine = learner_file(tmp_path, curriculum[0])
    mine.write_text("# hours of my work\n", encoding="utf-8")
    second = init_workspace(tmp_path)
    assert not second.written and len(second.skipped) == len(curriculum)
    assert mine.read_text(encoding="utf-8") == "# hours of my work\n"


def test_init_a_chosen_checkpoint_in_a_new_folder(tmp_path):
    outcome = init_workspace(tmp_path / "new" / "ws", [find_checkpoint("pca_svd")])
    assert [p.name for p in outcome.written] == ["14_pca_svd.py"]


def test_run_workspace_runs_the_files_that_are_there(tmp_path):
    init_workspace(tmp_path, [find_checkpoint("activations"), find_checkpoint("losses")])
    learner_file(tmp_path, find_checkpoint("losses")).write_bytes(find_checkpoint("losses").reference_file.read_bytes())
    results = run_workspace(tmp_path)
    assert [(r.name, r.reason) for r in results] == [("activations", Reason.NOT_DONE), ("losses", Reason.PASSED)]
    with pytest.raises(TrackerError):
        run_workspace(tmp_path, [find_checkpoint("mlp")])
