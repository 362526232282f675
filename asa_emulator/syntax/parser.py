"""Drive the grammar word by word: abbreviation, errors with the `^` column.

The LALR interactive parser (lalr.py) tells which terminals are acceptable at each position.  That
set is cached per parser state stack (computing it per word is the slow path), and whole-line
results are cached per (mode, line) because scripts repeat lines.  `?` help and completion,
which feed the same words, are in help.py.
"""

from __future__ import annotations

import re
from dataclasses import field
from typing import NamedTuple

from ..kept import Allowance, memo
from ..records import dataclass
from .grammar import ArgTerminal, Grammar, load
from .lalr import InteractiveParser, ParseError, Token, Tree

_PORT = re.compile(r"^\d+(/\d+)*(\.\d+)?$")
_ALPHA = re.compile(r"^[A-Za-z][A-Za-z-]*$")
_SPLICE = ("PHY_IF", "IFNAME")   # terminals that may be typed as two words

# What `?` and Tab (help.py) use of the parser: END, accepts, feed, may_split, split_words,
# Word and CommandError; the rest of this module is its own.
END = "$END"                     # the terminal that ends a command: `<cr>` in `?`


class CommandError(Exception):
    """The line is not a command of this mode.  `col` is a 0-based column in the line."""

    def __init__(self, kind: str, col: int = 0, word: str = "") -> None:
        super().__init__(kind)
        self.kind = kind    # "invalid" | "incomplete" | "ambiguous"
        self.col = col
        self.word = word


class Word(NamedTuple):
    text: str
    col: int


_WORD = re.compile(r"\S+")


def split_words(line: str) -> list[Word]:
    return [Word(m.group(), m.start()) for m in _WORD.finditer(line)]


# The parser's process-wide memos (this cache, _base, _choices_cache, the trie under _roots)
# are filled by every thread that parses: the classroom loads labs in worker threads while
# its event loop runs commands.  Each is a dict of values that a key determines: a value is
# added with setdefault (one atomic step: two threads that made it both get the one kept),
# and a trie node is filled before it is published (_set_acc: `acc` last), so a reader never
# meets a value half made.
_accepts_cache: dict[tuple[int, ...], frozenset[str]] = {}


def accepts(ip: InteractiveParser) -> frozenset[str]:
    """The terminals acceptable next (END among them where the command may end)."""
    key = tuple(ip.state_stack)
    found = _accepts_cache.get(key)
    if found is None:
        found = _accepts_cache.setdefault(key, frozenset(ip.accepts()))
    return found


_base: dict[str, InteractiveParser] = {}


def _start(g: Grammar, mode: str) -> InteractiveParser:
    ip = _base.get(mode)
    if ip is None:
        ip = _base.setdefault(mode, g.lalr.parse_interactive(mode))
    return ip.copy()


@dataclass(frozen=True)
class _Choices:
    """What a word may stand for where the parser accepts a given set of terminals."""

    keywords: dict[str, str]              # keyword text -> terminal
    args: tuple[ArgTerminal, ...]         # highest priority first (ties: by name)
    # the keywords by first letter: a word is compared with those that can start it only
    # (an interface name against the few `t...` keywords, not all of them)
    firsts: dict[str, tuple[tuple[str, str], ...]]
    # the name terminals (`//@ T: name-first`) that win over a keyword's abbreviation here
    names_first: tuple[ArgTerminal, ...] = ()
    # words met here that are not keywords as typed -> the terminal chosen (values repeat:
    # `security-level 100`, `mtu 1500`, the same interface in every context); capped in all
    # (_CHOSEN_MAX)
    chosen: dict[str, str] = field(default_factory=dict, compare=False, hash=False)


# Words remembered in all the `chosen` tables together: a large lab's thousands of interface
# names fit (each met again in every command that names it: the bound is sized to the lab,
# kept.fit_lab); a user typing ever new values cannot grow them past it (a few megabytes)
_CHOSEN = Allowance("parser: words chosen per accepted set", 32_768, per=4, most=1 << 17)


_choices_cache: dict[frozenset[str], _Choices] = {}


def _choices(g: Grammar, acc: frozenset[str]) -> _Choices:
    # built once per accepted set: a configuration of thousands of distinct lines (a sync)
    # meets the same few hundred sets again and again
    found = _choices_cache.get(acc)
    if found is None:
        kws = {g.keywords[t]: t for t in acc if t in g.keywords}
        args = sorted((g.args[t] for t in acc if t in g.args), key=lambda a: (-a.priority, a.name))
        firsts: dict[str, list[tuple[str, str]]] = {}
        for kw, t in kws.items():
            firsts.setdefault(kw[:1], []).append((kw, t))
        first = tuple(a for a in args if g.fact(a.name, "name-first") is not None)
        found = _choices_cache.setdefault(acc, _Choices(kws, tuple(args),
                                                        {k: tuple(v) for k, v in firsts.items()}, first))
    return found


def _matched_prefix(word: str, keywords: list[str]) -> int:
    best = 0
    for kw in keywords:
        n = 0
        for a, b in zip(word, kw, strict=False):
            if a != b:
                break
            n += 1
        best = max(best, n)
    return best


def _choose(g: Grammar, acc: frozenset[str], word: Word) -> str:
    """The terminal a typed word stands for, or CommandError."""
    choices = _choices(g, acc)
    term = choices.chosen.get(word.text)
    if term is None:
        term = _choose_in(choices, word)
        if _CHOSEN.take():
            choices.chosen[word.text] = term
    return term


def _choose_in(choices: _Choices, word: Word) -> str:
    low = word.text.lower()
    exact = choices.keywords.get(low)
    if exact is not None:
        return exact
    named = next((a for a in choices.names_first if a.matches(word.text)), None)
    if named is not None:
        return named.name
    prefixed = [t for kw, t in choices.firsts.get(low[:1], ()) if kw.startswith(low)]
    if len(prefixed) == 1:
        return prefixed[0]
    arg = next((a for a in choices.args if a.matches(word.text)), None)
    if arg is not None:
        return arg.name
    if prefixed:
        raise CommandError("ambiguous", word.col, word.text)
    k = _matched_prefix(low, list(choices.keywords))
    raise CommandError("invalid", word.col + k, word.text)


def may_split(acc: frozenset[str], text: str) -> bool:
    """`text` may be the first word of an interface name typed as two (`GigabitEthernet 0/1`):
    a word of letters where an interface name is acceptable."""
    return bool(_ALPHA.match(text)) and any(t in acc for t in _SPLICE)


def feed(g: Grammar, mode: str, line: str, words: list[Word],
          typed: list[str] | None = None) -> InteractiveParser:
    """Feed every word; return the interactive parser.  Raises CommandError.  The canonical
    keywords fed are appended to `typed` ("" for each argument): the context of `?` help."""
    ip = _start(g, mode)
    i = 0
    while i < len(words):
        w = words[i]
        acc = accepts(ip)
        nxt = words[i + 1] if i + 1 < len(words) else None
        if (nxt and _ALPHA.match(w.text) and _PORT.match(nxt.text)
                and any(t in acc for t in _SPLICE)
                and not any(g.keywords.get(t) == w.text.lower() for t in acc)):
            w = Word(w.text + nxt.text, w.col)
            i += 1
        term = _choose(g, acc, w)
        if term == "REST":
            value = line[w.col:].rstrip()
            ip.feed_token(Token(term, value, start_pos=w.col))
            return ip
        if typed is not None:
            # "" for an argument, "/" for an option such as /noconfirm
            typed.append(g.keywords.get(term, "/" if term.endswith("_OPT") else ""))
        ip.feed_token(Token(term, w.text, start_pos=w.col))
        i += 1
    return ip


# ------------------------------------------------------------------ parsing whole lines
# A line's tree depends only on its mode and the sequence of terminals its words stand for
# (the values are leaves).  Each sequence met is kept in a trie: its nodes hold the terminals
# acceptable there (what `_choose` needs for the next word) and, at the end of a command, the
# shape of its tree.  A new line of a known shape (a fresh description, another address) is
# then parsed without the LALR parser: one dictionary step per word, and the tree rebuilt
# around the new tokens.  The trie grows with the shapes of the grammar met, not with the lines; it is
# capped all the same (a user could type ever longer argument lists), beyond which the
# lines of new shapes take the LALR path uncached.
_SHAPES = Allowance("parser: trie nodes (shapes of lines)", 50_000)

# A tree's shape: (rule, children), a child being a shape or the index of a fed token.
Shape = tuple[str, tuple["Shape | int", ...]]


class _Node:
    __slots__ = ("acc", "next", "shape", "choices", "splice", "known", "words")

    def __init__(self) -> None:
        self.acc: frozenset[str] | None = None       # terminals acceptable after this prefix
        self.next: dict[str, _Node] = {}
        self.shape: Shape | None = None              # the tree of a complete command
        self.choices: _Choices | None = None         # _choices(acc), kept for the fast walk
        self.splice = False                          # a two-word interface name may come here
        self.known: _Known | None = None             # what a Parsed of this shape reads
        # a word met here (as typed) -> its token and the node after it: the walk of a line
        # of a known shape is one lookup per word (see _walk; capped by _WORDS)
        self.words: dict[str, tuple[Token, _Node]] = {}


class _Known(NamedTuple):
    """What every line of one shape shares: its Parsed's fields but the tokens' values."""

    # the fed tokens in the command tree's scan order (None: the order they were typed in,
    # the usual case, where the tokens need no reordering)
    order: tuple[int, ...] | None
    words: tuple[str, ...]
    rule: str
    no: bool
    sub_at: int                   # where the command's tree is among the line tree's children
    filter_at: int                # where the output filter is (-1: none)
    first_at: int                 # where the command tree's first subtree is (-1: none)
    shape: Shape | None = None    # the line's tree shape (_Node.shape)




def _set_acc(g: Grammar, node: _Node, acc: frozenset[str]) -> None:
    if node.acc is None:
        node.choices = _choices(g, acc)
        node.splice = any(t in acc for t in _SPLICE)
        node.acc = acc          # last: a node with its `acc` is whole (another thread may read it)


_roots: dict[str, _Node] = {}


def _child(node: _Node, term: str) -> _Node | None:
    nxt = node.next.get(term)
    if nxt is None and _SHAPES.take():
        nxt = node.next.setdefault(term, _Node())
    return nxt


def _shape(tree: Tree, index: dict[int, int]) -> Shape | None:
    kids: list[Shape | int] = []
    for c in tree.children:
        if isinstance(c, Tree):
            sub = _shape(c, index)
            if sub is None:
                return None
            kids.append(sub)
        elif isinstance(c, Token) and id(c) in index:
            kids.append(index[id(c)])
        else:
            return None         # a leaf that is not a token we fed: do not keep this shape
    return (tree.data, tuple(kids))


def _build(shape: Shape, tokens: list[Token]) -> Tree:
    data, kids = shape
    return Tree(data, [tokens[k] if isinstance(k, int) else _build(k, tokens) for k in kids])


def _tokens(g: Grammar, line: str, words: list[Word], node: _Node | None,
            ip: InteractiveParser | None) -> tuple[list[Token], _Node | None, InteractiveParser | None]:
    """The words as tokens, walking the trie from `node`; with `ip` (the LALR parser) also
    fed to it and the trie filled in.  Without `ip` the walk stops (node None) at the first prefix
    the trie does not know.  Raises CommandError as the ASA reports it."""
    tokens: list[Token] = []
    i = 0
    while i < len(words):
        if ip is not None:
            acc = accepts(ip)
            if node is not None:
                _set_acc(g, node, acc)
        elif node is None or node.acc is None:
            return tokens, None, None
        else:
            acc = node.acc
        w = words[i]
        nxt = words[i + 1] if i + 1 < len(words) else None
        if (nxt and _ALPHA.match(w.text) and _PORT.match(nxt.text)
                and any(t in acc for t in _SPLICE)
                and not any(g.keywords.get(t) == w.text.lower() for t in acc)):
            w = Word(w.text + nxt.text, w.col)
            i += 1
        term = _choose(g, acc, w)
        value = line[w.col:].rstrip() if term == "REST" else w.text
        tok = Token(term, value, start_pos=w.col)
        tokens.append(tok)
        if ip is not None:
            ip.feed_token(tok)
        if node is not None:
            node = _child(node, term) if ip is not None else node.next.get(term)
            if node is None and ip is None:
                return tokens, None, None
        if term == "REST":
            break
        i += 1
    if ip is not None:
        acc = accepts(ip)
        if node is not None:
            _set_acc(g, node, acc)
    return tokens, node, ip


# Words remembered in all the nodes' `words` tables together (each a token and a node): a large
# lab's interface names fit in every command that names them (the bound is sized to the lab,
# kept.fit_lab: past it, a sync of 250 contexts x 24 subinterfaces took 60 % longer); a user
# typing ever new values cannot grow them past it (a few megabytes)
_WORDS = Allowance("parser: words remembered in the trie", 32_768, per=4, most=1 << 17)


def _walk(g: Grammar, line: str, root: _Node) -> tuple[list[Token], _Node] | None:
    """The fast path of a line of a known shape: its tokens and the trie node it ends at; None
    at the first prefix the trie does not know.  A word met before at this node (a keyword,
    an interface name, a value) is one dictionary lookup: its token is shared by every line
    that has it in the same place (tokens are never changed); a new one is worked out as
    _tokens does and remembered."""
    texts = line.split()
    tokens: list[Token] = []
    node = root
    end = 0                                  # where the previous word ended
    i = 0
    for text in texts:
        # the usual case first: every word met before in its place
        col = line.find(text, end)
        seen = node.words.get(text)
        if seen is None or seen[0].start_pos != col:
            break
        tokens.append(seen[0])
        node = seen[1]
        end = col + len(text)
        i += 1
    else:
        return tokens, node
    n = len(texts)
    while i < n:
        text = texts[i]
        col = line.find(text, end)
        end = col + len(text)
        seen = node.words.get(text)
        if seen is not None and seen[0].start_pos == col:
            tokens.append(seen[0])
            node = seen[1]
            i += 1
            continue
        choices = node.choices
        if choices is None:
            return None
        term = choices.keywords.get(text.lower())
        # a word is remembered unless what it stands for may depend on the next word: a
        # non-keyword of letters where an interface name typed in two words may come
        keep = term is not None or not (node.splice and _ALPHA.match(text))
        if term is None:
            # not a keyword as typed: an interface name in two words, an abbreviation, a value
            if (node.splice and i + 1 < n and _ALPHA.match(text)
                    and _PORT.match(texts[i + 1])):
                i += 1
                end = line.find(texts[i], end) + len(texts[i])
                text += texts[i]
            term = choices.chosen.get(text)
            if term is None:
                term = _choose(g, node.acc or frozenset(), Word(text, col))
        if term == "REST":
            tokens.append(Token(term, line[col:].rstrip(), col))
            nxt = node.next.get(term)
            return (tokens, nxt) if nxt is not None else None
        tok = Token(term, text, col)
        tokens.append(tok)
        nxt = node.next.get(term)
        if nxt is None:
            return None
        if keep and _WORDS.take():
            node.words[text] = (tok, nxt)
        node = nxt
        i += 1
    return tokens, node


def _parsed(mode: str, line: str) -> Parsed:
    """Parse one command line in `mode` (see parse), with what its command reads."""
    root = _roots.get(mode)
    walked = _walk(load(), line, root) if root is not None else None
    if walked is not None:
        tokens, node = walked
        acc = node.acc
        if acc is not None and END not in acc:
            raise CommandError("incomplete", len(line), "")
        known = node.known
        if acc is not None and known is not None:
            return Parsed.of_shape(tokens, known)
    # the walk stopped where the trie ends: the shape is new, the LALR parser goes first
    tree, fed, end = _parse_tokens(mode, line, new=walked is None)
    parsed = Parsed(tree)
    if end is not None and end.shape is not None:
        # the node this shape ends at learns what its lines' commands read
        index = {(t.type, t.start_pos): k for k, t in enumerate(fed)}
        order = tuple(index[(t.type, t.start_pos)] for t in parsed.tokens)
        where = parsed._known
        end.known = _Known(None if order == tuple(range(len(fed))) else order, parsed.words,
                           parsed.rule, parsed.no, where.sub_at, where.filter_at,
                           where.first_at, end.shape)
    return parsed


def _parse(mode: str, line: str) -> Tree:
    """Parse one command line in `mode`; raise CommandError if it is not a command."""
    return _parse_tokens(mode, line, new=False)[0]


def _parse_tokens(mode: str, line: str, new: bool) -> tuple[Tree, list[Token], _Node | None]:
    """The line's tree, the tokens fed and the trie node its shape ends at (None past the
    trie's cap).  `new`: the trie is known not to hold this shape (skip looking)."""
    g = load()
    words = split_words(line)
    root = _roots.get(mode)
    if root is None:
        root = _roots.setdefault(mode, _Node())
    if not new:
        tokens, node, _ = _tokens(g, line, words, root, None)
        if node is not None and node.acc is not None and (node.shape is not None or END not in node.acc):
            if END not in node.acc:
                raise CommandError("incomplete", len(line), "")
            assert node.shape is not None
            return _build(node.shape, tokens), tokens, node
    # a shape not met yet: the LALR parser parses it, and the trie learns it
    tokens, node, ip = _tokens(g, line, words, root, _start(g, mode))
    assert ip is not None
    if END not in accepts(ip):
        raise CommandError("incomplete", len(line), "")
    try:
        tree = ip.feed_eof()
    except ParseError as exc:   # cannot happen when $END is accepted; be safe
        raise CommandError("incomplete", len(line), "") from exc
    if node is not None:
        node.shape = _shape(tree, {id(t): k for k, t in enumerate(tokens)})
    return tree, tokens, node


# One memo layer over the trie: parse_line's (the commands).  A tree alone (parse) is asked
# for by the tests and tools, never per command: it is parsed at each call.
parse = _parse


class Parsed:
    """A parsed line with what every command reads from it, worked out once per distinct line
    (a sync or a replay meets the same lines again): the command's rule and tree, its tokens
    in order and their keywords spelled out ("" for an argument), the output filter.  For a
    line of a known shape the tree is built only when asked for (few commands look at it)."""

    __slots__ = ("_tree", "_fed", "_known", "rule", "tokens", "words", "no", "has_filter")

    def __init__(self, tree: Tree) -> None:
        self._tree: Tree | None = tree
        self._fed: list[Token] = []
        kids = tree.children
        sub = next(c for c in kids if isinstance(c, Tree))
        self._known = _Known(
            None, (), str(sub.data), False, kids.index(sub),
            next((i for i, c in enumerate(kids) if i > 0 and isinstance(c, Tree) and c.data == "filter"), -1),
            next((i for i, c in enumerate(sub.children) if isinstance(c, Tree)), -1))
        self.rule = str(sub.data)
        self.has_filter = self._known.filter_at >= 0
        found: list[Token] = []
        _leaves(sub, found)
        self.tokens = tuple(found)
        kws = load().keywords
        self.words = tuple([kws.get(t.type, "") for t in found])
        self.no = bool(found) and found[0].type == "NO"

    @classmethod
    def of_shape(cls, fed: list[Token], known: _Known) -> Parsed:
        """A line of a known shape: only the tokens are its own."""
        self = _new_parsed(cls)
        self._tree = None
        self._fed, self._known = fed, known
        order = known.order
        self.tokens = tuple(fed) if order is None else tuple([fed[k] for k in order])
        self.rule, self.words, self.no = known.rule, known.words, known.no
        self.has_filter = known.filter_at >= 0
        return self

    @property
    def tree(self) -> Tree:
        """The whole line's tree (the mode's start rule)."""
        tree = self._tree
        if tree is None:
            shape = self._known.shape
            assert shape is not None
            tree = self._tree = _build(shape, self._fed)
        return tree

    @property
    def sub(self) -> Tree:
        """The command's tree."""
        sub = self.tree.children[self._known.sub_at]
        assert isinstance(sub, Tree)
        return sub

    @property
    def filter(self) -> Tree | None:
        """The output filter (`| include ...`), if any."""
        if self._known.filter_at < 0:
            return None
        flt = self.tree.children[self._known.filter_at]
        assert isinstance(flt, Tree)
        return flt

    @property
    def first_tree(self) -> Tree | None:
        """The command tree's first subtree (a failover sub-command's alias)."""
        if self._known.first_at < 0:
            return None
        first = self.sub.children[self._known.first_at]
        assert isinstance(first, Tree)
        return first


_new_parsed = object.__new__


def _leaves(tree: Tree, out: list[Token]) -> None:
    """The tree's tokens in order (what Tree.scan_values yields, without its generators)."""
    for c in tree.children:
        if isinstance(c, Tree):
            _leaves(c, out)
        elif isinstance(c, Token):
            out.append(c)


# A sync parses every line of the configuration, about 2 distinct lines per unit of lab_size
# (the interfaces' nameif, address, vlan, allocate-interface lines are each their own): a
# fixed 4,096 held the 125-context lab's 2,965 but not the 250-context lab's 5,840, and a
# least-recently-used memo smaller than a sequential pass misses on every line (full sync
# exponent 1.6).  Sized to the lab with room to spare (tests/contracts/test_sync_cost.py).
@memo("parser: commands by (mode, line)", 4096, per=4, most=1 << 17)
def parse_line(mode: str, line: str) -> Parsed:
    """`parse`, with the command's rule, tokens and keywords worked out (see Parsed)."""
    return _parsed(mode, line)
