"""No input can stall a worker: every regex of the project is linear, and every parser reads a capped text.

Python's `re` backtracks, and `search`/`finditer`/`sub` try every start position. A message of
"예산 " and 4,000 digits once held a worker ~8 s because `\\d+(?:\\.\\d+)?\\s*억` re-scanned the digit
run from each of its positions (quadratic). Two checks run on every compiled pattern reachable at
module level in agents/, memory/ and backend/ (globals, class attributes, and tuples, lists, dicts and
dataclasses of patterns):

1. regexploit (its `find` over the sre parse, as its CLI does) reports no ReDoS. It looks for
   polynomial/exponential backtracking inside one match attempt (`\\s*\\s*\\s*`, `(a+)+`), not for
   the quadratic cost of repeating a scan from every start position, hence:
2. A structural rule over `re._parser`'s tree. An unbounded repeat (`*`, `+`, `{n,}`) is allowed only
   a. in tail position: only optional items follow it, so once entered the match succeeds and the
      engine never backtracks into it (`[가-힣]+` to find words, `\\s+` to collapse spaces); or
   b. when it matches whitespace only and can start only right after a consumed non-whitespace
      character or an anchor (`^`, `\\b`, a lookbehind): a whitespace run is then entered from a
      bounded number of start positions, and two such repeats never touch (no `\\s*X?\\s*`); or
   c. in a pattern anchored at its start (`^`/`\\A`, not MULTILINE) that has at most one unbounded
      repeat on any path, of a single character class: one start, one repeat giving characters
      back one at a time, so backtracking is linear.
   Every other repeat has a finite bound of at most MAX_BOUND. A repeat that can match digits or
   Hangul is therefore bounded, so each start position costs O(MAX_BOUND); where a number is read,
   the patterns also begin with a lookbehind so a long digit run is read from its start only.
   The rule is conservative (it rejects some linear shapes) and ignores backreferences (none used).

Separately, every parser entry point reads at most `agents.domain.units.MAX_PARSE_CHARS` characters: on a
100,000-character message each returns what it returns for the capped prefix, and with the constant
patched smaller each follows it. There are no timing assertions (bench/redos_bench.py measures).
"""

from __future__ import annotations

import importlib
import pkgutil
import re
import string
import warnings
from collections.abc import Callable, Iterator
from dataclasses import fields, is_dataclass
from datetime import date
from re import _constants as sre
from re import _parser as sre_parse
from typing import Any

import pytest

from agents import gazetteer as gazetteer_module
from agents import nlu
from agents.domain import units
from agents.domain.slots import Intent, Slots
from agents.gazetteer import Gazetteer, GazetteerRow
from agents.tools import law
from memory import conversation, extract, recall

with warnings.catch_warnings():  # regexploit imports the deprecated sre_parse/sre_constants
    warnings.simplefilter("ignore", DeprecationWarning)
    from regexploit.ast.sre import SreOpParser
    from regexploit.redos import find as find_redos

PACKAGES = ("agents", "memory", "backend")
MIN_PATTERNS = 50
MAX_BOUND = 64

# ---------------------------------------------------------------------------------------------
# collecting patterns


def _patterns_in(value: Any, name: str, depth: int = 0) -> Iterator[tuple[str, re.Pattern[str]]]:
    if isinstance(value, re.Pattern):
        yield name, value
    elif depth >= 3 or isinstance(value, (str, bytes, type)):
        return
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _patterns_in(item, f"{name}[{key!r}]", depth + 1)
    elif isinstance(value, (list, tuple, set, frozenset)):
        for index, item in enumerate(value):
            yield from _patterns_in(item, f"{name}[{index}]", depth + 1)
    elif is_dataclass(value):
        for field in fields(value):
            yield from _patterns_in(getattr(value, field.name), f"{name}.{field.name}", depth + 1)


def _modules() -> Iterator[Any]:
    for package_name in PACKAGES:
        package = importlib.import_module(package_name)
        yield package
        for info in pkgutil.walk_packages(package.__path__, package_name + "."):
            yield importlib.import_module(info.name)


def _all_patterns() -> dict[tuple[str, int], str]:
    """(source, flags) → where it was first found."""
    found: dict[tuple[str, int], str] = {}
    for module in _modules():
        for attr, value in vars(module).items():
            owner = f"{module.__name__}.{attr}"
            if isinstance(value, type) and value.__module__ == module.__name__:
                for class_attr, class_value in vars(value).items():
                    for name, pattern in _patterns_in(class_value, f"{owner}.{class_attr}"):
                        found.setdefault((pattern.pattern, pattern.flags), name)
            for name, pattern in _patterns_in(value, owner):
                found.setdefault((pattern.pattern, pattern.flags), name)
    return found


PATTERNS = _all_patterns()
PATTERN_IDS = [name for name in PATTERNS.values()]


def test_the_scan_finds_the_projects_patterns() -> None:
    assert len(PATTERNS) >= MIN_PATTERNS, sorted(PATTERNS.values())
    names = set(PATTERNS.values())
    assert {
        "agents.domain.units._MONEY",
        "memory.extract._AMOUNT_RE",
        "agents.tools.law._ARTICLE_REF",
    } <= names


# ---------------------------------------------------------------------------------------------
# 1. regexploit


@pytest.mark.parametrize("key", list(PATTERNS), ids=PATTERN_IDS)
def test_regexploit_finds_no_redos(key: tuple[str, int]) -> None:
    source, flags = key
    findings = list(find_redos(SreOpParser().parse_sre(source, flags)))
    assert not findings, [f.example() for f in findings]


# ---------------------------------------------------------------------------------------------
# 2. the structural rule

_REPEATS = (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT)
_CHARS = (sre.LITERAL, sre.NOT_LITERAL, sre.ANY, sre.IN, sre.CATEGORY)
_PROBE = string.printable + "\u3000\xa0가나힣각ㄱㅏ…·–₩㎡"
_CATEGORIES: dict[Any, Callable[[str], bool]] = {
    sre.CATEGORY_SPACE: str.isspace,
    sre.CATEGORY_NOT_SPACE: lambda c: not c.isspace(),
    sre.CATEGORY_DIGIT: str.isdigit,
    sre.CATEGORY_NOT_DIGIT: lambda c: not c.isdigit(),
    sre.CATEGORY_WORD: lambda c: c.isalnum() or c == "_",
    sre.CATEGORY_NOT_WORD: lambda c: not (c.isalnum() or c == "_"),
}
Item = tuple[Any, Any]


def _char_test(op: Any, av: Any, flags: int) -> Callable[[str], bool]:
    """Whether one single-character item matches a character (enough of sre for our patterns)."""
    if op is sre.LITERAL:
        ch = chr(av)
        return lambda c: c == ch or (bool(flags & re.IGNORECASE) and c.lower() == ch.lower())
    if op is sre.NOT_LITERAL:
        return lambda c: c != chr(av)
    if op is sre.ANY:
        return lambda c: c != "\n" or bool(flags & re.DOTALL)
    if op is sre.CATEGORY:
        return _CATEGORIES[av]
    if op is sre.RANGE:
        low, high = av
        return lambda c: low <= ord(c) <= high
    negate = any(o is sre.NEGATE for o, _ in av)  # sre.IN
    tests = [_char_test(o, a, flags) for o, a in av if o is not sre.NEGATE]
    return lambda c: negate != any(t(c) for t in tests)


def _children(op: Any, av: Any) -> list[list[Item]]:
    """The item lists inside a repeat, group or alternation (lookarounds consume nothing)."""
    if op in _REPEATS:
        return [list(av[2])]
    if op is sre.SUBPATTERN:
        return [list(av[3])]
    if op is sre.BRANCH:
        return [list(b) for b in av[1]]
    return []


def _can_match(items: list[Item], flags: int, *, space: bool) -> bool:
    """Can some character these items consume be whitespace (space=True) / anything else?"""
    for op, av in items:
        if op in _CHARS:
            test = _char_test(op, av, flags)
            if any(test(c) and c.isspace() == space for c in _PROBE):
                return True
        elif any(_can_match(child, flags, space=space) for child in _children(op, av)):
            return True
        elif op in (sre.GROUPREF, sre.GROUPREF_EXISTS, sre.ATOMIC_GROUP):
            return True  # not used by the project; be conservative
    return False


def _ending(items: list[Item], flags: int) -> tuple[bool, bool]:
    """(the items may consume nothing, the last character they consume may be whitespace)."""
    may_be_space = False
    for op, av in reversed(items):
        empty, space = _item_ending(op, av, flags)
        may_be_space |= space
        if not empty:
            return False, may_be_space
    return True, may_be_space


def _item_ending(op: Any, av: Any, flags: int) -> tuple[bool, bool]:
    if op in _CHARS:
        return False, _can_match([(op, av)], flags, space=True)
    if op in _REPEATS:
        empty, space = _ending(list(av[2]), flags)
        return empty or av[0] == 0, space
    if op is sre.SUBPATTERN:
        return _ending(list(av[3]), flags)
    if op is sre.BRANCH:
        ends = [_ending(list(b), flags) for b in av[1]]
        return any(e for e, _ in ends), any(s for _, s in ends)
    if op in (sre.AT, sre.ASSERT, sre.ASSERT_NOT):
        return True, False
    return True, True


def _never_fails(op: Any, av: Any) -> bool:
    if op in _REPEATS:
        return av[0] == 0
    if op is sre.SUBPATTERN:
        return all(_never_fails(*item) for item in av[3])
    if op is sre.BRANCH:
        return any(all(_never_fails(*item) for item in b) for b in av[1])
    return False


def _unbounded_on_a_path(items: list[Item], flags: int) -> int:
    """The most unbounded repeats of non-whitespace met on one path through the pattern."""
    count = 0
    for op, av in items:
        if op in _REPEATS:
            own = av[1] is sre.MAXREPEAT and _can_match(list(av[2]), flags, space=False)
            count += own + _unbounded_on_a_path(list(av[2]), flags)
        elif op is sre.SUBPATTERN:
            count += _unbounded_on_a_path(list(av[3]), flags)
        elif op is sre.BRANCH:
            count += max(_unbounded_on_a_path(list(b), flags) for b in av[1])
        elif op in (sre.ASSERT, sre.ASSERT_NOT):
            count += _unbounded_on_a_path(list(av[1]), flags)
    return count


def structural_problems(pattern: re.Pattern[str]) -> list[str]:
    flags = pattern.flags
    items = list(sre_parse.parse(pattern.pattern, flags))
    starts = items[0] if items else None
    anchored = starts == (sre.AT, sre.AT_BEGINNING_STRING) or (
        starts == (sre.AT, sre.AT_BEGINNING) and not flags & re.MULTILINE
    )
    one_start = anchored and _unbounded_on_a_path(items, flags) <= 1
    problems: list[str] = []
    _walk(items, flags, pinned=anchored, tail=True, one_start=one_start, problems=problems)
    return problems


def _walk(
    items: list[Item], flags: int, *, pinned: bool, tail: bool, one_start: bool, problems: list[str]
) -> None:
    """`pinned`: the position before items[0] follows a consumed non-space character or an anchor.
    `tail`: nothing after `items` can fail."""
    for index, (op, av) in enumerate(items):
        last = tail and all(_never_fails(*item) for item in items[index + 1 :])
        if op in _REPEATS:
            low, high, body = av[0], av[1], list(av[2])
            shown = f"{{{low},{'' if high is sre.MAXREPEAT else high}}} at item {index}"
            if high is sre.MAXREPEAT:
                single_char = len(body) == 1 and body[0][0] in _CHARS
                if _can_match(body, flags, space=False):
                    if not (last or (one_start and single_char)):
                        problems.append(f"unbounded repeat of non-space {shown}")
                elif not (pinned or last):
                    problems.append(f"whitespace repeat that can start anywhere {shown}")
            elif high > MAX_BOUND:
                problems.append(f"repeat bound over {MAX_BOUND} {shown}")
            body_pinned = pinned and (high == 1 or _ending(body, flags) == (False, False))
            _walk(
                body,
                flags,
                pinned=body_pinned,
                tail=last and high == 1,
                one_start=one_start,
                problems=problems,
            )
        elif op is sre.SUBPATTERN:
            _walk(list(av[3]), flags, pinned=pinned, tail=last, one_start=one_start, problems=problems)
        elif op is sre.BRANCH:
            for branch in av[1]:
                _walk(list(branch), flags, pinned=pinned, tail=last, one_start=one_start, problems=problems)
        elif op in (sre.ASSERT, sre.ASSERT_NOT):
            _walk(list(av[1]), flags, pinned=pinned, tail=False, one_start=one_start, problems=problems)
        elif op in (sre.GROUPREF, sre.GROUPREF_EXISTS, sre.ATOMIC_GROUP):
            problems.append(f"{op} is not modelled by this check")
        # is the position after this item pinned?
        if op is sre.AT:
            pinned = pinned or av in (sre.AT_BEGINNING, sre.AT_BEGINNING_STRING, sre.AT_BOUNDARY)
        elif op is sre.ASSERT and av[0] == -1:
            pinned = pinned or not _can_match(list(av[1]), flags, space=True)
        elif op not in (sre.ASSERT, sre.ASSERT_NOT):
            empty, space = _item_ending(op, av, flags)
            pinned = not space if not empty else pinned and not space


@pytest.mark.parametrize("key", list(PATTERNS), ids=PATTERN_IDS)
def test_every_repeat_is_bounded_or_provably_linear(key: tuple[str, int]) -> None:
    assert structural_problems(re.compile(*key)) == []


@pytest.mark.parametrize(
    "source",
    [
        r"\d+(?:\.\d+)?\s*억",  # the original 8-second pattern
        r"\d+조",
        r"제?\s*(\d+)\s*조",
        r"\s*(?:은|는)?\s*말고",
        r"\(([^)]*)\)",
        r"^\s*(\d+)\s*(?:조)?\s*$",
        r"^(.+?)\d+가$",
    ],
)
def test_the_rule_rejects_the_shapes_that_were_slow(source: str) -> None:
    assert structural_problems(re.compile(source))


@pytest.mark.parametrize(
    "source",
    [
        r"(?<!\d)\d{1,12}(?:\.\d{1,12})?\s*억",
        r"[0-9a-z가-힣]+",
        r"\s+",
        r"^\s*(?:이하|미만)",
        r"^(.+?)\d{1,3}가$",
    ],
)
def test_the_rule_accepts_linear_shapes(source: str) -> None:
    assert structural_problems(re.compile(source)) == []


# ---------------------------------------------------------------------------------------------
# input caps

TODAY = date(2026, 11, 21)
_ROWS = [
    GazetteerRow("11710", "잠실동", "잠실엘스", "11710-6346", 509, TODAY),
    GazetteerRow("11680", "대치동", "은마", "11680-218", 369, TODAY),
    GazetteerRow("11650", "반포동", "래미안퍼스티지", "11650-3559", 339, TODAY),
]
SMALL_CAP = 100


def _padded(text: str, length: int) -> str:
    return (text + " x" * length)[:length]


# The head (first SMALL_CAP characters), the rest of the real cap and the part beyond it each say
# different things, and the part beyond the cap is full of what used to be slow.
HEAD = _padded("송파구 전세 찾고 있어요.", SMALL_CAP)
BODY = _padded(
    " 강남구 대치동 은마 매매 12억 84㎡ 방 3개 2023년 하반기 예산 9억으로 바꿨어 지난번 그 아파트"
    " 계약갱신요구권 제6조의3 월세 100 연봉 8천",
    units.MAX_PARSE_CHARS - SMALL_CAP,
)
BEYOND = (
    "예산 " + "9" * 4000 + " 84" * 2000 + "억1" * 2000 + "가" * 4000 + " 서초구 반포 래미안퍼스티지 5억 "
) * 8
MESSAGE = (HEAD + BODY + BEYOND)[:100_000]


def _entry_points() -> dict[str, Callable[[str], Any]]:
    gaz = Gazetteer.from_rows(_ROWS)
    slots = Slots(sigungu="송파구", sigungu_code="11710", deal_type="전세")
    return {
        "nlu.parse": lambda t: nlu.parse(t, gaz, TODAY).model_dump(exclude={"truncated"}),
        "korean_units.parse_money": units.parse_money,
        "korean_units.parse_area": units.parse_area,
        "korean_units.parse_rooms": units.parse_rooms,
        "korean_units.parse_period": lambda t: units.parse_period(t, TODAY),
        "gazetteer.scan": gaz.scan,
        "memory.extract.extract": lambda t: extract.extract(t, slots, Intent.PROPERTY_SEARCH),
        "memory.extract.scan_text": extract.scan_text,
        "memory.extract.classify": lambda t: extract.classify(t, Intent.PROPERTY_SEARCH),
        "law.keywords": law.keywords,
        "conversation.summarize": conversation.summarize,
        "conversation.search_terms": conversation.search_terms,
        "recall.mentions_previous": recall.mentions_previous,
    }


ENTRY_POINTS = _entry_points()
_NORMALIZED_INPUT = {name for name in ENTRY_POINTS if name.startswith("korean_units.")}


def _input(name: str, text: str) -> str:
    """The unit parsers take normalized text; everything else takes the raw message."""
    return units.normalize(text) if name in _NORMALIZED_INPUT else text


@pytest.mark.parametrize("name", list(ENTRY_POINTS))
def test_a_huge_message_parses_as_its_capped_prefix(name: str) -> None:
    parse, text = ENTRY_POINTS[name], _input(name, MESSAGE)
    assert parse(text) == parse(text[: units.MAX_PARSE_CHARS])


@pytest.mark.parametrize("name", list(ENTRY_POINTS))
def test_parsers_read_the_one_shared_cap(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """With MAX_PARSE_CHARS patched smaller, each parser follows it: it reads no constant of its own."""
    parse, text = ENTRY_POINTS[name], _input(name, MESSAGE)
    capped = parse(text)
    assert parse(text[:SMALL_CAP]) != capped, "the message must say something new after SMALL_CAP"
    monkeypatch.setattr(units, "MAX_PARSE_CHARS", SMALL_CAP)
    assert parse(text) == parse(text[:SMALL_CAP])


def test_nlu_says_when_it_truncated() -> None:
    gaz = Gazetteer.from_rows(_ROWS)
    assert nlu.parse(MESSAGE, gaz, TODAY).truncated
    assert not nlu.parse(("송파구 전세 " * 200)[: units.MAX_PARSE_CHARS], gaz, TODAY).truncated
    assert nlu.parse("㎡" * units.MAX_PARSE_CHARS, gaz, TODAY).truncated  # NFKC made it longer
    assert gazetteer_module.clip is units.clip and law.clip is units.clip
