"""Parsing the MOLIT CSVs and statute Markdown, without a database."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest

from backend.data_import import DataFileError, parse_file
from backend.data_import.base import FieldError
from backend.data_import.fields import manwon, optional_manwon, short_dotted_date, smallint, year_month_day
from backend.data_import.molit import parse_molit_csv, renewal_right_used, split_address
from backend.data_import.statutes import parse_statute, statute_kind

SEOUL_HEADER = (
    "구코드,동,아파트명,전용면적_m2,층,건축년도,거래년도,거래월,거래일,"
    "거래금액_만원,지번,등기일자,아파트일련번호,거래일자"
)
SEOUL_ROW = "11680,대치동,은마,84.43,13,1979,2020,1,14,220000,316,,11680-218,2020-01-14"

SALE_HEADER = (
    "NO,시군구,번지,본번,부번,단지명,전용면적(㎡),계약년월,계약일,거래금액(만원),동,층,매수자,매도자,건축년도,"
    "도로명,해제사유발생일,거래유형,중개사소재지,등기일자,주택유형"
)
SALE_ROW = (
    '51,경기도 성남시 분당구 금곡동,133,0133,0000,청솔마을(주공9단지),36.5400,202112,15,"68,000",-,10,-,-,'
    "1995,미금로 216,20220124,중개거래,경기 성남분당구,22.01.05,아파트"
)

RENT_HEADER = (
    "NO,시군구,번지,본번,부번,단지명,전월세구분,전용면적(㎡),계약년월,계약일,보증금(만원),월세금(만원),층,건축년도,"
    "도로명,계약기간,계약구분,갱신요구권 사용,종전계약 보증금(만원),종전계약 월세(만원),주택유형"
)
RENT_ROW = (
    '2,경기도 성남시 분당구 수내동,54,0054,0000,파크타운(삼익),전세,134.9100,202312,31,"117,000",0,27,1993,'
    '내정로166번길 42,202401~202601,갱신,사용,"127,000",0,아파트'
)

PREAMBLE = """□ 본 서비스에서 제공하는 정보는 법적인 효력이 없으므로 참고용으로만 활용하시기 바랍니다.

□ 검색조건
계약일자 : 2023-01-01 ~ 2023-12-31 | 실거래 구분 : 아파트(전월세) | 주소구분 : 지번 주소
"""


def csv_text(*lines: str) -> str:
    return "\n".join(lines) + "\n"


# --- cells -------------------------------------------------------------------------------------------


def test_manwon_reads_comma_formatted_amounts():
    assert manwon("73,000", "보증금(만원)") == 73000
    assert manwon("0", "월세금(만원)") == 0


@pytest.mark.parametrize("bad", ["7억", "", "-5", "1.5"])
def test_manwon_rejects_what_is_not_a_whole_amount(bad):
    with pytest.raises(FieldError, match="보증금"):
        manwon(bad, "보증금(만원)")


def test_dash_and_empty_mean_no_value():
    assert optional_manwon("-", "x") is None
    assert optional_manwon("", "x") is None
    assert smallint("-", "층") is None


def test_basement_floor_is_negative():
    assert smallint("-1", "층") == -1


def test_registration_date_is_yy_mm_dd_in_this_century():
    assert short_dotted_date("23.03.16", "등기일자") == dt.date(2023, 3, 16)
    assert short_dotted_date("", "등기일자") is None
    with pytest.raises(FieldError):
        short_dotted_date("2023-03-16", "등기일자")
    with pytest.raises(FieldError):
        short_dotted_date("23.02.30", "등기일자")


def test_contract_date_joins_year_month_and_day():
    assert year_month_day("202112", "05", "계약년월/계약일") == dt.date(2021, 12, 5)
    with pytest.raises(FieldError):
        year_month_day("2021-12", "05", "계약년월/계약일")


def test_address_splits_into_sigungu_and_dong():
    region, dong = split_address("경기도 성남시 분당구 이매동")
    assert (region.code, region.name, dong) == ("41135", "분당구", "이매동")
    region, dong = split_address("서울특별시 강남구 대치동")
    assert (region.code, dong) == ("11680", "대치동")


def test_address_outside_the_known_regions_is_an_error():
    with pytest.raises(FieldError, match="regions"):
        split_address("부산광역시 중구 중앙동")


def test_renewal_right_is_unknown_before_the_reporting_rule():
    assert renewal_right_used("사용", "갱신") is True
    assert renewal_right_used("-", "신규") is False
    assert renewal_right_used("-", None) is None


# --- CSV layouts -------------------------------------------------------------------------------------


def test_seoul_row_maps_to_a_trade_with_complex_id_and_unknown_cancellation():
    parsed = parse_molit_csv("seoul.csv", csv_text(SEOUL_HEADER, SEOUL_ROW))
    assert parsed.table == "apt_trades"
    [row] = parsed.as_dicts()
    assert row["sigungu_code"] == "11680"
    assert row["sigungu_name"] == "강남구"
    assert (row["dong"], row["complex_name"], row["complex_id"]) == ("대치동", "은마", "11680-218")
    assert row["area_m2"] == Decimal("84.43")
    assert (row["floor"], row["build_year"]) == (13, 1979)
    assert row["contract_date"] == dt.date(2020, 1, 14)
    assert row["price_manwon"] == 220000
    assert row["cancelled"] is None
    assert row["registration_date"] is None
    assert (row["source_file"], row["source_line"]) == ("seoul.csv", 2)


def test_seoul_row_whose_derived_date_disagrees_is_an_error():
    row = SEOUL_ROW.replace("2020-01-14", "2020-01-15")
    with pytest.raises(DataFileError, match=r"seoul\.csv, line 2: column 거래일자"):
        parse_molit_csv("seoul.csv", csv_text(SEOUL_HEADER, row))


def test_cancelled_sale_carries_its_cancel_date():
    parsed = parse_molit_csv("sale.csv", csv_text(SALE_HEADER, SALE_ROW))
    [row] = parsed.as_dicts()
    assert (row["sigungu_code"], row["sigungu_name"], row["dong"]) == ("41135", "분당구", "금곡동")
    assert row["complex_id"] is None
    assert row["price_manwon"] == 68000
    assert row["contract_date"] == dt.date(2021, 12, 15)
    assert (row["cancelled"], row["cancel_date"]) == (True, dt.date(2022, 1, 24))
    assert row["trade_kind"] == "중개거래"
    assert row["registration_date"] == dt.date(2022, 1, 5)


def test_sale_without_cancel_date_is_not_cancelled():
    row = SALE_ROW.replace(",20220124,", ",-,")
    [parsed] = parse_molit_csv("sale.csv", csv_text(SALE_HEADER, row)).as_dicts()
    assert (parsed["cancelled"], parsed["cancel_date"]) == (False, None)


def test_rent_row_maps_deposit_rent_and_renewal():
    [row] = parse_molit_csv("rent.csv", csv_text(RENT_HEADER, RENT_ROW)).as_dicts()
    assert row["rent_type"] == "전세"
    assert (row["deposit_manwon"], row["monthly_rent_manwon"]) == (117000, 0)
    assert (row["contract_term"], row["contract_kind"]) == ("202401~202601", "갱신")
    assert row["renewal_right_used"] is True
    assert (row["prev_deposit_manwon"], row["prev_monthly_rent_manwon"]) == (127000, 0)


def test_header_is_found_below_the_export_preamble_and_lines_stay_physical():
    text = PREAMBLE + csv_text(RENT_HEADER, RENT_ROW, RENT_ROW)
    parsed = parse_molit_csv("rent.csv", text)
    assert parsed.layout == "rt-molit-rent"
    assert [r["source_line"] for r in parsed.as_dicts()] == [6, 7]


def test_wrong_field_count_names_file_and_line():
    with pytest.raises(DataFileError, match=r"rent\.csv, line 3: expected 21 fields.*found 20") as caught:
        parse_molit_csv("rent.csv", csv_text(RENT_HEADER, RENT_ROW, RENT_ROW.rsplit(",", 1)[0]))
    assert caught.value.line == 3


def test_bad_number_names_file_line_and_column():
    bad = RENT_ROW.replace('"117,000"', '"11a,000"')
    with pytest.raises(DataFileError, match=r"rent\.csv, line 2: column 보증금\(만원\)"):
        parse_molit_csv("rent.csv", csv_text(RENT_HEADER, bad))


def test_missing_column_names_the_layout_and_the_expected_columns():
    header = RENT_HEADER.replace("보증금(만원),", "")
    with pytest.raises(DataFileError) as caught:
        parse_molit_csv("rent.csv", csv_text(header, "x"))
    message = str(caught.value)
    assert message.startswith("rent.csv, line 1: columns do not match the rt.molit.go.kr 아파트(전월세)")
    assert "missing 보증금(만원)" in message
    assert "expected columns: 시군구, 번지, 단지명, 전월세구분" in message


def test_unknown_columns_list_every_known_layout():
    with pytest.raises(DataFileError) as caught:
        parse_molit_csv("other.csv", csv_text("a,b,c", "1,2,3"))
    message = str(caught.value)
    assert message.startswith("other.csv: no header row of a known layout")
    assert "구코드" in message and "해제사유발생일" in message and "전월세구분" in message
    assert "first row found: a, b, c" in message


def test_header_without_rows_is_an_error():
    with pytest.raises(DataFileError, match="no data rows"):
        parse_molit_csv("rent.csv", csv_text(RENT_HEADER))


def test_cp949_export_is_decoded():
    data = csv_text(SALE_HEADER, SALE_ROW).encode("cp949")
    assert len(parse_file(Path("sale.csv"), data).records) == 1


# --- statutes -----------------------------------------------------------------------------------------

STATUTE = """---
제목: 주택임대차보호법 시행령
법령ID: '001248'
법령구분: 대통령령
소관부처:
- 법무부
공포일자: 2025-12-30
시행일자: 2026-01-02
출처: https://www.law.go.kr/법령/주택임대차보호법시행령
첨부파일: []
---

# 주택임대차보호법 시행령

## 제1장 총칙

##### 제1조 (목적)

이 영은 목적을 규정한다.

##### 제2조

삭제 <2010.1.1>

## 제2장 보증금

### 제1절 통칙

##### 제3조의2 (보증금 중 일정액(一定額)의 범위)

**①** 첫째 항.

**②** 둘째 항.

## 부칙

##### 제1조 (시행일)

이 영은 공포한 날부터 시행한다.
"""


def test_statute_frontmatter_gives_law_name_kind_and_dates():
    [first, *_] = parse_statute("a_시행령.md", STATUTE).as_dicts()
    assert first["law_name"] == "주택임대차보호법 시행령"
    assert first["kind"] == "시행령"
    assert first["effective_date"] == dt.date(2026, 1, 2)
    assert first["promulgated_date"] == dt.date(2025, 12, 30)
    assert first["source_url"] == "https://www.law.go.kr/법령/주택임대차보호법시행령"
    assert first["source_file"] == "a_시행령.md"


def test_statute_articles_have_number_sub_title_chapter_and_body():
    rows = parse_statute("a.md", STATUTE).as_dicts()
    assert [(r["article_no"], r["article_sub"], r["title"]) for r in rows] == [
        (1, 0, "목적"),
        (2, 0, None),
        (3, 2, "보증금 중 일정액(一定額)의 범위"),
    ]
    assert rows[0]["chapter"] == "제1장 총칙"
    assert rows[0]["body"] == "이 영은 목적을 규정한다."
    assert rows[1]["body"] == "삭제 <2010.1.1>"
    assert rows[2]["chapter"] == "제2장 보증금"
    assert rows[2]["body"] == "**①** 첫째 항.\n\n**②** 둘째 항."


def test_statute_stops_at_the_supplementary_provisions():
    rows = parse_statute("a.md", STATUTE).as_dicts()
    assert all(r["title"] != "시행일" for r in rows)


def test_same_article_twice_in_one_file_is_reported():
    text = STATUTE.replace("##### 제2조\n", "##### 제1조\n")
    with pytest.raises(DataFileError, match=r"a\.md, line 21: 제1조 appears twice \(first on line 17\)"):
        parse_statute("a.md", text)


def test_unrecognised_article_heading_is_reported():
    text = STATUTE.replace("##### 제2조\n", "##### 별표 2\n")
    with pytest.raises(DataFileError, match=r"a\.md, line 21: article heading '별표 2'"):
        parse_statute("a.md", text)


def test_statute_without_frontmatter_is_rejected():
    with pytest.raises(DataFileError, match="frontmatter"):
        parse_statute("a.md", "# 민법\n\n##### 제1조 (법원)\n\n본문\n")


@pytest.mark.parametrize(
    ("category", "title", "kind"),
    [
        ("법률", "주택임대차보호법", "법률"),
        ("대통령령", "주택임대차보호법 시행령", "시행령"),
        ("국토교통부령", "공인중개사법 시행규칙", "시행규칙"),
        ("법무부령", "주택임대차계약증서상의 확정일자 부여 및 임대차 정보제공에 관한 규칙", "규칙"),
    ],
)
def test_statute_kind_is_one_of_four(category, title, kind):
    assert statute_kind(category, title) == kind
