"""Legal answers as a person reads them: the sentence that answers first, then the 항 that say so,
then what to do next where an article provides for it, then one short note that this is general
information. Statute text is quoted plain (no `**①**` or `1\\.` markup); an English question gets
an English lead and labels, the quotes stay Korean.
"""

from __future__ import annotations

import re
from typing import Any

from agents.answers.section import Section

TITLE = "법률 답변"
TITLE_EN = "Legal answer"
DISCLAIMER = "법률 자문이 아닌 일반 정보입니다. 구체적인 사정에 따라 결론이 달라질 수 있어요."
DISCLAIMER_EN = "This is general information, not legal advice; the outcome can depend on your facts."

# Help that no quoted article provides for, offered as general guidance only (no rule is stated).
GENERAL_GUIDANCE: dict[str, tuple[str, str]] = {
    "housing_deposit_return": (
        "내용증명으로 반환을 요구하거나 법원의 지급명령을 이용하는 방법이 있고, 전세보증금 반환보증에 "
        "가입했다면 보증기관에 문의해 보세요.",
        "You can demand payment in writing (content-certified mail), use a court payment order, and, if you "
        "bought deposit-return guarantee insurance, contact the guarantor.",
    ),
}


# Amounts and fractions an English answer keeps in the statute's own Korean notation (so every figure
# can be checked against the quoted 항): written out in English first, the Korean kept beside it.
_KOREAN_MONEY = re.compile(
    r"(?<![\d,])(?:(\d{1,4})억\s?)?(?:(\d{1,4})천\s?)?(?:(\d{1,4})백\s?)?(\d{1,4})?만\s?원|(?<![\d,])(\d{1,4})억\s?원"
)
_KOREAN_WON = re.compile(r"(?<![\d,])(\d{1,3}(?:,\d{3}){0,3}|\d{1,9})원")
_KOREAN_HOUR = re.compile(r"(?<![\d,])(\d{1,2})시(?![가-힣])")
_KOREAN_ARTICLE = re.compile(r"(?<![(\d])제(\d{1,4})조(?:의(\d{1,2}))?")
_KOREAN_FRACTION = re.compile(r"(?<![\d,])(\d{1,4})(천)?분의\s?(\d{1,4})")


def _won(match: re.Match[str]) -> str:
    eok, cheon, baek, man, eok_only = match.groups()
    if eok_only is not None:
        manwon = int(eok_only) * 10_000
    else:
        if not any((eok, cheon, baek, man)):
            return match.group(0)
        manwon = int(eok or 0) * 10_000 + int(cheon or 0) * 1_000 + int(baek or 0) * 100 + int(man or 0)
    won = manwon * 10_000
    english = f"{won / 1_000_000:g} million won" if won >= 1_000_000 else f"{won:,} won"
    return f"{english} ({match.group(0)})"


def _fraction(match: re.Match[str]) -> str:
    denominator = int(match.group(1)) * (1_000 if match.group(2) else 1)
    return f"{match.group(3)}/{denominator} ({match.group(0)})"


def english_figures(text: str) -> str:
    """An English lead's Korean amounts and fractions written the English way, the statute's own
    notation kept in brackets: "over 6천만원" → "over 60 million won (6천만원)", "100분의 5" → "5/100
    (100분의 5)", "제7조" → "Article 7 (제7조)" outside the closing citation. The figure is the same;
    only how it is written changes."""
    text = _KOREAN_FRACTION.sub(_fraction, _KOREAN_MONEY.sub(_won, text))
    text = _KOREAN_WON.sub(lambda m: f"{m.group(1)} won ({m.group(0)})", text)
    text = _KOREAN_HOUR.sub(lambda m: f"{m.group(1)}:00 ({m.group(0)})", text)
    # the closing citation "(주택임대차보호법 제7조 ②)." names its articles the statute's way
    cut = text.rfind("(")
    citation = text[cut:] if cut >= 0 and "제" in text[cut:] and text.rstrip(" .").endswith(")") else ""
    return _KOREAN_ARTICLE.sub(_article, text[: len(text) - len(citation)]) + citation


def _article(match: re.Match[str]) -> str:
    sub = f"-{match.group(2)}" if match.group(2) else ""
    return f"Article {match.group(1)}{sub} ({match.group(0)})"


def _heading(quote: dict[str, Any]) -> str:
    title = f"({quote['title']})" if quote.get("title") else ""
    clauses = f" {quote['clauses']}" if quote.get("clauses") else ""
    return f"「{quote['law_name']}」 {quote['article']}{title}{clauses}"


def _quotes(quotes: list[dict[str, Any]]) -> str:
    return "\n\n".join(f"{_heading(q)}\n{q['text']}" for q in quotes)


def _step(step: dict[str, Any]) -> str:
    clauses = f" {step['clauses']}" if step.get("clauses") else ""
    return f"- {step['text']} ({step['law_name']} {step['article']}{clauses})"


def law_section(data: dict[str, Any]) -> Section:
    mode = data.get("mode")
    english = bool(data.get("english"))
    title = TITLE_EN if english else TITLE
    if mode == "uncovered":
        return {"title": title, "content": _uncovered(data, english)}
    if mode == "none" or mode is None:
        return {"title": title, "content": _nothing(data, english)}
    if mode == "list":
        return {"title": "계약 관련 법 조문", "content": _quotes(data.get("quotes") or [])}
    parts = [english_figures(data["lead"]) if english else data["lead"]]
    if data.get("quotes"):
        parts.append(("Statute text (Korean)" if english else "근거 조문") + "\n" + _quotes(data["quotes"]))
    if data.get("next_steps"):
        label = "Next steps (provided for by the articles cited)" if english else "다음 단계"
        parts.append(label + "\n" + "\n".join(_step(s) for s in data["next_steps"]))
    guidance = GENERAL_GUIDANCE.get(data.get("issue_key") or "")
    if guidance:
        parts.append(
            f"General guidance (not a rule of the statutes): {guidance[1]}"
            if english
            else f"일반 안내: {guidance[0]}"
        )
    parts.append(DISCLAIMER_EN if english else DISCLAIMER)
    return {"title": title, "content": "\n\n".join(parts)}


def _uncovered(data: dict[str, Any], english: bool) -> str:
    """Where the answer lives; then, when the statutes state the rule around the missing figure, that
    rule as context (its article named in the text)."""
    what, where, context = data.get("uncovered_what"), data.get("uncovered_where"), data.get("lead")
    if english:
        parts = [
            f"The statutes this service holds do not cover {what}. "
            f"That answer lives in {where}; please check it there."
        ]
        if context:
            parts.append(f"For context, the related rule the statutes do state: {english_figures(context)}")
        return "\n\n".join([*parts, DISCLAIMER_EN])
    parts = [
        f"{what}은(는) 이 서비스가 가진 법령 자료에 없어 답할 수 없습니다. 그 내용은 {where}에서 정합니다."
    ]
    if context:
        parts.append(f"참고로 법령에 있는 관련 규정은 이렇습니다: {context}")
    return "\n\n".join([*parts, DISCLAIMER])


def _nothing(data: dict[str, Any], english: bool) -> str:
    choices = "\n".join(f"- {t}" for t in data.get("suggestions") or [])
    if english:
        head = "관련 조문을 찾지 못했습니다 — no statute article matching this question was found."
        tail = (
            "Did you mean one of these?\n" + choices if choices else "Please ask with a little more detail."
        )
    else:
        head = "관련 조문을 찾지 못했습니다."
        tail = "혹시 이런 질문인가요?\n" + choices if choices else "질문을 조금 더 구체적으로 해 주세요."
    return f"{head}\n{tail}"
