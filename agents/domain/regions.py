"""시군구 codes (LAWD_CD) of the regions in our data. Shared by the loader and the NLU."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Sigungu:
    code: str
    name: str  # e.g. "강남구", "분당구"
    city: str  # e.g. "서울특별시", "성남시"
    english: str  # romanised, lower case, e.g. "gangnam"


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
