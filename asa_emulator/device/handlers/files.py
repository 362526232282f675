"""Flash files and configuration files: copy, write, more, dir, cd, pwd, mkdir, rmdir, delete,
rename, erase, reload.  A file named without a file system or a leading `/` is in the session's
current directory (`cd`; disk0:/ at first).

Every prompt and message comes from device/messages/ (or device/show.py for the `write
memory` and `dir` layouts).  A question's default is taken when the answer is empty; batch
sessions (startup-config, sync) and `/noconfirm` take every default without asking.
"""

from __future__ import annotations

from collections.abc import Callable

from .. import messages as msg
from .. import show
from ..commands import Abort, Command, SessionView, handler
from ..filenames import RUNNING, STARTUP_CFG, canonical_file
from ..flash import FlashError, resolve, shown, split_url
from ..printable import file_lines
from ..unit import Unit
from .remote_copy import copy_remote

DEFAULT_FS = "disk0:"          # the ASA 5500's flash; `flash:` names the same device

Done = Callable[[list[str]], None]


# ---------------------------------------------------------------- names and timings

def _path(cmd: Command, url: str, error: Callable[[str, str], str] = msg.error_opening) -> str:
    """The flash path a typed file names (relative names are on the flash); a name the
    flash refuses stops the command with the command's own `%Error ...` line."""
    cwd = cmd.session.cwd
    try:
        return resolve(url, cwd=cwd)
    except FlashError as exc:
        cmd.error(error(_shown(url, cwd), exc.reason))
        raise      # not reached: cmd.error stops the command


def _url(path: str) -> str:
    """How the ASA names a flash path in its messages: `disk0:/dir/file`."""
    return f"{DEFAULT_FS}/{path}"


def elapsed_ms(nbytes: int, session: SessionView | None = None) -> int:
    """The time a flash write of `nbytes` takes (deterministic: the lab clock is virtual).
    A typed command spends it on its session, so that the lab clock moves by as much as the
    output says (`N bytes copied in 0.064 secs`); replicated and loaded commands do not."""
    ms = 40 + nbytes // 50
    if session is not None and not session.batch:
        session.busy_ms += ms
    return ms


def _affirm(typed: str) -> bool:
    return typed.strip().lower() in ("", "y", "yes")


def _ask_chain(cmd: Command, questions: list[tuple[str, str]], done: Callable[[list[str], list[str]], None],
               noconfirm: bool = False) -> None:
    """Ask `questions` (prompt, default) one after the other; then `done(answers, out)`.
    A `[confirm]` question answered with anything but yes cancels silently."""
    s = cmd.session
    answers: list[str] = []
    if noconfirm or s.batch:
        out: list[str] = []
        try:
            done([d for _, d in questions], out)
        finally:
            cmd.print(*out)
        return

    def step(i: int) -> None:
        prompt, default = questions[i]

        def answer(typed: str, out: list[str]) -> None:
            if prompt.endswith("[confirm]"):
                if not _affirm(typed):
                    return
                answers.append(default)
            else:
                answers.append(typed.strip() or default)
            if i + 1 < len(questions):
                step(i + 1)
            else:
                done(answers, out)
        s.ask(prompt, answer)
    step(0)


# ---------------------------------------------------------------- write

def write_one(unit: Unit, context: str | None, session: SessionView | None = None) -> list[str]:
    """`write memory` of one space, in the 9.x form; the error line if it cannot be saved."""
    try:
        sums, n = unit.spaces.save(context)
    except FlashError as exc:
        return [msg.BUILDING_CONFIGURATION, _cannot_save(unit, context, exc.reason),
                *msg.WRITE_FAILED]
    unit.spaces.last_modified = ("enable_15", unit.clock.now)
    return show.write_memory_lines(sums, n, elapsed_ms=elapsed_ms(n, session))


def write_all(unit: Unit, session: SessionView | None = None) -> list[str]:
    """`write memory all` in the system space: the system and every context with a config-url
    (a context without one has no configuration file to write)."""
    spaces: list[show.SavedSpace] = []
    errors: list[str] = []
    for name in (None, *unit.sys.contexts):
        if name is not None and not unit.sys.contexts[name].config_url:
            continue
        try:
            sums, n = unit.spaces.save(name)
        except FlashError as exc:
            errors.append(_cannot_save(unit, name, exc.reason))
            continue
        spaces.append(show.SavedSpace(name or "system", sums, n, elapsed_ms(n, session)))
    unit.spaces.last_modified = ("enable_15", unit.clock.now)
    lines = show.write_memory_all_lines(spaces)
    # a space that could not be saved fails the command: never `[OK]` after an error
    return lines[:-1] + errors + [*msg.WRITE_FAILED] if errors else lines


def _cannot_save(unit: Unit, context: str | None, reason: str) -> str:
    """The error of a space whose startup location cannot be written (a context's config-url
    off the flash, refused by it, or in a missing directory)."""
    url = unit.sys.contexts[context].config_url if context else msg.STARTUP_ON_FLASH
    return msg.error_opening(shown(url or STARTUP_CFG), reason)


@handler("write_memory")
def write_memory(cmd: Command) -> None:
    s, u = cmd.session, cmd.unit
    if cmd.has("all"):
        if s.context is not None:
            cmd.invalid_at(cmd.col_of(_kw(cmd, "all")))
        cmd.print(*write_all(u, s))
    else:
        cmd.print(*write_one(u, s.context, s))


@handler("write_terminal")
def write_terminal(cmd: Command) -> None:
    cmd.print(*cmd.unit.spaces.running_config(cmd.session.context))


@handler("write_erase")
def write_erase(cmd: Command) -> None:
    s, u = cmd.session, cmd.unit

    def erase(_answers: list[str], out: list[str]) -> None:
        path = u.spaces.startup_path(s.context)
        if path and u.flash.exists(path):
            try:
                u.flash.delete(path)
            except FlashError as exc:
                out.append(msg.error_deleting(_url(path), exc.reason))
                raise Abort from None
        out.append(msg.OK)
    _ask_chain(cmd, [(msg.WRITE_ERASE_CONFIRM, "")], erase)


@handler("write_standby")
def write_standby(cmd: Command) -> None:
    cmd.pair.write_standby(cmd)


@handler("write_net")
def write_net(cmd: Command) -> None:
    cmd.error(msg.NO_NETWORK)


def _kw(cmd: Command, keyword: str) -> str:
    """The terminal name of a keyword in the command's tokens."""
    for t, w in zip(cmd.tokens, cmd.words, strict=True):
        if w == keyword:
            return t.type
    return ""


# ---------------------------------------------------------------- copy

def _resolved(name: str, out: list[str], cwd: str) -> str:
    """The flash path of a name typed as an answer; a refused name ends the command with
    `%Error opening ...`."""
    try:
        return resolve(name, cwd=cwd)
    except FlashError as exc:
        out.append(msg.error_opening(_shown(name, cwd), exc.reason))
        raise Abort from None


@handler("copy")
def copy(cmd: Command) -> None:
    s, u = cmd.session, cmd.unit
    src_raw, dst_raw = cmd.values("FILE")
    if copy_remote(cmd, src_raw, dst_raw):
        return                  # a TFTP/FTP server's file: its questions, then the failure
    src, dst = canonical_file(src_raw), canonical_file(dst_raw)
    for raw, name in ((src_raw, src), (dst_raw, dst)):
        if name not in (RUNNING, STARTUP_CFG):
            _path(cmd, raw)          # a refused name or scheme fails before any question

    def startup_path(out: list[str]) -> str:
        path = u.spaces.startup_path(s.context)
        if path is None:
            out.append(msg.error_opening(STARTUP_CFG))
            raise Abort
        return path

    def do_copy(answers: list[str], out: list[str]) -> None:
        source = answers[0] if answers else src
        target = answers[1] if len(answers) > 1 else dst
        if src == RUNNING:
            if dst == STARTUP_CFG:
                startup_path(out)
                try:
                    sums, n = u.spaces.save(s.context)
                except FlashError as exc:
                    out.extend([_cannot_save(u, s.context, exc.reason), *msg.WRITE_FAILED])
                    raise Abort from None
                out.extend([msg.cryptochecksum(sums), "", msg.bytes_copied(n, elapsed_ms(n, s))])
                return
            data = ("\n".join(u.spaces.running_config(s.context, secrets=True)) + "\n").encode()
            checksum: str | None = u.spaces.checksum_groups(s.context)
        else:
            checksum = None
            path = startup_path(out) if src == STARTUP_CFG else _resolved(source, out, s.cwd)
            try:
                data = u.flash.read(path)
            except FlashError as exc:
                out.append(msg.error_opening(_shown(source, s.cwd), exc.reason))
                raise Abort from None
        if dst == RUNNING:
            out.extend(u.spaces.run_file(s.context, data))
            out.append(msg.bytes_copied(len(data), elapsed_ms(len(data), s)))
            return
        if dst == STARTUP_CFG:
            dest = startup_path(out)
        else:
            dest = _resolved(target, out, s.cwd)     # a folder there: `(Is a directory)`
        try:
            u.flash.write(dest, data, u.clock.now)
        except FlashError as exc:
            out.append(msg.error_opening(_shown(target, s.cwd), exc.reason))
            raise Abort from None
        if checksum is not None:
            out.extend([msg.cryptochecksum(checksum), ""])
        out.append(msg.bytes_copied(len(data), elapsed_ms(len(data), s)))

    questions = [(msg.source_filename_prompt(_short(src)), src)]
    if dst != RUNNING and not (src == RUNNING and dst == STARTUP_CFG):
        questions.append((msg.destination_filename_prompt(_short(dst)), dst))
    noconfirm = bool(cmd.values("COPY_OPT"))
    if not (noconfirm or s.batch):
        cmd.print("")
    _ask_chain(cmd, questions, do_copy, noconfirm)


def _short(name: str) -> str:
    loc = split_url(name)
    return shown(loc[1] if loc else name)


def _shown(name: str, cwd: str = "") -> str:
    """A file as the ASA names it in messages: its file system as typed, then `/path`
    (control characters shown as `?`); a relative name from the current directory `cwd`."""
    if split_url(name) is None:
        if ":" in name:
            return shown(name)
        return shown(_url(f"{cwd}/{name}" if cwd and not name.startswith("/") else name.lstrip("/")))
    fs, _, rest = name.partition(":")
    return shown(f"{fs}:{rest if rest.startswith('/') else '/' + rest}")


# ---------------------------------------------------------------- more, dir

@handler("more")
def more(cmd: Command) -> None:
    u = cmd.unit
    raw = cmd.value("FILE") or ""
    if raw.lower() in ("system:running-config", "system:/running-config"):
        cmd.print(*u.spaces.running_config(cmd.session.context, secrets=True))
        return
    try:
        data = u.flash.read(_path(cmd, raw))
    except FlashError as exc:
        cmd.error(msg.error_opening(_shown(raw, cmd.session.cwd), exc.reason))
        return
    cmd.print(*file_lines(data))


@handler("dir")
def dir_(cmd: Command) -> None:
    u = cmd.unit
    if cmd.has("all-filesystems"):
        raw = DEFAULT_FS    # unverified: no capture of a 5500-X's `dir all-filesystems`; disk0: only
    else:
        raw = cmd.value("FILE") or f"{DEFAULT_FS}/{cmd.session.cwd}"
    path = _path(cmd, raw)
    if path and not u.flash.is_dir(path):
        if not u.flash.exists(path):
            cmd.error(msg.error_opening(_shown(raw, cmd.session.cwd)))
        parent, _, leaf = path.rpartition("/")
        entries = [e for e in u.flash.listing(parent) if e[0] == leaf]
    else:
        parent, entries = path, u.flash.listing(path)
    rows = []
    for name, size, is_dir in entries:
        full = f"{parent}/{name}".lstrip("/")
        rows.append(show.DirEntry(index=_inode(full), is_dir=is_dir, size=size,
                                  mtime_ms=int(u.flash.mtimes.get(full, u.clock.start)), name=name))
    label = f"{DEFAULT_FS}/{parent + '/' if parent else ''}"
    cmd.print(*show.show_dir(label, rows, total_bytes=u.flash_capacity(),
                             free_bytes=u.flash_capacity() - u.flash.used()))


def _inode(path: str) -> int:
    return 3 + sum(path.encode()) % 997


@handler("cd")
def cd(cmd: Command) -> None:
    """`cd [PATH]`: the session's current directory on disk0: (no PATH: the root)."""
    u, s = cmd.unit, cmd.session
    raw = cmd.value("FILE") or f"{DEFAULT_FS}/"
    path = _path(cmd, raw, msg.error_changing_dir)
    if path and not u.flash.is_dir(path):
        reason = msg.NOT_A_DIRECTORY if u.flash.exists(path) else msg.NO_SUCH_FILE
        cmd.error(msg.error_changing_dir(_url(path), reason))
    s.cwd = path


@handler("pwd")
def pwd(cmd: Command) -> None:
    cmd.print(msg.working_directory(DEFAULT_FS, cmd.session.cwd))


# ---------------------------------------------------------------- delete, mkdir, rmdir, rename

def _noconfirm(cmd: Command) -> bool:
    return any("noconfirm" in v for v in cmd.values("DEL_OPT") + cmd.values("COPY_OPT"))


def _answer_path(typed: str, default: str, error: Callable[[str, str], str], out: list[str],
                 cwd: str) -> str:
    """The flash path of an answer to a file-name question (empty, or the default shown in
    the question: the default, a flash path already, not taken again from `cwd`)."""
    if not typed or typed == default:
        return default
    try:
        return resolve(typed, cwd=cwd)
    except FlashError as exc:
        out.append(error(_shown(typed, cwd), exc.reason))
        raise Abort from None


@handler("delete")
def delete(cmd: Command) -> None:
    u = cmd.unit
    raw = cmd.value("FILE") or ""
    path = _path(cmd, raw, msg.error_deleting)
    recursive = any("recursive" in v for v in cmd.values("DEL_OPT"))
    if not u.flash.exists(path) and not (recursive and path and u.flash.is_dir(path)):
        cmd.error(msg.error_deleting(_url(path)))

    def act(answers: list[str], out: list[str]) -> None:
        target = _answer_path(answers[0] if answers else "", path, msg.error_deleting, out,
                              cmd.session.cwd)
        try:
            if recursive and target and u.flash.is_dir(target):
                for f in sorted(f for f in u.flash.files if f.startswith(target + "/")):
                    u.flash.delete(f)
                for d in sorted((d for d in u.flash.dirs if d == target or d.startswith(target + "/")),
                                reverse=True):
                    u.flash.rmdir(d)
            else:
                u.flash.delete(target)
        except FlashError as exc:
            out.append(msg.error_deleting(_url(target), exc.reason))
            raise Abort from None
    if not (_noconfirm(cmd) or cmd.session.batch):
        cmd.print("")
    _ask_chain(cmd, [(msg.delete_filename_prompt(path), path), (msg.delete_confirm(_url(path)), "")],
               lambda a, out: act(a[:1], out), _noconfirm(cmd))


@handler("mkdir")
def mkdir(cmd: Command) -> None:
    u = cmd.unit
    raw = cmd.value("FILE") or ""
    path = _path(cmd, raw, msg.error_creating_dir)
    if not path or u.flash.exists(path) or u.flash.is_dir(path):
        cmd.error(msg.error_creating_dir(_url(path)))

    def act(answers: list[str], out: list[str]) -> None:
        target = _answer_path(answers[0], path, msg.error_creating_dir, out, cmd.session.cwd)
        try:
            u.flash.mkdir(target, u.clock.now)
        except FlashError as exc:
            out.append(msg.error_creating_dir(_url(target), exc.reason))
            raise Abort from None
        out.append(msg.mkdir_done(_url(target)))
    _ask_chain(cmd, [(msg.mkdir_prompt(path), path)], act, _noconfirm(cmd))


def _rmdir_error(path: str, reason: str) -> str:
    return msg.error_removing_dir(path, reason)


@handler("rmdir")
def rmdir(cmd: Command) -> None:
    u = cmd.unit
    path = _path(cmd, cmd.value("FILE") or "", _rmdir_error)
    if not path or not u.flash.is_dir(path):
        cmd.error(msg.error_removing_dir(_url(path), msg.NO_SUCH_FILE))
    if any(k.startswith(path + "/") for k in list(u.flash.files) + list(u.flash.dirs)):
        cmd.error(msg.error_removing_dir(_url(path)))

    def act(_answers: list[str], out: list[str]) -> None:
        try:
            u.flash.rmdir(path)
        except FlashError as exc:
            out.append(msg.error_removing_dir(_url(path), exc.reason))
            raise Abort from None
        out.append(msg.rmdir_done(_url(path)))
    if not (_noconfirm(cmd) or cmd.session.batch):
        cmd.print("")
    _ask_chain(cmd, [(msg.rmdir_prompt(path), path), (msg.delete_confirm(_url(path)), "")], act,
               _noconfirm(cmd))


@handler("rename")
def rename(cmd: Command) -> None:
    u = cmd.unit
    raw_src, raw_dst = cmd.values("FILE")
    src = _path(cmd, raw_src, msg.error_renaming)
    try:
        dst = resolve(raw_dst, cwd=cmd.session.cwd)
    except FlashError as exc:
        cmd.error(msg.error_renaming(_url(src), exc.reason))
        raise
    if not src or not (u.flash.exists(src) or u.flash.is_dir(src)):
        cmd.error(msg.error_renaming(_url(src)))
    if not dst or u.flash.exists(dst) or u.flash.is_dir(dst):
        cmd.error(msg.error_renaming(_url(src), msg.FILE_EXISTS))

    def act(answers: list[str], out: list[str]) -> None:
        cwd = cmd.session.cwd
        a = _answer_path(answers[0], src, msg.error_renaming, out, cwd)
        b = _answer_path(answers[1], dst, lambda _n, r: msg.error_renaming(_url(a), r), out, cwd)
        try:
            u.flash.rename(a, b)
        except FlashError as exc:
            out.append(msg.error_renaming(_url(a), exc.reason))
            raise Abort from None
    _ask_chain(cmd, [(msg.rename_source_prompt(src), src), (msg.rename_destination_prompt(dst), dst)],
               act, _noconfirm(cmd))


@handler("erase", "format")
def erase(cmd: Command) -> None:
    u = cmd.unit
    if _path(cmd, cmd.value("FILE") or DEFAULT_FS):
        cmd.invalid_token("FILE")       # a file system is erased whole, never a path in it

    def act(_answers: list[str], out: list[str]) -> None:
        try:
            u.flash.erase()
        except FlashError as exc:
            out.append(msg.error_deleting(_url(exc.path), exc.reason))
            raise Abort from None
        out.append(msg.erase_done(DEFAULT_FS))
    _ask_chain(cmd, [(msg.erase_confirm(DEFAULT_FS), "")], act)


# ---------------------------------------------------------------- reload

@handler("reload")
def reload(cmd: Command) -> None:
    """`reload [noconfirm|quick|save-config]` in the system space: offer to save the first
    space whose running configuration differs from its startup file, confirm, go down; the
    unit boots again from its startup-config after its boot time."""
    u, s = cmd.unit, cmd.session

    def go(out: list[str]) -> None:
        out.extend(["", *msg.RELOAD_SHUTDOWN_LINES])
        u.shut_down()

    def confirm(typed: str, out: list[str]) -> None:
        if _affirm(typed):
            go(out)

    if cmd.has("noconfirm"):
        out: list[str] = []
        go(out)
        cmd.print(*out)
        return
    if cmd.has("save-config"):
        cmd.print(*write_all(u, s))
    else:
        unsaved = next((name for name in (None, *u.sys.contexts) if not u.spaces.saved(name)), "-")
        if unsaved != "-":
            def save_q(typed: str, out: list[str]) -> None:
                ans = typed.strip().lower()[:1]
                if ans == "c":
                    return
                if ans in ("y", ""):
                    out.extend(write_one(u, unsaved, s))
                elif ans == "s":
                    out.extend(write_all(u, s))
                s.ask(msg.RELOAD_CONFIRM, confirm)
            s.ask(msg.reload_save_prompt(unsaved or "System"), save_q, default="n")
            return
    s.ask(msg.RELOAD_CONFIRM, confirm, default="y")
