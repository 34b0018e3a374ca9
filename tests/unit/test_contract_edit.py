"""The one contract-edit schema: free text read into it, applied to the draft, and the checklist by deal."""

from __future__ import annotations

import datetime as dt

import pytest
from pydantic import ValidationError

from agents.teams.document import ContractEdit, apply_edit, parse_edit, refresh

TODAY = dt.date(2026, 1, 15)


def lease(**terms: object) -> dict:
    base = {"deal_type": "전세", "address": None, "address_given": False, "deposit_manwon": 30000}
    return refresh({"kind": "lease", "terms": base | terms, "special_terms": []})


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("수정: 보증금 2억으로", {"deposit_manwon": 20000}),
        ("월세 120으로 바꿔줘", {"monthly_rent_manwon": 120}),
        ("2년 말고 1년으로", {"term_months": 12}),
        ("3월 1일부터 시작으로 해줘", {"start_date": dt.date(2026, 3, 1)}),
        ("주소는 서울 마포구 공덕동 123 101동 202호", {"address": "서울 마포구 공덕동 123 101동 202호"}),
        ("반려동물 허용 특약 추가해줘", {"add_special_terms": ["반려동물 허용"]}),
        ("특약에 반려동물 허용 추가해줘", {"add_special_terms": ["반려동물 허용"]}),
        ("보증금 반환 보증 가입을 특약에 넣어 주세요", {"add_special_terms": ["보증금 반환 보증 가입"]}),
        ("관리비는 임차인 부담", {"add_special_terms": ["관리비는 임차인 부담"]}),
        ("반려동물 특약 빼줘", {"remove_special_terms": ["반려동물"]}),
        ("add a clause: pets allowed", {"add_special_terms": ["pets allowed"]}),
        ("음 잘 모르겠어", {}),
        ("다시 해줘", {}),
        ("좀 더 자세히 써줘", {}),
    ],
)
def test_free_text_is_read_into_the_schema(text: str, expected: dict) -> None:
    assert parse_edit(text, "lease", TODAY).model_dump(exclude_defaults=True) == expected


def test_request_words_never_enter_the_document() -> None:
    draft = lease()
    for text in ("반려동물 허용 특약 추가해줘", "보증금 반환 보증 가입을 특약에 넣어 주세요"):
        draft, _ = apply_edit(draft, parse_edit(text, "lease", TODAY))
    assert draft["special_terms"] == ["반려동물 허용", "보증금 반환 보증 가입"]
    assert not any(w in " ".join(draft["special_terms"]) for w in ("추가", "넣어", "해줘", "특약"))


def test_apply_edit_reports_each_change_and_recomputes_the_checklist() -> None:
    draft, changes = apply_edit(
        lease(), ContractEdit(deposit_manwon=20000, term_months=12, start_date=dt.date(2026, 3, 1))
    )
    assert changes == ["보증금 3억원 → 2억원", "계약 기간 12개월", "시작일 2026-03-01"]
    assert draft["terms"]["end_date"] == "2027-02-28"
    safety = next(i["item"] for i in draft["items"] if "전세가율" in i["item"])
    assert "보증금 2억원" in safety
    # less than two years: the tenant may still claim two (주택임대차보호법 제4조 ①)
    assert any(i["basis"] == "주택임대차보호법 제4조 ①" for i in draft["items"])


def test_remove_drops_a_matching_special_term() -> None:
    draft, _ = apply_edit(lease(), ContractEdit(add_special_terms=["반려동물 허용", "관리비 임차인 부담"]))
    draft, changes = apply_edit(draft, ContractEdit(remove_special_terms=["반려동물"]))
    assert draft["special_terms"] == ["관리비 임차인 부담"] and changes == ["특약 삭제: 반려동물"]


def test_the_schema_refuses_unknown_fields_and_bad_values() -> None:
    with pytest.raises(ValidationError):
        ContractEdit.model_validate({"deposit": 1})
    with pytest.raises(ValidationError):
        ContractEdit.model_validate({"monthly_rent_manwon": -5})
    with pytest.raises(ValidationError):
        ContractEdit.model_validate({"term_months": 0})


def test_sale_drafts_get_the_sale_checklist_and_ignore_lease_fields() -> None:
    sale = refresh(
        {"kind": "sale", "terms": {"deal_type": "매매", "price_manwon": None}, "special_terms": []}
    )
    text = " ".join(i["item"] for i in sale["items"])
    assert "거래신고" in text and "계약금" in text and "전입신고" not in text
    assert "부동산 거래신고 등에 관한 법률 제3조 ①" in sale["laws"] and "민법 제565조 ①" in sale["laws"]
    edited, changes = apply_edit(sale, ContractEdit(price_manwon=90000, deposit_manwon=1000))
    assert edited["terms"]["price_manwon"] == 90000 and "deposit_manwon" not in edited["terms"]
    assert changes == ["매매대금 9억원"]


def test_lease_report_item_only_above_the_thresholds() -> None:
    small = lease(deposit_manwon=5000, monthly_rent_manwon=30)
    large = lease(deposit_manwon=5000, monthly_rent_manwon=31)
    basis = "부동산 거래신고 등에 관한 법률 제6조의2 ①, 같은 법 시행령 제4조의3 ①"
    assert basis not in small["laws"] and basis in large["laws"]
