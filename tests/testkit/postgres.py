"""A real PostgreSQL server for the tests: Debian's `postgresql` binaries, a private cluster per
test process in a temporary folder, listening on 127.0.0.1 only.

Nothing is mocked: initdb, pg_ctl and the server are the ones a learner's admin runs. Run as root
(CI here), the cluster belongs to the `postgres` user, as PostgreSQL refuses to run as root. The
superuser `postgres` connects without a password from loopback; every other role needs its
password (scram-sha-256), so wrong-password and privacy tests are real.

Where no server can be started (no binaries, no `postgres` user), `server()` returns the reason
and the tests that need one skip with it.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from itertools import count
from pathlib import Path

SUPERUSER = "postgres"
HOST = "127.0.0.1"


@dataclass
class Server:
    """One running cluster; `database()` makes a fresh, empty database on it."""

    data_dir: Path
    port: int
    bin_dir: Path
    _numbers: count = field(default_factory=lambda: count(1))
    _template: str = ""

    def url(self, database: str = "postgres", user: str = SUPERUSER, password: str | None = None) -> str:
        secret = f":{password}" if password else ""
        return f"postgresql+psycopg://{user}{secret}@{HOST}:{self.port}/{database}"

    def admin(self, database: str = "postgres"):
        """A psycopg connection as the superuser, autocommit (CREATE DATABASE needs it)."""
        import psycopg

        return psycopg.connect(host=HOST, port=self.port, user=SUPERUSER, dbname=database, autocommit=True)

    def database(self, prefix: str = "journal") -> str:
        """A new empty database (its name), owned by the superuser."""
        name = f"{prefix}_{os.getpid()}_{next(self._numbers)}"
        with self.admin() as conn:
            conn.execute(f'CREATE DATABASE "{name}" TEMPLATE template0')
        return name

    def journal(self) -> str:
        """The URL of a new, empty journal: a copy of this server's template journal (made once by
        the store itself), as testkit.journals copies a SQLite one; building the schema each time
        would cost far more."""
        if not self._template:
            from tracker.store import open_journal

            self._template = self.database("template_journal")
            with open_journal(self.url(self._template)):
                pass
        name = f"journal_{os.getpid()}_{next(self._numbers)}"
        with self.admin() as conn:
            conn.execute(f'CREATE DATABASE "{name}" TEMPLATE "{self._template}"')
        return self.url(name)

    def stop(self) -> None:
        _as_owner([str(self.bin_dir / "pg_ctl"), "stop", "-D", str(self.data_dir), "-m", "immediate", "-s"],
                  check=False)
        shutil.rmtree(self.data_dir.parent, ignore_errors=True)


def bin_dir() -> Path | None:
    """Where initdb and pg_ctl are: $PG_BIN, `pg_config --bindir`, or Debian's versioned folder."""
    candidates = [os.environ.get("PG_BIN", "")]
    if shutil.which("pg_config"):
        candidates.append(subprocess.run(["pg_config", "--bindir"], capture_output=True, text=True).stdout.strip())
    candidates += sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True)
    for candidate in candidates:
        if candidate and (Path(candidate) / "initdb").exists() and (Path(candidate) / "pg_ctl").exists():
            return Path(candidate)
    return None


def _owner() -> str | None:
    """The user the cluster runs as: `postgres` when we are root, else ourselves (None)."""
    return SUPERUSER if os.geteuid() == 0 else None


def _as_owner(command: list[str], check: bool = True) -> subprocess.CompletedProcess:
    owner = _owner()
    if owner:
        command = ["runuser", "-u", owner, "--", *command]
    return subprocess.run(command, capture_output=True, text=True, check=check, timeout=120)


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


HBA = """\
# Loopback only: the superuser without a password (the tests' admin), every learner with theirs.
local all all trust
host all postgres 127.0.0.1/32 trust
host all all 127.0.0.1/32 scram-sha-256
host all postgres ::1/128 trust
host all all ::1/128 scram-sha-256
"""


def start() -> Server | str:
    """A running private cluster, or the reason there can't be one."""
    found = bin_dir()
    if found is None:
        return "PostgreSQL is not installed (no initdb/pg_ctl; `bash .ci/system-packages` installs it)"
    owner = _owner()
    if owner:
        try:
            import pwd

            pwd.getpwnam(owner)
        except KeyError:
            return "running as root and there is no `postgres` user to run the server as"
    root = Path(tempfile.mkdtemp(prefix="tracker-pg-"))
    data, sockets = root / "data", root / "sockets"
    sockets.mkdir()
    if owner:
        shutil.chown(root, owner)
        shutil.chown(sockets, owner)
    initdb = _as_owner([str(found / "initdb"), "-D", str(data), "-U", SUPERUSER, "--auth=trust",
                        "--encoding=UTF8", "--locale=C.UTF-8", "-N"], check=False)
    if initdb.returncode:
        shutil.rmtree(root, ignore_errors=True)
        return f"initdb failed: {(initdb.stderr or initdb.stdout).strip().splitlines()[-1:]}"
    (data / "pg_hba.conf").write_text(HBA)
    port = _free_port()
    options = (f"-c listen_addresses={HOST} -c port={port} -c unix_socket_directories={sockets} "
               "-c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200")
    started = _as_owner([str(found / "pg_ctl"), "start", "-D", str(data), "-w", "-s", "-l", str(root / "log"),
                         "-o", options], check=False)
    if started.returncode:
        log = (root / "log").read_text(errors="replace") if (root / "log").exists() else started.stderr
        shutil.rmtree(root, ignore_errors=True)
        return f"the server did not start: {log.strip().splitlines()[-1:] if log else started.returncode}"
    server = Server(data, port, found)
    for _ in range(50):
        try:
            server.admin().close()
            break
        except Exception:  # noqa: BLE001  (still starting)
            time.sleep(0.1)
    return server
