"""A small stand-in for the engine, implementing asa_emulator.console's protocols for front-end tests."""

from __future__ import annotations

import asyncio
from collections.abc import Callable

from asa_emulator.console import LabSummary, UnitSummary

WORDS = ("failover", "running-config", "show", "shun", "ssh", "version")


class FakeLabError(ValueError):
    """Like the engine's LabError: a ValueError."""


class FakeConsole:
    """Echoes `out: <line>`; knows just enough ASA (enable, login, configure terminal, end, exit,
    terminal pager) for the front ends and netmiko to work against it."""

    def __init__(self, unit_name: str) -> None:
        self.unit_name = unit_name
        self.level = ">"  # ">" user EXEC, "#" privileged, "(config)#" configuration
        self.question: str | None = None
        self.pager = 24
        self.messages: list[str] = []
        self.executed: list[str] = []
        self.is_closed = False

    def prompt(self) -> str:
        if self.question is not None:
            return self.question
        return f"{self.unit_name}{self.level} "

    def execute(self, line: str) -> list[str]:
        self.executed.append(line)
        if self.question == "Username: ":
            self.question = "Password: "
            return []
        if self.question == "Password: ":
            self.question = None
            self.level = "#"
            return []
        command = line.strip()
        if command == "":
            return []
        if command == "enable":
            self.question = "Password: "
        elif command == "login":
            self.question = "Username: "
        elif command == "configure terminal":
            self.level = "(config)#"
        elif command == "end" or (command == "exit" and self.level == "(config)#"):
            self.level = "#"
        elif command == "exit":
            self.is_closed = True
            return ["Logoff"]
        elif command.startswith("terminal pager "):
            self.pager = int(command.split()[-1])
        elif command == "terminal width 511":
            pass
        elif command == "show long":
            return [f"line {n}" for n in range(1, 31)]
        else:
            return [f"out: {line}"]
        return []

    def expects_secret(self) -> bool:
        return self.question == "Password: "

    def help(self, line: str) -> list[str]:
        return [f"  help for '{line}'", "  <cr>"]

    def complete(self, line: str) -> list[str]:
        partial = "" if not line or line.endswith(" ") else line.split()[-1]
        return [word for word in WORDS if word.startswith(partial)]

    def pager_lines(self) -> int:
        return self.pager

    def take_messages(self) -> list[str]:
        messages, self.messages = self.messages, []
        return messages

    def closed(self) -> bool:
        return self.is_closed


class FakeLab:
    unit_names: tuple[str, ...] = ("primary", "secondary")

    def __init__(self) -> None:
        self.consoles = {unit: FakeConsole(unit) for unit in self.unit_names}
        self.sessions: list[FakeConsole] = []
        self.directives: list[str] = []
        self.advanced: list[int] = []
        self.logins: list[tuple[str, str, str]] = []
        self.open_ssh: list[FakeConsole] = []
        self.drops: list[Callable[[], None]] = []
        self.idle_timeout_s = 300
        self.unsaved_spaces: list[str] = []
        self.console_login_units: set[str] = set()
        self.summaries = 0                  # summary() calls (the toolbar's; listeners use unit_up)
        self.period_ms: int | None = None   # a timer due every period_ms of virtual time; None: none

    def console(self, unit: str) -> FakeConsole:
        return self.consoles[unit]

    def open_session(self, unit: str) -> FakeConsole:
        session = FakeConsole(unit)
        self.sessions.append(session)
        return session

    # SSH: user "u" with password "p"; at most 5 sessions per unit
    def ssh_login(self, unit: str, username: str, password: str, client_ip: str) -> bool:
        self.logins.append((unit, username, client_ip))
        return (username, password) == ("u", "p")

    def ssh_open(self, unit: str, username: str, client_ip: str, encryption: str, hmac: str,
                 drop: Callable[[], None]) -> FakeConsole | None:
        if sum(1 for s in self.open_ssh if s.unit_name == unit) >= 5:
            return None
        session = self.open_session(unit)
        self.open_ssh.append(session)
        self.drops.append(drop)
        return session

    def ssh_close(self, console: FakeConsole) -> None:
        self.open_ssh.remove(console)

    def ssh_idle_timeout_s(self, unit: str) -> int:
        return self.idle_timeout_s

    def ssh_users(self, unit: str) -> list[str]:
        return ["u"]

    # the serial console asks for a login when console_login_units holds the unit (user "u", "p")
    def console_login_required(self, unit: str) -> bool:
        return unit in self.console_login_units

    def console_idle_timeout_s(self, unit: str) -> int:
        return 0

    def console_timed_out(self, unit: str) -> None:
        pass

    def console_login(self, unit: str, username: str, password: str) -> bool:
        return (username, password) == ("u", "p")

    def directive(self, line: str) -> list[str]:
        self.directives.append(line)
        words = line.split()
        if words[0] == "@console" and len(words) == 2 and words[1] in self.unit_names:
            return []
        if words == ["@status"]:
            return ["status: all good"]
        raise FakeLabError(f"ERROR: unknown directive '{words[0]}'")

    def advance(self, ms: int) -> None:
        self.advanced.append(ms)

    def now_ms(self) -> int:
        return 1_718_193_600_000 + sum(self.advanced)

    def run_mark(self) -> int:
        return len(self.advanced)

    def wake_in_ms(self, mark: int) -> int | None:
        if self.period_ms is None:
            return None
        return self.period_ms - sum(self.advanced) % self.period_ms

    def take_syslog(self) -> list:
        return []

    def unit_up(self, unit: str) -> bool:
        return True

    def summary(self) -> LabSummary:
        self.summaries += 1
        units = tuple(UnitSummary(u, True, True, ("Active", "Standby Ready")) for u in self.unit_names)
        return LabSummary("fake", "12:00:00 UTC Jun 12 2024", units, "folink up")

    def unsaved(self) -> list[str]:
        return self.unsaved_spaces


async def wait_until(condition: Callable[[], bool]) -> None:
    """Let a front end under test run until `condition` holds (5 s at most)."""
    for _ in range(5000):
        if condition():
            return
        await asyncio.sleep(0.001)
    raise AssertionError("terminal did not get there")
