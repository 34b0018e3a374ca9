"""Independent ground truth for eval sets: figures computed straight from the CSVs in shared/data.

Follows docs/eval-conventions.md. Standard library only; imports nothing from the product.

Usage:
    python tests/eval/truth.py FILE.json [--check] [--data DIR]   # fill `figures`, report problems
    python tests/eval/truth.py --selftest [--data DIR]            # print hand-checkable counts
"""

from __future__ import annotations

import argparse
import csv
import difflib
import json
import os
import re
import sys
from decimal import ROUND_HALF_UP, Decimal
from functools import cache
from pathlib import Path
from statistics import median
from typing import Any, NamedTuple

REPO = Path(__file__).resolve().parents[2]
SEOUL_GU = {
    "11110": "종로구", "11140": "중구", "11170": "용산구", "11200": "성동구", "11215": "광진구",
    "11230": "동대문구", "11260": "중랑구", "11290": "성북구", "11305": "강북구", "11320": "도봉구",
    "11350": "노원구", "11380": "은평구", "11410": "서대문구", "11440": "마포구", "11470": "양천구",
    "11500": "강서구", "11530": "구로구", "11545": "금천구", "11560": "영등포구", "11590": "동작구",
    "11620": "관악구", "11650": "서초구", "11680": "강남구", "11710": "송파구", "11740": "강동구",
}  # fmt: skip
BUNDANG = "분당구"
# Data months per source (inclusive ISO dates); see the coverage table in eval-conventions.md.
SPAN = {"seoul": ("2020-01-01", "2024-12-31"), "bundang": ("2020-01-01", "2025-12-31")}
ANSWER_INTENTS = {"MARKET_INQUIRY", "PROPERTY_SEARCH"}


class Row(NamedTuple):
    """One deal: place, date (ISO), exclusive area, price or deposit, monthly rent (0 for 매매/전세)."""

    sigungu: str
    dong: str
    complex: str
    date: str
    area: float
    price: int
    monthly: int


def data_dir() -> Path:
    """Data folder: env BUDONGSAN_DATA_DIR, else <repo>/../shared/data."""
    return Path(os.environ.get("BUDONGSAN_DATA_DIR") or REPO.parent / "shared" / "data")


def _int(text: str) -> int:
    return int(text.replace(",", "").strip())


def _read(name: str) -> list[dict[str, str]]:
    with (data_dir() / "transactions" / name).open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def _bundang_files(kind: str) -> list[str]:
    return sorted(
        p.name for p in (data_dir() / "transactions").glob(f"bundang_apt_{kind}_[0-9][0-9][0-9][0-9].csv")
    )


def _bundang_base(r: dict[str, str], price_col: str, monthly: int) -> Row:
    ym, day = r["계약년월"].strip(), int(r["계약일"])
    date = f"{ym[:4]}-{ym[4:6]}-{day:02d}"
    dong = r["시군구"].split()[-1]
    return Row(BUNDANG, dong, r["단지명"], date, float(r["전용면적(㎡)"]), _int(r[price_col]), monthly)


@cache
def tables() -> dict[str, list[Row]]:
    """All rows by table: '매매' (Seoul + 분당, cancelled 분당 deals dropped), '전세', '월세' (분당)."""
    sales: list[Row] = []
    for r in _read("seoul_apt_trade_2020_2024.csv"):
        gu = SEOUL_GU.get(r["구코드"])
        if gu is None:
            raise ValueError(f"unknown 구코드 {r['구코드']!r} in Seoul file")
        sales.append(
            Row(
                gu,
                r["동"],
                r["아파트명"],
                r["거래일자"],
                float(r["전용면적_m2"]),
                _int(r["거래금액_만원"]),
                0,
            )
        )
    for name in _bundang_files("trade"):
        sales += [
            _bundang_base(r, "거래금액(만원)", 0)
            for r in _read(name)
            if r["해제사유발생일"].strip() in ("", "-")
        ]
    rent: dict[str, list[Row]] = {"전세": [], "월세": []}
    for name in _bundang_files("rent"):
        for r in _read(name):
            rent[r["전월세구분"].strip()].append(
                _bundang_base(r, "보증금(만원)", _int(r["월세금(만원)"] or "0"))
            )
    return {"매매": sales, **rent}


@cache
def names() -> dict[str, dict[str, set[str]]]:
    """Known names over all tables: dong / complex by sigungu, cx_dongs by 'sigungu|complex'."""
    out: dict[str, dict[str, set[str]]] = {"dong": {}, "complex": {}, "cx_dongs": {}}
    for rows in tables().values():
        for r in rows:
            out["dong"].setdefault(r.sigungu, set()).add(r.dong)
            out["complex"].setdefault(r.sigungu, set()).add(r.complex)
            out["cx_dongs"].setdefault(f"{r.sigungu}|{r.complex}", set()).add(r.dong)
    return out


def dongs_for(sigungu: str | None, dong: str) -> set[str]:
    """법정동 names a spoken 동 covers: itself if it exists, else `<dong>N가` (성수동 → 성수동1가, 2가),
    else for `X동` the `XN가` parts (명륜동 → 명륜1가 … 4가)."""
    known = set().union(*(v for k, v in names()["dong"].items() if sigungu in (None, k)))
    if dong in known:
        return {dong}
    parts = {d for d in known if re.fullmatch(re.escape(dong) + r"\d+가", d)}
    if not parts and dong.endswith("동"):
        parts = {d for d in known if re.fullmatch(re.escape(dong[:-1]) + r"\d+가", d)}
    return parts


def _median(values: list[int]) -> int:
    return int(Decimal(str(median(values))).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def _span(slots: dict[str, Any]) -> tuple[str, str]:
    """First and last data day for the slots' place and deal type (Seoul+분당 매매 when no place)."""
    gu, deal = slots.get("sigungu"), slots.get("deal_type") or "매매"
    if gu in SEOUL_GU.values():
        return SPAN["seoul"]
    if gu == BUNDANG or deal != "매매":
        return SPAN["bundang"]
    return SPAN["seoul"][0], SPAN["bundang"][1]


def select(slots: dict[str, Any]) -> list[Row] | None:
    """Rows the slots select, or None when place / deal type / period lies outside the data."""
    deal = slots.get("deal_type") or "매매"
    gu, dong, cx = slots.get("sigungu"), slots.get("dong"), slots.get("complex")
    if deal not in tables() or (gu is not None and gu not in names()["dong"]):
        return None
    if deal != "매매" and gu not in (None, BUNDANG):
        return None  # rent data exists for 분당 only
    start, end = _span(slots)
    lo, hi = slots.get("period_from") or "0000-01-01", slots.get("period_to") or "9999-12-31"
    if lo > end or hi < start:
        return None
    dset = dongs_for(gu, dong) if dong else None
    pmin, pmax = slots.get("price_min_manwon"), slots.get("price_max_manwon")
    amin, amax = slots.get("area_min_m2"), slots.get("area_max_m2")
    mmax = slots.get("monthly_rent_max_manwon") if deal == "월세" else None
    return [
        r
        for r in tables()[deal]
        if (gu is None or r.sigungu == gu)
        and (dset is None or r.dong in dset)
        and (cx is None or r.complex == cx)
        and lo <= r.date <= hi
        and (pmin is None or r.price >= pmin)
        and (pmax is None or r.price <= pmax)
        and (amin is None or r.area >= float(amin))
        and (amax is None or r.area <= float(amax))
        and (mmax is None or r.monthly <= mmax)
    ]


def figures(slots: dict[str, Any]) -> dict[str, int] | None:
    """count / median / min / max 만원 (+ monthly_median_manwon for 월세); {'count': 0} if empty; None if outside."""
    rows = select(slots)
    if rows is None:
        return None
    if not rows:
        return {"count": 0}
    prices = [r.price for r in rows]
    out = {
        "count": len(rows),
        "median_manwon": _median(prices),
        "min_manwon": min(prices),
        "max_manwon": max(prices),
    }
    if (slots.get("deal_type") or "매매") == "월세":
        out["monthly_median_manwon"] = _median([r.monthly for r in rows])
    return out


def _closest(word: str, pool: set[str]) -> list[str]:
    subs = sorted(p for p in pool if word in p or p in word)[:5]
    return list(dict.fromkeys(subs + difflib.get_close_matches(word, sorted(pool), n=5, cutoff=0.5)))[:6]


def name_problems(slots: dict[str, Any], expect: str) -> list[str]:
    """Unknown sigungu / dong / complex names, with the closest existing names."""
    known = names()
    gu, dong, cx = slots.get("sigungu"), slots.get("dong"), slots.get("complex")
    out: list[str] = []
    if gu is not None and gu not in known["dong"]:
        if expect != "decline":  # a place outside the data is expected in a decline turn
            out.append(f"unknown sigungu {gu!r}; closest {_closest(gu, set(known['dong']))}")
        return out
    scope = [gu] if gu else list(known["dong"])
    if dong and not dongs_for(gu, dong):
        pool = set().union(*(known["dong"][g] for g in scope))
        out.append(f"unknown dong {dong!r} in {gu}; closest {_closest(dong, pool)}")
    if cx:
        pool = set().union(*(known["complex"][g] for g in scope))
        if cx not in pool:
            out.append(f"unknown complex {cx!r} in {gu}; closest {_closest(cx, pool)}")
        elif dong and not known["cx_dongs"][f"{gu}|{cx}"] & dongs_for(gu, dong):
            out.append(
                f"complex {cx!r} has no rows in dong {dong!r} (its 동: {sorted(known['cx_dongs'][f'{gu}|{cx}'])})"
            )
    return out


def fill(path: Path) -> list[str]:
    """Write `figures` into every answer-expecting MARKET_INQUIRY / PROPERTY_SEARCH turn; return problems."""
    doc = json.loads(path.read_text(encoding="utf-8"))
    problems: list[str] = []
    for conv in doc.get("conversations", []):
        for i, turn in enumerate(conv.get("turns", []), 1):
            where = f"{conv.get('id')} turn {i}"
            slots, expect = turn.get("slots") or {}, turn.get("expect") or "answer"
            problems += [f"{where}: {p}" for p in name_problems(slots, expect)]
            if turn.get("intent") not in ANSWER_INTENTS or expect != "answer":
                continue
            fig = figures(slots)
            if fig is None:
                problems.append(f"{where}: expects an answer but the slots fall outside the data: {slots}")
                continue
            lo, hi = _span(slots)
            if (slots.get("period_from") or hi) < lo or (slots.get("period_to") or lo) > hi:
                print(f"NOTE {where}: period {slots.get('period_from')}..{slots.get('period_to')} "
                      f"goes beyond the data months {lo}..{hi}", file=sys.stderr)  # fmt: skip
            if fig["count"] == 0:
                problems.append(f"{where}: expects an answer but the slots select 0 rows: {slots}")
            turn["figures"] = fig
    path.write_text(json.dumps(doc, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return problems


def selftest() -> None:
    """Print counts that can be checked by hand (e.g. with grep/awk on the CSVs)."""
    t = tables()
    seoul = [r for r in t["매매"] if r.sigungu != BUNDANG]
    print("Seoul sales rows (SOURCES.md: 233,565):", len(seoul))
    print("분당 sales rows kept (26,235 - 1,088 cancelled = 25,147):", len(t["매매"]) - len(seoul))
    print("분당 전세 / 월세 rows (68,896 / 34,967):", len(t["전세"]), len(t["월세"]))
    checks = {
        "강남구 매매 2024": {"sigungu": "강남구", "period_from": "2024-01-01", "period_to": "2024-12-31"},
        "성동구 성수동 (1가+2가) 매매": {"sigungu": "성동구", "dong": "성수동"},
        "분당구 정자동 전세 2025 81-87㎡": {"sigungu": "분당구", "dong": "정자동", "deal_type": "전세",
                                   "period_from": "2025-01-01", "period_to": "2025-12-31",
                                   "area_min_m2": 81.0, "area_max_m2": 87.0},
        "분당구 월세 2024 보증금≤5000, 월세≤100": {"sigungu": "분당구", "deal_type": "월세", "price_max_manwon": 5000,
                                       "monthly_rent_max_manwon": 100, "period_from": "2024-01-01",
                                       "period_to": "2024-12-31"},
        "강남구 전세 (outside → None)": {"sigungu": "강남구", "deal_type": "전세"},
    }  # fmt: skip
    for label, slots in checks.items():
        print(f"{label}: {figures(slots)}")


def main(argv: list[str] | None = None) -> int:
    """CLI entry point."""
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("file", nargs="?", type=Path, help="eval set JSON, rewritten in place")
    ap.add_argument("--check", action="store_true", help="exit 1 when problems are found")
    ap.add_argument("--data", help="data folder (overrides BUDONGSAN_DATA_DIR)")
    ap.add_argument("--selftest", action="store_true", help="print hand-checkable counts")
    args = ap.parse_args(argv)
    if args.data:
        os.environ["BUDONGSAN_DATA_DIR"] = args.data
    if args.selftest:
        selftest()
        return 0
    if args.file is None:
        ap.error("FILE is required unless --selftest")
    problems = fill(args.file)
    for p in problems:
        print("PROBLEM", p, file=sys.stderr)
    print(f"{args.file}: figures written; {len(problems)} problem(s)")
    return 1 if problems and args.check else 0


if __name__ == "__main__":
    sys.exit(main())
