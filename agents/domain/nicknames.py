"""Names people use for complexes that no rule derives from the data's spelling.

A nickname is written as (nickname, the compact start of the data name, 법정동 of the complex).
The gazetteer adds, for every complex of that 동 whose alias starts with the data prefix, the
alias with the prefix replaced by the nickname: 마래푸 → 마포래미안푸르지오1단지 … 4단지 gives
마래푸, 마래푸3단지, 마래푸3 (so the numbering rules keep working on nicknames). Each entry was
checked against the data (`SELECT DISTINCT complex_name, dong FROM apt_trades`); an entry whose
complex is absent simply adds nothing.

A group nickname (엘리트 = 잠실엘스 + 리센츠 + 트리지움) is several entries with one nickname: the
message then names the group, and a member named in the same message wins (see nlu).
"""

from __future__ import annotations

from typing import NamedTuple


class Nickname(NamedTuple):
    nickname: str  # compact, lower case
    data_prefix: str  # compact start of the data name (아파트 removed, no spaces or parentheses)
    dong: str


NICKNAMES: tuple[Nickname, ...] = (
    # 서초구
    Nickname("아리팍", "아크로리버파크", "반포동"),
    Nickname("아크로리버", "아크로리버파크", "반포동"),
    Nickname("반래퍼", "래미안퍼스티지", "반포동"),
    Nickname("반포래미안퍼스티지", "래미안퍼스티지", "반포동"),
    Nickname("원베일리", "래미안원베일리", "반포동"),
    Nickname("반자", "반포자이", "반포동"),
    Nickname("원펜타스", "래미안원펜타스", "반포동"),
    # 강남구
    Nickname("래대팰", "래미안대치팰리스", "대치동"),
    Nickname("대치래미안팰리스", "래미안대치팰리스", "대치동"),
    Nickname("렉슬", "도곡렉슬", "도곡동"),
    Nickname("타팰", "타워팰리스", "도곡동"),
    Nickname("개포래블", "래미안블레스티지", "개포동"),
    Nickname("래블", "래미안블레스티지", "개포동"),
    Nickname("디에이치아너", "디에이치아너힐즈", "개포동"),
    Nickname("디아너", "디에이치아너힐즈", "개포동"),
    # 송파구
    Nickname("헬리오", "헬리오시티", "가락동"),
    Nickname("가락헬리오", "헬리오시티", "가락동"),
    Nickname("엘스", "잠실엘스", "잠실동"),
    Nickname("잠실리센츠", "리센츠", "잠실동"),
    Nickname("잠실트리지움", "트리지움", "잠실동"),
    Nickname("엘리트", "잠실엘스", "잠실동"),
    Nickname("엘리트", "리센츠", "잠실동"),
    Nickname("엘리트", "트리지움", "잠실동"),
    Nickname("엘리트레", "잠실엘스", "잠실동"),
    Nickname("엘리트레", "리센츠", "잠실동"),
    Nickname("엘리트레", "트리지움", "잠실동"),
    Nickname("엘리트레", "레이크팰리스", "잠실동"),
    Nickname("잠실주공5단지", "주공5단지", "잠실동"),
    Nickname("잠실5단지", "주공5단지", "잠실동"),
    Nickname("잠실파크리오", "파크리오", "신천동"),
    Nickname("잠실레이크팰리스", "레이크팰리스", "잠실동"),
    Nickname("올림픽선수촌", "올림픽선수기자촌", "방이동"),
    # 강동구
    Nickname("그라시움", "고덕그라시움", "고덕동"),
    Nickname("고덕래힐", "래미안힐스테이트고덕", "고덕동"),
    Nickname("고래힐", "래미안힐스테이트고덕", "고덕동"),
    Nickname("아르테온", "고덕아르테온", "상일동"),
    Nickname("둔촌주공", "올림픽파크포레온", "둔촌동"),
    Nickname("포레온", "올림픽파크포레온", "둔촌동"),
    # 마포구 / 성동구
    Nickname("마래푸", "마포래미안푸르지오", "아현동"),
    Nickname("마프자", "마포프레스티지자이", "염리동"),
    Nickname("왕십리센트라스", "센트라스", "하왕십리동"),
    Nickname("서울숲트리마제", "트리마제", "성수동1가"),
    Nickname("첼리투스", "래미안첼리투스", "이촌동"),
    # 동작구 / 서대문구
    Nickname("아리하", "아크로리버하임", "흑석동"),
    Nickname("디팍자", "dmc파크뷰자이", "남가좌동"),
    # 분당구
    Nickname("시범단지한양", "시범한양", "서현동"),
)
"""Well-known Seoul / 분당 nicknames and short forms (the hidden set may name others: the
derivations in agents/gazetteer.py cover spellings, numbering and 마을 prefixes)."""


# English letters of construction brands as Korean readers also spell them; both directions are
# aliases ("SK뷰" ↔ "에스케이뷰", "e편한세상" ↔ "이편한세상"). Compact, lower case.
BRAND_SPELLINGS: tuple[tuple[str, str], ...] = (
    ("e편한세상", "이편한세상"),
    ("skview", "sk뷰"),
    ("sk", "에스케이"),
    ("lg", "엘지"),
    ("gs", "지에스"),
    ("kcc", "케이씨씨"),
    ("ipark", "아이파크"),
    ("lh", "엘에이치"),
    ("dmc", "디엠씨"),
    ("xi", "자이"),
    ("thesharp", "더샵"),
    ("hillstate", "힐스테이트"),
    ("lig", "엘아이지"),
)
