"""Eighth round of one-message understanding kinds: complex names typed in English, checked on the
real data (every complex of ../shared/data, spelt the way an expat writes them, written from the Korean
names before the matcher was run), English words that name no complex, a station that is not its 동,
a size said with 위주로, a pointer said alone, and a loan question pointing at the price in play."""

from __future__ import annotations

from collections import defaultdict
from datetime import date

import pytest

from agents.domain.slots import Intent
from agents.gazetteer import Gazetteer, GazetteerRow, english_fold, english_spellings
from agents.nlu import parse
from backend.data_import.loader import find_data_files, parse_file
from tests.conftest import data_dir
from tests.unit.nlu_support import TODAY, converse


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    """The gazetteer of the whole data, from the same records the loader copies into the tables."""
    found: dict[tuple[str, str, str, str | None], list] = defaultdict(lambda: [0, None])
    for path in find_data_files(data_dir()):
        if path.suffix != ".csv":
            continue
        for row in parse_file(path, path.read_bytes()).as_dicts():
            entry = found[(row["sigungu_code"], row["dong"], row["complex_name"], row["complex_id"])]
            day: date = row["contract_date"]
            entry[0] += 1
            entry[1] = day if entry[1] is None or day > entry[1] else entry[1]
    rows = [GazetteerRow(*key, rows, latest) for key, (rows, latest) in found.items()]
    return Gazetteer.from_rows(rows)


# -- complex names typed in English --------------------------------------------------------------------

ENGLISH_NAMES = [
    ("How much did Hannam The Hill sell for in 2023?", "한남더힐"),
    ("Helio City 84 sqm price 2024", "헬리오시티"),
    ("jamsil els recent sales", "잠실엘스"),
    ("What about Park Rio in Sincheon-dong?", "파크리오"),
    ("Banpo Xi apartment prices", "반포자이"),
    ("Banpo Raemian Firstige 2022 sales", "래미안퍼스티지"),
    ("Acro River Park price trend", "아크로리버파크"),
    ("How much is Dogok Rexle now?", "도곡렉슬"),
    ("Tower Palace 1 sales 2024", "타워팰리스1"),
    ("Gyeonghuigung Xi complex 2 prices", "경희궁자이(2단지)"),
    ("Trimage Seongsu sales", "트리마제"),
    ("Godeok Gracium 59 sqm", "고덕그라시움"),
    ("Raemian Blestige in Gaepo", "래미안블레스티지"),
    ("Centras apartment sales last year", "센트라스"),
    ("Galleria Foret prices", "갤러리아포레"),
    ("Acro River Heim Heukseok sales", "아크로리버하임"),
    ("Acro Vista Seocho", "아크로비스타"),
    ("Mapo Raemian Prugio complex 4 sales", "마포래미안푸르지오4단지"),
    ("Shinbanpo Xi apartment", "신반포자이"),
    ("Acro Seoul Forest sales", "아크로서울포레스트"),
    ("Jamsil Lake Palace prices", "레이크팰리스"),
    ("Raemian Hillstate Godeok 84", "래미안힐스테이트고덕"),
    ("Amsa Lotte Castle First", "롯데캐슬퍼스트"),
    ("Gangseo Hillstate sales 2023", "강서힐스테이트"),
    ("Gwanak Prugio apartment price", "관악푸르지오"),
    ("DMC Raemian e-Pyeonhan Sesang", "DMC래미안e편한세상"),
    ("DMC Park View Xi 1st complex", "DMC파크뷰자이1단지"),
    ("Hillstate Sangdo Central Park", "힐스테이트 상도 센트럴파크"),
    ("Raemian Oksu Riverzen sales", "래미안 옥수 리버젠"),
    ("Seoul Forest Hanshin The Hue", "서울숲 한신 더 휴"),
    ("Hoban Summit Seocho Park", "호반써밋서초파크"),
    ("Godeok Central I-Park prices", "고덕센트럴IPARK"),
    ("Godeok Lotte Castle Beneluce", "고덕롯데캐슬베네루체"),
    ("Posco The Sharp in Sangdo", "포스코더샵"),
    ("Gaepo Raemian Forest sales", "개포래미안포레스트"),
    ("The Sharp Star City Jayang", "더샵스타시티"),
    ("Raemian Songpa Pine Top", "래미안송파파인탑"),
    ("Park Habio Munjeong", "파크하비오"),
    ("Pangyo Prugio Grand Bleu", "판교푸르지오그랑블"),
    ("Daechi Eunma apartment sales", "은마"),
    ("Raemian Daechi Palace 2024", "래미안대치팰리스"),
    ("Raemian One Bailey prices", "래미안원베일리"),
    ("Mapo Grand Xi apartment", "마포그랑자이"),
    ("Seocho Grand Xi", "서초그랑자이"),
    ("Raemian Lucentia Namgajwa", "래미안루센티아"),
    ("Banpo Summit", "반포써밋"),
    ("Seocho Prugio Summit", "서초푸르지오써밋"),
    ("Olympic Village complex 2", "올림픽선수기자촌2단지"),
    ("Mokdong Hyperion 2", "하이페리온2"),
    ("Gocheok Park Prugio", "고척파크푸르지오"),
    ("Raemian Gileum Centerpiece", "래미안길음센터피스"),
    ("Raemian Wolgok", "래미안월곡"),
    ("Sindonga River Park Noryangjin", "신동아리버파크"),
    ("Apgujeong Hyundai 6th", "현대6차(78~81,83,84,86,87동)"),
    ("Banpo Riche", "반포리체"),
    ("Jeongja Park View", "파크뷰"),
    ("Pangyo The Sharp First Park", "THESHARP판교퍼스트파크"),
    ("Seohyeon Sibeom Hanyang", "시범한양"),
    ("Yeouido Sibeom apartment", "시범"),
    ("Gyeonghuigung Lotte Castle", "경희궁롯데캐슬"),
    ("Dapsimni Raemian Weve", "래미안위브"),
    ("Raemian Cresity", "래미안크레시티"),
    ("Gileum New Town 2 Prugio", "길음뉴타운2단지푸르지오"),
    ("Uzangsan Hillstate", "우장산힐스테이트"),
    ("What about Lake Palace?", "레이크팰리스"),  # two everyday words that are no phrase: a name
    ("Gyunghee-gung Xi 2 prices", "경희궁자이(2단지)"),  # spelt loosely: the whole run is matched
]


@pytest.mark.parametrize(("text", "name"), ENGLISH_NAMES)
def test_a_complex_typed_in_english_is_that_complex(gaz: Gazetteer, text: str, name: str) -> None:
    assert parse(text, gaz, TODAY).slots.complex == name


def test_the_english_names_are_most_of_them_found_exactly(gaz: Gazetteer) -> None:
    """A guess by similarity is the fallback, not the way these spellings are read."""
    fuzzy = [
        text
        for text, _ in ENGLISH_NAMES
        if any(a.reason.startswith("오타") for a in parse(text, gaz, TODAY).ambiguities)
    ]
    assert len(fuzzy) <= 3, fuzzy


@pytest.mark.parametrize(
    "words",
    [
        "the", "park", "city", "hill", "hills", "the hill", "central", "palace", "castle", "river",
        "tower", "village", "town", "forest", "summit", "first", "grand", "star", "sky", "view",
        "central park", "city view", "river view", "prestige", "gold", "green", "lake", "blue",
        "the best apartment", "new town", "family", "a room", "lotte", "raemian",
    ],
)  # fmt: skip
def test_english_words_invent_no_complex(gaz: Gazetteer, words: str) -> None:
    for text in (words, f"{words} apartment prices 2024", f"Is there a {words} near Gangnam station?"):
        assert parse(text, gaz, TODAY).slots.complex is None, text


def test_an_outside_city_in_english_stays_outside(gaz: Gazetteer) -> None:
    result = parse("Suwon apartment prices", gaz, TODAY)
    assert result.slots.complex is None and result.unknown_regions


def test_english_spellings_fold_the_variants_people_mix() -> None:
    assert english_fold("Shin-Banpo") == english_fold("sinbanpo")
    assert english_fold("Daewoo") == english_fold("daewu")
    assert english_fold("I-Park 12") == "ipark12"
    assert {"hannamthehill", "hannamhill"} <= english_spellings("한남더힐")
    assert "lottecastlefirst" in english_spellings("롯데캐슬퍼스트")


# -- a station is not its 동 -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "sigungu"),
    [
        ("판교역 도보 5분 거리 아파트 보여줘", "분당구"),
        ("정자역에서 걸어서 10분 이내 아파트 찾아줘", "분당구"),
        ("잠실역 5분 거리 단지 목록", "송파구"),
        ("신림역 근처 전세", "관악구"),
        ("Apartments within walking distance of Pangyo station", "분당구"),
    ],
)
def test_a_station_names_its_district_not_the_dong(gaz: Gazetteer, text: str, sigungu: str) -> None:
    slots = parse(text, gaz, TODAY).slots
    assert slots.dong is None and slots.sigungu == sigungu


def test_the_dong_itself_is_still_the_dong(gaz: Gazetteer) -> None:
    assert parse("판교동 아파트 시세", gaz, TODAY).slots.dong == "판교동"
    assert parse("역삼동 아파트 매매", gaz, TODAY).slots.dong == "역삼동"


# -- a size said with 위주로 -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("said", "band"),
    [
        ("74 위주로요", (71.0, 77.0)),
        ("84 위주로만 보여줘", (81.0, 87.0)),
        ("전용 59 중심으로 봐주세요", (56.0, 62.0)),
    ],
)
def test_a_size_said_with_wijuro_is_that_band(gaz: Gazetteer, said: str, band: tuple[float, float]) -> None:
    frames = converse(gaz, ["송파구 아파트 2024 매매 거래 보여줘", said])
    slots = frames[-1].slots
    assert (slots.area_min_m2, slots.area_max_m2) == band
    assert slots.sigungu == "송파구" and str(slots.period_from) == "2024-01-01"


# -- a pointer said alone ----------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["그거요 그거", "그거 있잖아요", "저거요", "이거 말이에요"])
def test_a_pointer_alone_is_unclear(gaz: Gazetteer, text: str) -> None:
    assert parse(text, gaz, TODAY).intent == Intent.UNCLEAR


# -- a loan question pointing at the price in play ------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "연봉 1억 2천인데 그 가격대 사려면 대출 얼마나 나와요?",
        "부부합산 1억인데 이 가격대면 대출 몇 억 나와요?",
        "연봉 7천이면 비슷한 가격대 집 살 때 대출 한도 얼마예요?",
    ],
)
def test_a_loan_question_at_the_price_in_play_is_a_loan_question(gaz: Gazetteer, text: str) -> None:
    assert parse(text, gaz, TODAY).intent == Intent.LOAN_CONSULT


def test_a_price_range_asked_is_still_a_market_question(gaz: Gazetteer) -> None:
    assert parse("송파구 84 가격대 어때요?", gaz, TODAY).intent == Intent.MARKET_INQUIRY
