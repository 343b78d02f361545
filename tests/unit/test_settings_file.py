"""config.toml written by tracker: one setting saved in place (the learner's lines and comments
kept, TOML strings escaped), settings remembered from first use, and the commented file."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from tracker import config
from tracker.errors import Msg, TrackerError


@pytest.fixture
def config_path(isolated_environment: Path) -> Path:
    return config.config_file()


def test_a_saved_setting_replaces_its_line_and_keeps_every_other_line(config_path: Path) -> None:
    config_path.parent.mkdir(parents=True)
    config_path.write_text(
        '# my settings\n'
        'daily_minimum = 45   # an hour is too much\n'
        'posts_folder = "/old"  # where my blog is\n'
        'motto = """\n'
        'posts_folder = "not a key: inside a string"\n'
        '"""\n'
        '\n'
        '[plugins]\n'
        'posts_folder = "a table\'s key, not the setting"\n',
        encoding="utf-8",
    )
    config.save_setting("posts_folder", "/new", config_path)
    config.save_setting("checkpoint_workspace", "/work space", config_path)
    assert config_path.read_text(encoding="utf-8") == (
        '# my settings\n'
        'daily_minimum = 45   # an hour is too much\n'
        'posts_folder = "/new"  # where my blog is\n'
        'motto = """\n'
        'posts_folder = "not a key: inside a string"\n'
        '"""\n'
        'checkpoint_workspace = "/work space"\n'
        '\n'
        '[plugins]\n'
        'posts_folder = "a table\'s key, not the setting"\n'
    )
    assert config.load_settings(config_path).posts_folder == "/new"


@pytest.mark.parametrize("value", ['C:\\Users\\me\\blog', "it's \"quoted\" \\ and\ttabbed\nand \x1b escaped", "ünï"])
def test_a_saved_string_reads_back_exactly(config_path: Path, value: str) -> None:
    config.save_setting("posts_folder", value, config_path)
    assert tomllib.loads(config_path.read_text(encoding="utf-8")) == {"posts_folder": value}
    assert "\x1b" not in config_path.read_text(encoding="utf-8")


def test_a_file_without_a_final_line_break_or_with_crlf_keeps_its_line_endings(config_path: Path) -> None:
    config_path.parent.mkdir(parents=True)
    config_path.write_bytes(b"theme = \"light\"\r\nweek_start = \"sunday\"")
    config.save_setting("posts_folder", "/p", config_path)
    assert config_path.read_bytes() == b'theme = "light"\r\nweek_start = "sunday"\r\nposts_folder = "/p"\r\n'


def test_a_broken_file_is_never_rewritten(config_path: Path) -> None:
    config_path.parent.mkdir(parents=True)
    config_path.write_text("daily_minimum = = 3\n", encoding="utf-8")
    with pytest.raises(TrackerError, match="not valid TOML"):
        config.save_setting("posts_folder", "/p", config_path)
    assert config_path.read_text(encoding="utf-8") == "daily_minimum = = 3\n"


def test_remember_saves_only_the_first_use_and_says_so(config_path: Path) -> None:
    said = config.remember(config.POSTS_FOLDER, "/blog/_posts", Msg.REMEMBERED_POSTS_FOLDER)
    assert said.startswith("Remembered posts_folder = /blog/_posts in ") and str(config_path) in said
    assert config.remember(config.POSTS_FOLDER, "/tmp/elsewhere", Msg.REMEMBERED_POSTS_FOLDER) == ""
    assert config.load_settings().posts_folder == "/blog/_posts"


def test_remember_that_cannot_write_says_so_in_one_line(config_path: Path) -> None:
    config_path.parent.parent.mkdir(parents=True, exist_ok=True)
    config_path.parent.write_text("a file where the config folder should be", encoding="utf-8")
    said = config.remember(config.CHECKPOINT_WORKSPACE, "/w", Msg.REMEMBERED_WORKSPACE)
    assert said.startswith("could not remember checkpoint_workspace in config.toml") and "\n" not in said


def test_the_commented_file_lists_every_setting_and_reads_as_the_defaults(config_path: Path) -> None:
    text = config.commented_config(config_path)
    assert tomllib.loads(text) == {}
    for item in config.SETTING_FIELDS:
        assert f"# {item.name} = {config.toml_value(item.default)}\n" in text
        assert f"# {item.metadata['help']}\n" in text
    config_path.parent.mkdir(parents=True)
    config_path.write_text('theme = "light"\nmy_note = [1, {a = "b"}]\n', encoding="utf-8")
    rewritten = config.commented_config(config_path)
    assert tomllib.loads(rewritten) == {"theme": "light", "my_note": [1, {"a": "b"}]}


def test_settings_in_force_say_where_each_came_from(config_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    config_path.parent.mkdir(parents=True)
    config_path.write_text("daily_minimum = 45\nthme = 'light'\n", encoding="utf-8")
    sources = {item.name: (item.value, item.source) for item in config.settings_in_force()}
    assert sources["daily_minimum"] == (45, str(config_path))
    assert sources["theme"] == ("dark", "default")
    assert sources["thme"] == ("light", str(config_path))  # a typo shows
    monkeypatch.setenv("TRACKER_DB", "/elsewhere/journal.db")
    where = {item.name: (item.value, item.source) for item in config.locations_in_force()}
    assert where["journal"] == ("/elsewhere/journal.db", "$TRACKER_DB")
    assert where["data folder"][1] == "$TRACKER_DATA_DIR" and where["config file"] == (str(config_path), "$TRACKER_CONFIG_DIR")
    assert config.locations_in_force("/given.db")[0].source == "--db"
