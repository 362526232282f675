"""Flash files and configuration files: copy, write, more, dir, mkdir, rmdir, delete, rename,
erase, reload."""

from __future__ import annotations

from ...config import render
from ..commands import Abort, Command, canonical_file, handler
from ..flash import STARTUP, FlashError, split_url
from ..unit import Unit

DEFAULT_FS = "flash:"


def _path(cmd: Command, url: str) -> str:
    """The flash path a typed file names (relative names are on flash:)."""
    loc = split_url(url)
    if loc is not None:
        return loc[1].rstrip("/")
    if ":" in url:
        cmd.error(f"%Error opening {url} (Unsupported URL)")  # unverified
    return url.lstrip("/").rstrip("/")


def _url(path: str) -> str:
    return f"{DEFAULT_FS}/{path}"


def bytes_copied(n: int) -> str:
    secs = max(0.01, n / 40000)
    return f"{n} bytes copied in {secs:.3f} secs"


def write_memory(cmd: Command, unit: Unit, context: str | None, all_: bool) -> list[str]:
    """Save the running configuration of a space (and with `all`, of every context)."""
    out: list[str] = ["Building configuration..."]
    if all_ and context is None:
        names = [None, *unit.sys.contexts]
        total = len(names)
        for i, name in enumerate(names):
            label = name or "system"
            try:
                unit.save(name)
            except FlashError:
                out.append(f"%Error opening {unit.sys.contexts[name].config_url if name else 'startup-config'}")
                continue
            out.append(f"Saving context : {label:>18} : ({i + 1:03d}/{total:03d} Contexts saved) ")
        out.append(f"Cryptochecksum: {render.checksum_groups(unit.config_body(None))}")
        out.append("[OK]")
        return out
    try:
        sums, n = unit.save(context)
    except FlashError as exc:
        out.append(f"%Error opening {exc} (No such file or directory)")
        return out
    out += [f"Cryptochecksum: {sums}", f"{n} bytes copied in 1.20 secs ({n} bytes/sec)", "[OK]"]
    unit.last_modified = ("enable_15", unit.clock.now)
    return out


@handler("write")
def write(cmd: Command) -> None:
    s, u = cmd.session, cmd.unit
    if cmd.has("memory"):
        if cmd.has("all") and s.context is not None:
            cmd.invalid_at(cmd.col_of("ALL"))
        cmd.print(*write_memory(cmd, u, s.context, cmd.has("all")))
    elif cmd.has("terminal"):
        cmd.print(*u.running_config(s.context))
    elif cmd.has("erase"):
        def answer(typed: str, out: list[str]) -> None:
            if typed.lower() not in ("", "y", "yes"):
                return
            if s.context is None:
                if u.flash.exists(STARTUP):
                    u.flash.delete(STARTUP)
            else:
                loc = split_url(u.sys.contexts[s.context].config_url)
                if loc and u.flash.exists(loc[1]):
                    u.flash.delete(loc[1])
            out.append("[OK]")
        s.ask("Erase configuration in flash memory? [confirm]", answer)
    elif cmd.has("standby"):
        u.pair.write_standby(cmd)   # type: ignore[union-attr]
    else:
        cmd.error("%Error: network write is not available in the lab")


@handler("copy")
def copy(cmd: Command) -> None:
    s, u = cmd.session, cmd.unit
    src_raw, dst_raw = cmd.values("FILE")
    src, dst = canonical_file(src_raw), canonical_file(dst_raw)
    noconfirm = bool(cmd.values("COPY_OPT"))

    def do_copy(out: list[str]) -> None:
        if src == "running-config":
            if dst == "startup-config":
                sums, n = u.save(s.context)
                out.extend([f"Cryptochecksum: {sums} ", "", bytes_copied(n)])
                return
            data = ("\n".join(u.running_config(s.context, secrets=True)) + "\n").encode()
        elif src == "startup-config":
            try:
                data = u.flash.read(STARTUP if s.context is None else
                                    _path(cmd, u.sys.contexts[s.context].config_url))
            except FlashError:
                out.append("%Error opening startup-config (No such file or directory)")
                raise Abort from None
        else:
            try:
                data = u.flash.read(_path(cmd, src))
            except FlashError:
                out.append(f"%Error opening {_show_url(src)} (No such file or directory)")
                raise Abort from None
        if dst == "running-config":
            text = data.decode(errors="replace").splitlines()
            errs = u.apply_system(text) if s.context is None else u.apply_context(s.context, text)
            out.extend(errs)
            out.append(bytes_copied(len(data)))
            return
        if dst == "startup-config":
            target = STARTUP if s.context is None else _path(cmd, u.sys.contexts[s.context].config_url)
        else:
            target = _path(cmd, dst)
            if u.flash.is_dir(target):
                target = f"{target}/{_path(cmd, src).rpartition('/')[2]}".lstrip("/")
        try:
            u.flash.write(target, data, u.clock.now)
        except FlashError:
            out.append(f"%Error opening {_show_url(dst)} (No such file or directory)")
            raise Abort from None
        out.append(bytes_copied(len(data)))

    if noconfirm or s.batch:
        out: list[str] = []
        try:
            do_copy(out)
        finally:
            cmd.print(*out)
        return

    def ask_dst(typed: str, out: list[str]) -> None:
        if dst in ("running-config", "startup-config"):
            do_copy(out)
            return

        def final(typed2: str, out2: list[str]) -> None:
            do_copy(out2)
        s.ask(f"Destination filename [{_short(dst)}]? ", final)
    cmd.print("")
    s.ask(f"Source filename [{_short(src)}]? ", ask_dst)


def _short(name: str) -> str:
    loc = split_url(name)
    return loc[1] if loc else name


def _show_url(name: str) -> str:
    loc = split_url(name)
    return f"{loc[0]}/{loc[1]}" if loc else name


@handler("more")
def more(cmd: Command) -> None:
    u = cmd.unit
    raw = cmd.value("FILE") or ""
    if raw.lower() in ("system:running-config", "system:/running-config"):
        cmd.print(*u.running_config(cmd.session.context, secrets=True))
        return
    try:
        data = u.flash.read(_path(cmd, raw))
    except FlashError:
        cmd.error(f"%Error opening {_show_url(raw)} (No such file or directory)")
        return
    cmd.print(*data.decode(errors="replace").splitlines())


@handler("dir")
def dir_(cmd: Command) -> None:
    from .. import show
    u = cmd.unit
    raw = cmd.value("FILE") or DEFAULT_FS
    path = _path(cmd, raw)
    if path and not u.flash.is_dir(path):
        if u.flash.exists(path):
            entries = [e for e in u.flash.listing(path.rpartition("/")[0]) if e[0] == path.rpartition("/")[2]]
            parent = path.rpartition("/")[0]
        else:
            cmd.error(f"%Error opening {_show_url(raw)} (No such file or directory)")
            return
    else:
        entries = u.flash.listing(path)
        parent = path
    rows = []
    for name, size, is_dir in entries:
        full = f"{parent}/{name}".lstrip("/")
        rows.append(show.DirEntry(index=_inode(full), is_dir=is_dir, size=size,
                                  mtime_ms=u.flash.mtimes.get(full, u.clock.start), name=name))
    label = f"disk0:/{parent + '/' if parent else ''}"
    cmd.print(*show.show_dir(label, rows, total_bytes=u.flash_capacity(),
                             free_bytes=u.flash_capacity() - u.flash.used()))


def _inode(path: str) -> int:
    return 3 + sum(path.encode()) % 997


def _confirm_delete(cmd: Command, what: str, act, rmdir: bool = False) -> None:  # type: ignore[no-untyped-def]
    s = cmd.session
    noconfirm = bool([v for v in cmd.values("DEL_OPT") + cmd.values("COPY_OPT") if "noconfirm" in v])
    if noconfirm or s.batch:
        out: list[str] = []
        act(out)
        cmd.print(*out)
        return

    def step2(typed: str, out: list[str]) -> None:
        if typed.lower() in ("", "y", "yes"):
            act(out)

    def step1(typed: str, out: list[str]) -> None:
        s.ask(f"{'Remove directory' if rmdir else 'Delete'} {_url(what)}? [confirm]", step2)
    cmd.print("")
    s.ask(f"{'Remove directory' if rmdir else 'Delete'} filename [{what}]? ", step1)


@handler("delete")
def delete(cmd: Command) -> None:
    u = cmd.unit
    path = _path(cmd, cmd.value("FILE") or "")
    recursive = any("recursive" in v for v in cmd.values("DEL_OPT"))

    def act(out: list[str]) -> None:
        try:
            if u.flash.is_dir(path) and recursive:
                for f in [f for f in u.flash.files if f.startswith(path + "/")]:
                    u.flash.delete(f)
                for d in sorted((d for d in u.flash.dirs if d == path or d.startswith(path + "/")), reverse=True):
                    u.flash.rmdir(d)
            else:
                u.flash.delete(path)
        except FlashError:
            out.append(f"%Error deleting {_url(path)} (No such file or directory)")
            raise Abort from None
    if not u.flash.exists(path) and not (recursive and u.flash.is_dir(path)):
        cmd.error(f"%Error deleting {_url(path)} (No such file or directory)")
    _confirm_delete(cmd, path, act)


@handler("mkdir")
def mkdir(cmd: Command) -> None:
    u, s = cmd.unit, cmd.session
    path = _path(cmd, cmd.value("FILE") or "")

    def act(out: list[str]) -> None:
        try:
            u.flash.mkdir(path)
        except FlashError:
            out.append(f"%Error creating dir {_url(path)} (File exists)")
            raise Abort from None
        out.append(f"Created dir {_url(path)}")
    if cmd.values("COPY_OPT") or s.batch:
        out: list[str] = []
        try:
            act(out)
        finally:
            cmd.print(*out)
        return
    s.ask(f"Create directory filename [{path}]? ", lambda typed, out: act(out))


@handler("rmdir")
def rmdir(cmd: Command) -> None:
    u = cmd.unit
    path = _path(cmd, cmd.value("FILE") or "")
    if not u.flash.is_dir(path) or not path:
        cmd.error(f"%Error removing dir {_url(path)} (No such file or directory)")
    if any(k.startswith(path + "/") for k in list(u.flash.files) + list(u.flash.dirs)):
        cmd.error(f"%Error removing dir {_url(path)} (Directory not empty)")

    def act(out: list[str]) -> None:
        u.flash.rmdir(path)
    _confirm_delete(cmd, path, act, rmdir=True)


@handler("rename")
def rename(cmd: Command) -> None:
    u, s = cmd.unit, cmd.session
    src, dst = (_path(cmd, v) for v in cmd.values("FILE"))
    if not u.flash.exists(src) and not (u.flash.is_dir(src) and src):
        cmd.error(f"%Error renaming {_url(src)} (No such file or directory)")

    def act(out: list[str]) -> None:
        if u.flash.exists(dst) or u.flash.is_dir(dst):
            out.append(f"%Error renaming {_url(src)} (File exists)")
            raise Abort
        u.flash.rename(src, dst)
    if cmd.values("COPY_OPT") or s.batch:
        out: list[str] = []
        try:
            act(out)
        finally:
            cmd.print(*out)
        return

    def step1(typed: str, out: list[str]) -> None:
        s.ask(f"Destination filename [{dst}]? ", lambda t, o: act(o))
    s.ask(f"Source filename [{src}]? ", step1)


@handler("erase", "format")
def erase(cmd: Command) -> None:
    u, s = cmd.unit, cmd.session

    def answer(typed: str, out: list[str]) -> None:
        if typed.lower() in ("", "y", "yes"):
            u.flash.erase()
            out.append("Erase of disk0: complete")
    s.ask("Erase disk0: ? [confirm]", answer)


@handler("reload")
def reload(cmd: Command) -> None:
    u, s = cmd.unit, cmd.session
    if s.context is not None:
        cmd.invalid_at(0)

    def go(out: list[str]) -> None:
        out.extend(["", "***", "*** --- START GRACEFUL SHUTDOWN ---", "***",
                    "*** Message to all terminals:", "***", "***   reload command",
                    "Shutting down File system", "***", "*** --- SHUTDOWN NOW ---", "***",
                    "*** Message to all terminals:", "***", "***   reload command",
                    "Process shutdown finished", "Rebooting... (status 0x9)"])
        u.clock.call_later(0, lambda: u.reload())

    def confirm(typed: str, out: list[str]) -> None:
        if typed.lower() in ("", "y", "yes"):
            go(out)

    def save_q(typed: str, out: list[str]) -> None:
        ans = typed.lower()[:1]
        if ans == "c":
            return
        if ans in ("y", "s", ""):
            out.extend(write_memory(cmd, u, None, ans == "s"))
        s.ask("Proceed with reload? [confirm]", confirm)

    if cmd.has("noconfirm"):
        out: list[str] = []
        go(out)
        cmd.print(*out)
        return
    if cmd.has("save-config") or not _saved(u):
        if cmd.has("save-config"):
            cmd.print(*write_memory(cmd, u, None, True))
        else:
            s.ask("System config has been modified. Save? [Y]es/[N]o/[S]ave all/[C]ancel: ", save_q)
            return
    s.ask("Proceed with reload? [confirm]", confirm)


def _saved(u: Unit) -> bool:
    try:
        data = u.flash.read(STARTUP).decode(errors="replace").splitlines()
    except FlashError:
        return False
    body = u.config_body(None)
    return render.checksum(body) in "".join(line for line in data if line.startswith("Cryptochecksum:"))
