"""Name-or-keyword positions (`//@ OBJECT_NAME: name-first`): where a real unit lets an object's
name stand beside keywords (a capture in `show capture`, an access list in `show access-list`),
a word that is not a keyword as typed is the name, never a keyword's abbreviation; a keyword
typed in full is the keyword.  Elsewhere abbreviations keep winning (`show route summ`)."""

from __future__ import annotations

import re

import pytest

from asa_emulator import api
from asa_emulator.syntax.grammar import load
from asa_emulator.syntax.parser import parse_line


def _terms(line: str) -> list[tuple[str, str]]:
    return [(t.type, str(t)) for t in parse_line("ctx_exec", line).tokens]


@pytest.mark.parametrize(("line", "name"), [
    ("show capture c", "c"), ("show capture d", "d"), ("show capture co detail", "co"),
    ("show access-list b", "b"), ("show access-list br brief", "br")])
def test_a_word_that_is_not_a_keyword_is_the_object_s_name(line: str, name: str) -> None:
    assert ("OBJECT_NAME", name) in _terms(line)


@pytest.mark.parametrize("line", ["show capture detail", "show capture count 5", "show access-list brief"])
def test_a_keyword_typed_in_full_is_the_keyword(line: str) -> None:
    assert all(t != "OBJECT_NAME" for t, _ in _terms(line))


def test_every_name_first_terminal_is_a_name_and_abbreviations_win_elsewhere() -> None:
    g = load()
    first = {t for t, f in g.facts.items() if "name-first" in f}
    assert first == {"OBJECT_NAME"}
    # `clear access-list NAME counters` names its list with NAME: `c` there is `counters`
    assert [(t, v) for t, v in _terms("clear access-list c") if v == "c"] == [("COUNTERS", "c")]


def test_show_capture_of_a_capture_named_like_a_keyword_s_abbreviation() -> None:
    """`show capture c` was `count` abbreviated (the `^` error): it shows the capture c."""
    lab = api.Lab.load("example", in_memory=True)
    lab.settle()
    lines = lab.run(["enable", "", "changeto context admin", "capture c interface outsideISP-A",
                     "@traffic primary admin tcp outsideISP-A 192.168.1.50:40000 192.168.1.1:22",
                     "show capture c count 1", "show capture d"])
    at = lines.index("primary/admin# show capture c count 1")
    assert lines[at + 1:at + 3] == ["", "1 packet captured"]
    assert re.fullmatch(r"   1: [\d:.]+ +192\.168\.1\.50\.40000 > 192\.168\.1\.1\.22: S .*", lines[at + 4])
    assert lines[at + 5:] == ["1 packet shown", "primary/admin# show capture d",
                              "ERROR: Capture <d> does not exist"]
