"""시군구 codes (LAWD_CD) of the regions in our data. Shared by the loader and the NLU.

Names repeat across Korea (six 중구, two 강서구): once the data holds two regions of one name, each is
named with its 시도 ("서울 중구", "부산 중구") and looked up by code, never by name.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from agents.domain.places_kr import SIDO_SHORT, Place, places


@dataclass(frozen=True)
class Sigungu:
    code: str
    name: str  # e.g. "강남구", "분당구"
    city: str  # e.g. "서울특별시", "성남시"
    english: str  # romanised, lower case, e.g. "gangnam"
    label: str = ""  # "부산 중구" when another region of the data is also called 중구

    @property
    def said(self) -> str:
        """How an answer names it: "강남구", or "부산 중구" where the bare name would be ambiguous."""
        return self.label or self.name


SIGUNGU: tuple[Sigungu, ...] = (
    Sigungu("11110", "종로구", "서울특별시", "jongno"),
    Sigungu("11140", "중구", "서울특별시", "jung"),
    Sigungu("11170", "용산구", "서울특별시", "yongsan"),
    Sigungu("11200", "성동구", "서울특별시", "seongdong"),
    Sigungu("11215", "광진구", "서울특별시", "gwangjin"),
    Sigungu("11230", "동대문구", "서울특별시", "dongdaemun"),
    Sigungu("11260", "중랑구", "서울특별시", "jungnang"),
    Sigungu("11290", "성북구", "서울특별시", "seongbuk"),
    Sigungu("11305", "강북구", "서울특별시", "gangbuk"),
    Sigungu("11320", "도봉구", "서울특별시", "dobong"),
    Sigungu("11350", "노원구", "서울특별시", "nowon"),
    Sigungu("11380", "은평구", "서울특별시", "eunpyeong"),
    Sigungu("11410", "서대문구", "서울특별시", "seodaemun"),
    Sigungu("11440", "마포구", "서울특별시", "mapo"),
    Sigungu("11470", "양천구", "서울특별시", "yangcheon"),
    Sigungu("11500", "강서구", "서울특별시", "gangseo"),
    Sigungu("11530", "구로구", "서울특별시", "guro"),
    Sigungu("11545", "금천구", "서울특별시", "geumcheon"),
    Sigungu("11560", "영등포구", "서울특별시", "yeongdeungpo"),
    Sigungu("11590", "동작구", "서울특별시", "dongjak"),
    Sigungu("11620", "관악구", "서울특별시", "gwanak"),
    Sigungu("11650", "서초구", "서울특별시", "seocho"),
    Sigungu("11680", "강남구", "서울특별시", "gangnam"),
    Sigungu("11710", "송파구", "서울특별시", "songpa"),
    Sigungu("11740", "강동구", "서울특별시", "gangdong"),
    Sigungu("41135", "분당구", "성남시", "bundang"),
)

BY_CODE: dict[str, Sigungu] = {s.code: s for s in SIGUNGU}
BY_NAME: dict[str, Sigungu] = {s.name: s for s in SIGUNGU}


def place_of(code: str) -> Place | None:
    """The all-Korea table's row for a code: in force today, else the last one it named (a code
    abolished since, such as 경상북도 군위군 47720, still names the months it applied to)."""
    table = places()
    rows = table.rows_by_code.get(code, ())
    return table.by_code(code) or (rows[-1] if rows else None)


def qualified_name(code: str) -> str:
    """'부산 중구', '서울 중구', '포항시 남구', '강원 고성군': a 시군구 told apart from others of its name."""
    place = place_of(code)
    if place is None:
        return BY_CODE[code].name if code in BY_CODE else code
    if place.is_sido:
        return place.sido
    if " " in place.name:
        return place.name  # the 시 tells it apart: 포항시 남구
    short = SIDO_SHORT.get(place.sido_code, (place.sido,))[0]
    return place.name if place.name == place.sido else f"{short} {place.name}"


def short_name(code: str) -> str:
    """The last word of a 시군구's name ('영통구' for 수원시 영통구), as names collide."""
    place = place_of(code)
    if place is not None and not place.is_sido:
        return place.name.split()[-1]
    return BY_CODE[code].name if code in BY_CODE else code


def shared_names(codes: Iterable[str]) -> set[str]:
    """The codes among `codes` whose name another of them also has (서울 중구 and 부산 중구)."""
    unique = set(codes)
    counts = Counter(short_name(c) for c in unique)
    return {c for c in unique if counts[short_name(c)] > 1}


def code_for_name(name: str) -> str | None:
    """The 시군구 code a name, as a slot holds it, stands for: '부산 중구' → 26110, '성남시 분당구' →
    41135, '해운대구' → 26350; a bare name of the shipped regions keeps its meaning ('중구' → 11140).
    None when the name is no one 시군구."""
    words = name.split()
    if not words:
        return None
    shipped = BY_NAME.get(words[-1]) or BY_NAME.get(words[-1] + "구")
    if len(words) == 1 and shipped is not None:
        return shipped.code
    resolved = places().resolve(words)
    specific = [r for r in resolved if not all(p.is_sido for p in r.places)]
    if specific and len(specific[-1].places) == 1:
        return specific[-1].places[0].code
    if resolved and not specific and len(resolved[-1].places) == 1:  # 세종특별자치시: one 시군구 only
        inside = [p for p in places().in_force() if resolved[-1].places[0].contains(p)]
        return inside[0].code if len(inside) == 1 else None
    return None
