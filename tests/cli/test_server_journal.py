"""What goes wrong with a server journal is one line: a server that isn't there, a wrong password,
a URL that isn't one; and a URL's password never shows (issue 17, "Bad input")."""

from __future__ import annotations

import socket

from testkit.cli import run_entry_point, run_tracker

from tracker.errors import BAD_INPUT, FAILURE
from tracker.store import shown_location


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]  # closed again when the block ends: nothing listens there


def test_a_server_that_is_not_there_is_one_line_naming_host_and_reason() -> None:
    port = _closed_port()
    result = run_entry_point(f"postgresql+psycopg://ada:secret@127.0.0.1:{port}/group", "log", "30m", "CNNs")
    assert result.exit_code == FAILURE
    assert result.stderr.count("\n") == 1
    assert f"127.0.0.1:{port}" in result.stderr and "Connection refused" in result.stderr
    assert "secret" not in result.stderr and "Traceback" not in result.stderr


def test_a_wrong_password_is_one_line_and_nothing_is_written(postgres_server) -> None:
    url = postgres_server.journal()
    database = url.rsplit("/", 1)[1]
    with postgres_server.admin() as admin:
        admin.execute("CREATE ROLE wrong_password_ada LOGIN PASSWORD 'right-one'")
        admin.execute(f'GRANT ALL ON DATABASE "{database}" TO wrong_password_ada')
    wrong = postgres_server.url(database, user="wrong_password_ada", password="wrong-one")
    result = run_entry_point(wrong, "log", "30m", "CNNs")
    assert result.exit_code == FAILURE
    assert result.stderr.count("\n") == 1 and 'password authentication failed for user "wrong_password_ada"' in result.stderr
    assert "wrong-one" not in result.stderr
    assert run_tracker(url, "sessions", "--json").stdout.strip() == "[]"


def test_a_url_that_is_not_one_is_bad_input() -> None:
    result = run_entry_point("postgresql+nosuchdriver://ada@127.0.0.1/group", "status")
    assert result.exit_code == BAD_INPUT and result.stderr.count("\n") == 1


def test_where_never_shows_the_password(tmp_path) -> None:
    result = run_tracker("postgresql+psycopg://ada:p%40ss@127.0.0.1:5432/group", "where")
    assert "ada:***@127.0.0.1:5432/group" in result.stdout and "p%40ss" not in result.stdout
    assert shown_location("postgresql+psycopg://ada:a@b@db/x") == "postgresql+psycopg://ada:***@db/x"
    assert shown_location(str(tmp_path / "journal.db")) == str(tmp_path / "journal.db")
