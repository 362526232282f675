"""One emulated ASA as it is powered: power, boot, console messages, syslog, management
sessions; its configuration spaces are `unit.spaces` (device/spaces.py).

A unit knows nothing about its mate: the failover engine (failover/) is attached through two
ports (device/boundary.py), `unit.pair` that the unit asks and `unit.events` that it tells about
boots, power loss and accepted commands; the traffic engine (traffic/) as `unit.traffic`, for
the interface counters.  Nor does it know the session class: whoever builds a unit gives it
`sessions`, what makes its console and batch sessions (device/session.py's Session), so the
unit sits below its sessions and their command handlers.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from ..config.model import SINGLE, ContextConfig, SystemConfig
from ..kept import Kept
from .boundary import LineSession, ModeState, PairEvents, PairQuery, TrafficHooks
from .flash import MODE_FILE, STARTUP, Flash, FlashError
from .hardware import Hardware
from .mgmt import Management
from .spaces import ConfigSpaces
from .syslog import Syslog, deliver

if TYPE_CHECKING:
    from ..clock import Clock, Timer

# what makes a session on a unit of a kind (`console`, `batch`, `replica`, `ssh`)
Sessions = Callable[["Unit", str], LineSession]


class Unit:
    def __init__(self, name: str, hw: Hardware, flash: Flash, clock: Clock,
                 boot_ms: int = 30_000, kept: Kept | None = None, *,
                 sessions: Sessions) -> None:
        self.name = name
        self.kept = Kept() if kept is None else kept     # the lab's kept values (kept.py)
        self.hw = hw
        self.flash = flash
        self.clock = clock
        self.boot_ms = boot_ms
        self._sessions = sessions
        self.powered = False
        self.up = False
        # `reload` confirmed: no more commands, no prompt, until the unit goes down (at the
        # clock's next step: the command's own output is printed first)
        self.shutting_down = False
        self._announce = False
        self.booted_at = 0
        # what the lab attaches (device/boundary.py): the failover pair, asked (pair) and told
        # (events: its commands are typed by the handlers' side, device/commands.py), and the
        # traffic engine's counters
        self.pair: PairQuery[Unit] | None = None
        self.events: PairEvents[Unit, Any] | None = None
        self.traffic: TrafficHooks[Unit] | None = None
        self.messages: list[str] = []
        self._boot_timer: Timer | None = None
        self._start_timer: Timer | None = None     # the lab's start: power comes on then
        self.mgmt = Management()            # SSH sessions and lockouts (run-time state)
        flash.capacity = hw.flash_bytes
        self.syslog = Syslog()              # logging buffer, counters, datagrams to send
        for image, size in hw.software_images.items():
            flash.add_image(image, size, clock.start)
        self.spaces = ConfigSpaces(hw, flash, clock, self.kept, self.batch,
                                   single=self.flash_mode() == "single")
        self.spaces.on_reset = self._bind_spaces
        self.spaces.reset_config()
        self.console: LineSession = sessions(self, "console")
        self._replica: LineSession | None = None

    # ------------------------------------------------------------------ the configuration
    # what most readers take of the spaces: the system space, the contexts, the mode (read
    # from flash at boot).  Plain attributes, not properties reading self.spaces: they are
    # read on every command and a `show failover` reads them dozens of times (measured in
    # docs/performance.md); the spaces set them again whenever they replace them
    sys: SystemConfig
    ctx: dict[str, ContextConfig]
    single: bool

    def _bind_spaces(self, spaces: ConfigSpaces) -> None:
        self.sys, self.ctx, self.single = spaces.sys, spaces.ctx, spaces.single

    # ------------------------------------------------------------------ identity
    @property
    def role(self) -> str:
        return self.sys.failover.lan_unit

    def prompt_state(self, context: str | None) -> str:
        return self.pair.prompt_state(self, context) if self.pair else "act"

    def is_active_here(self, context: str | None) -> bool:
        return self.pair.is_active_here(self, context) if self.pair else True

    def has_link(self, phys: str) -> bool:
        """The physical link of an interface is up (always, for a unit outside a lab)."""
        return self.pair.has_link(self, phys) if self.pair else True

    def flash_capacity(self) -> int:
        return self.flash.capacity

    # ------------------------------------------------------------------ console
    def emit(self, *lines: str) -> None:
        """Print console messages (shown on this unit's console).  Lines nobody takes (a lab
        served over SSH only, with no console attached) are kept up to CONSOLE_KEPT: a serial
        console keeps nothing that is not read, the emulator keeps the latest."""
        if self.powered:
            self.messages.extend(lines)
            if len(self.messages) > CONSOLE_KEPT:
                del self.messages[:-CONSOLE_KEPT]

    def log(self, msg_id: int, level: int, text: str, context: str | None = None) -> None:
        """A syslog message (`%ASA-level-msg_id: text`) of the system space or a context: it
        goes to the console, the buffer or syslog servers only as `logging` says
        (device/syslog.py).  Console lines that are not syslog messages use `emit`."""
        if self.up:
            deliver(self, msg_id, level, text, context)

    def take_messages(self) -> list[str]:
        out, self.messages = self.messages, []
        return out

    # ------------------------------------------------------------------ power and boot
    def power_on_later(self, at_ms: int, boot_ms: int) -> None:
        """The lab's start: power comes on after `at_ms` and the unit boots unannounced.  A hand
        on the power switch before then (`@power off|on`, a reload) decides instead: the start
        is forgotten, so a unit powered off at time zero stays off."""
        self._forget_start()

        def start() -> None:
            self._start_timer = None
            self.power_on(boot_ms, announce=False)
        self._start_timer = self.clock.call_later(at_ms, start)

    def _forget_start(self) -> None:
        if self._start_timer is not None:
            self._start_timer.cancel()
            self._start_timer = None

    def power_on(self, delay_ms: int | None = None, announce: bool = True) -> None:
        """Power up; the unit boots after `delay_ms` (its boot time).  `announce`: show the
        boot on the console (not for the lab's own start, which transcripts begin after)."""
        self._forget_start()
        if self.powered:
            return
        self.powered = True
        self._announce = announce
        self._boot_timer = self.clock.call_later(self.boot_ms if delay_ms is None else delay_ms,
                                                 self.boot)

    def power_off(self) -> None:
        self._forget_start()
        if not self.powered:
            return
        if self._boot_timer:
            self._boot_timer.cancel()
        was_up = self.up
        self.powered = self.up = self.shutting_down = False
        self.messages = []
        self.syslog.reset()
        self.mgmt.drop_all()                # a reload drops every SSH session
        self.mgmt.reset()
        if was_up and self.events:
            self.events.unit_down(self)

    def shut_down(self) -> None:
        """`reload` (or `mode`) confirmed: the shutdown lines are the last the unit prints; it
        takes no further command and shows no prompt (an SSH session ends, a console waits
        for the boot), then goes down at the clock's next step and boots again."""
        self.shutting_down = True
        self.clock.call_later(0, lambda: self.reload())

    def reload(self, delay_ms: int | None = None) -> None:
        """Go down now and boot again after the boot time."""
        self.power_off()
        self.power_on(delay_ms)

    def boot(self) -> None:
        spaces = self.spaces
        spaces.single = self.flash_mode() == "single"
        spaces.reset_config(factory=not self.flash.exists(STARTUP))
        self.up = True
        self.booted_at = self.clock.now
        spaces.last_modified = None
        report = spaces.load_startup()
        spaces.fit_kept()
        self.console = self._sessions(self, "console")
        banner: list[str] = []
        if self._announce:
            from .show import boot_banner
            banner = boot_banner(self.hw)
        # the configuration's errors come while it is read from flash, before its checksum
        cut = banner.index(_LOADED) if _LOADED in banner else len(banner)
        if cut < len(banner):
            # `Cryptochecksum (unchanged): a44c49c9 4217b655 7de33b81 70c47440`: the loaded
            # configuration's checksum (real 9.8(4)22 ASA5506-X console, netdev mailing list 2024)
            space = SINGLE if spaces.single else None
            banner[cut] = f"{_LOADED}: {spaces.checksum_groups(space)}"
        self.emit(*banner[:cut], *report, *banner[cut:])
        if self.events:
            self.events.unit_booted(self)

    # ------------------------------------------------------------------ context mode
    def flash_mode(self) -> str:
        """The security context mode kept on flash (a real ASA keeps it in a hidden flash
        setting, not in the configuration): `single` or `multiple` (the default)."""
        try:
            text = self.flash.read(MODE_FILE).decode("ascii", "replace").strip()
        except FlashError:
            return "multiple"
        return "single" if text == "single" else "multiple"

    def set_flash_mode(self, mode: str) -> None:
        self.flash.write(MODE_FILE, (mode + "\n").encode(), self.clock.now)

    # ------------------------------------------------------------------ sessions
    def batch(self, context: str | None = None, kind: str = "batch") -> LineSession:
        """A session that runs configuration lines in a space (None: the system space)."""
        s = self._sessions(self, kind)
        s.state = ModeState("ctx_config" if context else "sys_config", context)
        return s

    def replica_session(self) -> LineSession:
        """The batch session that runs the lines replicated from the mate: one, reused (a
        replay replicates thousands of lines, and a batch session keeps no history or
        question from one to the next); a fresh one if it is running a line already."""
        s = self._replica
        if s is not None and not s.running:
            return s
        fresh = self._sessions(self, "replica")
        if s is None:
            self._replica = fresh
        return fresh


CONSOLE_KEPT = 2000                       # console lines kept until a front end takes them
_LOADED = "Cryptochecksum (unchanged)"    # the boot banner's line after the configuration
