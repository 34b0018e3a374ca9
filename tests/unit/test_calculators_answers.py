"""Calculator and contract answers as texts a person reads: the first sentence answers with the figure
computed (here, independently) from the user's numbers, and no raw value or markup reaches the text."""

from __future__ import annotations

import math
import re

import pytest

from agents.answers.calculators import loan_section, roi_section
from agents.answers.contract import contract_section
from agents.formatting import won
from agents.teams.analysis import _ltv_precedence, loan_input_problem, roi_input_problem
from agents.teams.document import (
    LEASE_CHECKLIST,
    LEASE_REPORT_BASIS,
    SALE_CHECKLIST,
    SHORT_TERM_BASIS,
    refresh,
)
from agents.tools.loans import calculate_loan
from agents.tools.roi import calculate_roi
from tests.conftest import data_dir

RAW = re.compile(
    r"(?<![\d.])0\.\d+(?![\d]*%)"  # a ratio such as 0.4 or 0.015
    r"|\b(?:True|False|None)\b"
    r"|(?<![\d,.\-])\d{5,}(?!\d)"  # 60000 instead of 6억원
    r"|_manwon|sigungu|\bnull\b"
    r"|\*\*|__|\\[.*_]|<[a-z/!]"  # markup
    r"|\((?:은|는|이|가|을|를|과|와)\)"  # a particle left undecided
)


def first_sentence(content: str) -> str:
    return content.split("\n", 1)[0]


def assert_readable(content: str) -> None:
    bad = RAW.findall(content)
    assert not bad, f"raw values or markup {bad} in:\n{content}"


def test_loan_answer_leads_with_the_limit_from_the_users_numbers() -> None:
    price, income = 90000, 8000
    data = calculate_loan(price, income, region_regulated=True).model_dump(mode="json")
    data["ltv_precedence"] = _ltv_precedence(True)
    content = loan_section(data)["content"]
    # by hand: LTV 40% of 9억 = 3.6억; DSR room 3,200/yr at 4%+3%p over 30 years ≈ 4.0억 → LTV binds
    by_dsr = math.floor(income * 0.4 / 12 * (1 - (1 + 0.07 / 12) ** -360) / (0.07 / 12))
    expected = min(price * 40 // 100, by_dsr, 60000)
    assert expected == 36000
    lead = first_sentence(content)
    assert f"예상 최대 대출은 {won(expected)}입니다" in lead
    assert "주택 가격 9억원" in lead and "연 소득 8,000만원" in lead and "LTV 40%" in lead
    assert "50%" in content and "운영자가" in content  # which LTV applies, and that it is an assumption
    assert "규제지역 여부: 예" in content
    assert_readable(content)


def test_loan_answer_counts_existing_debt() -> None:
    income, debt = 6000, 1200
    data = calculate_loan(None, income, existing_debt_payment_manwon=debt, region_regulated=False)
    content = loan_section(data.model_dump(mode="json"))["content"]
    monthly_room = (income * 0.4 - debt) / 12
    i = (0.04 + 0.015) / 12
    by_dsr = math.floor(monthly_room * (1 - (1 + i) ** -360) / i)
    i_dti = 0.04 / 12
    by_dti = math.floor((income * 0.6 - debt) / 12 * (1 - (1 + i_dti) ** -360) / i_dti)
    assert f"예상 최대 대출은 {won(min(by_dsr, by_dti))}입니다" in first_sentence(content)
    assert "기존 대출 연 원리금 1,200만원" in first_sentence(content)
    assert_readable(content)


def test_roi_answer_uses_the_users_deposit_and_rent() -> None:
    price, deposit, rent = 100000, 30000, 150
    data = calculate_roi(price, deposit, rent).model_dump(mode="json")
    data["basis"] = {"price": "user", "deposit": "user", "monthly_rent": "user"}
    content = roi_section(data)["content"]
    gross = round(rent * 12 / (price - deposit) * 100, 2)  # 2.57
    cash = price + round(price * 0.037) - deposit
    net = round(rent * 12 / cash * 100, 2)
    lead = first_sentence(content)
    assert f"매입가 10억원에 보증금 3억원·월세 150만원을 받으면 표면 수익률은 연 {gross}%" in lead
    assert f"순수익률은 연 {net}%" in lead
    assert "모두 말씀하신 값" in content
    assert "취득 부대비용 비율: 3.7%" in content
    assert_readable(content)


def test_roi_answer_says_which_values_came_from_the_market() -> None:
    data = calculate_roi(90000, 20000, 95).model_dump(mode="json")
    data["basis"] = {"price": "user", "deposit": "market", "monthly_rent": "market"}
    data["rent_basis"] = {"count": 6708, "period": "2025-01-01~2025-12-31"}
    content = roi_section(data)["content"]
    assert "매입가 말씀하신 값, 보증금 실거래 월세 중위값, 월세 실거래 월세 중위값" in content
    assert "6,708건" in content
    assert_readable(content)


@pytest.mark.parametrize(
    ("price", "deposit", "rent", "words"),
    [
        (100000, 120000, 100, "보증금(12억원)이 매입가(10억원)보다 크거나 같아서"),
        (100000, 100000, 100, "보증금은 매입가보다 작아야"),
        (100000, 10000, 0, "월세가 0원이면"),
        (100000, 10000, -50, "음수"),
    ],
)
def test_contradictory_roi_inputs_get_an_explanation(price: int, deposit: int, rent: int, words: str) -> None:
    problem = roi_input_problem(price, deposit, rent)
    assert problem and words in problem
    assert "%" not in problem.replace("0%", "")  # no yield figure is given
    assert_readable(problem)


def test_income_zero_gets_an_explanation_not_a_number() -> None:
    problem = loan_input_problem(90000, 0, None)
    assert problem and "연 소득이 0원" in problem
    assert "DSR" in (loan_input_problem(None, 5000, 6000) or "")


def approved(draft: dict) -> str:
    return contract_section({"status": "approved", "document": draft})["content"]


def test_contract_document_carries_the_users_terms() -> None:
    draft = refresh(
        {
            "kind": "lease",
            "terms": {
                "deal_type": "월세",
                "address": "서울 마포구 공덕동 123",
                "address_given": True,
                "deposit_manwon": 30000,
                "monthly_rent_manwon": 100,
                "term_months": 24,
                "start_date": "2026-03-01",
            },
            "special_terms": ["반려동물 허용"],
        }
    )
    content = approved(draft)
    assert first_sentence(content) == (
        "주택 임대차(월세) 계약 체크리스트 초안입니다. 보증금 3억원, 월세 100만원, 기간 2년 조건을 넣었습니다."
    )
    assert "- 목적물 주소: 서울 마포구 공덕동 123" in content
    assert "- 계약 기간: 2026-03-01 ~ 2028-02-29 (2년)" in content
    assert "- 반려동물 허용" in content
    assert "「주택임대차보호법」 제3조 ①, 제3조의2 ②, 제6조 ①" in content
    assert_readable(content)


def test_rejected_contract_has_no_document() -> None:
    content = contract_section({"status": "rejected"})["content"]
    assert "취소" in content and "체크리스트" not in content and "제" not in content


LAW_DIR = data_dir() / "law"
LAW_FILES = {
    "주택임대차보호법": "주택임대차보호법_법률.md",
    "민법": "민법_법률.md",
    "부동산 거래신고 등에 관한 법률": "부동산거래신고등에관한법률_법률.md",
    "같은 법 시행령": "부동산거래신고등에관한법률_시행령.md",
}
CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩"


def cited(basis: str) -> list[tuple[str, str, str]]:
    """'주택임대차보호법 제3조 ①, 제3조의2 ②' → [(file, '제3조', '①'), (file, '제3조의2', '②')]."""
    out, law = [], None
    for part in basis.split(", "):
        m = re.match(r"(?:(?P<law>.+?) )?(?P<art>제\d+조(?:의\d+)?) (?P<para>[①-⑩])$", part)
        assert m, part
        law = m["law"] or law
        out.append((LAW_FILES[law], m["art"], m["para"]))
    return out


def test_every_checklist_basis_exists_in_the_loaded_statutes() -> None:
    """Each 항 a checklist item cites is in the statute file (no article is cited from memory)."""
    bases = [b for _, _, b in (*LEASE_CHECKLIST, *SALE_CHECKLIST) if b] + [
        LEASE_REPORT_BASIS,
        SHORT_TERM_BASIS,
    ]
    assert len(bases) >= 6
    for basis in bases:
        for file, article, para in cited(basis):
            text = (LAW_DIR / file).read_text(encoding="utf-8")
            start = text.index(f"##### {article} (")
            end = text.find("#####", start + 5)
            assert f"**{para}**" in text[start:end], f"{basis}: {article} {para} not in {file}"
