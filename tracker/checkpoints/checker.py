"""The trusted side of a run: the checks call the learner's functions through proxies and decide.

It runs in the tracker's worker thread, never where learner code runs. `solution` in a check is a
`Remote`: attribute access, calls and operators become requests over the data-only channel, and
an exception raised in the learner's code comes back as data and is raised here as a
`LearnerRaised` (of the same built-in class, so `floating_point_guard` still catches it).
Imported only while a run starts: it needs numpy.
"""

from __future__ import annotations

import builtins
import errno
import sys
import types
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import numpy as np

from tracker.checkpoints import checklib
from tracker.checkpoints.wire import DATA_KINDS, Channel, ChannelClosed, Codec

#: BaseException subclasses that are not errors of the code but ways out of it.
EXITS = {"SystemExit", "KeyboardInterrupt", "GeneratorExit"}


class LearnerRaised(Exception):
    """An exception the learner's code raised in the sandbox, as the data the host sent."""

    info: dict

    @property
    def learner_line(self) -> int | None:
        return self.info.get("line")


@cache
def _raised_class(name: str) -> type[LearnerRaised]:
    builtin = getattr(builtins, name, None)
    if isinstance(builtin, type) and issubclass(builtin, Exception):
        try:
            return type(f"Learner{name}", (LearnerRaised, builtin), {})
        except TypeError:  # a layout that cannot be mixed in
            pass
    return LearnerRaised


def learner_exception(info: dict) -> LearnerRaised:
    name = next((base for base in info.get("bases", []) if _raised_class(base) is not LearnerRaised),
                "Exception")
    try:
        err = _raised_class(name)(info.get("message", ""))
    except TypeError:  # constructors with required arguments (UnicodeDecodeError)
        err = LearnerRaised(info.get("message", ""))
    err.info = info
    return err


class Session:
    """One conversation with the host: requests out, replies and callbacks in."""

    def __init__(self, channel: Channel) -> None:
        self.channel = channel
        self.callbacks: list[object] = []
        self.functions: dict[str, Remote] = {}
        self.codec = Codec(self._keep, self._resolve)

    def _keep(self, value: object) -> dict:
        if isinstance(value, Remote):
            return {"$r": object.__getattribute__(value, "_ref")}
        if callable(value):
            self.callbacks.append(value)
            return {"$c": len(self.callbacks) - 1}
        raise TypeError(f"the checks cannot send a {type(value).__name__} to the learner's code")

    def _resolve(self, tagged: dict) -> object:
        if not isinstance(tagged.get("$r"), int):
            raise ChannelClosed("a reply that is not in the protocol")
        return _remote_class(str(tagged.get("type", "object")))(self, tagged["$r"])

    def first_reply(self) -> dict:
        """The host's word on loading the learner's file: loaded, raised or syntax_error."""
        message, _ = self.channel.receive()
        return message

    def request(self, op: str, ref: int, args: list, **extra: object) -> object:
        originals: list = []
        encoded, blobs = self.codec.encode(args)
        _collect_mutable(args, originals)
        self.channel.send({"op": op, "obj": ref, "args": encoded, **extra}, blobs)
        while True:
            message, blobs = self.channel.receive()
            kind = message.get("kind")
            if kind == "value":
                decoded = self.codec.decode(message.get("value"), blobs)
                if not (isinstance(decoded, list) and len(decoded) == 2):
                    raise ChannelClosed("a reply that is not a value")
                value, back = decoded
                _write_back(originals, back)
                return value
            if kind == "raised":
                raise learner_exception(message.get("value") or {})
            if kind == "callback":
                self._answer_callback(message, blobs, originals)
            else:
                raise ChannelClosed(f"an unexpected message {kind!r}")

    def _answer_callback(self, message: dict, blobs: list[bytes], originals: list) -> None:
        decoded = self.codec.decode(message.get("value"), blobs)
        if not (isinstance(decoded, list) and len(decoded) == 3):
            raise ChannelClosed("a callback that is not in the protocol")
        args, kwargs, now = decoded
        _write_back(originals, now)  # the arrays as the learner's code has them at this moment
        function = self.callbacks[int(message["cb"])]
        try:
            result = function(*args, **kwargs)
        except (ChannelClosed, checklib.CheckFailed, LearnerRaised):
            raise
        except Exception as err:  # noqa: BLE001 - a bug in a check's helper, told to the host as data
            self.channel.send({"op": "throw", "args": f"{type(err).__name__}: {err}"}, [])
            return
        encoded, out = self.codec.encode(result)
        self.channel.send({"op": "return", "args": encoded}, out)


def _collect_mutable(value: object, found: list) -> None:
    """The arrays and generators a request sends, in the order the host decodes them."""
    if isinstance(value, np.ndarray) and value.dtype.kind in DATA_KINDS or isinstance(value, np.random.Generator):
        found.append(value)
    elif isinstance(value, (list, tuple)):
        for item in value:
            _collect_mutable(item, found)
    elif isinstance(value, dict) and all(isinstance(key, str) for key in value):
        for item in value.values():
            _collect_mutable(item, found)


def _write_back(originals: list, back: object) -> None:
    """Apply the call's in-place changes to the checker's own arrays and generators."""
    if not isinstance(back, dict):
        return
    for key, changed in back.items():
        index = int(key) if key.isdigit() else -1
        original = originals[index] if 0 <= index < len(originals) else None
        if isinstance(original, np.ndarray) and isinstance(changed, np.ndarray):
            if changed.shape == original.shape and original.flags.writeable:
                np.copyto(original, changed, casting="unsafe")
        elif isinstance(original, np.random.Generator) and isinstance(changed, np.random.Generator):
            original.bit_generator.state = changed.bit_generator.state


class Remote:
    """The checker's handle on an object in the sandbox: the module, a function, a `Value`."""

    __slots__ = ("_ref", "_session")

    def __init__(self, session: Session, ref: int) -> None:
        object.__setattr__(self, "_session", session)
        object.__setattr__(self, "_ref", ref)

    def _ask(self, op: str, *args: object, **extra: object) -> object:
        return self._session.request(op, self._ref, list(args), **extra)

    def __getattr__(self, name: str) -> object:
        if name.startswith("__"):
            raise AttributeError(name)
        session, ref = self._session, self._ref
        if ref == 0 and name in session.functions:
            return session.functions[name]
        value = self._ask("getattr", name)
        if ref == 0 and type(value).__name__ in ("function", "type"):
            # The module's functions are looked up once: a training loop calls them thousands of times.
            session.functions[name] = value
        return value

    def __setattr__(self, name: str, value: object) -> None:
        self._ask("setattr", name, value)

    def __call__(self, *args: object, **kwargs: object) -> object:
        return self._ask("call", list(args), kwargs, errstate=np.geterr())

    def __instancecheck__(self, instance: object) -> bool:
        return bool(self._ask("isinstance", instance))

    def __float__(self) -> float:
        return float(self._ask("float"))

    def __neg__(self) -> object:
        return self._ask("neg")

    def __repr__(self) -> str:
        return f"<{type(self).__name__} in the sandbox>"


def _operator(name: str):
    def forward(self: Remote, other: object) -> object:
        return self._ask(name, other)

    forward.__name__ = f"__{name}__"
    return forward


for _name in ("add", "sub", "mul", "truediv", "pow"):
    setattr(Remote, f"__{_name}__", _operator(_name))
    setattr(Remote, f"__r{_name}__", _operator(f"r{_name}"))


@cache
def _remote_class(type_name: str) -> type[Remote]:
    """A subclass named like the learner's type, so `type(out).__name__` reads 'Value'."""
    name = type_name if type_name.isidentifier() else "object"
    return type(name, (Remote,), {"__slots__": ()})


def load_checks(checks_file: str) -> list:
    """The `check_*` functions of a checks file, in order; loaded again only when it changes."""
    stat = Path(checks_file).stat()
    return _load_checks(checks_file, stat.st_mtime_ns, stat.st_size)


@cache
def _load_checks(checks_file: str, mtime_ns: int, size: int) -> list:
    sys.modules.setdefault("checklib", checklib)  # the checks say `from checklib import ...`
    module = types.ModuleType(f"checks_{Path(checks_file).parent.name}")
    module.__file__ = checks_file
    # Compiled here rather than imported, so no __pycache__ lands beside a checks file.
    code = compile(Path(checks_file).read_text(encoding="utf-8"), checks_file, "exec")
    exec(code, module.__dict__)  # noqa: S102 - the checks are tracker's own (or a pack's) code
    return [check for name, check in vars(module).items() if name.startswith("check_") and callable(check)]


def verdict(reason: str, message: str, line: int | None = None) -> dict:
    return {"reason": reason, "message": message, "line": line}


@dataclass
class Tally:
    """Each check's outcome, so a run reports x of N: every check runs, even after a failure,
    because one check's failure must not hide the others. A host that goes away (a crash, the
    time limit) ends the count: the checks not yet run count as not passed."""

    total: int | None = None
    #: (check name, None when it passed, else its verdict's message), in the order they ran.
    outcomes: list[tuple[str, str | None]] = field(default_factory=list)

    @property
    def passed(self) -> int | None:
        return None if self.total is None else sum(message is None for _, message in self.outcomes)

    @property
    def failed(self) -> tuple[str, ...]:
        return tuple(name for name, message in self.outcomes if message is not None)


def check_remote(channel: Channel, checks_file: str | None, limits: dict, tally: Tally | None = None) -> dict | None:
    """The verdict on the learner's code behind `channel` (the first failing check's), or None when
    the host went away (the runner then judges how it ended); `tally` counts every check."""
    tally = Tally() if tally is None else tally
    session = Session(channel)
    try:
        checks = load_checks(checks_file) if checks_file else []
        if checks_file:
            tally.total = len(checks)
        loaded = session.first_reply()
        kind, info = loaded.get("kind"), loaded.get("value") or {}
        if kind == "syntax_error":
            line = info.get("line")
            return verdict("syntax_error", f"{info.get('type', 'SyntaxError')}: {info.get('message')} (line {line})",
                           line if isinstance(line, int) else None)
        if kind == "raised":
            raise learner_exception(info)
        if kind != "loaded":
            raise ChannelClosed(f"an unexpected message {kind!r}")
        return run_checks(checks, _remote_class("module")(session, 0), limits, tally)
    except ChannelClosed:
        return None
    except Exception as err:  # noqa: BLE001 - every failure of a check or of the code is a verdict
        return classify(err, limits)


def run_checks(checks: list, solution: Remote, limits: dict, tally: Tally) -> dict:
    """Run every check; the verdict is the first failure's, or a pass."""
    first = None
    for check in checks:
        try:
            check(solution)
        except ChannelClosed:
            raise
        except Exception as err:  # noqa: BLE001 - every failure of a check or of the code is a verdict
            found = classify(err, limits)
            first = first or found
            tally.outcomes.append((check.__name__, found["message"]))
        else:
            tally.outcomes.append((check.__name__, None))
    return first or verdict("passed", "")


def classify(err: Exception, limits: dict) -> dict:
    """Check failed, not written yet, output limit, memory, exit, or an error, with the learner's line."""
    if isinstance(err, checklib.CheckFailed):
        context = err.__context__
        return verdict("check_failed", str(err), context.learner_line if isinstance(context, LearnerRaised) else None)
    if not isinstance(err, LearnerRaised):
        detail = f": {err}" if str(err) else ""
        return verdict("error", f"{type(err).__name__}{detail} (in the checks, while calling your code)")
    info = err.info
    line, function, kind = info.get("line"), info.get("function"), info.get("type")
    line = line if isinstance(line, int) else None
    where = f" ({_place(line, function)})" if line else ""
    if kind == "SystemExit":
        return verdict("exited", f"the code called sys.exit({info.get('code')}) before the checks finished")
    if kind == "MemoryError":
        at = f" at {_place(line, function)}" if line else ""
        return verdict("memory", f"ran out of memory{at}: the limit is {limits['memory_bytes'] // 2**20} MB", line)
    if info.get("errno") == errno.EFBIG:
        return verdict("output_limit", f"wrote more than {limits['output_bytes'] // 2**20} MB to its output or a file: "
                       "a runaway print loop?", line)
    if kind == "NotImplementedError" and line:
        return verdict("not_done", f"{function} is not written yet (line {line}): replace its TODO", line)
    if kind == "AttributeError" and info.get("on_module"):
        return verdict("error", f"your code has no {info.get('name')!r}: keep the names the stub uses")
    name = kind if kind not in EXITS and isinstance(kind, str) else "an exit"
    message = info.get("message") or ""
    detail = f": {message}" if message else ""
    return verdict("error", f"{name}{detail}{where or ' (in the checks, while calling your code)'}", line)


def _place(line: int, function: str | None) -> str:
    return f"line {line}" if function in ("<module>", None) else f"line {line}, in {function}"
