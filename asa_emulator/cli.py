"""The command line: lab / run / check / serve / init (design.md, "Command line").

Keep imports lazy: `run` of a one-line script must start faster than importing the terminal
libraries.
"""

from __future__ import annotations

import argparse
import gc
import sys
import time
from pathlib import Path
from typing import Any

EXIT_OK, EXIT_ASA_ERROR, EXIT_BAD_INPUT = 0, 1, 2


def _fail(message: str) -> int:
    print(f"asa-emulator: {message}", file=sys.stderr)
    return EXIT_BAD_INPUT


class _Formatter(argparse.RawDescriptionHelpFormatter):
    """argparse's help layout, measuring the terminal only when help is printed: argparse
    makes a formatter for every argument it declares, and measuring imports shutil (and
    with it bz2 and lzma) at every start.  Epilogs (the examples) are printed as written."""

    def __init__(self, prog: str) -> None:
        super().__init__(prog, width=80)

    def format_help(self) -> str:
        import shutil
        self._width = shutil.get_terminal_size().columns - 2      # as HelpFormatter does
        self._max_help_position = min(24, max(self._width - 20, 4))
        return super().format_help()


class _Parser(argparse.ArgumentParser):
    def __init__(self, **kwargs: Any) -> None:
        super().__init__(formatter_class=_Formatter, **kwargs)


FALLBACK_VERSION = "0.1.0"      # a source tree run without being installed has no metadata


def version() -> str:
    from importlib.metadata import PackageNotFoundError
    from importlib.metadata import version as installed
    try:
        return installed("asa-emulator")
    except PackageNotFoundError:
        return FALLBACK_VERSION


class _Version(argparse.Action):
    """`--version`, reading the package metadata only when asked (argparse's own version
    action wants the text when the parser is built, at every start)."""

    def __init__(self, option_strings: list[str], dest: str, **kwargs: Any) -> None:
        super().__init__(option_strings, dest, nargs=0, help="print the version and exit")

    def __call__(self, parser: argparse.ArgumentParser, *args: Any) -> None:
        print(f"asa-emulator {version()}")
        parser.exit()


def _example(*lines: str) -> str:
    return "example:\n" + "\n".join(f"  {line}" for line in lines)


def _parser() -> argparse.ArgumentParser:
    p = _Parser(prog="asa-emulator",
                description="Cisco ASA Active/Active failover pair emulator",
                epilog=_example("asa-emulator lab blank", "asa-emulator COMMAND --help"))
    # prog given: argparse would otherwise build a help formatter to work it out (which
    # imports shutil, and with it bz2 and lzma, on every start)
    p.add_argument("--version", action=_Version)
    sub = p.add_subparsers(dest="command", prog="asa-emulator")
    lab = sub.add_parser("lab", help="interactive lab terminal",
                         epilog=_example("asa-emulator lab example --fresh"))
    lab.add_argument("lab", nargs="?", default="example", help="built-in lab name or lab directory")
    lab.add_argument("--fresh", action="store_true",
                     help="start a built-in lab from its factory state (discards the kept one)")
    sub.add_parser("labs", help="list the built-in labs the terminal keeps, and where",
                   epilog=_example("asa-emulator labs"))
    run = sub.add_parser("run", help="run command files (or stdin) and print the transcript",
                         epilog=_example("printf 'enable\\n\\nshow failover state\\n' | "
                                         "asa-emulator run --lab example -"))
    run.add_argument("--lab", default=None, help="built-in lab name or lab directory")
    run.add_argument("--strict", action="store_true", help="exit 1 if the ASA printed an error")
    run.add_argument("--no-settle", action="store_true", help="start at time zero, before boot")
    run.add_argument("files", nargs="*", default=["-"], help="command files; - for stdin")
    chk = sub.add_parser("check", help="replay golden transcripts and diff",
                         epilog=_example("asa-emulator check transcripts/failover"))
    chk.add_argument("--update", action="store_true", help="rewrite transcripts from the emulator")
    chk.add_argument("transcripts", nargs="+", help="transcript files or folders of them")
    srv = sub.add_parser("serve", help="SSH server: each unit's console on its own port",
                         epilog=_example("asa-emulator serve --lab example --port 0 --lab-control"))
    srv.add_argument("--lab", default="example", help="built-in lab name or lab directory")
    srv.add_argument("--host", default="127.0.0.1",
                     help="address to listen on (loopback by default; another prints a warning)")
    srv.add_argument("--port", type=int, default=2222,
                     help="the primary's SSH port; the secondary's is PORT+1, the lab-control "
                          "port PORT+2; 0 picks free ports for every listener")
    srv.add_argument("--lab-control", action="store_true",
                     help="accept the @ directives over SSH on PORT+2 (the [control] account "
                          "of lab.toml)")
    srv.add_argument("--console", action="store_true",
                     help="each unit's serial console over telnet, on the loopback only")
    srv.add_argument("--console-port", type=int, default=None, metavar="C",
                     help="the primary's console port (the secondary's is C+1); default 5000, "
                          "or free ports with --port 0")
    ini = sub.add_parser("init", help="copy a built-in lab into DIR so its flash persists",
                         epilog=_example("asa-emulator init mylab --from blank"))
    ini.add_argument("dir", help="the new lab directory (absent or empty)")
    ini.add_argument("--from", dest="source", default="example",
                     help="the built-in lab or lab directory to copy (default: example)")
    srv.add_argument("--classroom", default=None, metavar="DIR",
                     help="a classroom: one lab per trainee of DIR's roster; PORT the primary's "
                          "console, PORT+1 the secondary's, PORT+2 the instructor's")
    _exercise_parser(sub)
    _classroom_parser(sub)
    return p


def _classroom_parser(sub: Any) -> None:
    cl = sub.add_parser("classroom", help="a classroom's roster: add, remove, list, passwd",
                        epilog=_example("asa-emulator classroom add class1 alice --exercise primary"))
    what = cl.add_subparsers(dest="action", prog="asa-emulator classroom", required=True)
    add = what.add_parser("add", help="a trainee (with a new lab) or the instructor")
    add.add_argument("dir", help="the classroom folder (made by the first add)")
    add.add_argument("name", help="the user name")
    add.add_argument("--exercise", default=None, help="the trainee's exercise")
    add.add_argument("--instructor", action="store_true", help="the instructor's account")
    rm = what.add_parser("remove", help="a trainee and the trainee's lab")
    rm.add_argument("dir")
    rm.add_argument("name")
    ls = what.add_parser("list", help="the roster")
    ls.add_argument("dir")
    pw = what.add_parser("passwd", help="change a password")
    pw.add_argument("dir")
    pw.add_argument("name")


def _classroom(args: argparse.Namespace) -> int:
    from .classroom import commands
    if args.action == "add":
        return commands.cmd_add(args.dir, args.name, args.exercise, args.instructor)
    if args.action == "remove":
        return commands.cmd_remove(args.dir, args.name)
    if args.action == "passwd":
        return commands.cmd_passwd(args.dir, args.name)
    return commands.cmd_list(args.dir)


def _exercise_parser(sub: Any) -> None:
    ex = sub.add_parser("exercise", help="graded exercises: list, start, grade, lint",
                        epilog=_example("asa-emulator exercise start primary --as alice"))
    what = ex.add_subparsers(dest="action", prog="asa-emulator exercise", required=True)
    what.add_parser("list", help="the built-in exercises")
    st = what.add_parser("start", help="the lab terminal with the exercise's task")
    st.add_argument("name", help="built-in exercise or exercise folder")
    st.add_argument("--as", dest="trainee", default="", help="the trainee's name (draws the values)")
    st.add_argument("--lab", default=None, help="the lab directory to work in (default: kept)")
    st.add_argument("--fresh", action="store_true", help="start the exercise over")
    gr = what.add_parser("grade", help="grade a saved lab; exit 0 only if every check passes")
    gr.add_argument("name", nargs="?", help="built-in exercise or exercise folder")
    gr.add_argument("labdir", nargs="?", help="the trainee's lab directory")
    gr.add_argument("--as", dest="trainee", default="", help="the trainee whose values to check")
    gr.add_argument("--json", action="store_true", help="the result as JSON")
    gr.add_argument("--csv", action="store_true", help="with --classroom: one row per check, as CSV")
    gr.add_argument("--classroom", default=None, metavar="DIR",
                    help="grade every trainee of the classroom DIR (no NAME LABDIR)")
    li = what.add_parser("lint", help="validate an exercise folder, replay its solution and wrong attempts")
    li.add_argument("dir", help="the exercise folder")


def _exercise(args: argparse.Namespace) -> int:
    from .exercise import commands
    if args.action == "list":
        return commands.cmd_list()
    if args.action == "start":
        return commands.cmd_start(args.name, args.trainee, args.lab, args.fresh)
    if args.action == "grade":
        if args.classroom is not None:
            if args.name or args.labdir or args.trainee or (args.json and args.csv):
                return _fail("exercise grade --classroom DIR takes no NAME, LABDIR or --as, "
                             "and one of --json, --csv")
            from .classroom.grade import cmd_grade_classroom
            return cmd_grade_classroom(args.classroom, args.json, args.csv)
        if not (args.name and args.labdir) or args.csv:
            return _fail("exercise grade NAME LABDIR [--as TRAINEE] [--json], "
                         "or exercise grade --classroom DIR [--json|--csv]")
        return commands.cmd_grade(args.name, args.labdir, args.trainee, args.json)
    return commands.cmd_lint(args.dir)


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    paused = args.command in (None, "lab", "run", "serve") and gc.isenabled()
    if paused:
        # start-up (imports, the lab's load and settle) makes only objects that live on: no
        # collection until lab.keep_for_good() freezes them and turns collection back on
        gc.disable()
    try:
        if args.command is None:
            if not sys.stdin.isatty():
                return cmd_run(None, ["-"], strict=False, settle=True)
            return cmd_lab("example")
        if args.command == "lab":
            if not sys.stdin.isatty():      # `lab NAME < file`: a script, from the factory lab
                from .lab.labfile import load_spec
                from .lab.spec import LabError
                try:
                    load_spec(args.lab)     # a bad lab is refused before the script is read
                except LabError as exc:
                    return _fail(str(exc))
                return cmd_run(args.lab, ["-"], strict=False, settle=True)
            return cmd_lab(args.lab, args.fresh)
        if args.command == "labs":
            from .lab.copies import labs_report
            print("\n".join(labs_report()))
            return EXIT_OK
        if args.command == "run":
            return cmd_run(args.lab, args.files, args.strict, not args.no_settle)
        if args.command == "check":
            return cmd_check(args.transcripts, args.update)
        if args.command == "serve" and args.classroom is not None:
            from .classroom.server import cmd_serve_classroom
            return cmd_serve_classroom(args.classroom, args.host, args.port)
        if args.command == "classroom":
            return _classroom(args)
        if args.command == "serve":
            return cmd_serve(args.lab, args.host, args.port, args.lab_control,
                             _console_port(args.console, args.console_port, args.port))
        if args.command == "init":
            return cmd_init(args.dir, args.source)
        if args.command == "exercise":
            return _exercise(args)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return EXIT_OK
    except OSError as exc:
        # the last net under every command: a path the system refuses (a name too long, a
        # component that is a file, no permission) is one line, never a traceback
        return _fail(_cannot("use", exc.filename or "a file", exc))
    finally:
        if paused:
            gc.enable()         # a start-up that failed (a bad lab) leaves it as it found it
    return EXIT_BAD_INPUT


def _cannot(what: str, name: object, exc: OSError | UnicodeDecodeError) -> str:
    """`cannot read x.txt: No such file or directory`: the reason without Python's decoration."""
    return f"cannot {what} {name}: {getattr(exc, 'strerror', None) or exc}"


def _read_script(files: list[str]) -> list[str]:
    """The lines of the command files (transcript/script.py)."""
    from .transcript.script import script_lines, stdin_bytes
    lines: list[str] = []
    for name in files:
        try:
            data = stdin_bytes() if name == "-" else Path(name).read_bytes()
        except OSError as exc:
            raise _InputError(_cannot("read", name, exc)) from None
        lines.extend(script_lines(data))
    return lines


class _InputError(Exception):
    pass


def cmd_run(lab: str | None, files: list[str], strict: bool, settle: bool) -> int:
    from .lab.spec import LabError
    from .syslog_udp import UdpSyslogSender
    from .transcript.runner import run_lines
    try:
        lines = _read_script(files)
    except _InputError as exc:
        return _fail(str(exc))
    base = Path(files[0]).parent if files and files[0] != "-" else None
    try:
        _refuse_two_labs(lab, lines, base, files[0] if files else "-")
    except LabError as exc:
        return _fail(str(exc))
    out = sys.stdout

    def emit(line: str) -> None:
        out.write(line + "\n")
    sender = UdpSyslogSender()      # `logging host` messages go out as real UDP syslog
    try:
        _, stats = run_lines(lines, lab, emit, settle, base, syslog=sender.send, for_good=True)
    except LabError as exc:
        out.flush()
        return _fail(str(exc))
    finally:
        sender.close()
    out.flush()
    return EXIT_ASA_ERROR if strict and stats.asa_errors else EXIT_OK


def _refuse_two_labs(option: str | None, lines: list[str], base: Path | None, first: str) -> None:
    """`run --lab NAME` must name a lab that exists, and the script's `@lab`, if it has one,
    must be that lab: a mistyped name never silently runs another lab (LabError if not)."""
    if option is None:
        return
    from .lab.labfile import find_lab
    from .lab.spec import LabError
    from .transcript.runner import first_lab
    chosen = find_lab(option).resolve()
    named, _ = first_lab(lines)
    if named is None:
        return
    try:
        same = find_lab(named, base).resolve() == chosen
    except LabError:
        same = False
    if not same:
        script = "the script on stdin" if first == "-" else first
        raise LabError(f"{script} names lab {named} but --lab names {option}")


def cmd_check(paths: list[str], update: bool) -> int:
    """Each transcript runs on a copy of its lab in memory; a transcript whose lab cannot be
    loaded is one line on stderr and counts as failed (exit 2 once all have run)."""
    from .lab.spec import LabError
    from .transcript.check import TranscriptFileError, check_file, render_diff, update_file
    from .transcript.roots import RootError, transcript_files, transcript_root
    started = time.perf_counter()
    failed = broken = changed_n = count = 0
    for name in paths:
        path = Path(name)
        given = path if path.is_dir() else None
        files = list(transcript_files(path)) if given is not None else [path]
        for f in files:
            if not f.is_file():
                return _fail(f"cannot read {f}")
            count += 1
            try:
                root = transcript_root(f, given)
                if update:
                    changed = update_file(f, root=root)
                    changed_n += changed
                    print(f"{'updated' if changed else 'unchanged'}: {f}")
                    continue
                res = check_file(f, root=root)
            except LabError as exc:
                broken += 1
                _fail(f"{f}: {exc}")
                continue
            except (TranscriptFileError, RootError) as exc:
                broken += 1
                _fail(str(exc))
                continue
            except (OSError, UnicodeDecodeError) as exc:
                return _fail(_cannot("read", f, exc))
            if res.ok:
                print(f"ok: {f}")
            else:
                failed += 1
                from rich.console import Console
                Console(highlight=False).print(render_diff(res.diff()))
                print(f"FAILED: {f}")
    print(_check_summary(count, failed + broken, changed_n if update else None,
                         time.perf_counter() - started))
    return EXIT_BAD_INPUT if broken else EXIT_ASA_ERROR if failed else EXIT_OK


def _check_summary(count: int, failed: int, updated: int | None, seconds: float) -> str:
    """`12 transcripts, 11 passed, 1 failed in 0.84s` (wall time), as pytest ends its run;
    with --update, how many were rewritten.  A transcript whose lab is bad counts as failed."""
    head = f"{count} transcript{'' if count == 1 else 's'}"
    if updated is not None:
        body = f"{updated} updated, {count - failed - updated} unchanged"
        body += f", {failed} failed" if failed else ""
    else:
        body = f"{count - failed} passed, {failed} failed"
    return f"{head}, {body} in {seconds:.2f}s"


def cmd_lab(name: str, fresh: bool = False) -> int:
    """The terminal; a built-in lab runs from its kept copy in the user's data directory."""
    from .lab.copies import is_builtin, kept_copy
    from .lab.lab import Lab, keep_for_good
    from .lab.spec import LabError
    source = name
    if is_builtin(name):
        try:
            folder, made = kept_copy(name, fresh)
        except OSError as exc:
            return _fail(_cannot("keep the lab in", exc.filename or "the data directory", exc))
        source = str(folder)
        print(f"lab {name}: {'started from the factory lab' if made else 'your saved work'}, "
              f"kept in {folder} (--fresh starts over)", file=sys.stderr)
    elif fresh:
        return _fail(f"--fresh starts a built-in lab from its factory state; {name} is a lab directory")
    try:
        lab = Lab.load(source)
    except LabError as exc:
        return _fail(str(exc))
    lab.settle()
    keep_for_good()
    from .frontends.tui.app import run_terminal
    return run_terminal(lab)


MAX_PORT = 65534        # the secondary listens on PORT+1
CONSOLE_PORT = 5000     # the primary's telnet console, the secondary's on 5001
NO_CONSOLE = -1         # --console-port given without --console


def _console_port(console: bool, given: int | None, port: int) -> int | None:
    """The console port to listen on: None without --console; --port 0 makes the default free."""
    if not console:
        return NO_CONSOLE if given is not None else None
    if given is not None:
        return given
    return 0 if port == 0 else CONSOLE_PORT


def cmd_serve(name: str, host: str, port: int, control: bool = False,
              console_port: int | None = None) -> int:
    from .lab.lab import Lab, keep_for_good
    from .lab.spec import LabError
    last = MAX_PORT - 1 if control else MAX_PORT
    if not 0 <= port <= last:
        return _fail(f"--port {port}: a port from 1 to {last} (the secondary is on PORT+1"
                     f"{', the lab control on PORT+2' if control else ''}), or 0 for free ports")
    if console_port == NO_CONSOLE:
        return _fail("--console-port: only with --console")
    if console_port is not None and not 0 <= console_port <= MAX_PORT:
        return _fail(f"--console-port {console_port}: a port from 1 to {MAX_PORT} "
                     "(the secondary's console is on C+1), or 0 for free ports")
    if not host.strip():
        return _fail("--host: an address to listen on is needed (127.0.0.1, 0.0.0.0, ...)")
    try:
        lab = Lab.load(name)
    except LabError as exc:
        return _fail(str(exc))
    if control and lab.control_account is None:
        return _fail(f"lab '{lab.spec.name}' has no [control] account for --lab-control: add one to "
                     "its lab.toml (python -m asa_emulator.lab.account prints it)")
    lab.settle()
    keep_for_good()
    from .frontends.server import run_server
    from .frontends.ssh.hostkey import host_key_path, load_or_create
    path = host_key_path(lab.spec.root, lab.spec.name)
    try:
        key = load_or_create(path)
    except (OSError, ValueError) as exc:   # unreadable or corrupt key file
        return _fail(f"cannot use the SSH host key {path}: {getattr(exc, 'strerror', None) or exc}")
    return run_server(lab, host, port, key, control=control, console_port=console_port)


def cmd_init(target: str, source: str) -> int:
    from .lab.labfile import find_lab
    from .lab.spec import LabError
    try:
        src = find_lab(source)
    except LabError as exc:
        return _fail(str(exc))
    dst = Path(target)
    if dst.is_symlink() or (dst.exists() and not dst.is_dir()):
        return _fail(f"{dst} exists and is not a folder")
    try:
        if dst.exists() and any(dst.iterdir()):
            return _fail(f"{dst} exists and is not empty")
        created = not dst.exists()
        dst.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        return _fail(_cannot("create", dst, exc))
    from .lab.copies import copy_lab
    try:
        copy_lab(src, dst)
    except OSError as exc:
        if created:
            import shutil
            shutil.rmtree(dst, ignore_errors=True)
        return _fail(_cannot("write", dst, exc))
    print(f"lab '{source}' copied to {dst}; run it with: asa-emulator lab {dst}")
    return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
