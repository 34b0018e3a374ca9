"""What people call the statutes we hold, and the name each statute has in law_articles.

One table for the NLU (which law a question names) and the statute search (which law to prefer, and
which words of a question are a law's name rather than a keyword).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class LawAlias:
    alias: str  # as people write it, spaces removed, lower-case
    law: str  # the statute's own name, as law_articles.law_name stores it
    # Also known to the statute search (agents/tools/law.py). The search knew fewer names than the
    # NLU before the two tables were merged, and keeps exactly those so its ranking is unchanged.
    search: bool = False

    @property
    def compact_law(self) -> str:
        """The statute's name without spaces: how the statute search compares names."""
        return self.law.replace(" ", "")


_HOUSING = "주택임대차보호법"
_COMMERCIAL = "상가건물 임대차보호법"
_BROKERS = "공인중개사법"
_REPORTING = "부동산 거래신고 등에 관한 법률"
_FRAUD = "전세사기피해자 지원 및 주거안정에 관한 특별법"

# Most specific first: the first alias found in a question names the law (a decree before its act).
LAW_ALIASES: tuple[LawAlias, ...] = (
    LawAlias("주택임대차보호법시행령", f"{_HOUSING} 시행령"),
    LawAlias("주택임대차보호법", _HOUSING, search=True),
    LawAlias("주임법", _HOUSING, search=True),
    LawAlias("상가건물임대차보호법시행령", f"{_COMMERCIAL} 시행령"),
    LawAlias("상가건물임대차보호법", _COMMERCIAL, search=True),
    LawAlias("상가임대차보호법", _COMMERCIAL, search=True),
    LawAlias("상가임대차법", _COMMERCIAL),
    LawAlias("상임법", _COMMERCIAL, search=True),
    LawAlias("임대차보호법", _HOUSING),
    LawAlias("공인중개사법시행규칙", f"{_BROKERS} 시행규칙"),
    LawAlias("공인중개사법시행령", f"{_BROKERS} 시행령"),
    LawAlias("공인중개사법", _BROKERS, search=True),
    LawAlias("부동산거래신고등에관한법률시행규칙", f"{_REPORTING} 시행규칙"),
    LawAlias("부동산거래신고등에관한법률시행령", f"{_REPORTING} 시행령"),
    LawAlias("부동산거래신고등에관한법률", _REPORTING, search=True),
    LawAlias("부동산거래신고법", _REPORTING, search=True),
    LawAlias("전세사기피해자지원및주거안정에관한특별법시행령", f"{_FRAUD} 시행령"),
    LawAlias("전세사기피해자지원및주거안정에관한특별법", _FRAUD),
    LawAlias("전세사기특별법", _FRAUD, search=True),
    LawAlias("전세사기피해자법", _FRAUD, search=True),
    LawAlias("민법", "민법", search=True),
    LawAlias("housingleaseprotectionact", _HOUSING),
    LawAlias("commercialbuildingleaseprotectionact", _COMMERCIAL),
    LawAlias("licensedrealestateagentsact", _BROKERS),
    LawAlias("civilact", "민법"),
    LawAlias("civilcode", "민법"),
)

# Alias → the statute's name without spaces, for the statute search (in LAW_ALIASES order).
SEARCH_ALIASES: dict[str, str] = {a.alias: a.compact_law for a in LAW_ALIASES if a.search}


def law_named_in(nospace: str) -> str | None:
    """The statute a question names (`nospace`: normalized, spaces removed), e.g. "주임법" → 주택임대차보호법."""
    return next((a.law for a in LAW_ALIASES if a.alias in nospace), None)


def slot_law_name(law: str, said: str = "") -> str:
    """The name a turn's `law_name` slot carries: the act as the statute files name it, without spaces
    ("상가건물임대차보호법", what people write and compare), a decree or rule after one space; written
    with its own spaces when the message (`said`, normalized) spells it so ("전세사기피해자 지원 및
    주거안정에 관한 특별법 3조"). Statute look-ups compare names without spaces either way."""
    if " " in law and law in said:
        return law
    for kind in (" 시행령", " 시행규칙"):
        if law.endswith(kind):
            return law.removesuffix(kind).replace(" ", "") + kind
    return law.replace(" ", "")
