"""Remembered regions beyond the shipped 26: any 시군구 of the all-Korea place table, stored by code
with a label that tells same-name regions apart, and rows stored before that still read the same."""

from __future__ import annotations

import datetime as dt

import pytest

from agents.domain.slots import Intent, Slots
from agents.gazetteer import Gazetteer, data_regions
from agents.nlu import parse
from memory.extract import LlmPreferences, _llm_candidates, extract_facts, facts_from_candidates
from memory.preferences import (
    PreferenceValidationError,
    describe,
    normalize_value,
    region_identity,
    region_label,
)

SEOUL_JUNG, BUSAN_JUNG, HAEUNDAE = "11140", "26110", "26350"
TODAY = dt.date(2026, 1, 1)


def region(name: str | None, code: str | None, dong: str | None = None) -> dict[str, str | None]:
    return {"sigungu": name, "sigungu_code": code, "dong": dong}


@pytest.mark.parametrize(
    ("raw", "stored"),
    [
        ("부산 중구", region("부산 중구", BUSAN_JUNG)),
        ("부산광역시 중구", region("부산 중구", BUSAN_JUNG)),
        ("서울 중구", region("서울 중구", SEOUL_JUNG)),
        ("중구", region("서울 중구", SEOUL_JUNG)),  # a bare shipped name keeps its meaning
        ({"sigungu": "중구", "sigungu_code": SEOUL_JUNG}, region("서울 중구", SEOUL_JUNG)),
        (
            {"sigungu": "중구", "sigungu_code": BUSAN_JUNG},
            region("부산 중구", BUSAN_JUNG),
        ),  # the code says which
        ({"sigungu_code": BUSAN_JUNG}, region("부산 중구", BUSAN_JUNG)),
        ("해운대구", region("부산 해운대구", HAEUNDAE)),
        ({"sigungu": "해운대", "sigungu_code": HAEUNDAE}, region("부산 해운대구", HAEUNDAE)),
        ({"sigungu": "동구", "sigungu_code": "26170"}, region("부산 동구", "26170")),
        ("수원시 영통구", region("수원시 영통구", "41117")),
        ("강서구", region("서울 강서구", "11500")),
        ("부산 강서구", region("부산 강서구", "26440")),
        # Shipped regions with a name of their own keep the form every stored row has.
        ("송파구", region("송파구", "11710")),
        ("성남시 분당구", region("분당구", "41135")),
        ({"sigungu": "부산 중구", "dong": "광복동2가"}, region("부산 중구", BUSAN_JUNG, "광복동2가")),
    ],
)
def test_any_region_of_the_place_table_is_stored_by_code(raw: object, stored: dict) -> None:
    assert normalize_value("region", raw) == stored


@pytest.mark.parametrize(
    ("raw", "field", "reason"),
    [
        ("동구", "value.sigungu", "names several"),
        ("고성군", "value.sigungu", "names several"),
        ("없는구", "value.sigungu", "unknown 시군구"),
        ({"sigungu_code": "99999"}, "value.sigungu_code", "unknown 시군구 code"),
        ({"sigungu_code": "11000"}, "value.sigungu_code", "unknown 시군구 code"),  # a 시도, not a 시군구
        ({"sigungu_code": 26110}, "value.sigungu_code", "unknown 시군구 code"),
        ({"sigungu": "서울 중구", "sigungu_code": BUSAN_JUNG}, "value.sigungu_code", "does not match"),
        ({"sigungu": "송파구", "sigungu_code": "11680"}, "value.sigungu_code", "does not match"),
        ({"sigungu": "구" * 41}, "value.sigungu", "시군구 name"),
    ],
)
def test_unknown_ambiguous_or_mismatched_regions_are_refused(raw: object, field: str, reason: str) -> None:
    with pytest.raises(PreferenceValidationError) as caught:
        normalize_value("region", raw)
    assert caught.value.field == field and reason in caught.value.message


def test_labels_round_trip_and_tell_same_names_apart() -> None:
    assert {region_label(SEOUL_JUNG), region_label(BUSAN_JUNG)} == {"서울 중구", "부산 중구"}
    for label in ("서울 중구", "부산 중구", "부산 해운대구", "송파구", "분당구"):
        assert normalize_value("region", label)["sigungu"] == label


def test_a_row_stored_by_name_reads_as_the_same_region() -> None:
    legacy = region("중구", SEOUL_JUNG)  # how 서울 중구 was stored before same-name regions existed
    assert region_identity(legacy) == region_identity(normalize_value("region", "서울 중구"))
    assert region_identity(legacy) != region_identity(normalize_value("region", "부산 중구"))
    assert region_identity({"sigungu": "송파구"}) == region_identity(normalize_value("region", "송파구"))
    assert describe("region", legacy) == "선호 지역: 서울 중구"
    assert describe("region", region("송파구", "11710", "잠실동")) == "선호 지역: 송파구 잠실동"


def test_the_rules_keep_a_synced_same_name_region() -> None:
    """The NLU's slots for a message about 부산 중구 (loaded beside 서울 중구) become its preference."""
    gazetteer = Gazetteer.from_rows([], data_regions({BUSAN_JUNG}))
    for said in ("부산 중구 아파트 찾고 있어요", "부산광역시 중구 매매 알아보고 있어요"):
        slots = parse(said, gazetteer, TODAY).slots
        assert slots.sigungu_code == BUSAN_JUNG, said
        facts = {f.key: f.value for f in extract_facts(said, slots, Intent.PROPERTY_SEARCH)}
        assert facts["region"] == region("부산 중구", BUSAN_JUNG), said


def test_a_negated_same_name_region_is_not_a_preference() -> None:
    slots = Slots(sigungu="부산 중구", sigungu_code=BUSAN_JUNG, deal_type="매매")
    facts = extract_facts("부산광역시 중구 말고 매매 찾고 있어요", slots, Intent.PROPERTY_SEARCH)
    assert {f.key for f in facts} == {"deal_type"}


def test_llm_regions_with_their_sido_are_kept() -> None:
    out = LlmPreferences(kind="statement", regions=["부산 중구", "해운대구", "동구", "없는구"])
    facts, rejected = facts_from_candidates(_llm_candidates(out), "statement", "llm")
    assert not rejected
    assert [f.value for f in facts] == [region("부산 중구", BUSAN_JUNG), region("부산 해운대구", HAEUNDAE)]
