"""`tracker config`, the settings remembered from first use (the checkpoint workspace, the posts
folder), and the demo's parting line. Every test has its own TRACKER_CONFIG_DIR and
TRACKER_DATA_DIR (tests/conftest.py)."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import pytest

from tracker import config


def config_toml() -> dict:
    return tomllib.loads(config.config_file().read_text(encoding="utf-8"))


# -- tracker config --------------------------------------------------------------------------------
def test_config_shows_each_setting_with_where_it_came_from(cli, isolated_environment: Path, db_path: Path) -> None:
    config.config_file().parent.mkdir(parents=True)
    config.config_file().write_text("# mine\ndaily_minimum = 45\n", encoding="utf-8")
    result = cli("config")
    assert result.exit_code == 0, result.stderr
    lines = {line.split()[0]: line for line in result.stdout.splitlines() if line.strip()}
    assert lines["daily_minimum"].split()[1:] == ["45", str(config.config_file())]
    assert lines["theme"].split()[1:] == ['"dark"', "default"]
    assert lines["journal"].split()[1:] == [str(db_path), "--db"]
    assert "$TRACKER_DATA_DIR" in lines["data"] and "$TRACKER_CONFIG_DIR" in lines["config"]
    data = json.loads(cli("config", "--json").stdout)
    settings = {item["name"]: item for item in data["settings"]}
    assert settings["posts_folder"]["source"] == "default" and settings["posts_folder"]["explanation"]


def test_config_write_makes_a_commented_file_and_force_replaces_it(cli) -> None:
    written = cli("config", "--write")
    assert written.exit_code == 0 and str(config.config_file()) in written.stdout
    text = config.config_file().read_text(encoding="utf-8")
    assert config_toml() == {} and "# daily_minimum = 30\n" in text and "# posts_folder = \"\"\n" in text
    again = cli("config", "--write")
    assert again.exit_code == 2 and "--force" in again.stderr
    config.save_setting("theme", "light")
    assert cli("config", "--write", "--force").exit_code == 0
    assert config_toml() == {"theme": "light"} and "# daily_minimum = 30\n" in config.config_file().read_text()
    assert cli("config", "--force").exit_code == 2


def test_a_bad_setting_is_still_one_line(cli) -> None:
    config.config_file().parent.mkdir(parents=True)
    config.config_file().write_text("posts_folder = 5\n", encoding="utf-8")
    result = cli("config")
    assert result.exit_code == 2 and result.stderr.count("\n") == 1
    assert "posts_folder should be text in quotes, not 5" in result.stderr


# -- the posts folder -------------------------------------------------------------------------------
@pytest.fixture
def logged(cli) -> None:
    """A journal with a session in 2026-W46 and in 2026-W47."""
    for day in ("2026-11-12", "2026-11-20"):
        assert cli("log", "30m", "Calculus", "--date", day).exit_code == 0


def test_the_first_out_folder_is_remembered_and_an_explicit_option_wins(cli, logged, tmp_path: Path) -> None:
    posts = tmp_path / "blog" / "_posts"
    first = cli("week", "2026-W47", "--out", str(posts))
    assert first.exit_code == 0, first.stderr
    assert "Remembered posts_folder" in first.stdout and config_toml() == {"posts_folder": str(posts)}
    preview = cli("week", "2026-W46")  # no --out, no --save: a preview on stdout, nothing written
    assert preview.stdout.startswith("---\nlayout: post\n") and not (posts / "2026-11-09-my-week-in-ml.md").exists()
    later = cli("week", "2026-W46", "--save")  # the remembered folder
    assert later.exit_code == 0 and (posts / "2026-11-09-my-week-in-ml.md").exists()
    assert "Remembered" not in later.stdout
    other = tmp_path / "elsewhere"
    assert cli("week", "2026-W46", "--out", str(other)).exit_code == 0
    assert (other / "2026-11-09-my-week-in-ml.md").exists()
    assert config_toml() == {"posts_folder": str(posts)}  # a one-off folder doesn't move the blog's
    printed = cli("week", "2026-W46", "--out", "-")
    assert printed.stdout.startswith("---\nlayout: post\n")


def test_save_without_a_remembered_folder_says_how_to_get_one(cli, logged, tmp_path: Path) -> None:
    result = cli("week", "--save")
    assert result.exit_code == 2 and "--out FOLDER once" in result.stderr and not config.config_file().exists()


def test_a_file_given_to_out_is_not_a_posts_folder(cli, logged, tmp_path: Path) -> None:
    assert cli("week", "--out", str(tmp_path / "draft.md")).exit_code == 0
    assert not config.config_file().exists()


# -- the checkpoint workspace -------------------------------------------------------------------------
def test_check_init_remembers_the_workspace_for_later_runs(cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    workspace = tmp_path / "ml-checkpoints"
    init = cli("check", "init", str(workspace))
    assert init.exit_code == 0 and "Remembered checkpoint_workspace" in init.stdout
    assert config_toml() == {"checkpoint_workspace": str(workspace)}
    monkeypatch.chdir(tmp_path)  # no checkpoint files here: the remembered folder is used
    run = cli("check", "run", "activations")
    assert "FAIL activations" in run.stdout, run.output
    empty = tmp_path / "empty"
    empty.mkdir()
    explicit = cli("check", "run", "activations", "-w", str(empty))
    assert explicit.exit_code == 2 and str(empty) in explicit.stderr  # the option wins
    cli("check", "init", str(tmp_path / "second"))
    assert config_toml() == {"checkpoint_workspace": str(workspace)}


def test_the_first_workspace_given_is_remembered_and_a_vanished_one_is_named(cli, tmp_path: Path) -> None:
    workspace = tmp_path / "ws"
    config.save_setting("posts_folder", "/blog")  # another setting: kept
    from tracker.checkpoints import init_workspace

    init_workspace(workspace)
    assert "Remembered checkpoint_workspace" in cli("check", "run", "activations", "-w", str(workspace)).stdout
    assert config_toml() == {"posts_folder": "/blog", "checkpoint_workspace": str(workspace)}
    workspace.rename(tmp_path / "moved")
    gone = cli("check", "run", "activations")
    assert gone.exit_code == 2 and "checkpoint_workspace" in gone.stderr and str(workspace) in gone.stderr


# -- the demo -----------------------------------------------------------------------------------------
def test_after_the_demo_ui_the_last_line_is_true(cli, isolated_environment: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import tracker.cli.data

    seen = []
    monkeypatch.setattr(tracker.cli.data, "open_ui_or_print",
                        lambda app_state: seen.append(Path(app_state.location)) or seen[-1].exists())
    result = cli("demo", db=None)
    assert result.exit_code == 0, result.stderr
    (demo,) = seen
    assert not demo.exists() and not demo.parent.exists()
    last = result.stdout.strip().splitlines()[-1]
    assert "gone" in last and str(isolated_environment / "data" / "journal.db") in last
    assert f"--db {demo}" not in result.stdout  # no hint that names the deleted journal
