"""Comparisons: "송파구랑 강남구 비교", "은마 2020년이랑 2024년", "분당 매매랑 전세" ask for two (or more)
answers side by side, not one answer about a merged filter.

The NLU reads one set of slots per message, so a second place used to vanish ("송파구랑 강남구" →
송파구 alone) and two years became one range (2020~2024). Here a message is read once per side: each
side keeps everything the message says in common (period, deal type, size) and changes only the
place, the year or the deal type it names. Planning then runs one statistics step per side.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from agents.domain.slots import Slots
from agents.domain.units import normalize
from agents.gazetteer import Gazetteer, Hit
from agents.nlu import parse

MAX_SIDES = 4
# Between two names: "랑", "이랑", "하고", "와/과", "vs", "대비", ",", "and" (and nothing else).
_JOIN = r"(?:이랑|랑|하고|와|과|vs\.?|VS|대비|,|및|and|이나|or)"
_BETWEEN = re.compile(rf"^\s?{_JOIN}\s?$")
_YEARS = re.compile(rf"((?:19|20)?\d{{2}})\s?년(?:도)?\s?{_JOIN}\s?((?:19|20)?\d{{2}})\s?년")
_DEALS = re.compile(rf"(매매|전세|월세)\s?{_JOIN}\s?(매매|전세|월세)")
REGION_KEYS = ("sigungu", "sigungu_code", "dong", "dong_parts", "complex", "complex_id", "sido_code")


@dataclass(frozen=True)
class Side:
    """One side of a comparison: its label in the answer and the slot changes it makes."""

    label: str
    update: dict[str, Any]


def comparison_sides(text: str, slots: Slots, gaz: Gazetteer, today: date) -> list[Side]:
    """The sides a message compares (two or more), or [] when it compares nothing."""
    norm = normalize(text)
    for sides in (_place_sides(norm, slots, gaz, today), _year_sides(norm), _deal_sides(norm)):
        if len(sides) >= 2:
            return sides[:MAX_SIDES]
    return []


def _place_sides(norm: str, slots: Slots, gaz: Gazetteer, today: date) -> list[Side]:
    """Places joined by 랑/와/vs …: each side is the message with the other sides' names blanked out,
    so "대치동 은마랑 잠실엘스 2024년" reads as (대치동 은마, 2024) and (잠실엘스, 2024)."""
    hits = [h for h in gaz.scan(norm) if h.targets and h.kind != "foreign"]
    groups: list[list[Hit]] = []
    for hit in hits:
        if groups and not _BETWEEN.match(norm[groups[-1][-1].end : hit.start]):
            groups[-1].append(hit)  # "대치동 은마": one place named in two words
        else:
            groups.append([hit])
    if len(groups) < 2:
        return []
    sides: list[Side] = []
    for index, group in enumerate(groups):
        others = [h for j, g in enumerate(groups) if j != index for h in g]
        masked = _blank(norm, others)
        place = parse(masked, gaz, today).slots
        update = {k: getattr(place, k) for k in REGION_KEYS}
        if not any(update[k] for k in ("sigungu_code", "complex", "sido_code")):
            return []  # one side names no place we can answer for: not a comparison of places
        label = (
            " ".join(p for p in (place.complex or place.dong or place.sigungu,) if p)
            or norm[group[0].start : group[-1].end]
        )
        sides.append(Side(label, update))
    labels = [s.label for s in sides]
    return sides if len(set(labels)) == len(labels) else []


def _year_sides(norm: str) -> list[Side]:
    match = _YEARS.search(norm)
    if match is None:
        return []
    years = [_full_year(match.group(1)), _full_year(match.group(2))]
    if years[0] == years[1]:
        return []
    return [Side(f"{y}년", {"period_from": f"{y}-01-01", "period_to": f"{y}-12-31"}) for y in years]


def _deal_sides(norm: str) -> list[Side]:
    match = _DEALS.search(norm)
    if match is None or match.group(1) == match.group(2):
        return []
    return [Side(deal, {"deal_type": deal}) for deal in (match.group(1), match.group(2))]


def _full_year(digits: str) -> int:
    year = int(digits)
    return year + 2000 if year < 100 else year


def _blank(text: str, hits: list[Hit]) -> str:
    chars = list(text)
    for hit in hits:
        chars[hit.start : hit.end] = " " * (hit.end - hit.start)
    return "".join(chars)
