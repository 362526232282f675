"""A trainee's lab kept whole between two runs of the classroom server: the running lab
(every unit's running configuration and sessions, the clock with its timers, failover state,
physical state) written to `snapshot.bin` in the lab directory when the server stops, and
read back on the trainee's next login.

It is the snapshot of lab/freeze.py on disk: the lab's object graph pickled, where the
functions the clock holds as timers (lambdas and nested functions, whose objects are in
closure cells) are written as their code (marshal) and cells, as freeze.py copies them.  A
unit's flash is on disk already (every write is); its folder is opened again on load.

The file is only ever read by the same program that wrote it: it starts with the package's
version and Python's bytecode magic, and any difference, or any error reading it, makes the
lab boot from its flash and physical.json instead (nothing is lost that `write memory` kept).
Pickle runs code it is given: the file is trusted as the roster is, in the instructor's
folder (roster.py makes it readable by its owner only); a trainee never writes it.
"""

from __future__ import annotations

import dataclasses
import importlib
import importlib.util
import io
import marshal
import os
import pickle
import sys
import types
from pathlib import Path
from typing import Any

from ..device.flash import Flash, _open_root, atomic_write
from ..lab.lab import Lab

FILE = "snapshot.bin"
_EMPTY = "\x00empty-cell"


def _stamp() -> bytes:
    from importlib.metadata import PackageNotFoundError, version
    try:
        ours = version("asa-emulator")
    except PackageNotFoundError:
        ours = "0"
    return f"asa-emulator-snapshot 1 {ours} {importlib.util.MAGIC_NUMBER.hex()}\n".encode()


def _make_function(code: bytes, module: str, name: str, defaults: tuple[Any, ...] | None,
                   ncells: int, qualname: str) -> types.FunctionType:
    glob = importlib.import_module(module).__dict__
    fn = types.FunctionType(marshal.loads(code), glob, name, defaults,
                            tuple(types.CellType() for _ in range(ncells)) or None)
    fn.__qualname__ = qualname
    return fn


def _fill_cells(fn: types.FunctionType, cells: tuple[Any, ...]) -> None:
    # after the function is in pickle's memo: a function that names itself (a retry) is one
    for cell, value in zip(fn.__closure__ or (), cells, strict=True):
        if not (isinstance(value, str) and value == _EMPTY):
            cell.cell_contents = value


def _make_flash(state: dict[str, Any]) -> Flash:
    flash = Flash.__new__(Flash)
    for key, value in state.items():
        object.__setattr__(flash, key, value)
    object.__setattr__(flash, "_root_fd", None)
    if flash.root is not None:
        flash._adopt(_open_root(flash.root))
    return flash


class _Pickler(pickle.Pickler):
    def reducer_override(self, obj: Any) -> Any:
        if isinstance(obj, types.FunctionType) and (obj.__closure__ or "<" in obj.__qualname__):
            cells = []
            for cell in obj.__closure__ or ():
                try:
                    cells.append(cell.cell_contents)
                except ValueError:          # a name assigned after the function was made
                    cells.append(_EMPTY)
            args = (marshal.dumps(obj.__code__), obj.__module__, obj.__name__, obj.__defaults__,
                    len(obj.__closure__ or ()), obj.__qualname__)
            return (_make_function, args, tuple(cells), None, None, _fill_cells)
        if type(obj) is Flash:
            state = {f.name: getattr(obj, f.name) for f in dataclasses.fields(obj) if f.name != "_root_fd"}
            return (_make_flash, (state,))
        return NotImplemented


def dumps(lab: Lab) -> bytes:
    hook = lab.exercise
    lab.exercise = None             # the exercise is the server's, not the lab's
    lab.forget_kept()               # compiled patterns and the like: made again when read
    try:
        out = io.BytesIO()
        out.write(_stamp())
        limit = sys.getrecursionlimit()
        sys.setrecursionlimit(max(limit, 20_000))   # a deep object graph (timers in timers)
        try:
            _Pickler(out, protocol=pickle.HIGHEST_PROTOCOL).dump(lab)
        finally:
            sys.setrecursionlimit(limit)
        return out.getvalue()
    finally:
        lab.exercise = hook


def save(lab: Lab, folder: Path) -> None:
    data = dumps(lab)
    fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    try:
        old = os.umask(0o077)
        try:
            atomic_write(fd, FILE, data)
        finally:
            os.umask(old)
    finally:
        os.close(fd)


def _register_handlers() -> None:
    """The command handlers register themselves when imported, as Lab.__init__ does: a lab
    read back is never constructed, and its commands must be known all the same."""
    import asa_emulator.device.handlers  # noqa: F401
    import asa_emulator.failover.commands  # noqa: F401
    import asa_emulator.traffic.commands  # noqa: F401
    import asa_emulator.troubleshoot.commands  # noqa: F401


def load(folder: Path) -> Lab | None:
    """The lab as it was saved in `folder`; None when there is no snapshot or it cannot be
    used (another version wrote it, it is damaged, the folder moved)."""
    try:
        data = (folder / FILE).read_bytes()
    except OSError:
        return None
    stamp = _stamp()
    if not data.startswith(stamp):
        return None
    _register_handlers()
    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(max(limit, 20_000))
    try:
        lab = pickle.loads(data[len(stamp):])
    except Exception:   # noqa: BLE001 - any damage means: boot from the flash instead
        return None
    finally:
        sys.setrecursionlimit(limit)
    if not isinstance(lab, Lab) or lab.spec.root is None or Path(lab.spec.root).resolve() != folder.resolve():
        return None
    return lab


def discard(folder: Path) -> None:
    """Forget the snapshot (the lab is reset: it boots from its flash)."""
    try:
        (folder / FILE).unlink()
    except FileNotFoundError:
        pass
