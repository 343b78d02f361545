"""The program that runs inside the sandbox: it loads the learner's module and answers calls.

It decides nothing. The trusted checker, in another process, sends requests (get an attribute,
call a function, apply an operator) over the data-only channel and judges the replies; whatever
the learner's code does here (exit, forge a message, patch this module) it can only change the
data it answers with. Started with `python -I -S`, it never imports tracker: the standard
library, numpy, and `wire` loaded by path.
"""

from __future__ import annotations

import builtins
import faulthandler
import importlib.util
import json
import operator
import os
import sys
import types

#: Kept in hand and released on MemoryError, so there is room left to answer.
RESERVE_BYTES = 4 * 1024 * 1024
LEARNER_MODULE = "solution"
OPERATORS = {name: getattr(operator, name) for name in ("add", "sub", "mul", "truediv", "pow", "neg")}


class _HideTracker:
    """Without the sandbox an installed tracker sits beside numpy: keep it out of easy reach."""

    @staticmethod
    def find_spec(name: str, path: object = None, target: object = None) -> None:
        if name == "tracker" or name.startswith("tracker."):
            raise ModuleNotFoundError(f"No module named {name!r}", name=name)


class Host:
    def __init__(self, job: dict, wire: types.ModuleType) -> None:
        self.job, self.wire = job, wire
        self.channel = wire.Channel(job["read_fd"], job["write_fd"])
        self.codec = wire.Codec(self._keep, self._resolve)
        self.objects: list[object] = []
        #: Each request being served (innermost last): the arrays it was given, as they came, and
        #: the positions of those already sent back changed to a callback.
        self.pending: list[tuple[list, set[str]]] = []
        self.reserve: bytearray | None = bytearray(RESERVE_BYTES)

    def _keep(self, value: object) -> dict:
        self.objects.append(value)
        return {"$r": len(self.objects) - 1, "type": type(value).__name__}

    def _resolve(self, tagged: dict) -> object:
        if "$r" in tagged:
            return self.objects[tagged["$r"]]
        if "$c" in tagged:
            return _Callback(self, tagged["$c"])
        raise self.wire.ChannelClosed("a request that is not in the protocol")

    def send(self, message: dict, blobs: list[bytes]) -> None:
        """Flush what the code printed first: the run may be stopped as soon as this arrives."""
        for stream in (sys.stdout, sys.stderr):
            try:
                stream.flush()
            except (OSError, ValueError, AttributeError):
                pass
        self.channel.send(message, blobs)

    def reply(self, kind: str, value: object = None, back: dict | None = None) -> None:
        encoded, blobs = self.codec.encode([value, back or {}])
        self.send({"kind": kind, "value": encoded}, blobs)

    def raised(self, err: BaseException) -> None:
        if isinstance(err, MemoryError):
            self.reserve = None
        info = self.wire.error_info(err, self.job["display_name"])
        info["on_module"] = isinstance(err, AttributeError) and getattr(err, "obj", None) is self.objects[0]
        self.send({"kind": "raised", "value": info}, [])

    def load(self) -> None:
        """Compile and run the learner's file as the module `solution`; say how it went."""
        job = self.job
        with open(job["learner_file"], encoding="utf-8", errors="replace") as source_file:
            # Padding keeps line numbers those of the learner's file (a block's line in its note).
            source = "\n" * job["line_offset"] + source_file.read()
        learner = types.ModuleType(LEARNER_MODULE)
        learner.__file__ = job["display_name"]
        sys.modules[LEARNER_MODULE] = learner
        self.objects.append(learner)
        try:
            code = compile(source, job["display_name"], "exec")
        except SyntaxError as err:
            self.send({"kind": "syntax_error", "value": {"message": err.msg, "line": err.lineno,
                                                                  "type": type(err).__name__}}, [])
            return
        try:
            exec(code, learner.__dict__)  # noqa: S102 - running the learner's code is this program's job
        except BaseException as err:  # noqa: BLE001 - the code may raise anything; the checker judges it
            self.raised(err)
            return
        self.reply("loaded")

    def serve(self) -> None:
        while True:
            self.handle(*self.channel.receive())

    def handle(self, request: dict, blobs: list[bytes]) -> None:
        mutable: list = []
        sent: set[str] = set()
        self.pending.append((mutable, sent))
        try:
            decoded = self.codec.decode(request.get("args"), blobs, mutable)
            value = self._perform(request, decoded)
        except self.wire.ChannelClosed:
            raise
        except BaseException as err:  # noqa: BLE001 - as in load()
            self.raised(err)
            return
        finally:
            self.pending.pop()
        # Changed arguments go back, so in-place updates reach the checker's arrays and generators.
        self.reply("value", value, self.wire.changed(mutable, sent))

    def _perform(self, request: dict, args: list) -> object:
        import numpy as np

        op, target = request["op"], self.objects[request["obj"]]
        if op == "getattr":
            return getattr(target, args[0])
        if op == "setattr":
            return setattr(target, args[0], args[1])
        if op == "call":
            with np.errstate(**request.get("errstate", {})):
                return target(*args[0], **args[1])
        if op == "isinstance":
            return isinstance(args[0], target)
        if op == "float":
            return float(target)
        if op in OPERATORS:
            return OPERATORS[op](target, *args)
        if op.startswith("r") and op[1:] in OPERATORS:
            return OPERATORS[op[1:]](args[0], target)
        raise ValueError(f"unknown request {op!r}")


class _Callback:
    """A checker's function the learner's code was given (the `f` of numerical_gradient)."""

    def __init__(self, host: Host, number: int) -> None:
        self.host, self.number = host, number

    def __call__(self, *args: object, **kwargs: object) -> object:
        host = self.host
        # The call's arrays as they are now go along, so a checker's function that reads them
        # through a closure (not its argument) sees the learner's in-place nudges.
        now = {}
        if host.pending:
            mutable, sent = host.pending[-1]
            now = host.wire.changed(mutable, sent)
            sent.update(now)
        encoded, blobs = host.codec.encode([list(args), kwargs, now])
        host.send({"kind": "callback", "cb": self.number, "value": encoded}, blobs)
        while True:
            message, blobs = host.channel.receive()
            if message.get("op") == "return":
                return host.codec.decode(message["args"], blobs)
            if message.get("op") == "throw":
                raise RuntimeError(f"the checker's function failed: {message['args']}")
            host.handle(message, blobs)  # the checker may call back into the learner's code


def main(job: dict) -> None:
    sys.path += job["site_dirs"]
    sys.meta_path.insert(0, _HideTracker)
    _import_numpy()
    wire = _load("wire", job["wire_file"])
    sys.path.insert(0, job["learner_dir"])
    _set_limits(job)
    faulthandler.enable()
    # Without site (-S), exit() and quit() do not exist; learners do call them.
    builtins.exit = builtins.quit = sys.exit
    host = Host(job, wire)
    try:
        host.load()
        host.serve()
    except wire.ChannelClosed:
        pass
    # Skip interpreter shutdown: a learner's stray thread or atexit hook must not hang the run.
    os._exit(0)


def _import_numpy() -> None:
    """Import numpy once, before the limits: failing under them would be blamed on the learner."""
    try:
        import numpy  # noqa: F401
    except ImportError:
        pass


def _load(name: str, path: str) -> types.ModuleType:
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def _set_limits(job: dict) -> None:
    """Memory, file size, processes and a CPU backstop in case the runner dies and cannot kill us."""
    try:
        import resource
    except ImportError:  # not POSIX: the runner's wall-clock limit still applies
        return
    limits = [
        (resource.RLIMIT_AS, job["memory_bytes"]),
        (resource.RLIMIT_FSIZE, job["output_bytes"]),
        (resource.RLIMIT_CPU, job["cpu_seconds"]),
        (resource.RLIMIT_CORE, 0),
        (getattr(resource, "RLIMIT_NPROC", None), job["processes"]),
    ]
    for kind, value in limits:
        try:
            if kind is not None:
                resource.setrlimit(kind, (value, value))
        except (ValueError, OSError):  # e.g. RLIMIT_AS on macOS: the other limits still hold
            pass


if __name__ == "__main__":
    main(json.loads(sys.argv[1]))
