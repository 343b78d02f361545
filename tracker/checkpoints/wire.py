"""The data-only channel between the trusted checker and the sandboxed learner code.

Both sides speak it: the checker imports it as a module, the sandboxed host loads it by path
(it never imports tracker). A message is JSON plus the raw buffers of plain-data NumPy arrays:
nothing that crosses the channel is ever unpickled, so a learner's reply can be wrong data,
never code. Anything else is sent as a numbered reference to an object kept
on its own side (a micrograd `Value`, a checker's callback).
"""

from __future__ import annotations

import json
import os
import select
import struct
import time
from collections.abc import Collection

import numpy as np

#: A reply bigger than this is refused: the curriculum's arrays are kilobytes.
MAX_MESSAGE_BYTES = 64 * 2**20
_SIZE = struct.Struct(">I")
_HEAD = struct.Struct(">II")


class ChannelClosed(Exception):
    """The other side went away (exited, crashed, was killed) or broke the protocol."""


class Channel:
    """Length-prefixed messages over a pair of pipe descriptors."""

    def __init__(self, read_fd: int, write_fd: int, deadline: float | None = None) -> None:
        self.read_fd, self.write_fd, self.deadline = read_fd, write_fd, deadline

    def send(self, message: dict, blobs: list[bytes]) -> None:
        """One write: the frame's size, the JSON's size, the JSON, each blob's size, the blobs."""
        body = json.dumps(message).encode()
        table = struct.pack(f">{len(blobs)}Q", *(len(blob) for blob in blobs))
        payload = b"".join([_HEAD.pack(len(body), len(blobs)), body, table, *blobs])
        data = _SIZE.pack(len(payload)) + payload
        try:
            while data:
                data = data[os.write(self.write_fd, data):]
        except OSError as err:
            raise ChannelClosed(str(err)) from None

    def receive(self) -> tuple[dict, list[bytes]]:
        (total,) = _SIZE.unpack(self._read(_SIZE.size))
        frame = memoryview(self._read(total))
        try:
            size, count = _HEAD.unpack_from(frame)
            offset = _HEAD.size + size
            message = json.loads(bytes(frame[_HEAD.size:offset]))
            lengths = struct.unpack_from(f">{count}Q", frame, offset)
        except (ValueError, struct.error):
            raise ChannelClosed("a message that is not in the protocol") from None
        offset += 8 * count
        blobs = []
        for length in lengths:
            blobs.append(bytes(frame[offset:offset + length]))
            offset += length
        if not isinstance(message, dict) or offset != total:
            raise ChannelClosed("a message that is not in the protocol")
        return message, blobs

    def _read(self, size: int) -> bytes:
        if size > MAX_MESSAGE_BYTES:
            raise ChannelClosed(f"a message over {MAX_MESSAGE_BYTES // 2**20} MB")
        chunks, left = [], size
        while left:
            self._wait_readable()
            chunk = os.read(self.read_fd, min(left, 1 << 20))
            if not chunk:
                raise ChannelClosed("the other side closed the channel")
            chunks.append(chunk)
            left -= len(chunk)
        return b"".join(chunks)

    def _wait_readable(self) -> None:
        """Past the deadline the read fails rather than wait on a process that never answers."""
        if self.deadline is None:
            return
        remaining = self.deadline - time.monotonic()
        if remaining <= 0 or not select.select([self.read_fd], [], [], remaining)[0]:
            raise ChannelClosed("no answer before the time limit")


#: Array kinds that are plain data (bool, numbers, fixed-size text and bytes): never objects.
DATA_KINDS = frozenset("?biufcSU")
#: The bit generators a `np.random.Generator` may be rebuilt from.
BIT_GENERATORS = ("PCG64", "PCG64DXSM", "MT19937", "Philox", "SFC64")


class Codec:
    """Turns values into JSON and raw array buffers and back; `keep` makes a reference of the rest.

    An array travels as its bytes with its dtype and shape, rebuilt by `np.frombuffer` with a
    plain-data dtype (faster than .npy for the thousands of small calls a training check makes,
    and as safe: an object dtype is refused, nothing is unpickled).
    """

    def __init__(self, keep, resolve) -> None:
        self.keep, self.resolve = keep, resolve

    def encode(self, value: object) -> tuple[object, list[bytes]]:
        blobs: list[bytes] = []
        return self._encode(value, blobs), blobs

    def _encode(self, value: object, blobs: list[bytes]) -> object:
        if value is None or isinstance(value, (bool, int, float, str)):
            return value
        if isinstance(value, (np.ndarray, np.generic)) and np.asarray(value).dtype.kind in DATA_KINDS:
            array = np.ascontiguousarray(value)
            blobs.append(array.tobytes())
            return {"$a": len(blobs) - 1, "dtype": array.dtype.str, "shape": list(array.shape),
                    "s": isinstance(value, np.generic)}
        if isinstance(value, list):
            return [self._encode(item, blobs) for item in value]
        if isinstance(value, tuple):
            return {"$t": [self._encode(item, blobs) for item in value]}
        if isinstance(value, dict) and all(isinstance(key, str) for key in value):
            return {"$d": {key: self._encode(item, blobs) for key, item in value.items()}}
        if isinstance(value, np.random.Generator) and type(value.bit_generator).__name__ in BIT_GENERATORS:
            return {"$g": self._encode(value.bit_generator.state, blobs)}
        return self.keep(value)

    def decode(self, value: object, blobs: list[bytes], mutable: list | None = None) -> object:
        """`mutable` collects each array and generator decoded (with its state as sent), so a
        call's in-place changes can be sent back."""
        if isinstance(value, list):
            return [self.decode(item, blobs, mutable) for item in value]
        if not isinstance(value, dict):
            return value
        if "$a" in value:
            blob = blobs[value["$a"]]
            array = _array(blob, value.get("dtype"), value.get("shape"))
            if value.get("s"):
                return array[()]
            if mutable is not None:
                mutable.append((array, blob))
            return array
        if "$t" in value:
            return tuple(self.decode(item, blobs, mutable) for item in value["$t"])
        if "$d" in value:
            return {key: self.decode(item, blobs, mutable) for key, item in value["$d"].items()}
        if "$g" in value:
            state = self.decode(value["$g"], blobs)
            generator = _generator(state)
            if mutable is not None:
                mutable.append((generator, repr(generator.bit_generator.state)))
            return generator
        return self.resolve(value)


def changed(mutable: list, also: Collection[str] = ()) -> dict[str, object]:
    """Of the arrays and generators a call was given, those it changed, by their position, and
    those in `also` (sent changed during the call, so the checker's copy must be brought back)."""
    found = {}
    for index, (item, before) in enumerate(mutable):
        if str(index) in also:
            found[str(index)] = item
        elif isinstance(item, np.ndarray):
            if item.tobytes() != before:
                found[str(index)] = item
        elif repr(item.bit_generator.state) != before:
            found[str(index)] = item
    return found


def _array(blob: bytes, dtype: object, shape: object) -> np.ndarray:
    try:
        kind = np.dtype(str(dtype))
        if kind.kind not in DATA_KINDS or not isinstance(shape, list):
            raise ValueError(dtype)
        return np.frombuffer(blob, dtype=kind).reshape([int(n) for n in shape]).copy()
    except (TypeError, ValueError) as err:
        raise ChannelClosed(f"an array that is not plain data ({err})") from None


def _generator(state: object) -> np.random.Generator:
    name = state.get("bit_generator") if isinstance(state, dict) else None
    if name not in BIT_GENERATORS:
        raise ChannelClosed(f"a random generator of an unknown kind ({name!r})")
    bit_generator = getattr(np.random, name)()
    try:
        bit_generator.state = state
    except (TypeError, ValueError, KeyError) as err:
        raise ChannelClosed(f"a random generator state that does not fit ({err})") from None
    return np.random.Generator(bit_generator)


def error_info(err: BaseException, learner_file: str) -> dict:
    """What the checker needs to know of an exception raised in the learner's code."""
    line = function = None
    trace = err.__traceback__
    while trace is not None:
        code = trace.tb_frame.f_code
        if code.co_filename == learner_file:
            line, function = trace.tb_lineno, code.co_name
        trace = trace.tb_next
    return {
        "type": type(err).__name__, "bases": [cls.__name__ for cls in type(err).__mro__],
        "message": str(err)[:2000], "line": line, "function": function,
        "errno": getattr(err, "errno", None) if isinstance(err, OSError) else None,
        "name": getattr(err, "name", None) if isinstance(err, AttributeError) else None,
        "code": repr(err.code) if isinstance(err, SystemExit) else None,
    }
