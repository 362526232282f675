"""Values drawn per trainee (issue 21): typed generators seeded by HMAC-SHA256 of the class
secret over the exercise, the trainee's name and the variable, so a trainee's values are the
same at every start and a neighbour without the secret cannot compute them.

Kinds and their options (exercise.toml, `[variables]`):
  subnet  within = "10.0.0.0/8", prefix = 24      {net} 10.37.12.0, {net.mask}, {net.prefix}
  host    in = "net" (an earlier subnet), index = N (fixed; else drawn)   {ip}, {ip.mask}
  vlan    low = 2, high = 4094                                             {vlan}
  name    choices = [...] (else a word list), prefix = ""                  {ctx}
  key     length = 12 (letters and digits)                                 {key}
"""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
import re
import string
from collections.abc import Callable, Iterator

from .spec import VarSpec

KINDS = ("subnet", "host", "vlan", "name", "key")
OPTIONS: dict[str, tuple[str, ...]] = {
    "subnet": ("within", "prefix"), "host": ("in", "index"), "vlan": ("low", "high"),
    "name": ("choices", "prefix"), "key": ("length",),
}
WORDS = ("sales", "finance", "lab", "web", "mail", "dmz", "guest", "voice", "backup", "hr",
         "dev", "ops", "branch", "core", "edge", "partner")
KEY_CHARS = string.ascii_letters + string.digits
# `{name}` or `{name.attr}`; a regex quantifier such as `{1,3}` never matches
REFERENCE = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*(?:\.[a-z]+)?)\}")

Values = dict[str, str]


def _stream(secret: str, exercise: str, trainee: str, var: str) -> Iterator[int]:
    counter = 0
    while True:
        msg = "\0".join((exercise, trainee, var, str(counter))).encode()
        digest = hmac.new(secret.encode(), msg, hashlib.sha256).digest()
        yield int.from_bytes(digest, "big")
        counter += 1


def _below(numbers: Iterator[int], n: int) -> int:
    """A number in [0, n): 256 random bits make the modulo's bias negligible."""
    return next(numbers) % n


def _subnet(spec: VarSpec, numbers: Iterator[int], values: Values) -> None:
    within = ipaddress.IPv4Network(str(spec.options.get("within", "10.0.0.0/8")))
    prefix = int(str(spec.options.get("prefix", 24)))
    count = 1 << (prefix - within.prefixlen)
    net = ipaddress.IPv4Network((int(within.network_address) + (_below(numbers, count) << (32 - prefix)),
                                 prefix))
    _put_net(values, spec.name, str(net.network_address), net)


def _put_net(values: Values, name: str, shown: str, net: ipaddress.IPv4Network) -> None:
    values[name] = shown
    values[f"{name}.mask"] = str(net.netmask)
    values[f"{name}.prefix"] = str(net.prefixlen)
    values[f"{name}.network"] = str(net.network_address)


def _host(spec: VarSpec, numbers: Iterator[int], values: Values) -> None:
    subnet = str(spec.options["in"])
    net = ipaddress.IPv4Network(f"{values[subnet]}/{values[subnet + '.prefix']}")
    hosts = net.num_addresses - 2
    index = spec.options.get("index")
    offset = int(str(index)) if index is not None else 1 + _below(numbers, hosts)
    _put_net(values, spec.name, str(net.network_address + offset), net)


def _vlan(spec: VarSpec, numbers: Iterator[int], values: Values) -> None:
    low, high = int(str(spec.options.get("low", 2))), int(str(spec.options.get("high", 4094)))
    values[spec.name] = str(low + _below(numbers, high - low + 1))


def _name(spec: VarSpec, numbers: Iterator[int], values: Values) -> None:
    raw = spec.options.get("choices")
    choices = [str(c) for c in raw] if isinstance(raw, list) else list(WORDS)
    values[spec.name] = str(spec.options.get("prefix", "")) + choices[_below(numbers, len(choices))]


def _key(spec: VarSpec, numbers: Iterator[int], values: Values) -> None:
    length = int(str(spec.options.get("length", 12)))
    values[spec.name] = "".join(KEY_CHARS[_below(numbers, len(KEY_CHARS))] for _ in range(length))


_MAKERS: dict[str, Callable[[VarSpec, Iterator[int], Values], None]] = {
    "subnet": _subnet, "host": _host, "vlan": _vlan, "name": _name, "key": _key,
}


def draw(exercise: str, specs: list[VarSpec], trainee: str, secret: str = "") -> Values:
    """Every variable's value for this trainee (in the order declared: a host follows its
    subnet)."""
    values: Values = {}
    for spec in specs:
        _MAKERS[spec.kind](spec, _stream(secret, exercise, trainee, spec.name), values)
    return values


def fill(text: str, values: Values) -> str:
    """`{name}` replaced by its value; KeyError names an unknown one."""
    return REFERENCE.sub(lambda m: values[m.group(1)], text)


def unknown(text: str, values: Values) -> str | None:
    """The first `{name}` in text that is no variable, if any."""
    for m in REFERENCE.finditer(text):
        if m.group(1) not in values:
            return m.group(0)
    return None
