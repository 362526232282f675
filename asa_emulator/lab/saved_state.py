"""A running lab saved to disk whole and brought back (issue 21: the classroom server saves
each lab when it stops and restores it when it starts).

lab/freeze.py's snapshots are deep copies held in memory (the clock's timers are closures):
they cannot be written.  On disk a lab is what a rack would keep, plus what the server noted:

    lab.toml, UNIT/...    the lab directory: each unit's flash as it is (startup-config, context
                          files, anything copied there), the unsaved running configuration not
                          written to it
    physical.json         power, links pulled, failing or cut (physical.py)
    lab-state.json        the virtual clock and how long a restore is expected to take; each
                          unit's running configuration of every space it has not saved, the
                          failover groups active on it, the files' dates; its connection
                          tables and traffic counters

`load_lab_state(DIR)` boots the lab from its flash, except that a space saved with unsaved
changes boots from the running configuration kept for it (read once, in place of its file:
the file itself is never changed); once settled, each group is made active where it was
(`failover active [group N]`, as an operator would), the saved physical state is applied
(after the pair formed; the failover link's fault first, when only that gives the saved states:
the unit cannot fail over while its failover link is down; or before the boot),
the lab runs until its failover states are the saved ones (interfaces tested, a hold time),
and the connection tables and counters are put back.  The clock is started early enough that
it shows, once all that is done, the time the lab was saved; `@quit` still asks about the
work that was unsaved.  How early: lab-state.json's `restore_ms`, what the saved lab's own
start took (Lab.settle_ms), which the lab is booted once with when it gives the saved time
and failover states; else trial boots (in memory) measure it, and the lab boots again.

What the shows print is then the same (tests/properties/test_saved_state.py compares them).
What starts again, as after a power cut of the whole rack: sessions and their history,
console modes (each console at the user prompt), uptimes, `show failover history` and the
time of the last failover.  What was under way is found done: a unit half-way through its
boot comes back booted, a fault not yet detected comes back detected.  A history that
neither order gives back (the secondary powered on while the failover link was down, after
the primary had known it) comes back as the pair formed first.  The exercise attached to the
lab is not saved: the caller attaches its own.
"""

from __future__ import annotations

import base64
import dataclasses
import json
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..device.boundary import IfCounters
from ..device.flash import Flash, atomic_write
from ..device.session import ModeState, Session
from ..traffic.engine import ReplCounter, UnitTraffic
from ..traffic.table import Conn, ConnTable, Endpoint
from . import physical
from .labfile import find_lab, load_spec
from .spec import LabError

if TYPE_CHECKING:
    from .lab import Lab

FILE = "lab-state.json"
VERSION = 1
MAX_BYTES = 64 * 1024 * 1024


# ------------------------------------------------------------------ saving
def save_lab_state(lab: Lab, folder: Path, *, private: bool = False) -> None:
    """Write the running lab to `folder`: its own lab directory, or an empty or new folder
    (the lab.toml and every unit's flash are copied there).  `private`: lab-state.json
    readable by its owner only (it holds the running configurations, secrets and all)."""
    folder = Path(folder)
    own = lab.spec.root is not None and _same(lab.spec.root, folder)
    if not own:
        if folder.exists() and any(folder.iterdir()):
            raise LabError(f"{folder}: not empty and not the lab's own directory")
        folder.mkdir(parents=True, exist_ok=True)
        _copy_lab(lab, folder)
    physical.save(lab, folder)
    state: dict[str, Any] = {"version": VERSION, "clock_ms": lab.clock.now,
                             "units": {name: _unit_state(lab, name) for name in lab.unit_names}}
    if lab.settle_ms is not None:
        state["restore_ms"] = lab.settle_ms     # what the restore is expected to take
    _write(folder, FILE, (json.dumps(state, indent=1, sort_keys=True) + "\n").encode(),
           0o600 if private else 0o644)


def _same(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve()
    except OSError:
        return False


def _copy_lab(lab: Lab, folder: Path) -> None:
    source = lab.spec.source or find_lab(lab.spec.name)
    _write(folder, "lab.toml", (source / "lab.toml").read_bytes())
    for name, u in lab.units.items():
        root = folder / name
        root.mkdir()
        for d in sorted(u.flash.dirs):
            (root / d).mkdir(parents=True, exist_ok=True)
        for path, data in u.flash.files.items():
            if path in u.flash.images:
                continue        # the software images are the platform's, never written
            (root / path).parent.mkdir(parents=True, exist_ok=True)
            _write(root / Path(path).parent, Path(path).name, data)


def _write(folder: Path, leaf: str, data: bytes, mode: int = 0o644) -> None:
    fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    try:
        atomic_write(fd, leaf, data, mode)
    finally:
        os.close(fd)


def _unit_state(lab: Lab, name: str) -> dict[str, Any]:
    u = lab.unit(name)
    # a file loaded from the lab directory has no date of its own: `dir` shows the lab's
    # start, which the restored lab's clock does not share
    mtimes = {p: u.flash.mtimes.get(p, lab.clock.start) for p in (*u.flash.files, *u.flash.dirs)}
    out: dict[str, Any] = {"mtimes": mtimes, "running": {}, "active": [], "settled": None,
                           "traffic": _traffic_out(lab.traffic.of(u))}
    if not u.up:
        return out
    for space in (None, *u.ctx):
        path = u.spaces.startup_path(space)
        if path is not None and not u.spaces.saved(space):
            text = "\n".join(u.spaces.running_config(space, secrets=True)) + "\n"
            out["running"][path] = base64.b64encode(text.encode()).decode()
    state = lab.failover_state(name)
    out["active"] = [g.id for g in state.groups if g.active] if state.enabled else []
    out["active_active"] = state.active_active
    out["settled"] = _settled_view(lab, name)
    out["unsaved"] = [space or "" for space in (None, *u.ctx) if _unsaved(lab, name, space)]
    return out


def _unsaved(lab: Lab, name: str, space: str | None) -> bool:
    """What `@quit` asks about (Lab.unsaved): changed since the lab settled, and not saved."""
    u = lab.unit(name)
    body = "\n".join(u.spaces.config_body(space, secrets=True))
    return lab._baseline.get((name, space)) != body and not u.spaces.saved(space)


def _settled_view(lab: Lab, name: str) -> list[Any]:
    """What the restore waits for: the groups' states, the monitored interfaces' status (a
    monitored interface is tested for a while after a boot), the links and the mate."""
    s = lab.failover_state(name)
    return [[g.state for g in s.groups], [[m.context, m.name, m.status] for m in s.monitors],
            [s.links.failover_up, s.links.state_up, s.links.lan_failed, s.paired, s.mate_failed]]


def _traffic_out(t: UnitTraffic) -> dict[str, Any]:
    return {
        "tables": {ctx: {"most_used": tab.most_used, "conns": [dataclasses.asdict(c) for c in tab]}
                   for ctx, tab in t.tables.items()},
        "counters": [[ctx, itf, dataclasses.asdict(c)] for (ctx, itf), c in t.counters.items()],
        "repl": [[gid, proto, r.xmit, r.rcv] for (gid, proto), r in t.repl.items()],
        "hits": {ctx: [[*key, n] for key, n in hits.items()] for ctx, hits in t.hits.items()},
        "drops": dict(t.drops), "drops_cleared": t.drops_cleared, "flows": t.flows,
    }


# ------------------------------------------------------------------ restoring
def load_lab_state(folder: Path, *, in_memory: bool = False, lab_class: type[Lab] | None = None) -> Lab:
    """The lab saved in `folder`, running as it was saved (see the module's docstring).
    `in_memory`: the flash is read and never written back."""
    from .lab import Lab
    cls = lab_class or Lab
    folder = Path(folder)
    state = _read_state(folder)
    saved_at = int(state["clock_ms"])
    hint = state.get("restore_ms")
    if type(hint) is int and hint >= 0:
        # the restore most often takes what the saved lab's own start took (or its restore):
        # started that much earlier, the lab is booted once when it then shows the time it
        # was saved and the saved failover states, as the trials below would have made it
        lab = _boot(cls, folder, state, saved_at - hint, in_memory, "after")
        if lab.clock.now == saved_at and _as_saved(lab, state["units"]):
            lab.settle_ms = hint
            return lab
    # Which came first is not saved: the faults after the pair formed (a cable pulled in
    # class), the failover link's before the others (an interface failing while the failover
    # link is down fails nothing over), or all before the boot (a unit powered on while the
    # failover link was down finds no mate).  Each is tried, the first whose failover states
    # are the saved ones is kept.  The boot, the negotiation and the roles take virtual time,
    # the same each time (nothing reads a real clock): the trial measures it, and the lab kept
    # starts that much earlier.
    for order in ORDERS:
        trial = _boot(cls, folder, state, saved_at, True, order)
        if _as_saved(trial, state["units"]):
            break
    else:
        order = ORDERS[0]
        trial = _boot(cls, folder, state, saved_at, True, order)
    took = trial.clock.now - saved_at
    lab = _boot(cls, folder, state, saved_at - took, in_memory, order)
    lab.settle_ms = took
    return lab


def _as_saved(lab: Lab, units: dict[str, Any]) -> bool:
    return all(_settled_view(lab, name) == s.get("settled") for name, s in units.items()
               if s.get("settled") is not None and lab.unit(name).up)


def _read_state(folder: Path) -> dict[str, Any]:
    path = folder / FILE
    try:
        raw = path.read_bytes()
        if len(raw) > MAX_BYTES:
            raise ValueError("too large")
        state = json.loads(raw)
        if not isinstance(state, dict) or state.get("version") != VERSION:
            raise ValueError(f"not version {VERSION}")
        int(state["clock_ms"])
        units = state["units"]
        if not isinstance(units, dict) or not all(isinstance(u, dict) for u in units.values()):
            raise ValueError("no units")
        for u in units.values():
            running = u.get("running", {})
            if not isinstance(running, dict):
                raise ValueError("bad running configurations")
            for text in running.values():
                base64.b64decode(text, validate=True)
            _traffic_in(u.get("traffic", {}))
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
        raise LabError(f"{path}: not a saved lab state ({exc})") from None
    return state


ORDERS = ("after", "failover-link first", "before")


def _boot(cls: type[Lab], folder: Path, state: dict[str, Any], start_ms: int, in_memory: bool,
          order: str) -> Lab:
    spec = dataclasses.replace(load_spec(str(folder), in_memory=in_memory), clock_ms=start_ms)
    lab = cls(spec)
    units: dict[str, Any] = state["units"]
    unknown = set(units) - set(lab.units)
    if unknown:
        raise LabError(f"{folder / FILE}: no unit {sorted(unknown)[0]} in the lab")
    overlays = [_Overlay(lab.unit(name).flash, s.get("running", {})) for name, s in units.items()]
    try:
        off = physical.apply(lab, folder) if order == "before" else []
        lab.settle()
    finally:
        for o in overlays:
            o.remove()
    physical.power_off(lab, off)
    if _roles(lab, units):
        lab.settle()
    if order == "failover-link first":
        physical.apply(lab, folder, only=set(lab.pair.special_link_ends("failover")))
        _until_lan_failed(lab)
    if order != "before":
        physical.power_off(lab, physical.apply(lab, folder))
    _converge(lab, units)
    for name, s in units.items():
        u = lab.unit(name)
        for space in s.get("unsaved", []):
            # the restore settled on the kept running configuration: what was unsaved work
            # then is still unsaved work for `@quit`
            lab._baseline.pop((name, space or None), None)
        u.flash.mtimes.update({k: float(v) for k, v in s.get("mtimes", {}).items() if k in u.flash.files
                               or k in u.flash.dirs})
        if u.up:
            lab.traffic.units[name] = _traffic_in(s.get("traffic", {}))
    return lab


CONVERGE_LIMIT_MS = 10 * 60_000


def _converge(lab: Lab, units: dict[str, Any]) -> None:
    """Advance until every unit's groups and monitored interfaces are as they were saved
    (interface tests, a hold time): at most ten minutes, then as they are."""
    want = {name: s.get("settled") for name, s in units.items()
            if s.get("settled") is not None and lab.unit(name).up}
    end = lab.clock.now + CONVERGE_LIMIT_MS
    while lab.clock.now < end and any(_settled_view(lab, n) != w for n, w in want.items()):
        lab.clock.advance(1000)


def _until_lan_failed(lab: Lab) -> None:
    """Advance until each unit up has marked its failover link failed: at most ten minutes."""
    end = lab.clock.now + CONVERGE_LIMIT_MS
    up = [name for name in lab.units if lab.unit(name).up]
    while lab.clock.now < end and not all(lab.failover_state(n).links.lan_failed for n in up):
        lab.clock.advance(1000)


class _Overlay:
    """The boot reads the kept running configuration in place of a space's file, once per
    file; the flash itself is never written (a reload after the restore boots the file)."""

    def __init__(self, flash: Flash, running: dict[str, str]) -> None:
        self.flash = flash
        self.texts = {path: base64.b64decode(text) for path, text in running.items()}
        if self.texts:
            flash.read = self._read          # type: ignore[method-assign]
            flash.exists = self._exists      # type: ignore[method-assign]

    def _read(self, path: str) -> bytes:
        if path in self.texts:
            return self.texts.pop(path)
        return Flash.read(self.flash, path)

    def _exists(self, path: str) -> bool:
        return path in self.texts or Flash.exists(self.flash, path)

    def remove(self) -> None:
        for name in ("read", "exists"):
            self.flash.__dict__.pop(name, None)


def _roles(lab: Lab, units: dict[str, Any]) -> bool:
    """Make each failover group active where it was saved active; True when one moved."""
    moved = False
    for name, s in units.items():
        u = lab.unit(name)
        if not u.up or not s.get("active"):
            continue
        now = lab.failover_state(name)
        for gid in s["active"]:
            if gid in now.gids and not now.group(gid).active:
                session = Session(u, "ssh")          # never registered, as a check's
                session.state = ModeState("sys_exec")
                session.execute(f"failover active group {gid}" if s.get("active_active") else "failover active")
                moved = True
    return moved


def _traffic_in(data: dict[str, Any]) -> UnitTraffic:
    t = UnitTraffic()
    try:
        for ctx, tab in data.get("tables", {}).items():
            table = ConnTable()
            for c in tab["conns"]:
                table.add(Conn(**{**c, "initiator": Endpoint(**c["initiator"]),
                                  "responder": Endpoint(**c["responder"])}))
            table.most_used = int(tab["most_used"])
            t.tables[ctx] = table
        for ctx, itf, counts in data.get("counters", []):
            t.counters[(ctx, itf)] = IfCounters(**counts)
        for gid, proto, xmit, rcv in data.get("repl", []):
            t.repl[(int(gid), proto)] = ReplCounter(int(xmit), int(rcv))
        for ctx, hits in data.get("hits", {}).items():
            t.hits[ctx] = {(a, b, c): int(n) for a, b, c, n in hits}
        t.drops = {str(k): int(v) for k, v in data.get("drops", {}).items()}
        t.drops_cleared = data.get("drops_cleared")
        t.flows = int(data.get("flows", 0))
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise ValueError(f"bad connection table ({exc})") from None
    return t


__all__ = ["load_lab_state", "save_lab_state"]
