"""Calculator answers: loan limits (LTV/DSR) and rental yield.

The first sentence answers with the figure computed from the user's numbers; then how it was reached,
where each input came from, and every assumption with its dated source — as Korean words and units,
never raw values (0.4 → "40%", True → "예", 60000 → "6억원"). English questions get an English title,
lead and labels; amounts keep their Korean units and the assumption lines (instrument names and
sources) stay Korean, as the tools write them.
"""

from __future__ import annotations

from typing import Any

from agents.answers.section import Section
from agents.domain.particles import josa
from agents.formatting import ratio_pct, won
from agents.tools.loan_rules import LoanRules, instrument

# -- wording helpers (small, used by the contract answer too) ---------------------------------------


def percent(ratio: float | None) -> str:
    """A ratio as a percentage without trailing zeros: 0.015 → "1.5%", 0.4 → "40%"."""
    return ratio_pct(ratio, 2)


def percent_points(ratio: float) -> str:
    """A rate add-on: 0.03 → "3.0%p"."""
    return f"{ratio * 100:.1f}%p"


def percent_of(pct_value: float | None, digits: int = 2) -> str:
    """A value already in percent: 2.57 → "2.57%"."""
    return "-" if pct_value is None else _trim(pct_value, digits) + "%"


def _trim(value: float, digits: int) -> str:
    text = f"{value:.{digits}f}".rstrip("0").rstrip(".")
    return text if text not in ("-0", "") else "0"


def yes_no(value: bool) -> str:
    return "예" if value else "아니오"


# -- assumptions --------------------------------------------------------------------------------

_RATIO_NAMES = ("LTV", "DSR 한도", "DTI 한도", "금리 (연)", "대출 금리 (연)", "공실률", "취득 부대비용 비율")


def assumption_line(item: dict[str, Any]) -> str:
    """One assumption as "- name: value (source)" in words and units."""
    name, value, source = item["name"], item["value"], item["source"]
    if isinstance(value, bool):
        shown = yes_no(value)
    elif name == "스트레스 금리 가산":
        shown = percent_points(float(value))
    elif name.startswith(_RATIO_NAMES) or name.startswith("감독규정"):
        shown = percent(float(value))
    elif "(만원)" in name:
        name, shown = name.replace(" (만원)", ""), won(int(value))
    elif name == "만기 (년)":
        name, shown = "만기", f"{value}년"
    else:
        shown = str(value)
    return f"- {name}: {shown} — {source}"


# -- loans --------------------------------------------------------------------------------------


def loan_section(data: dict[str, Any], *, english: bool = False) -> Section:
    title = "Loan limit" if english else "대출 한도 계산"
    if "skipped" in data:
        return {"title": title, "content": data["skipped"]}
    price, income = data["price_manwon"], data["annual_income_manwon"]
    debt = _assumption(data, "기존 대출 연간 원리금 (만원)") or 0
    balance = _balance(data)
    if english:
        parts = (
            f"a home price of {won(price)}" if price is not None else None,
            f"an annual income of {won(income)}" if income is not None else None,
            f"existing repayments of {won(debt)} a year" if debt else None,
            f"an existing balance of {balance}" if balance else None,
        )
        basis = " and ".join(part for part in parts if part)
        head = f"With {basis}, the estimated maximum loan is {won(data['max_loan_manwon'])}."
    else:
        parts = (
            f"주택 가격 {won(price)}" if price is not None else None,
            f"연 소득 {won(income)}" if income is not None else None,
            f"기존 대출 연 원리금 {won(debt)}" if debt else None,
            f"기존 대출 잔액 {balance}" if balance else None,
        )
        basis = ", ".join(part for part in parts if part)
        head = f"{basis} 기준 예상 최대 대출은 {won(data['max_loan_manwon'])}입니다."
    lines = [f"{head} {_binding_phrase(data, english)}", *_limit_lines(data, english)]
    equity = data.get("equity_needed_manwon")
    if english:
        lines.append(
            f"- Monthly repayment (estimate): {won(data['monthly_payment_manwon'])}"
            + (f", own funds needed: {won(equity)}" if equity is not None else "")
        )
    else:
        lines.append(
            f"- 월 상환액(추정): {won(data['monthly_payment_manwon'])}"
            + (f", 필요 자기자금: {won(equity)}" if equity is not None else "")
        )
    if income is None:
        lines.append(
            "Tell me your annual income and I will add the DSR limit."
            if english
            else "연 소득을 알려주시면 DSR 기준 한도까지 함께 계산해 드려요."
        )
    if price is None:
        lines.append(
            "Tell me the home's price and I will add the LTV limit."
            if english
            else "주택 가격을 알려주시면 LTV 기준 한도까지 함께 계산해 드려요."
        )
    if data.get("ltv_precedence"):
        lines.append(_precedence_line(data["ltv_precedence"], english=english))
    lines.append(
        f"Assumptions (rule table dated {data['rules_effective_date']}, values the operator can change):"
        if english
        else f"가정 (규칙표 기준일 {data['rules_effective_date']}, 운영자가 바꿀 수 있는 값):"
    )
    lines += [assumption_line(a) for a in data["assumptions"] if a["name"] != "규칙 기준일"]
    return {"title": title, "content": "\n".join(lines)}


def _assumption(data: dict[str, Any], name: str) -> Any:
    return next((a["value"] for a in data.get("assumptions") or [] if a["name"] == name), None)


def _balance(data: dict[str, Any]) -> str | None:
    item = next((a for a in data.get("assumptions") or [] if a["name"].startswith("기존 대출 잔액")), None)
    if item is None:
        return None
    amount = item["source"].split("만원", 1)[0].removeprefix("잔액 ")
    return won(int(amount)) if amount.isdigit() else None


def _binding_phrase(data: dict[str, Any], english: bool = False) -> str:
    match data["binding_constraint"]:
        case "LTV" | "DSR" | "DTI" as rule if not (rule == "DSR" and data["max_loan_manwon"] == 0):
            limit = {"LTV": "ltv_ratio", "DSR": "dsr_limit", "DTI": "dti_limit"}[rule]
            if english:
                return f"The {rule} {percent(data[limit])} limit is the lowest, so it sets the amount."
            return f"{rule} {percent(data[limit])} 기준 한도가 가장 낮아 이 금액이 한도가 됩니다."
        case "DSR":
            if english:
                return "Existing repayments already use up the DSR limit, so no further loan fits."
            return "기존 대출 상환액이 DSR 한도를 이미 다 써서 추가 대출 여력이 없습니다."
        case _:
            cap = won(data["cap_manwon"])
            if english:
                return (
                    f"The {cap} ceiling on mortgages in regulated areas is the lowest, so it sets the amount."
                )
            return f"규제지역 주택담보대출 최대 한도 {josa(cap, '이')} 가장 낮아 이 금액이 한도가 됩니다."


def _limit_lines(data: dict[str, Any], english: bool = False) -> list[str]:
    limit = "limit" if english else "기준 한도"
    lines = []
    if data.get("max_by_ltv_manwon") is not None:
        lines.append(f"- LTV {percent(data['ltv_ratio'])} {limit}: {won(data['max_by_ltv_manwon'])}")
    if data.get("max_by_dsr_manwon") is not None:
        rate, stress, term = percent(data["rate"]), percent_points(data["stress_rate"]), data["term_years"]
        how = (
            f"rate {rate} a year + stress add-on {stress}, {term} years, equal instalments"
            if english
            else f"금리 연 {rate} + 스트레스 금리 {stress}, {term}년 원리금균등"
        )
        lines.append(f"- DSR {percent(data['dsr_limit'])} {limit}: {won(data['max_by_dsr_manwon'])} ({how})")
    if data.get("max_by_dti_manwon") is not None:
        lines.append(f"- DTI {percent(data['dti_limit'])} {limit}: {won(data['max_by_dti_manwon'])}")
    if data.get("cap_manwon") is not None:
        cap = "Mortgage ceiling" if english else "주택담보대출 최대 한도"
        lines.append(f"- {cap}: {won(data['cap_manwon'])}")
    return lines


# -- rental yield -------------------------------------------------------------------------------

_SOURCE_WORD = {"user": "말씀하신 값", "market": "실거래 월세 중위값", "none": "말씀하지 않아 0원으로 계산"}
_SOURCE_WORD_EN = {
    "user": "as you said",
    "market": "the median rent of real deals",
    "none": "not given, taken as 0",
}


def roi_section(data: dict[str, Any], *, english: bool = False) -> Section:
    title = "Rental yield" if english else "임대 수익률"
    if "skipped" in data:
        return {"title": title, "content": data["skipped"]}
    price, deposit, monthly = data["price_manwon"], data["deposit_manwon"], data["monthly_rent_manwon"]
    gross, net = data.get("gross_yield_pct"), data.get("net_yield_pct")
    annual, invested, costs = (
        data["annual_rent_manwon"],
        data["cash_invested_manwon"],
        data["acquisition_costs_manwon"],
    )
    loan = f" − 대출 {won(data['loan_manwon'])}" if data.get("loan_manwon") else ""
    if english:
        terms = (
            f"a {won(deposit)} deposit and {won(monthly)} a month" if deposit else f"{won(monthly)} a month"
        )
        head = (
            f"Buying at {won(price)} and letting for {terms} leaves nothing invested, so no yield can be computed."
            if gross is None or net is None
            else f"Buying at {won(price)} and letting for {terms} gives a gross yield of {percent_of(gross)} a year, "
            f"and {percent_of(net)} a year net of purchase costs."
        )
        loan = loan.replace("대출", "loan")
        lines = [
            head,
            f"- Annual rent: {won(annual)} ({won(monthly)} × 12)",
            f"- Gross yield = annual rent ÷ (price − deposit) = {won(annual)} ÷ {won(price - deposit)}",
            f"- Cash invested: {won(invested)} (price {won(price)} + purchase costs {won(costs)} − deposit "
            f"{won(deposit)}{loan})",
            *_basis_lines(data, english),
            "Assumptions:",
        ]
    else:
        terms = f"보증금 {won(deposit)}·월세 {won(monthly)}" if deposit else f"월세 {won(monthly)}"
        head = (
            f"매입가 {won(price)}에 {josa(terms, '으로')}는 투자금이 0원 이하라 수익률을 계산할 수 없습니다."
            if gross is None or net is None
            else f"매입가 {won(price)}에 {josa(terms, '을')} 받으면 표면 수익률은 연 {percent_of(gross)}, "
            f"취득 비용을 넣은 순수익률은 연 {percent_of(net)}입니다."
        )
        lines = [
            head,
            f"- 연 임대수입: {won(annual)} (월세 {won(monthly)} × 12)",
            f"- 표면 수익률 = 연 임대수입 ÷ (매입가 − 보증금) = {won(annual)} ÷ {won(price - deposit)}",
            f"- 실투자금: {won(invested)} (매입가 {won(price)} + 취득 부대비용 {won(costs)} − 보증금 {won(deposit)}{loan})",
            *_basis_lines(data, english),
            "가정:",
        ]
    lines += [
        assumption_line(a)
        for a in data["assumptions"]
        if a["name"] != "표면 수익률 정의"
        and (data.get("loan_manwon") or a["name"] not in ("대출 금리 (연)", "이자 계산"))
    ]
    return {"title": title, "content": "\n".join(lines)}


def _basis_lines(data: dict[str, Any], english: bool = False) -> list[str]:
    basis = data.get("basis") or {}
    if not basis:
        return []
    if set(basis.values()) == {"user"}:
        return [
            "- Where the values come from: price, deposit and rent all as you said"
            if english
            else "- 값의 출처: 매입가·보증금·월세 모두 말씀하신 값"
        ]
    labels = (
        (("price", "price"), ("deposit", "deposit"), ("monthly_rent", "rent"))
        if english
        else (
            ("price", "매입가"),
            ("deposit", "보증금"),
            ("monthly_rent", "월세"),
        )
    )
    words = _SOURCE_WORD_EN if english else _SOURCE_WORD
    parts = [f"{label} {words[basis[key]]}" for key, label in labels if key in basis]
    line = ("- Where the values come from: " if english else "- 값의 출처: ") + ", ".join(parts)
    reference = data.get("rent_basis") or {}
    if reference.get("count"):
        deals = (
            f"{reference['count']:,} real rent deals" if english else f"실거래 월세 {reference['count']:,}건"
        )
        line += f" ({deals}, {reference.get('period')})"
    return [line]


def _precedence_line(facts: dict[str, Any] | str, *, english: bool) -> str:
    """Which 규제지역 LTV applies when the announced measure and the regulation's text differ."""
    if isinstance(facts, str):  # a result cached or checkpointed before the facts were structured
        return facts
    applied, text = facts["applied_source"], facts["text_source"]
    if english:
        return (
            f"The regulated-area LTV of {facts['applied_pct']}% follows {applied}; the text of {text} still "
            f"reads {facts['text_pct']}%, so this is an assumption the operator can change in the rule table."
        )
    return (
        f"규제지역 LTV는 {applied}의 {facts['applied_pct']}%를 적용했습니다. {text} 조문은 아직 "
        f"{facts['text_pct']}%로 되어 있어, 이 값은 운영자가 규칙표에서 바꿀 수 있는 가정입니다."
    )


# -- the rules themselves, for a loan question that gives no amount ------------------------------

LOAN_RULE_TOPICS = ("ltv", "first_home", "dsr", "dti", "cap")


def loan_rules_brief(rules: LoanRules, topics: set[str], *, english: bool = False) -> str:
    """The rules a loan question asks about ("규제지역이면 LTV 몇 퍼센트예요?"), each with its instrument,
    from the rule table in force — said before asking for the amounts a computed limit needs."""
    sentences = [_RULE_SENTENCES[topic](rules, english) for topic in LOAN_RULE_TOPICS if topic in topics]
    if not sentences:
        return ""
    dated = (
        f"(rule table dated {rules.effective_date}, values the operator can change)"
        if english
        else f"(규칙표 기준일 {rules.effective_date}, 운영자가 바꿀 수 있는 가정)"
    )
    return " ".join(sentences) + " " + dated


def _ltv_sentence(rules: LoanRules, english: bool) -> str:
    regulated, free = percent(rules.ltv_regulated.value), percent(rules.ltv_unregulated.value)
    text = rules.ltv_regulated_statute_text
    if english:
        sentence = (
            f"The mortgage LTV is {regulated} in regulated areas (all of Seoul and 분당구 among them) "
            f"and {free} elsewhere ({rules.ltv_regulated.instrument}; {rules.ltv_unregulated.instrument})."
        )
        if text is not None and text.value != rules.ltv_regulated.value:
            sentence += f" The text of {text.instrument} still reads {percent(text.value)}."
        return sentence
    sentence = (
        f"주택담보대출 LTV는 규제지역(서울 전역·분당구 등) {regulated}, 비규제지역 {free}입니다"
        f"({rules.ltv_regulated.instrument}; {rules.ltv_unregulated.instrument})."
    )
    if text is not None and text.value != rules.ltv_regulated.value:
        sentence += f" {text.instrument} 조문은 아직 {percent(text.value)}로 되어 있습니다."
    return sentence


def _first_home_sentence(rules: LoanRules, english: bool) -> str:
    regulated = percent(rules.ltv_first_home_regulated.value)
    free = percent(rules.ltv_first_home_unregulated.value)
    cap = rules.first_home_cap_manwon
    sources = "; ".join(
        dict.fromkeys(
            r.instrument for r in (rules.ltv_first_home_regulated, rules.ltv_first_home_unregulated)
        )
    )
    if english:
        limit = f", up to {won(int(cap.value))}" if cap is not None else ""
        return f"A first-time buyer's LTV is {regulated} in regulated areas and {free} elsewhere{limit} ({sources})."
    limit = f"이고 대출 한도는 {won(int(cap.value))}" if cap is not None else ""
    return f"생애최초 주택구입은 LTV가 규제지역 {regulated}, 비규제지역 {free}{limit}입니다({sources})."


def _dsr_sentence(rules: LoanRules, english: bool) -> str:
    limit = percent(rules.dsr_limit.value)
    stress = percent_points(rules.stress_rate_regulated.value)
    stress_free = percent_points(rules.stress_rate_unregulated.value)
    if english:
        return (
            f"DSR caps all loan repayments at {limit} of annual income (banks; borrowers over 100 million "
            f"won in total), and the limit is computed with a stress rate of {stress} added in the capital "
            f"region and regulated areas, {stress_free} elsewhere ({rules.dsr_limit.instrument}; "
            f"{rules.stress_rate_regulated.instrument})."
        )
    return (
        f"DSR은 모든 대출의 연간 원리금이 연 소득의 {limit}를 넘지 않게 하는 규제(은행권, 총대출 1억 초과 차주)이고, "
        f"한도를 셀 때 금리에 스트레스 금리를 수도권·규제지역 {stress}, 그 밖 {stress_free} 더합니다"
        f"({rules.dsr_limit.instrument}; {rules.stress_rate_regulated.instrument})."
    )


def _dti_sentence(rules: LoanRules, english: bool) -> str:
    regulated, free = percent(rules.dti_limit_regulated.value), percent(rules.dti_limit_unregulated.value)
    if english:
        return f"DTI is {regulated} in regulated areas and {free} elsewhere ({rules.dti_limit_regulated.instrument})."
    return f"DTI는 규제지역 {regulated}, 비규제지역 {free}입니다({rules.dti_limit_regulated.instrument})."


def _cap_sentence(rules: LoanRules, english: bool) -> str:
    if not rules.regulated_price_caps:
        return ""
    steps: list[str] = []
    low: int | None = None
    for cap in rules.regulated_price_caps:
        high = cap.price_upto_manwon
        if english:
            span = (
                f"up to {won(high)}"
                if low is None
                else f"{won(low)}–{won(high)}"
                if high
                else f"over {won(low)}"
            )
            steps.append(f"{won(cap.cap_manwon)} for homes {span}")
        else:
            span = (
                f"{won(high)} 이하"
                if low is None
                else f"{won(low)}~{won(high)}"
                if high
                else f"{won(low)} 초과"
            )
            steps.append(f"{span} {won(cap.cap_manwon)}")
        low = high
    source = instrument(rules.regulated_price_caps_source)
    if english:
        return f"In regulated areas a mortgage is capped by the home's price: {', '.join(steps)} ({source})."
    return f"규제지역 주택담보대출 최대 한도는 시가 {', '.join(steps)}입니다({source})."


_RULE_SENTENCES = {
    "ltv": _ltv_sentence,
    "first_home": _first_home_sentence,
    "dsr": _dsr_sentence,
    "dti": _dti_sentence,
    "cap": _cap_sentence,
}
