"""The words an argument can be on a unit now, for `?` and Tab.

Which provider lists an argument terminal's words is declared beside the terminal in
grammar/terminals.lark (`//@ FILE: choices=files`); the providers are registered here, each
under its name.  A provider returns None to show the argument's label instead (`<WORD>`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from ..config.acl import PORT_NAMES
from ..config.icmp_types import ICMP_TYPES
from ..config.model import SINGLE
from ..syntax.grammar import load as load_grammar
from ..syntax.help import HelpItem, help_text

if TYPE_CHECKING:
    from .commands import SessionView as Session

Provider = Callable[["Session", str, list[str]], "list[HelpItem] | None"]
PROVIDERS: dict[str, Provider] = {}


def provider(name: str) -> Callable[[Provider], Provider]:
    def register(fn: Provider) -> Provider:
        PROVIDERS[name] = fn
        return fn
    return register


def choices(session: Session, terminal: str, typed: list[str]) -> list[HelpItem] | None:
    """The words `terminal` can be after the keywords `typed` ("" for each argument)."""
    name = load_grammar().fact(terminal, "choices")
    return None if name is None else PROVIDERS[name](session, terminal, typed)


# `?` after a file argument lists the file systems (and, for copy, the configurations)
_FILESYSTEMS = ("disk0:", "flash:", "system:")
_REMOTE = ("ftp:", "http:", "https:", "smb:", "tftp:")


@provider("files")
def files(session: Session, terminal: str, typed: list[str]) -> list[HelpItem]:
    if typed[:1] != ["copy"]:
        return [HelpItem(fs, "Directory or file name") for fs in _FILESYSTEMS]
    to = "" in typed[1:]                  # an argument (the source file) is already typed
    way = "to" if to else "from"
    items = [HelpItem(fs, f"Copy {way} {fs} file system") for fs in (*_FILESYSTEMS, *_REMOTE)]
    items.append(HelpItem("running-config", "Update (merge with) current system configuration"
                          if to else "Copy from current system configuration"))
    items.append(HelpItem("startup-config", f"Copy {way} startup configuration"))
    return sorted(items, key=lambda i: i.word)


@provider("options")
def options(session: Session, terminal: str, typed: list[str]) -> list[HelpItem]:
    """Options are listed as typed: `/noconfirm`, `/recursive` (label `</noconfirm|...>`,
    help text one `; `-separated part per option)."""
    grammar = load_grammar()
    opts = grammar.arg_labels[terminal].strip("<>").split("|")
    texts = grammar.help.get(terminal, "").split("; ")
    if len(texts) != len(opts):
        texts = ["; ".join(texts)] * len(opts)
    return [HelpItem(o, t[:1].upper() + t[1:]) for o, t in zip(opts, texts, strict=True)]


@provider("interface-types")
def interface_types(session: Session, terminal: str, typed: list[str]) -> list[HelpItem]:
    """The unit's interface types (GigabitEthernet, Management, ...) with their help texts."""
    helps = load_grammar().help
    u = session.unit
    kinds = dict.fromkeys(n.rstrip("0123456789/.") for n in u.hw.interfaces)
    if u.single and u.ctx[SINGLE].transparent and u.hw.at_least(8, 4):
        kinds["BVI"] = None             # a transparent unit's bridge virtual interfaces
    return [HelpItem(k, helps.get(k, "")) for k in kinds]


def _nameifs(session: Session) -> list[HelpItem]:
    """A context's named interfaces, each labelled with the interface it names."""
    u, ctx = session.unit, session.unit.ctx.get(session.state.context or "")
    if ctx is None:
        return []
    cdef = u.sys.contexts.get(ctx.name)
    phys = {a.ctx_name: a.phys for a in cdef.allocations} if cdef else {}
    return [HelpItem(i.nameif, f"Name of interface {phys.get(i.name, i.name)}")
            for i in ctx.interfaces.values() if i.nameif]


@provider("interfaces")
def interfaces(session: Session, terminal: str, typed: list[str]) -> list[HelpItem] | None:
    """In the system, the interface types; in a context, its allocated interfaces (configured
    by their allocated name), and for `show` also their nameifs."""
    u, ctx = session.unit, session.unit.ctx.get(session.state.context or "")
    if ctx is None:
        return interface_types(session, terminal, typed)
    cdef = u.sys.contexts.get(ctx.name)
    phys = {a.ctx_name: a.phys for a in cdef.allocations} if cdef else {}
    allocated = [HelpItem(n, f"Name of interface {phys.get(n, n)}") for n in ctx.interfaces]
    return allocated + (_nameifs(session) if typed[:1] == ["show"] else [])


# `changeto context ?`, `show context ?`, `no context ?`, `show running-config context ?`
# list the contexts; `context ?` (which also creates one) shows the argument's label
_NAMES_CONTEXTS = (["changeto"], ["show"], ["no"], ["running-config"], ["startup-config"])


# The objects a name names where it must exist (`show capture ?`, `no capture ?`, `show
# access-list ?`), by the keyword before it; a layer above the unit registers what it keeps
# itself (troubleshoot/ its captures).  Where the name creates one (`capture NAME`,
# `access-list NAME`) the label stays.
ObjectNames = Callable[["Session"], Iterable[str]]
OBJECTS: dict[str, ObjectNames] = {}
_OBJECT_VERBS = ("show", "no", "clear")


def objects(kind: str) -> Callable[[ObjectNames], ObjectNames]:
    def register(fn: ObjectNames) -> ObjectNames:
        OBJECTS[kind] = fn
        return fn
    return register


@objects("access-list")
def _access_lists(session: Session) -> Iterable[str]:
    cfg = session.unit.ctx.get(session.state.context or "")
    return cfg.access_lists if cfg is not None else ()


def _packets_enter(typed: list[str]) -> bool:
    """The nameif a command takes packets on: `packet-tracer input ?`, `[no] capture C interface ?`."""
    command = typed[1:2] if typed[:1] == ["no"] else typed[:1]
    return typed == ["packet-tracer", "input"] or (command == ["capture"] and typed[-1:] == ["interface"])


@provider("names")
def names(session: Session, terminal: str, typed: list[str]) -> list[HelpItem] | None:
    """A name argument: a context's name after `context` where it must exist, a nameif after
    `monitor-interface` and where a packet enters, an existing object's name after `show`,
    `no` or `clear` and its kind; any other name shows its label."""
    if typed[-1:] == ["context"] and typed[-2:-1] in _NAMES_CONTEXTS:
        return [HelpItem(n, "Context name") for n in session.unit.sys.contexts] or None
    if typed[-1:] == ["monitor-interface"] or _packets_enter(typed):
        return _nameifs(session) or None
    if len(typed) == 2 and typed[0] in _OBJECT_VERBS and typed[1] in OBJECTS:
        text = help_text(typed, terminal)
        return [HelpItem(n, text) for n in OBJECTS[typed[1]](session)] or None
    return None


# `eq ?` (access-list, packet-tracer, capture): the number range, then the port names the
# protocol has, without a text, as a real unit lists them (the `?` output quoted in
# fwbuilder's PIX/ASA importer grammar, src/parsers/pix.g: `<0-65535>  Enter port number
# (0 - 65535)`, `aol`, `bgp`, `chargen`, ...); one table, config/acl.py's PORT_NAMES
@provider("ports")
def ports(session: Session, terminal: str, typed: list[str]) -> list[HelpItem]:
    proto = next((w for w in reversed(typed) if w in ("tcp", "udp")), "")
    names = sorted(n for n, (_, protos) in PORT_NAMES.items() if not proto or proto in protos.split())
    return [HelpItem("<0-65535>", "Enter port number (0 - 65535)"), *(HelpItem(n, "") for n in names)]


# `packet-tracer ... icmp SRC ?`: the range as an 8.2 unit words it (Cisco community thread
# "Packet Tracer ICMP Type and Code", 2014), then the type names later releases accept
# (# unverified: that `?` lists the names)
@provider("icmp-types")
def icmp_types(session: Session, terminal: str, typed: list[str]) -> list[HelpItem]:
    return [HelpItem("<0-255>", "Enter the icmp type"), *(HelpItem(n, "") for n in sorted(ICMP_TYPES))]
