"""A unit's configuration spaces: the system space and its security contexts (single context
mode: the one space), as they are allocated, rendered, saved, checksummed and loaded from files.

The powered unit (device/unit.py) holds one as `unit.spaces` and reads its two working sets
through `unit.sys` and `unit.ctx`.  What is derived from the configuration is kept (kept.py)
under the revision counters kept here: config_touched is the one place that counts changes.
Files run through batch sessions the unit makes (`batch`): this module knows no session.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterable, Iterator
from typing import Any, TypeVar

from ..bulk import no_gc_pauses
from ..clock import Clock
from ..config import render
from ..config.model import (
    SINGLE,
    Allocation,
    ContextConfig,
    ContextDef,
    CtxInterface,
    SysInterface,
    SystemConfig,
)
from ..kept import REVISIONS, Kept, fit_lab
from . import messages as msg
from .boundary import LineSession
from .derived import PerContext
from .flash import (
    STARTUP,
    Flash,
    FlashError,
    bad_line_shown,
    decode_line,
    is_flash_url,
    resolve,
    split_lines,
)
from .hardware import Hardware, platform_cpu
from .system_inputs import Watch

P = TypeVar("P", bound="PerContext[Any]")

# a batch session on a space (None: the system space) of a kind (`batch`, `replica`)
Batch = Callable[[str | None, str], LineSession]


class ConfigSpaces:
    def __init__(self, hw: Hardware, flash: Flash, clock: Clock, kept: Kept, batch: Batch,
                 single: bool) -> None:
        self.hw = hw
        self.flash = flash
        self.kept = kept
        self.clock = clock
        self._batch = batch
        self.single = single                # single context mode (read at boot)
        # told when reset_config has put new spaces in place (the unit keeps them as plain
        # attributes: unit.sys, unit.ctx, unit.single)
        self.on_reset: Callable[[ConfigSpaces], None] | None = None
        self.sys = SystemConfig()
        self.ctx: dict[str, ContextConfig] = {}
        # `show version`'s "Configuration last modified by": (user, when), since the boot
        self.last_modified: tuple[str, int] | None = None
        # what is derived from the configuration (monitored interfaces, live ports) is kept
        # (self.kept) under these revision counters: a hello tick must not walk every
        # interface.  config_touched is the one place that counts the changes.
        self.config_gen = 0                 # every change
        self.sys_gen = 0                    # changes that may touch the system space
        self.ctx_gen: dict[str, int] = {}   # a context's own changes: config_gen then
        # system-space changes to what the contexts read of it (device/system_inputs.py):
        # a command watching one thing moves it only if that thing has changed
        self.inputs_gen = 0
        self._watch: Watch | None = None
        self._watched: object = None
        # the contexts changed by their own commands since sys_gen last moved, in order,
        # numbered from ctx_changes_from: what per_context rebuilds
        self.ctx_changes: list[str] = []
        self.ctx_changes_from = 0
        self._file_report: list[str] | None = None
        # spaces whose running configuration is what a file made of it at load: (path, digest
        # of the file, checksum of the configuration once loaded); see saved()
        self._loaded: dict[str | None, tuple[str, bytes, str]] = {}

    # ------------------------------------------------------------------ revisions
    def config_touched(self, context: str | None = None, watch: Watch | None = None) -> None:
        """The configuration may have changed: what was derived from it is rebuilt.
        `context`: a command of that security context, which changes that context only
        (neither the system space nor another context): what is derived from the system
        space is kept, and what is derived per context (per_context) is rebuilt for that
        context alone.  `watch`: see system_touched."""
        REVISIONS.bump(self, "config_gen")
        if context is None:
            self.system_touched(watch)
            return
        self.ctx_gen[context] = self.config_gen
        # every change is logged, the same context twice in a row too: a reader may have
        # read between the two (config_touched runs before and after a handler)
        log = self.ctx_changes
        log.append(context)
        if len(log) > CTX_CHANGES_KEPT:     # the older half goes: a reader that far behind
            half = len(log) // 2            # rebuilds whole (PerContext.refresh)
            del log[:half]
            self.ctx_changes_from += half

    def system_touched(self, watch: Watch | None) -> None:
        """A system-space change (config_touched() without a context).  `watch`: the value of
        all the change may alter that the contexts read (device/system_inputs.py), or None
        when it may alter anything: inputs_gen then moves at once."""
        self._look_at_inputs()              # the change before this one, counted if it moved
        REVISIONS.bump(self, "sys_gen")
        self.ctx_changes_from += len(self.ctx_changes)
        self.ctx_changes = []
        self._watch = watch
        if watch is None:
            self._watched = None
            REVISIONS.bump(self, "inputs_gen")
        else:
            self._watched = watch()

    def settle_inputs(self) -> None:
        """Bring inputs_gen up to date: the watched value of the last system-space change
        looked at (a handler may read derived values halfway: they must see its change
        already).  A reader of inputs_gen calls it first."""
        if self._watch is not None:
            self._look_at_inputs()

    def _look_at_inputs(self) -> None:
        watch = self._watch
        if watch is not None:
            now = watch()
            if now != self._watched:
                self._watched = now
                REVISIONS.bump(self, "inputs_gen")

    def context_places(self) -> dict[str, int]:
        """Each context's place (1 up) in the system's order (kept until the system space
        changes)."""
        return self.kept.get(self, "context_index", self.sys_gen,
                             lambda: {c: i + 1 for i, c in enumerate(self.sys.contexts)})

    def fit_kept(self) -> None:
        """Size the process-wide kept values (parse memos, address checks) to this unit's
        configuration: a lab's working set must fit (kept.fit_lab)."""
        fit_lab(len(self.sys.contexts),
                len(self.sys.interfaces) + sum(len(c.interfaces) for c in self.ctx.values()))

    def per_context(self, kept: P) -> P:
        """`kept` (a value derived per context, device/derived.py) with the parts of the
        contexts changed since its last read rebuilt."""
        self.settle_inputs()
        kept.refresh(self.inputs_gen, self.context_places(), self.ctx_changes, self.ctx_changes_from)
        return kept

    def reset_config(self, factory: bool = True) -> None:
        """Empty configuration.  A saved configuration lists `shutdown` for every interface
        that is down, so one about to be loaded starts with every interface enabled; a
        factory-fresh unit has them all shut down.  In single context mode the one space is
        kept as a context named SINGLE that owns every interface (the admin context, so it
        carries the unit's syslog)."""
        self.config_touched()
        self.sys = SystemConfig()
        for name in self.hw.interfaces:
            self.sys.interfaces[name] = SysInterface(name, shutdown=factory)
        self.ctx = {}
        if self.on_reset is not None:
            self.on_reset(self)
        if self.single:
            self.sys.contexts[SINGLE] = ContextDef(SINGLE)
            self.sys.admin_context = SINGLE
            self.new_context(SINGLE).add_default_inspection()
            for name in self.hw.interfaces:
                self.allocate_single(name)

    def allocate_single(self, phys: str) -> None:
        """A single-mode interface (or a new subinterface) belongs to the one space."""
        cdef = self.sys.contexts[SINGLE]
        if not any(a.phys == phys for a in cdef.allocations):
            cdef.allocations.append(Allocation(phys, None))
            self.allocate(SINGLE, phys, None)

    # ------------------------------------------------------------------ loading files
    def names(self) -> list[str | None]:
        """The configuration spaces, each saved and synchronised on its own: the system space
        and every context (single context mode: the one space)."""
        return [None] if self.single else [None, *self.sys.contexts]

    def load_startup(self) -> list[str]:
        """Apply the startup-config at boot: every good line is applied; the report of the
        others (see run_file), which the console shows."""
        self._loaded = {}
        try:
            data = self.flash.read(STARTUP)
        except FlashError as exc:
            if exc.reason == msg.NO_SUCH_FILE:
                return []           # never saved: the factory configuration, silently
            # something else stands where the startup-config belongs (a `.private` that is a
            # file, a `startup-config` folder): the unit boots with the factory configuration
            # and says why on its console  # unverified: a real ASA's boot text for it
            return [msg.error_opening(msg.STARTUP_ON_FLASH, exc.reason)]
        with no_gc_pauses():
            report = self.run_file(None, data)
        self._loaded[None] = (STARTUP, _digest(data), "")
        # the checksums once the whole startup-config ran (a later system line may still
        # have changed a context loaded before it)
        for space, (path, digest, _) in self._loaded.items():
            self._loaded[space] = (path, digest, self._checksum(space))
        return report

    def apply_system(self, lines: list[str], kind: str = "batch") -> list[str]:
        """Execute system configuration lines; contexts load their config-url as they are defined."""
        return self._batch(None, kind).run_lines(lines)

    def apply_context(self, name: str, lines: list[str], kind: str = "batch") -> list[str]:
        return self._batch(name, kind).run_lines(lines)

    def run_file(self, context: str | None, data: bytes) -> list[str]:
        """Apply a configuration file read from flash to a space: every good line is applied;
        a line that is not valid UTF-8 never enters the configuration.  Returns the report of
        the lines that failed: the line, the `^` under the error and the ASA's message
        (unverified: the console form of a configuration loaded at boot; `show startup-config
        errors` on a real ASA heads each with `*** Output from config line N, "..."`).
        A context file loaded while a system file runs (its `config-url`) reports into the same
        report, in order, and returns nothing itself."""
        outer = self._file_report is None
        if outer:
            self._file_report = []
        report = self._file_report
        assert report is not None
        try:
            session = self._batch(context, "batch")
            for raw in split_lines(data):
                text = decode_line(raw)
                if text is None:
                    line, col = bad_line_shown(raw)
                    report.extend([line, msg.caret_line(col), msg.INVALID_INPUT])
                    continue
                if _FRAME.match(text):
                    continue
                out = session.execute(text)
                if out:
                    report.extend(_annotated(text, out, session.prompt_len))
        finally:
            if outer:
                self._file_report = None
        return report if outer else []

    def load_context_url(self, name: str) -> list[str] | None:
        """Load a context's config-url file into it: the report of its bad lines (see
        run_file), or None if the file cannot be fetched."""
        cdef = self.sys.contexts.get(name)
        if cdef is None or not cdef.config_url or not is_flash_url(cdef.config_url):
            return None
        path = resolve(cdef.config_url)
        try:
            data = self.flash.read(path)
        except FlashError:
            return None
        ctx = self.ctx[name]
        # the file is the context's configuration: its inspection policy replaces the default one
        ctx.class_maps, ctx.policy_maps, ctx.service_policies = {}, {}, {}
        report = self.run_file(name, data)
        self._loaded[name] = (path, _digest(data), self._checksum(name))
        return report

    # ------------------------------------------------------------------ allocation
    def new_context(self, name: str) -> ContextConfig:
        self.config_touched()
        ctx = ContextConfig(name)
        self.ctx[name] = ctx
        return ctx

    def allocate(self, name: str, phys: str, mapped: str | None) -> None:
        self.config_touched()
        ctx = self.ctx.get(name)
        if ctx is None:
            ctx = self.ctx[name] = ContextConfig(name)
        key = mapped or phys
        if key in ctx.interfaces:
            return
        ctx.interfaces[key] = CtxInterface(key, management_port=phys.startswith("Management"))
        allocations = self.sys.contexts[name].allocations
        if allocations and allocations[-1].ctx_name == key:
            return      # the usual case, the newest allocation: already in its place
        order = {a.ctx_name: i for i, a in enumerate(allocations)}
        ctx.interfaces = dict(sorted(ctx.interfaces.items(), key=lambda kv: order.get(kv[0], 999)))

    def deallocate(self, name: str, phys: str, mapped: str | None) -> None:
        self.config_touched()
        ctx = self.ctx.get(name)
        if ctx:
            itf = ctx.interfaces.pop(mapped or phys, None)
            if itf is not None and itf.nameif:
                ctx.monitor.pop(itf.nameif, None)

    def rename_allocation(self, name: str, old: str, new: str) -> None:
        """A re-allocation under another mapped name: the context's interface keeps its
        configuration under the new name, in the same place."""
        self.config_touched()
        ctx = self.ctx.get(name)
        if ctx and old in ctx.interfaces:
            itf = ctx.interfaces[old]
            itf.name = new
            ctx.interfaces = {(new if k == old else k): v for k, v in ctx.interfaces.items()}

    def named_interfaces(self) -> Iterator[tuple[str, str, CtxInterface]]:
        """(context, physical interface, interface) for every allocated interface with a
        nameif, in context and allocation order: what monitoring, `show failover` and
        traffic walk."""
        for cdef in self.sys.contexts.values():
            yield from self._named_in(cdef.name)

    def named_interfaces_in(self, contexts: Iterable[str]) -> Iterator[tuple[str, str, CtxInterface]]:
        """named_interfaces of the given contexts only, in the system's context order."""
        wanted = set(contexts)
        if not wanted:
            return
        if len(wanted) == 1:
            yield from self._named_in(next(iter(wanted)))
            return
        for name in self.sys.contexts:
            if name in wanted:
                yield from self._named_in(name)

    def _named_in(self, name: str) -> Iterator[tuple[str, str, CtxInterface]]:
        cdef = self.sys.contexts.get(name)
        ctx = self.ctx.get(name)
        if cdef is None or ctx is None:
            return
        for a in cdef.allocations:
            itf = ctx.interfaces.get(a.ctx_name)
            if itf is not None and itf.nameif:
                yield name, a.phys, itf

    def group_of(self, context: str | None) -> int:
        if context is None or context == self.sys.admin_context:
            return 1
        cdef = self.sys.contexts.get(context)
        return cdef.group if cdef else 1

    # ------------------------------------------------------------------ running, saved
    def header(self) -> list[str]:
        return [f": Serial Number: {self.hw.serial}",
                f": Hardware:   {self.hw.model}, {self.hw.ram_mb} MB RAM, {platform_cpu(self.hw.model)}",
                ":"]

    def running_config(self, context: str | None = None, all_: bool = False,
                       secrets: bool = False) -> list[str]:
        """The full running-config text of the system space or of a context, as lines.
        With `secrets` (the saved form) the failover key is in clear; the checksum is always
        that of the configuration as `show running-config` prints it."""
        space = "system" if context is None else "context"
        if self.single:
            space = ""          # a single-mode configuration's version line has no <space>
        body = self.config_body(context, secrets=False, all_=all_)
        digest = render.checksum(body)
        if secrets and context is None and self.sys.failover.key is not None:
            body = self.config_body(context, secrets=True, all_=all_)
        return render.wrap(body, self.hw.version, space, self.header(), digest,
                           gap_after_saved=self.hw.at_least(9, 4))

    def config_body(self, context: str | None = None, secrets: bool = True,
                    all_: bool = False) -> list[str]:
        """The configuration commands only, for saving, sync and replay."""
        if context is None and self.single:
            return render.single_body(self.sys, self.ctx[SINGLE], all_, secrets)
        if context is None:
            return render.system_body(self.sys, all_, secrets)
        return render.context_body(self.ctx[context], all_)

    def checksum_groups(self, context: str | None = None) -> str:
        """The Cryptochecksum of a space's running configuration, in four groups."""
        return render.checksum_groups(self.config_body(context, secrets=False))

    def startup_path(self, context: str | None = None) -> str | None:
        """The flash path a space is saved to: the startup-config, or the context's config-url
        (None when the context has no config-url on flash, or one the flash refuses)."""
        if context is None:
            return STARTUP
        try:
            return self.context_path(context)
        except FlashError:
            return None

    def context_path(self, context: str) -> str:
        """The flash path of a context's config-url; FlashError with the reason when there is
        none, or it is off the flash or names a path the flash refuses."""
        url = self.sys.contexts[context].config_url
        if not url:
            raise FlashError(url)
        return resolve(url)

    def save(self, context: str | None = None) -> tuple[str, int]:
        """Write the space's running-config to its startup location: (checksum groups, bytes)."""
        path = STARTUP if context is None else self.context_path(context)
        lines = self.running_config(context, secrets=True)
        data = ("\n".join(lines) + "\n").encode()
        self.flash.write(path, data, self.clock.now)
        return self.checksum_groups(context), len(data)

    def _checksum(self, context: str | None) -> str:
        return render.checksum(self.config_body(context, secrets=False))

    def saved(self, context: str | None = None) -> bool:
        """True when the space's running configuration equals what its startup file holds:
        the file's `Cryptochecksum:` line (a saved file) is the running configuration's, or,
        for a file without one (a lab's hand-written startup-config or context file), the
        running configuration is still what that very file made of it when it was loaded."""
        path = self.startup_path(context)
        if path is None or not self.flash.exists(path):
            return False
        data = self.flash.read(path)
        running = self._checksum(context)
        stamped = [line for raw in split_lines(data)[-3:]
                   if (line := (decode_line(raw) or "").strip()).startswith("Cryptochecksum:")]
        if stamped:
            return stamped[-1] == "Cryptochecksum:" + running
        return self._loaded.get(context) == (path, _digest(data), running)


CTX_CHANGES_KEPT = 4096                  # ConfigSpaces.ctx_changes: entries before the older half goes
# The lines a saved configuration is framed with (`ASA Version 9.1(7) <system>`, the closing
# `Cryptochecksum:...`): the ASA reads them without error; the emulator has no command for them.
_FRAME = re.compile(r"^(ASA Version \S+( <\w+>)?|Cryptochecksum:[0-9a-f]*)\s*$")


def _digest(data: bytes) -> bytes:
    return hashlib.blake2b(data, digest_size=16).digest()


def _annotated(line: str, out: list[str], prompt_len: int) -> list[str]:
    """What a configuration line loaded from a file prints: the line itself before a `^`
    marker (moved under the line, which has no prompt), other output as it is."""
    if out and out[0].strip() == "^":
        col = max(len(out[0]) - 1 - prompt_len, 0)
        return [line, msg.caret_line(col), *out[1:]]
    return out
