"""Every 시도 and 시군구 of Korea with its 5-digit 법정동 code, so a place outside our data is named
(and said to be outside) instead of being ignored or swapped for a place we have.

The table is `sigungu_kr.csv` beside this module, derived from 행정안전부's 법정동코드 전체자료 as of
2024-08-01 (its header says where from). A code is valid from `created` until the day before
`abolished`, so codes that changed keep working for the months they applied: 군위군 is 47720
(경상북도) until 2023-06-30 and 27720 (대구광역시) from 2023-07-01. Names repeat across 시도 (six
중구, two 강서구, two 고성군): `resolve` uses the other names of a message (a 시도, a 시) to pick one.
The MOLIT sync reuses `by_code` to check the LAWD_CD it asks for.

Loaded once, on first use (`places()`), never at import time.
"""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from importlib import resources

from agents.domain.units import compact

TABLE_FILE = "sigungu_kr.csv"
SOURCE = "행정안전부 법정동코드 전체자료 2024-08-01 (KIKcd_B.20240801), repository WooilJeong/code @ c9a0164"

# Short names of each 시도 (Korean and Revised Romanization), by the 시도 code prefix. A renamed 시도
# keeps the short names of its predecessor (강원도 42 → 강원특별자치도 51, 전라북도 45 → 52).
SIDO_SHORT: dict[str, tuple[str, ...]] = {
    "11": ("서울", "서울시", "seoul"),
    "26": ("부산", "부산시", "busan"),
    "27": ("대구", "대구시", "daegu"),
    "28": ("인천", "인천시", "incheon"),
    "29": ("광주", "gwangju"),  # 광주시 is 경기도 광주시
    "30": ("대전", "대전시", "daejeon"),
    "31": ("울산", "울산시", "ulsan"),
    "36": ("세종", "세종시", "sejong"),
    "41": ("경기", "경기도", "gyeonggi", "gyeonggido"),
    "42": ("강원", "강원도", "gangwon", "gangwondo"),
    "43": ("충북", "충청북도", "chungbuk", "chungcheongbukdo"),
    "44": ("충남", "충청남도", "chungnam", "chungcheongnamdo"),
    "45": ("전북", "전라북도", "jeonbuk", "jeollabukdo"),
    "46": ("전남", "전라남도", "jeonnam", "jeollanamdo"),
    "47": ("경북", "경상북도", "gyeongbuk", "gyeongsangbukdo"),
    "48": ("경남", "경상남도", "gyeongnam", "gyeongsangnamdo"),
    "49": ("제주", "제주도", "jeju", "jejudo"),
    "50": ("제주", "제주도", "jeju", "jejudo"),
    "51": ("강원", "강원도", "gangwon", "gangwondo"),
    "52": ("전북", "전라북도", "jeonbuk", "jeollabukdo"),
}  # fmt: skip

# Names of several 시도 together, and well-known areas that are no 시군구 of their own (→ the 시군구
# they lie in). Public geography, written by hand.
REGION_GROUPS: dict[str, tuple[str, ...]] = {
    "충청도": ("43", "44"), "전라도": ("45", "46", "52"), "경상도": ("47", "48"),
}  # fmt: skip
AREAS: dict[str, str] = {
    "일산": "41280", "동탄": "41590", "송도": "28185", "청라": "28260", "검단": "28260", "영종": "28110",
    "평촌": "41173", "산본": "41410", "광교": "41117",
}  # fmt: skip
# Towns of our data named after one 법정동 but spanning several (판교 신도시: 판교동, 백현동, 삼평동, 운중동
# …): "판교 쪽", "판교 일대" is the 구 around them, "판교동" (or a bare "판교", as the sheet reads a 동) the 동.
WIDE_TOWNS: dict[str, str] = {"판교": "41135", "pangyo": "41135"}

# Short forms that are also everyday words (예산 budget, 음성 voice, 경기 economy, 이천 two thousand
# …): recognised when `resolve` is handed them, but a free-text scanner should not take them.
COMMON_WORDS = frozenset((
    "경기", "세종", "예산", "음성", "영양", "고령", "진도", "구리", "동해", "영동", "공주", "장수", "보은", "상주", "경주", "양산", "부여",
    "완주", "신안", "정선", "강진", "고성", "장성", "영광", "성주", "연수", "수정", "동안", "청원", "동남", "서북", "이천", "사천", "수영",
    "사상", "광산", "남동", "단원", "상당", "인제", "거창", "영도", "기장", "강화", "중앙", "서면",
))  # fmt: skip


@dataclass(frozen=True)
class Place:
    """One row of the table: a 시도 (code ends in 000, empty name) or a 시군구 ("수원시 영통구")."""

    code: str
    sido: str
    name: str
    created: date
    abolished: date | None = None  # first day the code no longer applies

    @property
    def sido_code(self) -> str:
        return self.code[:2]

    @property
    def is_sido(self) -> bool:
        return self.code.endswith("000")

    @property
    def full_name(self) -> str:
        """'부산광역시 해운대구', '경기도 수원시 영통구', '대구광역시' (what an answer names)."""
        return self.sido if self.is_sido or self.name == self.sido else f"{self.sido} {self.name}"

    def valid_on(self, day: date | None) -> bool:
        """In force on `day`; with no day, in force as of the table's date."""
        if day is None:
            return self.abolished is None
        return self.created <= day and (self.abolished is None or day < self.abolished)

    def contains(self, other: Place) -> bool:
        """A 시도 contains its 시군구, a 시 its 구 (수원시 ⊃ 수원시 영통구)."""
        if other.code == self.code or other.sido_code != self.sido_code:
            return False
        return self.is_sido or (not other.is_sido and other.name.startswith(self.name + " "))


@dataclass(frozen=True)
class Resolved:
    """A name of a message and the places it may mean (one when the message tells which)."""

    mention: str
    places: tuple[Place, ...]


@dataclass(frozen=True, eq=False)
class PlaceTable:
    places: tuple[Place, ...]
    by_alias: dict[str, tuple[Place, ...]] = field(repr=False)  # compact alias → all rows it names
    rows_by_code: dict[str, tuple[Place, ...]] = field(repr=False)

    def by_code(self, code: str, on: date | None = None) -> Place | None:
        """The place a 5-digit code named on `on` (None: as of the table's date), or None."""
        return next((p for p in self.rows_by_code.get(code, ()) if p.valid_on(on)), None)

    def candidates(self, name: str, on: date | None = None) -> tuple[Place, ...]:
        """Every place a name may mean on `on`: '중구' gives six, '해운대' one, '강원도' the one in force."""
        return tuple(p for p in self.by_alias.get(compact(name), ()) if p.valid_on(on))

    def in_force(self, on: date | None = None) -> tuple[Place, ...]:
        return tuple(p for p in self.places if p.valid_on(on))

    def names(self, on: date | None = None) -> dict[str, tuple[Place, ...]]:
        """Every alias with the places it names on `on` (what a scanner of free text indexes)."""
        found = {key: tuple(p for p in cands if p.valid_on(on)) for key, cands in self.by_alias.items()}
        return {key: cands for key, cands in found.items() if cands}

    def resolve(self, names: Iterable[str], on: date | None = None) -> list[Resolved]:
        """The places the names of one message mean, told apart by each other ('부산 중구' → 부산광역시
        중구, '경기 광주' → 광주시); names that are no place are left out."""
        found = [(name, self.candidates(name, on)) for name in names]
        found = [(name, cands) for name, cands in found if cands]
        narrowed = narrow([cands for _, cands in found])
        return [Resolved(name, cands) for (name, _), cands in zip(found, narrowed, strict=True)]


def narrow(candidate_sets: Sequence[Sequence[Place]]) -> list[tuple[Place, ...]]:
    """Each set cut to the places that contain or lie in a candidate of another set; a set still
    ambiguous that holds one 시도 means that 시도 ('광주' alone is 광주광역시, '제주' 제주특별자치도)."""
    result: list[tuple[Place, ...]] = []
    for i, cands in enumerate(candidate_sets):
        kept = tuple(cands)
        if len(kept) > 1:
            others = [o for j, s in enumerate(candidate_sets) if j != i for o in s]
            related = tuple(c for c in kept if any(c.contains(o) or o.contains(c) for o in others))
            kept = related or kept
        if len(kept) > 1:
            sidos = tuple(c for c in kept if c.is_sido)
            if len(sidos) == 1:
                kept = sidos
        result.append(kept)
    return result


def aliases(place: Place) -> set[str]:
    """Compact names a place goes by: 부산광역시/부산/busan; 수원시 영통구/수원영통구/영통구/영통."""
    if place.is_sido:
        return {compact(place.sido), *SIDO_SHORT.get(place.sido_code, ())}
    parts = place.name.split()
    found = {compact(place.name), parts[-1]}
    stem = _stem(parts[-1])
    if stem:
        found.add(stem)
    if len(parts) == 2 and _stem(parts[0]):
        found.add(_stem(parts[0]) + parts[-1])  # 수원영통구
    return found


def _stem(name: str) -> str:
    """'해운대구' → '해운대', '수원시' → '수원'; '' where one letter would be left ('중구')."""
    return name[:-1] if len(name) >= 3 and name[-1] in "시군구" else ""


@cache
def places() -> PlaceTable:
    """The table, read once from the package data."""
    text = resources.files("agents.domain").joinpath(TABLE_FILE).read_text(encoding="utf-8")
    lines = (line for line in io.StringIO(text) if not line.startswith("#"))
    rows = tuple(
        Place(
            code=r["code"],
            sido=r["sido"],
            name=r["name"],
            created=date.fromisoformat(r["created"]),
            abolished=date.fromisoformat(r["abolished"]) if r["abolished"] else None,
        )
        for r in csv.DictReader(lines)
    )
    by_alias: dict[str, list[Place]] = defaultdict(list)
    for p in rows:
        for key in aliases(p):
            by_alias[key].append(p)
    for key, sido_codes in REGION_GROUPS.items():
        by_alias[key].extend(p for p in rows if p.is_sido and p.sido_code in sido_codes)
    for key, code in AREAS.items():
        by_alias[key].extend(p for p in rows if p.code == code)
    by_code: dict[str, list[Place]] = defaultdict(list)
    for p in rows:
        by_code[p.code].append(p)
    return PlaceTable(
        places=rows,
        by_alias={k: tuple(v) for k, v in by_alias.items()},
        rows_by_code={k: tuple(v) for k, v in by_code.items()},
    )
