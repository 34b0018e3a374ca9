"""Golden NLU set: real user questions with their expected intent and slots, parsed offline against the
gazetteer built from the loaded data (`load_gazetteer`), as the server does at start.

Every question counts: intent accuracy and slot exact-match (the ten public slots, unlisted ones
expected null, plus any extra slot a case lists, plus its flags) are printed and must reach 0.95.
"""

from __future__ import annotations

import json
import time
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from agents.domain.slots import PUBLIC_SLOTS, Intent
from agents.gazetteer import Gazetteer, load_gazetteer
from agents.nlu import NluResult, parse

GOLDEN = Path(__file__).resolve().parent.parent / "golden" / "questions.json"
MIN_ACCURACY = 0.95
AREA_TOLERANCE = 0.005  # areas are rounded to 0.01 ㎡


@pytest.fixture(scope="module")
async def gazetteer(loaded_engine: Any) -> Gazetteer:
    return await load_gazetteer(loaded_engine)


def golden() -> tuple[date, list[dict[str, Any]]]:
    data = json.loads(GOLDEN.read_text(encoding="utf-8"))
    return date.fromisoformat(data["today"]), data["questions"]


def slot_mismatches(case: dict[str, Any], result: NluResult) -> list[str]:
    expected = {name: None for name in PUBLIC_SLOTS} | case["slots"]
    got = result.slots.model_dump()
    wrong = []
    for name, want in expected.items():
        have = got[name]
        if isinstance(want, float) or isinstance(have, float):
            same = want is not None and have is not None and abs(want - have) <= AREA_TOLERANCE
        else:
            same = want == have
        if not same:
            wrong.append(f"{name}: expected {want!r}, got {have!r}")
    for flag, want in case.get("flags", {}).items():
        if getattr(result, flag) != want:
            wrong.append(f"{flag}: expected {want!r}, got {getattr(result, flag)!r}")
    return wrong


def test_golden_set_is_broad_enough() -> None:
    _, cases = golden()
    assert len(cases) >= 100
    assert {Intent(c["intent"]) for c in cases} == set(Intent)
    english = [c for c in cases if c["q"].isascii() and c["q"].strip()]
    assert len(english) >= 20
    assert len({c["q"] for c in cases}) == len(cases)


async def test_golden_intent_accuracy_and_slot_exact_match(gazetteer: Gazetteer) -> None:
    today, cases = golden()
    intent_ok = slots_ok = 0
    failures: list[str] = []
    for case in cases:
        result = parse(case["q"], gazetteer, today)
        intent_right = result.intent == Intent(case["intent"])
        wrong = slot_mismatches(case, result)
        intent_ok += intent_right
        slots_ok += not wrong
        if not intent_right or wrong:
            intent_note = "" if intent_right else f"intent {case['intent']} → {result.intent.value}; "
            failures.append(f"{case['q']!r}: {intent_note}{'; '.join(wrong)}")
    intent_accuracy, slot_accuracy = intent_ok / len(cases), slots_ok / len(cases)
    print(
        f"\ngolden NLU ({len(cases)} questions): intent accuracy {intent_accuracy:.3f}, "
        f"slot exact-match {slot_accuracy:.3f}"
    )
    for line in failures:
        print("  miss:", line)
    assert intent_accuracy >= MIN_ACCURACY, failures
    assert slot_accuracy >= MIN_ACCURACY, failures


async def test_load_gazetteer_reads_every_region_and_complex(loaded_engine: Any) -> None:
    started = time.perf_counter()
    gazetteer = await load_gazetteer(loaded_engine)
    seconds = time.perf_counter() - started
    print(
        f"\nload_gazetteer: {seconds:.2f} s, {len(gazetteer.complexes)} complexes, {len(gazetteer.dongs)} 동"
    )
    assert len(gazetteer.latest) == 26
    assert gazetteer.latest["11680"].strftime("%Y-%m") == "2024-12"
    assert gazetteer.latest["41135"].strftime("%Y-%m") == "2025-12"
    assert gazetteer.dongs["신사동"] == frozenset({"11680", "11380"})
    eunma = [c for c in gazetteer.complexes if c.name == "은마"]
    assert [(c.sigungu_code, c.dong, c.complex_id) for c in eunma] == [("11680", "대치동", "11680-218")]
    assert len(gazetteer.complexes) > 8000
