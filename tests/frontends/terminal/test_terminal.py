"""The lab terminal driven by key presses through a prompt_toolkit pipe input."""

from __future__ import annotations

import asyncio
import io
from collections.abc import Callable, Iterator

import pytest
from prompt_toolkit.application import create_app_session
from prompt_toolkit.input import PipeInput, create_pipe_input
from prompt_toolkit.output import DummyOutput

from asa_emulator.frontends.clock import RealTimeClock
from asa_emulator.frontends.line.completer import complete_line
from asa_emulator.frontends.line.pager import paginate
from asa_emulator.frontends.tui.app import LabTerminal, run_terminal
from tests.support.fakes import FakeLab, wait_until

UP = "\x1b[A"
F2 = "\x1bOQ"
CTRL_C = "\x03"
CTRL_D = "\x04"
CTRL_Z = "\x1a"
CTRL_Q = "\x11"
QUIT = CTRL_Q  # leaves the lab; echoed as `@quit`


@pytest.fixture
def pipe() -> Iterator[PipeInput]:
    with create_pipe_input() as inp, create_app_session(input=inp, output=DummyOutput()):
        yield inp


def type_keys(pipe: PipeInput, lab: FakeLab, keys: str, first_unit: str | None = None) -> str:
    """Run the terminal on `keys` (all typed ahead); what the screen keeps."""
    stream = io.StringIO()
    pipe.send_text(keys)
    assert asyncio.run(LabTerminal(lab, first_unit, stream=stream, realtime=False).run()) == 0
    screen = stream.getvalue()
    return screen.removesuffix("@quit\n") if keys.endswith(QUIT) else screen


def test_line_is_echoed_after_prompt_and_output_follows(pipe: PipeInput) -> None:
    lab = FakeLab()
    assert type_keys(pipe, lab, "show version\r" + QUIT) == "primary> show version\nout: show version\n"
    assert lab.consoles["primary"].executed == ["show version"]


def test_question_mark_shows_help_at_once_and_keeps_the_line(pipe: PipeInput) -> None:
    lab = FakeLab()
    screen = type_keys(pipe, lab, "show ?ver\r" + QUIT)
    assert screen == ("primary> show ?\n  help for 'show '\n  <cr>\nprimary> show ver\nout: show ver\n")
    assert lab.consoles["primary"].executed == ["show ver"]


def test_tab_completes_a_unique_word_and_lists_ambiguous_ones(pipe: PipeInput) -> None:
    lab = FakeLab()
    screen = type_keys(pipe, lab, "sho\tver\t\r" + "sh\t" + CTRL_C + QUIT)
    assert screen == ("primary> show version \nout: show version \nprimary> sh\nshow  shun\n")
    assert lab.consoles["primary"].executed == ["show version "]


def test_ctrl_z_runs_end_in_a_configuration_mode_only(pipe: PipeInput) -> None:
    lab = FakeLab()
    screen = type_keys(pipe, lab, "configure terminal\rhost" + CTRL_Z + "sh" + CTRL_Z + "ow\r" + QUIT)
    assert screen == ("primary> configure terminal\nprimary(config)# ^Z\nprimary# show\nout: show\n")
    assert lab.consoles["primary"].executed == ["configure terminal", "end", "show"]


def test_ctrl_c_clears_the_line(pipe: PipeInput) -> None:
    lab = FakeLab()
    assert type_keys(pipe, lab, "reload" + CTRL_C + "show\r" + QUIT) == "primary> show\nout: show\n"


def test_password_is_masked_and_question_mark_is_part_of_it(pipe: PipeInput) -> None:
    lab = FakeLab()
    screen = type_keys(pipe, lab, "enable\rc?t\r" + QUIT)
    assert screen == "primary> enable\nPassword: ***\n"
    assert lab.consoles["primary"].executed == ["enable", "c?t"]


def test_history_is_per_console_and_never_holds_a_password(pipe: PipeInput) -> None:
    lab = FakeLab()
    stream = io.StringIO()
    terminal = LabTerminal(lab, stream=stream, realtime=False)
    primary = lab.consoles["primary"]
    secondary = lab.consoles["secondary"]

    async def drive() -> None:
        run = asyncio.create_task(terminal.run())
        # History is loaded when a prompt is drawn, so each step waits for the next prompt.
        steps: list[tuple[Callable[[], bool], str]] = [
            (lambda: terminal.waiting_for_input, "enable\r"),
            (lambda: len(primary.executed) == 1 and terminal.waiting_for_input, "cisco\r"),
            (lambda: len(primary.executed) == 2 and terminal.waiting_for_input, UP + "\r"),
            (lambda: len(primary.executed) == 3 and terminal.waiting_for_input, "x\r" + F2),
            (lambda: len(lab.directives) == 1 and terminal.waiting_for_input, UP + "\r"),
            (lambda: len(secondary.executed) == 1 and terminal.waiting_for_input, QUIT),
        ]
        for ready, keys in steps:
            await wait_until(ready)
            pipe.send_text(keys)
        assert await run == 0

    asyncio.run(drive())
    assert primary.executed == ["enable", "cisco", "enable", "x"]
    assert secondary.executed == [""]  # nothing in the secondary's history yet: Up, Enter is a blank line
    assert stream.getvalue() == (
        "primary> enable\nPassword: *****\nprimary# enable\nPassword: *\n@console secondary\nsecondary> \n@quit\n"
    )


def test_f2_switches_console_through_the_lab_and_shows_its_messages(pipe: PipeInput) -> None:
    lab = FakeLab()
    lab.consoles["secondary"].messages = ["Beginning configuration replication from mate."]
    screen = type_keys(pipe, lab, "show a\r" + F2 + "show b\r" + F2 + QUIT)
    assert screen == (
        "primary> show a\n"
        "out: show a\n"
        "@console secondary\n"
        "Beginning configuration replication from mate.\n"
        "secondary> show b\n"
        "out: show b\n"
        "@console primary\n"
    )
    assert lab.directives == ["@console secondary", "@console primary"]


def test_directives_go_to_the_lab_and_errors_are_one_line(pipe: PipeInput) -> None:
    lab = FakeLab()
    lab.consoles["primary"].messages = ["%ASA-1-104001: (Primary) Switching to ACTIVE."]
    screen = type_keys(pipe, lab, "@status\r@bogus 1\r@console secondary\rshow\r" + QUIT)
    assert screen == (
        "%ASA-1-104001: (Primary) Switching to ACTIVE.\n"
        "primary> @status\n"
        "status: all good\n"
        "primary> @bogus 1\n"
        "ERROR: unknown directive '@bogus'\n"
        "primary> @console secondary\n"
        "secondary> show\n"
        "out: show\n"
    )
    assert lab.consoles["primary"].executed == []


def test_pager_space_enter_and_q(pipe: PipeInput) -> None:
    lab = FakeLab()
    screen = type_keys(pipe, lab, "show long\r show long\r\rq" + QUIT)
    lines = [f"line {n}" for n in range(1, 31)]
    assert screen == "\n".join(["primary> show long", *lines, "primary> show long", *lines[:25]]) + "\n"


def test_closing_a_console_moves_to_the_other_and_the_last_one_ends(pipe: PipeInput) -> None:
    lab = FakeLab()
    screen = type_keys(pipe, lab, "exit\rexit\r", first_unit="secondary")
    assert screen == ("secondary> exit\nLogoff\n@console primary\nprimary> exit\nLogoff\n")
    assert lab.directives == ["@console primary"]


def test_messages_arriving_at_a_waiting_prompt_are_shown_at_once(pipe: PipeInput) -> None:
    lab = FakeLab()
    stream = io.StringIO()
    terminal = LabTerminal(lab, stream=stream, realtime=False)

    async def drive() -> None:
        run = asyncio.create_task(terminal.run())
        await wait_until(lambda: terminal.waiting_for_input)
        lab.consoles["primary"].messages = ["End Configuration Replication to mate."]
        terminal.show_messages()
        pipe.send_text(QUIT)
        assert await run == 0

    asyncio.run(drive())
    assert stream.getvalue() == "End Configuration Replication to mate.\n@quit\n"


def test_run_terminal_uses_the_app_session(pipe: PipeInput, capsys: pytest.CaptureFixture[str]) -> None:
    lab = FakeLab()
    pipe.send_text("show clock\r" + QUIT)
    assert run_terminal(lab, "secondary") == 0
    assert capsys.readouterr().out == "secondary> show clock\nout: show clock\n@quit\n"


def test_run_terminal_rejects_an_unknown_unit(capsys: pytest.CaptureFixture[str]) -> None:
    assert run_terminal(FakeLab(), "tertiary") == 2
    assert capsys.readouterr().err == (
        "asa-emulator: no unit named 'tertiary' in this lab (primary, secondary)\n"
    )


def test_clock_advances_by_whole_elapsed_milliseconds() -> None:
    lab = FakeLab()
    now = iter([0, 99_600_000, 250_000_000, 250_900_000, 1_251_000_000])
    clock = RealTimeClock(lab, now_ns=lambda: next(now))
    assert [clock.tick() for _ in range(4)] == [99, 151, 0, 1001]
    assert lab.advanced == [99, 151, 1001]


def test_paginate_pages_lines_and_quits() -> None:
    written: list[str] = []
    answers = iter(["line", "page", "quit"])

    async def ask() -> str:
        return next(answers)

    lines = [str(n) for n in range(10)]
    asyncio.run(paginate(lines, 3, written.extend, ask))  # type: ignore[arg-type]
    assert written == lines[:7]


@pytest.mark.parametrize(
    ("line", "candidates", "result"),
    [
        ("sh", ["show"], ("show ", [])),
        ("show fail", ["failover"], ("show failover ", [])),
        ("show r", ["route", "running-config"], ("show r", ["route", "running-config"])),
        ("show ru", ["running-config", "running-config-all"], ("show running-config", [])),
        ("show ", [], ("show ", [])),
    ],
)
def test_complete_line(line: str, candidates: list[str], result: tuple[str, list[str]]) -> None:
    assert complete_line(line, candidates) == result
