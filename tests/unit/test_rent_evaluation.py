"""월세 offers in the price check: which slots make an offer, the deposit band, and the sentences."""

from __future__ import annotations

from typing import Any

import pytest

from agents.answers.market import evaluation_section
from agents.domain.slots import Slots
from agents.tools.evaluation import deposit_band, evaluate_price, offered_rent

SEOHYEON = Slots(sigungu="분당구", sigungu_code="41135", dong="서현동", area_min_m2=59, area_max_m2=59)


@pytest.mark.parametrize(
    ("slots", "rent"),
    [
        (Slots(deal_type="월세", monthly_rent_max_manwon=120, deposit_manwon=3000), 120),
        (Slots(deal_type="월세", monthly_rent_manwon=90), 90),  # judged later: no deposit given
        (Slots(monthly_rent_max_manwon=250, deposit_manwon=20000), 250),  # English: no deal word
        (Slots(monthly_rent_max_manwon=250), None),  # a bare ceiling is no offer
        (Slots(deal_type="매매", monthly_rent_max_manwon=80, deposit_manwon=5000), None),
        (Slots(deal_type="전세", deposit_manwon=30000), None),
    ],
)
def test_which_slots_carry_a_rent_offer(slots: Slots, rent: int | None) -> None:
    assert offered_rent(slots) == rent


@pytest.mark.parametrize(
    ("deposit", "band"),
    [(10000, (8000, 12000)), (50000, (40000, 60000)), (3000, (2000, 4000)), (0, (0, 1000)), (500, (0, 1500))],
)
def test_deposit_band_is_twenty_percent_but_never_narrower_than_ten_million(
    deposit: int, band: tuple
) -> None:
    assert deposit_band(deposit) == band


@pytest.mark.parametrize(
    ("update", "problem"),
    [
        ({"deposit_manwon": -5000, "monthly_rent_max_manwon": 100}, "negative"),
        ({"deposit_manwon": 5000, "monthly_rent_max_manwon": -10}, "negative"),
        ({"deposit_manwon": 0, "monthly_rent_manwon": 0}, "both_zero"),
        ({"monthly_rent_max_manwon": 130}, "no_deposit"),
        ({"deposit_manwon": 7000}, "no_rent"),
    ],
)
async def test_offers_that_cannot_be_judged_never_reach_the_database(update: dict, problem: str) -> None:
    slots = SEOHYEON.model_copy(update={"deal_type": "월세", **update})
    result = await evaluate_price(None, slots)  # type: ignore[arg-type]  # no query is made
    assert result.rent_offer_problem == problem
    assert result.verdict is None and result.stats.count == 0 and result.rows == []


def _data(**over: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "asking_price_manwon": 130,
        "kind": "월세",
        "basis": "dong",
        "area_band_m2": [56.05, 61.95],
        "window": "2024-07-01~2025-06-30",
        "window_months": 12,
        "stats": {
            "count": 12,
            "median_manwon": 110,
            "mean_manwon": 114,
            "min_manwon": 90,
            "max_manwon": 150,
            "period": "2024-07-01~2025-06-30",
        },
        "percentile": 83.3,
        "diff_from_median_pct": 18.2,
        "verdict": "비쌈",
        "verdict_rule": "기준",
        "rows": [],
        "filters": {},
        "notes": [],
        "deposit_manwon": 4000,
        "deposit_band_manwon": [3000, 5000],
        "rent_contracts_in_window": 40,
        "window_deposits": {
            "count": 40,
            "median_manwon": 10000,
            "mean_manwon": 12000,
            "min_manwon": 1000,
            "max_manwon": 40000,
            "period": None,
        },
        "window_rents": {
            "count": 40,
            "median_manwon": 95,
            "mean_manwon": 97,
            "min_manwon": 30,
            "max_manwon": 160,
            "period": None,
        },
        "rent_offer_problem": None,
    }
    data.update(over)
    return data


def test_the_first_sentence_judges_the_rent_with_its_figures() -> None:
    lead = evaluation_section(_data(), SEOHYEON)["lead"]
    first = lead.split(". ")[0]
    assert first.startswith("보증금 4,000만원·월세 130만원은 서현동")
    for figure in ("보증금 3,000만원~5,000만원", "12건", "월세 중위값 110만원", "18.2% 높아", "비싼 편"):
        assert figure in first


def test_english_lead_names_the_same_figures() -> None:
    lead = evaluation_section(_data(verdict="저렴", diff_from_median_pct=-9.1), SEOHYEON, english=True)[
        "lead"
    ]
    assert lead.startswith("130만원 a month with a 4,000만원 deposit is on the cheap side")
    assert "9.1% below the median rent (110만원) of 12 recent 월세 contracts" in lead
    assert "deposits of 3,000만원~5,000만원" in lead


def test_too_few_close_deposits_say_so_with_the_real_counts() -> None:
    stats = {**_data()["stats"], "count": 3}
    data = _data(stats=stats, verdict=None, percentile=None, diff_from_median_pct=None)
    section = evaluation_section(data, SEOHYEON)
    assert "40건 중 보증금이 3,000만원~5,000만원인 계약이 3건뿐이라" in section["lead"]
    assert "판단하지 않습니다" in section["lead"] and "비싼" not in section["lead"]
    assert "보증금 1,000만원~4억원(중위 1억원)" in section["content"]
    empty = _data(stats={**stats, "count": 0}, verdict=None, percentile=None, diff_from_median_pct=None)
    assert "계약이 없어" in evaluation_section(empty, SEOHYEON)["lead"]
    english = evaluation_section(empty, SEOHYEON, english=True)["lead"]
    assert (
        english.startswith("Of 40 월세 contracts") and "none has a deposit of 3,000만원~5,000만원" in english
    )


@pytest.mark.parametrize(
    ("problem", "korean", "english"),
    [
        ("negative", "음수", "below zero"),
        ("both_zero", "모두 0원", "deposit of 0 and a rent of 0"),
        ("no_deposit", "보증금을 함께", "give the deposit"),
        ("no_rent", "월세 금액", "monthly rent"),
    ],
)
def test_offers_that_cannot_be_judged_get_a_clear_sentence(problem: str, korean: str, english: str) -> None:
    data = _data(rent_offer_problem=problem, window=None, verdict=None)
    assert korean in evaluation_section(data, SEOHYEON)["lead"]
    assert english in evaluation_section(data, SEOHYEON, english=True)["lead"]


def test_no_rent_contracts_at_all_is_said_plainly() -> None:
    data = _data(window=None, deposit_band_manwon=None, verdict=None, stats={**_data()["stats"], "count": 0})
    assert "비교할 월세 계약이 데이터에 없어" in evaluation_section(data, SEOHYEON)["lead"]


def test_sale_evaluation_section_is_unchanged_by_the_rent_branch() -> None:
    sale = _data(kind="매매", asking_price_manwon=150000, verdict="적정", diff_from_median_pct=1.0)
    sale["stats"] = {**sale["stats"], "median_manwon": 148500}
    lead = evaluation_section(sale, SEOHYEON)["lead"]
    assert lead.startswith("15억원은") and "중위가격" in lead
