"""The attacks of issue 13, each shown failing: learner code can't forge a verdict, outlive its run,
write outside its sandbox, reach the network, or read the journal and the references.

Each attack runs in bubblewrap (skipped where it can't start) and, where the fallback claims to
stop it too, with $TRACKER_SANDBOX=none.
"""

from __future__ import annotations

import itertools
import socket
import textwrap
import time
import uuid
from datetime import datetime
from pathlib import Path

import numpy as np
import pytest

from tracker.checkpoints import Job, Limits, Reason, find_checkpoint, run_job
from tracker.checkpoints.history import record_runs
from tracker.checkpoints.sandbox import (
    Sandbox,
    bwrap_arguments,
    bwrap_problem,
    current_sandbox,
    describe,
)
from tracker.checkpoints.wire import ChannelClosed, Codec
from tracker.errors import TrackerError

pytestmark = pytest.mark.xdist_group("runner")

LIMITS = Limits(timeout=5.0, memory_mb=512, output_mb=16)
NO_BWRAP = bwrap_problem()
needs_bwrap = pytest.mark.skipif(NO_BWRAP is not None, reason=f"no bubblewrap sandbox: {NO_BWRAP}")
BOTH = [pytest.param("bwrap", marks=needs_bwrap), "none"]


@pytest.fixture(params=BOTH)
def sandbox(request, monkeypatch) -> str:
    monkeypatch.setenv("TRACKER_SANDBOX", request.param)
    return request.param


@pytest.fixture
def contained(monkeypatch) -> str:
    if NO_BWRAP is not None:
        pytest.skip(f"no bubblewrap sandbox: {NO_BWRAP}")
    monkeypatch.setenv("TRACKER_SANDBOX", "bwrap")
    return "bwrap"


def _run(tmp_path: Path, code: str, checkpoint: str | None = "activations", name: str = "attack"):
    path = tmp_path / f"{name}.py"
    path.write_text(textwrap.dedent(code), encoding="utf-8")
    checks = find_checkpoint(checkpoint).checks_file if checkpoint else None
    return run_job(Job(name, path, str(path), checks), LIMITS)


def _stub(checkpoint: str) -> str:
    return find_checkpoint(checkpoint).stub_file.read_text(encoding="utf-8")


def _alive(marker: str) -> list[int]:
    """Processes (not zombies) whose command line holds `marker`."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            cmdline = (entry / "cmdline").read_bytes()
            state = (entry / "stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            continue
        if marker.encode() in cmdline and state != "Z":
            found.append(int(entry.name))
    return found


def _none_alive(marker: str, wait: float = 3.0) -> bool:
    deadline = time.monotonic() + wait
    while _alive(marker):
        if time.monotonic() > deadline:
            return False
        time.sleep(0.05)
    return True


# -- forged verdicts ---------------------------------------------------------------------------

def test_a_forged_verdict_file_and_os_exit_is_not_a_pass(tmp_path, sandbox):
    result = _run(tmp_path, """
        import json, os, sys
        forged = {"reason": "passed", "message": "", "line": None}
        for target in [*sys.argv[1:2], "verdict.json", os.path.join(os.getcwd(), "verdict.json")]:
            try:
                with open(target if target.endswith(".json") else "verdict.json", "w") as out:
                    json.dump(forged, out)
            except OSError:
                pass
        os._exit(0)
    """)
    assert not result.passed
    assert result.reason is Reason.EXITED
    assert result.sandbox == sandbox


def test_patching_the_classifier_in_the_learners_process_changes_nothing(tmp_path, sandbox):
    patch = ('import sys\nsys.modules["__main__"]._classify = lambda *a, **k: '
             'sys.modules["__main__"].verdict("passed", "")\n')
    result = _run(tmp_path, _stub("activations") + "\n" + patch)
    assert not result.passed
    assert result.reason is Reason.NOT_DONE, result.message


def test_patching_the_classifier_in_a_notes_block_does_not_make_a_false_assert_pass(tmp_path, sandbox):
    patch = ('import sys\nsys.modules["__main__"]._classify = lambda *a, **k: '
             'sys.modules["__main__"].verdict("passed", "")\nassert 1 == 2\n')
    result = _run(tmp_path, patch, checkpoint=None)
    assert not result.passed
    assert result.reason is Reason.ERROR and "AssertionError" in result.message


def test_forged_messages_on_the_channel_are_only_data(tmp_path, sandbox):
    """The code writes its own protocol frames ('loaded', then True for every call) and exits:
    the checks judge that data, and it is wrong."""
    result = _run(tmp_path, """
        import json, os, sys
        wire = sys.modules["wire"]
        spec = json.loads(sys.argv[1])
        channel = wire.Channel(spec["read_fd"], spec["write_fd"])
        channel.send({"kind": "loaded", "value": [None, {}]}, [])
        for _ in range(50):
            channel.receive()
            channel.send({"kind": "value", "value": [True, {}]}, [])
        os._exit(0)
    """)
    assert not result.passed
    assert result.reason in (Reason.CHECK_FAILED, Reason.EXITED, Reason.ERROR), result.message


def test_a_forged_pass_is_not_recorded_as_passed(tmp_path, sandbox, journal):
    result = _run(tmp_path, "import os\nopen('verdict.json', 'w').write('{\"reason\": \"passed\"}')\nos._exit(0)\n")
    record_runs(journal, [result], datetime.now().astimezone())
    row = journal.rows("SELECT passed, sandbox FROM checkpoint_run")[0]
    assert row["passed"] == 0
    assert row["sandbox"] == sandbox


def test_the_checker_never_rebuilds_objects_from_the_learners_side():
    codec = Codec(lambda value: {"$r": 0}, lambda tagged: tagged)
    with pytest.raises(ChannelClosed):
        codec.decode({"$a": 0, "dtype": "|O", "shape": [1]}, [b"\0" * 8])
    encoded, blobs = codec.encode({"x": np.arange(3.0), "t": (1, "a")})
    decoded = codec.decode(encoded, blobs)
    assert decoded["t"] == (1, "a") and decoded["x"].tolist() == [0.0, 1.0, 2.0]


# -- nothing left running ------------------------------------------------------------------------

def test_a_setsid_grandchild_dies_with_the_run(tmp_path, contained):
    marker = f"{uuid.uuid4().int % 10**6}.25"
    result = _run(tmp_path, f"""
        import os
        if os.fork() == 0:
            os.setsid()
            if os.fork() == 0:
                os.execv("/bin/sleep", ["sleep", "{marker}"])
            os._exit(0)
        def sigmoid(x):
            raise NotImplementedError
    """)
    assert not result.passed
    assert _none_alive(marker)


def test_two_hundred_forks_all_end_with_the_run(tmp_path, sandbox):
    marker = f"{uuid.uuid4().int % 10**6}.5"
    result = _run(tmp_path, f"""
        import os
        started = 0
        for _ in range(200):
            try:
                if os.fork() == 0:
                    os.execv("/bin/sleep", ["sleep", "{marker}"])
                started += 1
            except OSError:
                break
        print("started", started)
    """, checkpoint=None)
    assert result.passed  # a block that runs to the end passes; what matters is what is left
    assert _none_alive(marker)


def test_a_child_that_outlives_a_timeout_is_ended(tmp_path, sandbox):
    marker = f"{uuid.uuid4().int % 10**6}.75"
    started = time.monotonic()
    result = run_job(_block(tmp_path, f"""
        import os
        if os.fork() == 0:
            os.execv("/bin/sleep", ["sleep", "{marker}"])
        while True:
            pass
    """), Limits(timeout=1.0, memory_mb=512, output_mb=16))
    assert result.reason is Reason.TIMEOUT
    assert time.monotonic() - started < 5
    assert _none_alive(marker)


def _block(tmp_path: Path, code: str) -> Job:
    path = tmp_path / "block.py"
    path.write_text(textwrap.dedent(code), encoding="utf-8")
    return Job("block", path, str(path))


# -- nothing written outside, no network, nothing of the user's readable -------------------------

def test_nothing_is_written_outside_the_sandbox(tmp_path, contained):
    outside = [tmp_path / "escaped.txt", Path.home() / f"escaped-{uuid.uuid4().hex}.txt"]
    result = _run(tmp_path, f"""
        for target in [*{[str(path) for path in outside]!r}, "/escaped.txt", "/run/learner/new.py"]:
            try:
                open(target, "w").write("x")
                print("WROTE", target)
            except OSError as err:
                print("refused", target, err.strerror)
    """, checkpoint=None)
    assert result.passed
    assert "WROTE" not in result.output, result.output
    assert not any(path.exists() for path in outside)


def test_the_private_tmp_cannot_fill_a_disk(tmp_path, contained):
    result = _run(tmp_path, """
        written = 0
        for i in range(20):
            try:
                with open(f"/tmp/fill{i}", "wb") as out:
                    out.write(b"x" * 15 * 2**20)
                written += 15
            except OSError:
                break
        print("MB", written)
    """, checkpoint=None)
    assert int(result.output.split()[-1]) <= 30, result.output  # 32 MB of tmpfs: two files at most


def test_no_connection_is_made_and_no_server_can_listen(tmp_path, contained):
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.bind(("127.0.0.1", 0))
    listener.listen(5)
    listener.setblocking(False)
    port = listener.getsockname()[1]
    try:
        result = _run(tmp_path, f"""
            import socket
            try:
                socket.create_connection(("127.0.0.1", {port}), timeout=1)
                print("CONNECTED")
            except OSError as err:
                print("no connection:", err)
            try:
                server = socket.socket()
                server.bind(("127.0.0.1", 0))
                server.listen()
                print("listening, alone in its namespace")
            except OSError as err:
                print("no server:", err)
        """, checkpoint=None)
        with pytest.raises(BlockingIOError):
            listener.accept()
    finally:
        listener.close()
    assert "CONNECTED" not in result.output


def test_the_journal_the_references_and_the_parents_command_line_are_unreadable(tmp_path, contained, db_path):
    db_path.write_bytes(b"SQLite format 3\0")
    reference = find_checkpoint("pca_svd").reference_file
    result = _run(tmp_path, f"""
        import os, sys
        for target in [{str(db_path)!r}, {str(reference)!r}, f"/proc/{{os.getppid()}}/cmdline"]:
            try:
                data = open(target, "rb").read()
                print("READ", target, data[:40])
            except OSError as err:
                print("refused", target, err.strerror)
        sys.meta_path[:] = [finder for finder in sys.meta_path if "Hide" not in getattr(finder, "__name__", "")]
        try:
            import tracker
            print("IMPORTED", tracker.__file__)
        except ImportError:
            print("no tracker")
        print("ENV", sorted(os.environ))
    """, checkpoint=None)
    assert "READ " + str(db_path) not in result.output and "READ " + str(reference) not in result.output
    assert "IMPORTED" not in result.output
    assert "TRACKER_DB" not in result.output


def test_the_parents_command_line_is_not_in_reach(tmp_path, contained):
    """In its PID namespace the code's parent is the sandbox's init, not the tracker."""
    result = _run(tmp_path, """
        import os
        for pid in sorted(name for name in os.listdir("/proc") if name.isdigit()):
            print("PROCESS", pid, open(f"/proc/{pid}/cmdline", "rb").read()[:30])
    """, checkpoint=None)
    seen = [line for line in result.output.splitlines() if line.startswith("PROCESS")]
    assert 1 <= len(seen) <= 3, seen  # bubblewrap's init, maybe its monitor, and the code itself
    assert all(line.startswith(("PROCESS 1 b'/usr/bin/bwrap", "PROCESS 2 b'/")) for line in seen), seen


# -- the sandbox itself --------------------------------------------------------------------------

def test_the_tracker_package_is_left_out_when_it_sits_in_a_visible_folder(tmp_path):
    """Absent, not an empty folder over it (that would still import, as a namespace package)."""
    site = tmp_path / "site-packages"
    (site / "tracker" / "checkpoints").mkdir(parents=True)
    (site / "numpy").mkdir()
    (site / "six.py").write_text("")
    sandbox = Sandbox("bwrap", "test", (str(site),), (str(site / "tracker"),))
    args = bwrap_arguments(sandbox, Path("/opt/host"), tmp_path / "answer.py")
    pairs = list(itertools.pairwise(args))
    assert ("--ro-bind", str(site / "numpy")) in pairs and ("--ro-bind", str(site / "six.py")) in pairs
    assert not any(str(site / "tracker") in arg for arg in args)
    assert ("--ro-bind", str(site)) not in pairs
    assert args[-2:] == ["--remount-ro", "/"]
    for flag in ("--unshare-all", "--die-with-parent", "--new-session"):
        assert flag in args
    assert args[args.index("/tmp") - 3:][:2] == ["--size", str(32 * 2**20)]


def test_the_fallback_is_chosen_and_said(monkeypatch):
    monkeypatch.setenv("TRACKER_SANDBOX", "none")
    fallback = current_sandbox([])
    assert not fallback.contained
    text = "\n".join(describe(fallback, 10, 1024, 16))
    assert "Sandbox: none" in text and "resource limits only" in text


def test_a_wrong_sandbox_choice_is_bad_input(monkeypatch):
    monkeypatch.setenv("TRACKER_SANDBOX", "docker")
    with pytest.raises(TrackerError) as caught:
        current_sandbox([])
    assert caught.value.exit_code == 2


def test_asking_for_bubblewrap_where_it_cannot_start_fails_clearly(monkeypatch):
    from tracker.checkpoints import sandbox as module

    monkeypatch.setenv("TRACKER_SANDBOX", "bwrap")
    monkeypatch.setattr(module, "bwrap_problem", lambda: "bubblewrap (bwrap) is not installed")
    with pytest.raises(TrackerError) as caught:
        module.current_sandbox([])
    assert caught.value.exit_code == 1 and "install bubblewrap" in caught.value.line


def test_a_reference_passes_in_both(tmp_path, sandbox):
    checkpoint = find_checkpoint("micrograd")
    result = run_job(Job("micrograd", checkpoint.reference_file, "ref.py", checkpoint.checks_file), LIMITS)
    assert result.passed, result.message
    assert result.sandbox == sandbox


def test_an_installed_tracker_beside_numpy_is_absent_from_the_sandbox(tmp_path, contained, monkeypatch):
    """A non-editable install puts tracker (and the references) in the site-packages numpy comes from."""
    from tracker.checkpoints import runner

    site = tmp_path / "site-packages"
    (site / "tracker").mkdir(parents=True)
    (site / "tracker" / "reference.py").write_text("SECRET = 1\n")
    (site / "other.txt").write_text("visible\n")
    real = runner.child_site_dirs()
    monkeypatch.setattr(runner, "child_site_dirs", lambda: [*real, str(site)])
    result = _run(tmp_path, f"""
        import os
        print("OTHER", open({str(site / "other.txt")!r}).read().strip())
        import sys
        sys.path.insert(0, {str(site)!r})
        sys.meta_path[:] = [finder for finder in sys.meta_path if "Hide" not in getattr(finder, "__name__", "")]
        print("TRACKER", os.path.exists({str(site / "tracker")!r}))
        try:
            import tracker
            print("IMPORTED", tracker)
        except ImportError:
            print("no tracker")
    """, checkpoint=None)
    assert "OTHER visible" in result.output, result.output
    assert "TRACKER False" in result.output and "no tracker" in result.output, result.output


def test_auto_falls_back_to_limits_only_and_says_why(tmp_path, monkeypatch):
    from tracker.checkpoints import sandbox as module

    monkeypatch.setenv("TRACKER_SANDBOX", "auto")
    monkeypatch.setattr(module, "bwrap_problem", lambda: "bubblewrap (bwrap) is not installed")
    chosen = module.current_sandbox([])
    assert (chosen.kind, chosen.why) == ("none", "bubblewrap (bwrap) is not installed")
    assert _run(tmp_path, "x = 1\n", checkpoint=None).sandbox == "none"
