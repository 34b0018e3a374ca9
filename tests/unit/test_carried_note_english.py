"""The sentence saying which conditions a follow-up kept is in the question's language, in the words a
user would use (never slot names); place names stay as the data writes them."""

from __future__ import annotations

from agents.dialogue import Act, Frame, carried_note
from agents.domain.slots import Intent, Slots


def _frame(carried: tuple[str, ...], **slots: object) -> Frame:
    return Frame(Intent.MARKET_INQUIRY, Slots(**slots), Act.FOLLOW_UP, carried)


def test_an_english_follow_up_says_what_it_kept_in_english() -> None:
    frame = _frame(
        ("place", "deal_type", "area", "period"),
        sigungu="송파구",
        complex="헬리오시티",
        deal_type="매매",
        area_min_m2=81.0,
        area_max_m2=87.0,
        period_from="2024-01-01",
        period_to="2024-12-31",
    )
    note = carried_note(frame, english=True)
    assert note == "I kept the conditions of your previous question (송파구 헬리오시티, sale, 84㎡, 2024)."
    assert carried_note(frame) == "앞 질문의 조건(송파구 헬리오시티, 매매, 84㎡, 2024년)을 이어서 봤어요."


def test_english_bounds_and_amounts_read_as_words() -> None:
    frame = _frame(
        ("deal_type", "price", "period"),
        deal_type="전세",
        price_max_manwon=50000,
        period_from="2023-03-01",
        period_to=None,
    )
    assert carried_note(frame, english=True) == (
        "I kept the conditions of your previous question (jeonse, up to 5억원, from 2023.03)."
    )


def test_nothing_carried_says_nothing() -> None:
    assert carried_note(_frame((), sigungu="마포구"), english=True) is None
