"""Offline NLU: intent, normalized slots and entities of one chat message, with no network and no LLM.

`parse(text, gaz, today)` is deterministic and takes well under 5 ms with the full gazetteer.

Decisions (asserted by tests/golden/questions.json):
- Intent comes from cue words. Each intent has *strong* cues (시세, 대출, 추천해줘, 계약서 써줘 …) and
  some have *weak* ones (얼마, 보여줘, a price bound). Two or more intents with strong cues make the
  message COMPREHENSIVE (`sub_intents` keeps them in the order asked), except where one intent
  already answers the other: PRICE_EVALUATION covers MARKET_INQUIRY, PROPERTY_RECOMMENDATION covers
  PROPERTY_SEARCH, and SEARCH vs MARKET keeps the stronger. TERM_DEFINITION needs a definition cue
  (뭐야, 뜻, 이란, what is …) attached to a term; that term's words then count for no other intent.
  Off-topic cues (날씨, 맛집, 카페, 병원, python …) win unless a real-estate word or amount is present:
  a place name alone does not make "헬리오시티 근처 헬스장" a housing question.
- Everyday questions name their task by shape when no task word does (`_implied_tasks`): a stated
  price at a place with a judging word (…이면 어때, 맞아?, 괜찮?) is PRICE_EVALUATION; a may/must question
  (해도 돼?, 어떻게 돼?, 받을 수 있어?, can I …) about a tenancy party or contract money is LEGAL_INQUIRY;
  "남는 거" with a rent stated is ROI_CALCULATION; an income with nothing else asked is LOAN_CONSULT.
- A checklist or clause list to produce (체크리스트, 확인할 거 리스트로, 특약 정리) is CONTRACT_CREATION, and a
  contract request absorbs the words describing it (매매가 11억, 특약) unless two requests are joined
  ("…알려주고 …도", "… and explain …"); joined requests also keep MARKET beside PRICE_EVALUATION. A
  legal question with no place, amount or size keeps no look-up cue (법 어디에 "나와있어" is no search).
- Without any cue, a message with places or filters is a PROPERTY_SEARCH when it has a price bound
  or a room count and a MARKET_INQUIRY otherwise; one word with nothing recognisable is UNCLEAR.
- A bare price ("25억") is `asking_price_manwon` for PRICE_EVALUATION, LOAN_CONSULT, ROI_CALCULATION
  and CONTRACT_CREATION, and `price_max_manwon` for PROPERTY_SEARCH / PROPERTY_RECOMMENDATION (a
  budget). "월 100" in a search is `monthly_rent_max_manwon`; in ROI/contracts `monthly_rent_manwon`.
  A 보증금 with 이하/이상 in a search bounds the price (the deposit is a rent contract's price).
- 실거래가/매매가/거래가/집값/sale/sold/buy imply 매매 when no deal type is named; "전월세" and
  "임대차" name none. ROI_CALCULATION keeps deal_type null (its rent words describe income).
- "최근/요즘/recent" and "최근 N개월" are data-relative: the N (default 12) calendar months ending with
  the latest month that has data for the region (Seoul ends 2024-12, 분당 2025-12; with no region, the
  latest month overall). `recent_period` recomputes it once memory supplies a region.
- An ambiguous 동 (신사동: 강남구/은평구) is resolved by a 구 in the same message, else by the larger
  row count (recorded in `ambiguities`); a name the data splits (성수동 = 성수동1가 + 성수동2가) keeps
  the name said and lists the parts in `dong_parts`, so the answer covers all of them. Places outside the data (부산, 해운대구 …) go to `unknown_regions` and fill no slot.
- IRRELEVANT and UNCLEAR carry no slots or entities (nothing to remember from "강남역 맛집"); a greeting
  or thanks alone ("안녕하세요", "ㅋㅋ 고마워") is UNCLEAR, an aside about something else IRRELEVANT.
- A legal question carries no place, period, size or deal type (`legal_slots`): "전세 사는데 …" is the
  story, and the rule is the same for every deal.
- Only the first `agents.domain.units.MAX_PARSE_CHARS` characters are parsed (`truncated` says so).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date

from pydantic import BaseModel, Field

from agents.domain.entity_ids import EntityType, dong_entity_id, sigungu_entity_id
from agents.domain.law_names import law_named_in, slot_law_name
from agents.domain.particles import NAME_TAILS, strip_particle
from agents.domain.places_kr import WIDE_TOWNS
from agents.domain.slots import WHOLE_SIDO, Intent, ListingOrder, Slots
from agents.domain.units import (
    AreaMention,
    MoneyMention,
    MoneyRole,
    PeriodMention,
    RoomsMention,
    area_band,
    clip,
    compact,
    mask,
    merge_areas,
    normalize,
    parse_area,
    parse_money,
    parse_period,
    parse_rooms,
    previous_year_offset,
    recent_window,
)
from agents.gazetteer import (
    SAME_NAME,
    ComplexInfo,
    Gazetteer,
    Hit,
    Target,
    family_stem,
    place_choices,
    same_name_labels,
)
from agents.tools.coverage import ranks_by_missing_fact


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


MAX_FUZZY_QUERIES = 9
MAX_FUZZY_RUNS = 3  # English runs of 3–4 words tried before pairs
OFF_TOPIC_CONFIDENCE = 0.9  # IRRELEVANT by an off-topic cue (날씨, 맛집 …), not merely by having no cue
MAX_SIGUNGU_FOR_UNPLACED = 2  # a complex name found in more 구 than this needs a place to resolve
FRAGMENT_MONEY_CHARS = 24  # an amount in a task-less message longer than this is part of a story

# ---------------------------------------------------------------------------------------------
# result model


class Entity(BaseModel):
    type: EntityType
    name: str
    id: str  # agents.domain.entity_ids


class Ambiguity(BaseModel):
    mention: str
    chosen: str
    candidates: list[str]
    reason: str


class NluResult(BaseModel):
    intent: Intent
    sub_intents: list[Intent] = Field(default_factory=list)  # COMPREHENSIVE: the parts, in order
    slots: Slots = Field(default_factory=Slots)
    confidence: float = 0.0
    entities: list[Entity] = Field(default_factory=list)
    missing: list[str] = Field(default_factory=list)  # required slots this intent still needs
    wants_recent: bool = False
    recent_months: int | None = None
    references_previous: bool = False  # "지난번", "그 아파트", "아까": memory should resolve it
    ambiguities: list[Ambiguity] = Field(default_factory=list)
    unknown_regions: list[str] = Field(default_factory=list)
    truncated: bool = False
    # IRRELEVANT/UNCLEAR carry no slots; what such a message still names ("그럼 재작년은?" → a period,
    # "전세는?" → a deal type) is kept here for the dialogue state to read as a follow-up's change.
    fragment_slots: Slots = Field(default_factory=Slots)
    # "그해 1분기만", "that year's first half": the period is that part of the previous turn's year moved by
    # this many years (0 that year, -1 the year before, +1 the year after); the dialogue state applies it.
    previous_year_offset: int | None = None


REQUIRED_SLOTS: dict[Intent, tuple[str, ...]] = {
    Intent.PROPERTY_SEARCH: ("sigungu",),
    Intent.MARKET_INQUIRY: ("sigungu",),
    Intent.PRICE_EVALUATION: ("complex", "asking_price_manwon"),
    Intent.LOAN_CONSULT: ("annual_income_manwon", "asking_price_manwon"),
    Intent.ROI_CALCULATION: ("asking_price_manwon", "monthly_rent_manwon"),
    Intent.CONTRACT_CREATION: ("deal_type",),
}


def recent_period(gaz: Gazetteer, sigungu_code: str | None, months: int = 12) -> tuple[str, str] | None:
    """ISO (from, to) of the `months` data months ending at the region's latest contract month."""
    latest = gaz.latest_for(sigungu_code)
    if latest is None:
        return None
    start, end = recent_window(latest, months)
    return start.isoformat(), end.isoformat()


# ---------------------------------------------------------------------------------------------
# cue lexicon (Korean cues are matched on the text without spaces, English ones on words)


def _ko(*words: str) -> re.Pattern[str]:
    return re.compile("|".join(words))


def _en(*words: str) -> re.Pattern[str]:
    """English cue words, bounded by anything but a Latin letter or digit: a Korean particle glued to
    one ("monthly rent는?", "deposit은") still leaves the word whole (`\\b` would not: 는 is a word char)."""
    return re.compile(r"(?<![a-z0-9_])(?:" + "|".join(words) + r")(?![a-z0-9_])")


@dataclass(frozen=True)
class _Cues:
    strong_ko: re.Pattern[str] | None = None
    strong_en: re.Pattern[str] | None = None
    weak_ko: re.Pattern[str] | None = None
    weak_en: re.Pattern[str] | None = None


_CUES: dict[Intent, _Cues] = {
    Intent.MARKET_INQUIRY: _Cues(
        _ko(
            "시세", "실거래(?!가?(?:를|좀)?(?:내역|목록|리스트|쭉|뽑))", "추이", "동향", "평균", "중위", "중간값", "거래량", "거래건수", "몇건", "통계",
            "상승률", "하락률", "올랐", "떨어졌", "내렸", "변동", "변화", "흐름", "최고가", "최저가", "신고가",
            "매매가", "전세가(?!율)", "거래가", "아파트값", "집값",
            # "그 가격대 사는데 대출 얼마": the price in play pointed at, not price levels asked
            "(?<!그)(?<!이)(?<!저)(?<!같은)(?<!비슷한)(?<!그정도)가격대", "평균가", "얼마에거래", "전세가율",
            "(?:제일|가장)(?:비싼|싼|저렴한|높은|낮은|많이|적게|(?:비싸게|싸게|저렴하게)(?:팔|거래|나간|샀))", "순위", "랭킹",
            # what deals went for, or a sale heard of ("얼마에 팔렸는지", "25억 넘게 팔렸다던데 진짜야?")
            "얼마에(?:팔|거래|매매|나갔|나가|샀|사)", "팔렸(?!던(?:거|것|집|매물))",
            "얼마(?:쯤|정도|씩)?(?:해|하나|하는)",  # "요즘 전세 얼마 정도 해요?": what things go for
            "얼마였",  # "2024 매매 얼마였는지랑 …": what it went for, a past price asked
            "몇(?:개|채)(?!월)",  # "7억 이상인 거 몇 개?": a count of deals, like 몇 건

        ),
        # "price up to 1.2 billion", "max price 9억": a bound on the deals, not a question of price levels
        # "at that price", "the asking price": a price pointed at or offered, not price levels asked
        _en("(?<!max )(?<!maximum )(?<!min )(?<!minimum )(?<!that )(?<!this )(?<!same )(?<!asking )(?<!purchase )prices?"
            "(?! (?:up to|under|below|over|above|at most|at least|less than|more than|cap|limit|between|from))",
            "trend", "average", "median", "typical", "usual", "going rate", "what (?:were|are|was|is) (?:the )?(?:[\\w-]{1,20} ){1,5}like",
            "what (?:are|were) (?:the )?(?:\\w{1,20} )?(?:rents|deposits)", "how much did", "sold", "sales volume", "transactions?",
            "how many", "number of",
            # "How much is jeonse in Bundang?", "show me the 2024 numbers": price levels and figures asked
            "how much (?:is|are|was|were|does|do) (?:a |an |the )?(?:jeonse|wolse|rent|monthly rent|deposits?|apartments?|homes?|houses?|flats?)",
            "(?:the |those |these )?(?:\\d{4} )?(?:numbers|figures|stats|statistics)",
            "market", "price history", "(?:selling|going|sell|sold) for", "most expensive", "cheapest"),
        _ko("가격", "얼마", "어때", "어떻", "거래", "비교", "현황", "조회"),
        _en("how much", "cost"),
    ),
    Intent.PROPERTY_SEARCH: _Cues(
        _ko(
            # "9억에 나온 매물 있던데 사도 될까": a listing told as the story of a judgement, not one searched for
            "찾아", "검색", "매물(?!(?:이|을|도|은|하나)?(?:\\d{1,4}억\\d{0,4}|\\d{1,4}천|\\d{1,5}만원?|에|짜리){0,3}(?:있던데|있는데|있더라|봤는데|보고왔|나왔던데|나왔는데|나왔더라|떴는데|떴던데|떴더라|올라왔|나와있던데|나와있는데|받았는데|소개받))", "(?<!체크)리스트", "목록", "나열", "내역", "(?<!복)(?<!세입자)(?<!세입자를)(?<!임차인)(?<!임차인을)(?<!사람)(?<!사람을)구해",  # (not a tenant to be found)
            "(?<!살고)있는집",
            "나와있(?!는데|던데|다는데)", "(?:살|구할|(?<!나)갈)수있는",
            "실거래가?(?:를|좀)?(?:내역|목록|리스트|쭉|뽑)",  # the deals themselves, not a price level
        ),
        _en("find", "search", "listings?", "looking for", "for sale", "for (?:monthly |jeonse )?rent",
            # homes asked whether any exist: "Are there any villas for monthly rent in Bundang?"
            "(?:are|is) there (?:any|some|an?) (?:[\\w-]{1,20} ){0,2}(?:apartments?|homes?|flats?|units?|villas?|officetels?"
            "|houses?|places?|studios?|rooms?|complex(?:es)?)",
            "show me(?! (?:the |those |these )?(?:\\d{4} )?(?:numbers|figures|stats|statistics|median|average|trend|prices?)\\b)"),
        # "…있어?" asks whether deals exist; "알 수 있을까요" (can I know) and "보고 있어요" (I am looking) do not
        _ko("보여줘", "보여주", "(?<![수고])있(?:어|나|을까|는지)"),
        _en("apartments? (?:in|under|near)", "(?<!number of )(?<!number of apartment )(?:sales|deals)"),
    ),
    Intent.PRICE_EVALUATION: _Cues(
        _ko(
            "적정", "적당한가격", "적당한지", "비싼", "비싸", "싼편", "싼가", "싼거", "저렴한편", "고평가",
            "저평가", "거품", "괜찮은가격", "가격괜찮", "사도될까", "사도돼", "사도괜찮", "나왔는데", "나와있(?:는데|던데|다는데)", "(?<![보번부구신간기선애])호가",
            "합리적", "바가지", "싸게(?:나온|사는|산|샀|잡)", "시세대로", "시세보다", "손해(?!배상)", "제값",
            "가격(?:이)?맞", "가격평가", "평가(?:도|해|좀)",
            # a price heard or offered, questioned: "84가 17억이라고? 이게 말이 돼?", "21억 매수 ㄱㅊ?"
            "(?:억|천|만원)(?:이)?(?:라고|라는데|라던데|래)[?？]?", "말이(?:돼|되)", "(?:ㄱㅊ|\u1100\u110e)",
            "나왔(?:던데|다던데|다는데|대)",  # an offer heard of: "16억에 나왔던데"
            # an asking price called and questioned: "40억 부르던데 미친 가격 아니에요?"
            "(?:억|천|만원)(?:을|를|이나|씩)?부르(?:던데|는데|더라|네|대|길래|면)", "미친(?:가격|값|거)", "말도안되",
            "매수(?:해도|하면)?(?:괜찮|될까|돼)",
            # a deal already done, judged: "7억5천에 팔았다는데 잘 판 건가요", "잘 산 거 맞아?"
            "잘(?:판|팔았|산|샀)(?:건|거|것|걸|게|는지|나|을까|다)",
            # a seller's own asking price, questioned: "7억에 내놨는데 팔릴만 한가요", "12억에 내놓으면 나갈까"
            "(?:억|천|만원)(?:에|으로|로)?(?:내놨|내놓|매물로(?:내놨|내놓|올렸|올리))[가-힣]{0,6}?"
            "(?:팔릴|나갈|빠질|안팔|너무높|너무비싸|높게|비싸게|괜찮|적당|어때|될까|될지|되나)",
            "팔릴만(?:한|할|해)", "(?:높게|비싸게|세게)(?:부른|불렀|내놓은|내놨)",
            # a price heard for a home, then "this one?": "84는 16억이던데 이건요", "14억 했다던데 여긴 어때"
            "(?:억|천|만원)(?:이)?(?:던데|라던데|였는데|이었는데|했다던데|하던데|했는데)(?:이건|이거|여기|여긴|얘|이집|이단지)",
        ),
        _en("fair price", "overpriced", "underpriced", "good deal", "worth it", "reasonable price",
            "too expensive", "fair", "is it expensive", "will it sell", "would it sell", "could it sell",
            "listed (?:it|our|my|the)"),
    ),
    Intent.LEGAL_INQUIRY: _Cues(
        _ko(
            "제\\d{1,4}조", "\\d{1,4}조(?:의\\d{1,2})?", "조항", "조문", "법률", "법적", "법령", "판례", "위법", "불법", "합법",
            "갱신요구", "계약갱신", "갱신거절", "묵시적갱신", "대항력", "확정일자", "우선변제", "임차권등기",
            "보증금반환", "돌려받", "돌려줘", "안돌려", "위약금", "중개보수", "중개수수료", "복비", "증액",
            "인상상한", "실거주(?!할|용|하려|하기|목적)", "전세사기", "피해자", "내용증명", "소송", "권리", "의무", "해지", "명도",
            "퇴거", "쫓겨", "거래신고", "신고기한", "임대차3법", "전월세신고", "계약기간", "원상복구",
            "주임법", "상임법", "민법", "보호법", "특별법", "시행령", "시행규칙", "거절", "(?<!년)만기", "만료", "중도해지",
            "나가려", "올려달", "내보(?:내|낼|낸|냈)", "나가야(?:돼|되|하|할)",
            "(?:월세|차임|관리비|임대료).{0,6}(?:밀리|밀려|밀렸|밀린|연체)", "하자", "신고", "처벌", "층간소음", "특약",
            # everyday tenancy trouble: repairs, auctions, a broken contract, subletting, a new owner, heirs
            "(?<!올)수리", "고장", "고쳐", "깨진", "깨졌", "파손", "누수", "경매", "공매", "가계약", "해약", "파기",
            "계약금.{0,8}(?:돌려|반환|날리|날려|포기|배액|떼)", "계약(?:을|이)?깨", "깨자", "주인이바뀌",
            "주인바뀌", "전대", "(?<![전월])세(?:를)?(?:줘|준|놓|놨)(?!.{0,10}(?:수익|얼마|남))", "동의없이", "못박", "차임", "전환율",
            "(?<!분양가)상한(?!제)(?!(?:을|를|은|는|이|가|선)?(?:\\d{1,6}(?![\\d.]{0,8}(?:%|퍼|프로))|[일이삼사오육칠팔구십]{1,3}(?:억|천)))", "수선비", "장기수선", "상속", "승계", "이어받", "돌아가시", "사망", "분쟁",
            "조정위원회", "체납", "배상", "누가(?:내|부담|고쳐|해야|책임)", "배액",
            # everyday lease and deal trouble said without a legal word (issue 14): renewal, being told
            # to leave, repairs and restoring, rent cuts, closing a shop, brokers, fraud relief, and
            # the rules we do not hold (taxes, 청약) — the legal answer says where those live
            "갱신(?:안|못|해|요구|권|거절|하|청구)", "청구권", "방(?:을)?빼", "나가래", "나가라고", "깎아", "올릴수있", "청구(?:할|해|하|가능)",
            "수고비", "사례비", "명목(?:으로)?.{0,12}(?:달래|달라|요구|받)",  # a broker's fee under another name
            "폐업", "집합금지", "원상(?:복구|회복|복귀)", "도배", "중개사가", "중개보조원", "전속중개", "중개계약", "피해주택",
            "소액임차", "최우선변제", "양도세", "양도소득세", "종부세", "종합부동산세", "재산세", "청약", "가점",
            "비과세", "취득세.{0,6}(?:얼마|감면|율|몇(?:프로|퍼|%)|나와|나오|내야|계산)", "세액공제", "소득공제", "초과이익.{0,4}환수", "환수금", "계약금", "해제(?!(?:된|한|됐던)?(?:건|거|것|거래|분)(?:은|는|들은|들)?(?:다)?(?:빼|제외|말고))", "보증금.{0,6}못받",
            # being told to leave, liens on the home, empty-shell 전세, broker fees, papers to get
            "나가라(?:는|고|네|해|했|면|니)", "근저당", "가압류", "깡통전세", "역전세", "(?:부동산|중개)수수료",
            "(?:어디서|어디에서)(?:떼|발급)", "어떻게(?:떼|발급)", "발급(?:받|해|은|처)",
            # asked to leave or to end it in everyday words, a defect found after buying, who answers for it
            "나가(?:달|줬으면|주라)", "비워(?:달|줘|주라|라)", "(?:맘대로|마음대로).{0,6}(?:끝|해지|나가|내보|올리)",
            "묵시로", "자동(?:으로)?(?:연장|갱신)", "책임(?:을)?(?:물|지|져)", "매도인", "전주인", "물이(?:새|떨어|차)",
            # the papers and duties of a purchase or a lease (a report, a funding plan, a stamp), a price cut
            # for a short area, and a foreigner's purchase or stay: what the statutes (or no statute) say
            "자금조달계획", "조달계획서", "증빙(?:서류)?(?:뭐|무엇|어떤|뭘|을|은|으로|자료)", "측량", "실측",
            "면적(?:이|이랑|하고|과)?.{0,16}(?:차이|모자라|부족|작|적)", "(?:대금|매매대금|금액|값|돈)(?:을|을좀|좀)?(?:깎|감액|돌려받)",
            "감액(?:청구|요구|받)", "외국인.{0,12}(?:신고|취득|허가|대출|비자|살수|사도|살때|구입|매수)", "비자(?!카드)", "체류자격",
        ),
        _en("law", "legal", "act", "article", "tenant rights?", "landlord", "evict(?:ion|ed)?",
            "capital gains", "(?:property|acquisition|income|transfer) tax(?:es)?", "tax rates?",
            "lease protection", "deposit back", "return my deposit", "refuse", "illegal", "rights",
            "auction", "foreclos(?:e|ed|ure)", "sublet(?:ting)?", "sublease", "repairs?",
            "break(?:ing)? the lease", "what happens to my deposit", "tenant", "protected", "move-in",
            "leaks?", "restore", "original condition", "conversion rate", "real estate agent", "reported?",
            "small-deposit", "top priority", "sublet", "down payment", "jeonse fraud",
            "(?:agent|agent's|broker|broker's|brokerage|realtor|realtor's) (?:commission|fees?)", "commission",
            # what a broker may charge: "the most the agent can charge me as a fee", "how much can realtors charge"
            "(?:agent|broker|realtor)s? (?:can|may|is allowed to|are allowed to) (?:legally )?charge",
            "(?:can|may) (?:an? |the |my )?(?:agent|broker|realtor)s? (?:legally )?charge",
            # the lease-report duty: "do I need to report my lease", "the rental reporting rule"
            "report (?:my |the |a |our |this )?(?:lease|rental|tenancy|jeonse)", "(?:lease|rental|tenancy) report(?:ing)?",
            "subject to (?:the )?(?:[a-z]{1,20} ){0,2}(?:rule|law|act|report)",
            "charge (?:me )?(?:as )?(?:a |in )?(?:fee|commission)s?",
            "deposit (?:be |is |stay )?(?:safe|at risk)",
            "deposit (?:return|refund)", "rules? (?:on|for|about)", "(?:the|a) rule", "allowed to",
            "entitled to", "is it legal", "can (?:my|the) landlord", "do i have to (?:move|leave|pay)",
            # backing out of a deal after paying part of the price: "Paid 10% down … Can I just walk away?"
            "walk(?:ing)? away", "back(?:ing)? out", "pull(?:ing)? out of", "get out of (?:the|my|this) (?:deal|contract|lease|purchase)",
            "forfeit(?:ed|s)?", "what do i lose", "lose (?:my|the) (?:deposit|down payment|money)",
            "(?:paid|put|pay|made|put down) (?:a |the |my )?(?:\\d{1,2} ?% )?(?:down|deposit)",
            # a purchase or a lease's paperwork and a foreigner's standing: "get 60 days to report the purchase",
            # "what do I need to bring for the hwakjeong-ilja stamp", "an investor residence visa"
            "visas?", "residence permit", "residency", "report(?:ing)? (?:the |my |a |our |this )?(?:purchase|sale|deal|contract|transaction)",
            "days to (?:report|file|register)", "file (?:it|the report|the purchase|the contract) (?:myself|ourselves)",
            "hwakjeong(?:[- ]?ilja)?", "fixed[- ]date", "(?:community|jumin|resident) (?:service )?cent(?:er|re)",
            "(?:need|have) to bring", "what (?:documents|papers) (?:do i|should i|to|must i)", "funding plan", "source of funds"),
        _ko("절차", "서류", "방법", "어떻게해", "어떻게하", "해야돼", "해야하", "가능해", "되나요", "주의할", "조심"),
    ),
    Intent.LOAN_CONSULT: _Cues(
        _ko(
            "대출", "주담대", "담보대출", "모기지", "한도", "디딤돌", "보금자리", "전세자금", "빌릴", "빌려",
            # interest, not a particle glued to the next word ("계약이 자동으로" → "계약이자동으로")
            "이자(?!동|기|녀|리|체|료|격|신|주|연|세히)",
            "(?<!배액)상환", "원리금", "금리", "\\d{1,2}년만기", "갚",
            "현금.{0,4}(?:얼마|있어야|필요)", "자기자본", "내돈.{0,4}얼마",  # cash needed beside a loan
            # a ratio with a figure or a calculation ("LTV 70%로", "DSR 40% 기준"); the bare word is a term
            "(?:ltv|dsr|dti).{0,6}(?:\\d{1,3}(?:%|퍼|프로)|몇|기준|계산|적용|규제)",
            # what a rule allows now ("LTV 얼마까지 돼요", "DSR 한도 바뀌었어요?"); not "LTV랑 뭐가 달라"
            "(?:ltv|dsr|dti).{0,6}(?:얼마|한도|바뀌|바뀐|올라|내려|줄어|높아|낮아)",
        ),
        _en(
            "loan", "mortgage", "borrow", "lend", "monthly payments?", "repayments?", "interest rate",
            # the rule itself, not the word: "what LTV do I get", "the DSR limit", "is the LTV different"
            "what (?:ltv|dsr|dti)", "(?:ltv|dsr|dti) (?:limits?|caps?|rules?|applies|apply|do i|can i|would i)",
            "(?:max|maximum|highest) (?:ltv|dsr|dti)",
            "(?:ltv|dsr|dti) (?:is )?(?:different|higher|lower)",
        ),
    ),
    Intent.ROI_CALCULATION: _Cues(
        _ko("수익률", "임대수익", "투자수익", "수익성", "월세수익", "수익계산", "roi", "캡레이트", "투자금대비",
            "대비수익", "수익(?:이|은)?(?:얼마|나|날|남)", "갭투자.{0,8}(?:남|수익|얼마)"),
        _en("roi", "yield", "cap rate", "return on investment", "rental income"),
    ),
    Intent.PROPERTY_RECOMMENDATION: _Cues(
        _ko(
            "추천", "어디가좋", "어디좋", "어디가괜찮", "어디가나을", "어디가나아", "어디야", "어디일까", "어딜까",
            "골라줘", "괜찮은곳", "괜찮은동네", "좋은동네", "살기좋", "어디로가", "어디가낫",
            # where to buy or move, asked as a judgement: "서울 어디 사면 좋을까", "어디에 집 사는 게 나을까"
            "어디(?:에|로|쯤|를)?(?:집을?|아파트를?)?(?:사|살|매수|투자|들어가|이사|가)[가-힣]{0,4}?"
            "(?:좋을까|좋아|좋은지|좋겠|괜찮을까|괜찮아|괜찮은지|나을까|나아|낫|추천)",
            # the best home by some quality, asked where: "학군 제일 좋은 아파트 어디예요?", "살기 좋은 단지는 어디?"
            "(?:좋은|나은|괜찮은|인기(?:있는|많은|좋은))(?:아파트|단지|동네|곳|데|집)(?:은|는|이|가|로|를)?어디",
        ),
        _en("recomm?end(?:s|ed|ing|ations?)?", "reccomend(?:s|ed|ing|ations?)?", "suggest(?:s|ed|ions?)?", "where should", "which area", "best area", "good area", "where to buy"),
    ),
    Intent.CONTRACT_CREATION: _Cues(
        _ko("계약서.{0,4}(?:써|작성|만들|초안|양식|준비|뽑)", "계약서작성", "계약서.{0,10}(?:수정|고쳐|바꿔)"),
        _en("draft", "write (?:me )?an? (?:lease|contract)", "contract template", "lease template",
            "check ?list", "add (?:a )?clause"),
    ),
}  # fmt: skip

# Definition questions: a term, then 뭐야/뜻/이란 … (or "what is <term>").
_TERMS_KO = (
    "dsr", "dti", "ltv", "전용면적", "공급면적", "계약면적", "서비스면적", "전세가율", "갭투자", "분양권", "입주권",
    "재건축", "재개발", "초과이익환수제", "환수제", "초과이익", "청약", "가점제", "추첨제", "취득세", "양도세",
    "양도소득세", "종부세", "종합부동산세", "재산세", "보유세", "공시가격", "공시지가", "실거래가", "호가", "전세권",
    "전세", "월세", "반전세", "깡통전세", "역전세", "근저당", "등기부등본", "용적률", "건폐율", "대지지분",
    "국민평형", "주담대", "중도금", "잔금", "계약금", "가계약", "확정일자", "대항력", "우선변제", "임차권등기명령",
    "전용", "평", "lh", "hug", "전세보증보험", "중개보수", "다운계약", "업계약", "프리미엄", "피", "분양가상한제",
    "상한제", "분양가", "전매제한", "조정대상지역", "투기과열지구", "토지거래허가", "임대사업자", "다주택자",
    "비과세", "선분양", "후분양", "사전청약", "특별공급", "특공", "전월세전환율", "전환율", "신혼희망타운",
    # tenancy law words asked about as words ("묵시적 갱신이 뭐야?")
    "묵시적갱신", "계약갱신요구권", "계약갱신청구권", "갱신요구권", "최우선변제권", "최우선변제", "우선변제권",
    "소액임차인", "전입신고", "가압류", "근저당권", "임대차3법", "전월세신고제", "명도소송", "대항요건", "권리금",
    "말소기준권리", "선순위", "후순위",
    # how a loan is paid back and priced ("원리금균등상환이 무슨 뜻이에요?", "거치기간이 뭐야")
    "원리금균등상환", "원리금균등", "원금균등상환", "원금균등", "만기일시상환", "체증식상환", "거치기간",
    "중도상환수수료", "고정금리", "변동금리", "혼합형금리", "스트레스dsr",
    # the figures a commercial lease is measured by ("환산보증금이 뭐야?")
    "환산보증금", "임대료증액상한", "차임증액",
    # the statistics an answer reports ("중위가격이 평균이랑 뭐가 달라?")
    "중위가격", "중위값", "중간값", "중위수", "평균가격", "평균가", "평균",
    # yields, forced sales and loan products asked about as words ("경매랑 공매 차이", "보금자리론이 뭐예요")
    "연수익률", "임대수익률", "수익률", "캡레이트", "경매", "공매", "낙찰가율", "낙찰", "유찰", "보금자리론", "특례보금자리론",
    "디딤돌대출", "버팀목대출", "버팀목", "신생아특례대출", "전세자금대출", "전세대출",
)  # fmt: skip
_TERM_ALTERNATION = "|".join(sorted(_TERMS_KO, key=len, reverse=True))
# 뭐 as it is typed in chat ("LTV가 머에요?", "근저당 모야", "전세권 먼데", "DSR 머임"): only with an ending,
# so 먼저, 모두 and 머리 stay words of their own
_WHAT_SAID = r"머(?:에요|예요|에여|여|야|임|지|냐|얌|죠|일까)|모(?:에요|예요|에여|야|임|지|냐|얌)|먼(?:데|가요|지|뜻|말)|뭥"
_DEF_KO = re.compile(
    rf"(?P<term>{_TERM_ALTERNATION})(?:(?:랑|이랑|와|과|하고|및|,)(?P<term2>{_TERM_ALTERNATION}))?"
    r"(?:\d{1,3}(?:\.\d{1,2})?(?:%|퍼센트|퍼|프로)|설정|제도)?"  # "DSR 40%라는 게 무슨 뜻", "근저당 설정이 뭐임"
    r"(?:이|가|은|는|란|이란|의|이라는|라는|랑|이랑|와|과|하고|랑은|이랑은|와는|과는|하고는|[a-z]{1,32})?"
    r"(?:게|거|건|것이|것은|(?:말|단어|용어|표현)(?:이|가|은|는)?)?"  # "묵시적 갱신이라는 게 뭐예요", "…라는 말이"
    r"(?:또|쉽게|간단히|간단하게|정확히|정확하게|도대체|대체)?"  # "깡통전세는 또 뭐임"
    rf"(?:뭐|뭔|뭘까|{_WHAT_SAID}|무엇|무슨뜻|무슨말|뜻|의미|란|이란|개념|정의|차이|설명|어떤거)"
)
_DEF_EN_KO = re.compile(
    r"\bwhat(?:'s| is| does) (?:a |an |the )?['\"]?(?P<term>[가-힣]{2,12})"
    r"|(?P<term2>[가-힣]{2,12})['\"]? (?:stands? for|means?) what\b"  # "and 확정일자 stand for what?"
    r"|\bdifference between ['\"]?(?P<term3>[가-힣]{2,12})"  # "the difference between 전세 and 월세"
)
# "what is a 'registration certificate' (등기부등본) and why …", "what does LTV stand for", "explain what LTV is"
_DEF_EN = re.compile(
    r"\b(?:what(?: exactly| really| actually)?(?:'s| is| are) (?:exactly |really |actually )?(?:a |an |the )?['\"]?(?P<t1>[a-z]{1,32}(?: [a-z]{1,32})?)['\"]?"
    r"(?: exactly| really| actually)? ?(?:\?|$|\(|,|and\b)"
    r"|what does ['\"]?(?P<t2>[a-z ]{1,64}?)['\"]? (?:mean|stand for)|meaning of (?P<t3>[a-z ]+)|define (?P<t4>[a-z ]+)"
    r"|difference between (?P<t5>[a-z ]+)"
    r"|explain (?:what )?(?:a |an |the )?(?P<t6>[a-z]{1,32}(?: [a-z]{1,32})?)\b)"
)
_TERMS_EN = frozenset(_words("""
dsr dti ltv jeonse wolse banjeonse pyeong lease mortgage deposit escrow registration certificate registry lien
"""))  # fmt: skip
# "DSR 40% 규제 이게 무슨 뜻임": a pointer to what was just said, asking what it means (on text rstripped
# of ?？.!~); a term said before it is then the one being defined.
_DEF_POINTER_KO = re.compile(
    r"(?:이게|그게|이건|그건|이거|그거|저게|이말|그말)(?:대체|도대체|정확히|정확하게|쉽게|간단히|구체적으로)?"
    rf"(?:무슨뜻|뭔뜻|뜻이뭐|의미가뭐|무슨의미|무슨말|뭐|뭔|{_WHAT_SAID})"
    r"(?:이야|이에요|예요|에요|인가요|가요|이냐|냐|야|임|지|데|일까|요)?$"
)
# Two words set against each other: "중위가격이 평균이랑 뭐가 달라?", "전세권하고 확정일자 차이가 뭐야".
_DIFF_KO = re.compile(
    rf"(?P<term>{_TERM_ALTERNATION})(?:이|가|은|는|이랑|랑|하고|와|과)?(?P<term2>{_TERM_ALTERNATION})"
    r"(?:이랑|랑|하고|와|과|은|는|이|가|의)?(?:뭐가|어떻게|무슨|어떤|뭔)?(?:달라|다른|다르|차이"
    # "전세권이랑 전세 같은 거예요?", "근저당이랑 가압류 같아?" (not "전세랑 월세 같은 거 찾아줘": homes like those)
    r"|(?:서로|둘이|둘다)?(?:똑같|같|동일한?)(?:은?(?:말|뜻|의미|개념|용어|단어|표현)|은(?:거|건)(?:야|예요|에요|임|인가|죠|지|냐|요)"
    r"|아|나|냐|음))"
)
# Whether two words mean the same, any two words ("중개보수랑 복비랑 같은 말이에요?", "위약금하고 계약금 같은
# 뜻이야?"): a question about words, not about what they name
_SAME_WORDS_KO = re.compile(
    r"(?P<term>[가-힣a-z0-9]{1,12}?)(?:이랑|랑|하고|와|과)(?P<term2>[가-힣a-z0-9]{1,12}?)"
    r"(?:이랑|랑|하고|와|과|은|는|이|가)?(?:서로|둘이|둘다|다)?(?:똑같은|같은|동일한|다른)(?:말|뜻|의미|개념|용어|단어|표현)"
)
# "is 복비 the same thing as 중개보수?", "do they mean the same": the English question about two words
_SAME_WORDS_EN = re.compile(
    r"\b(?:the )?same (?:thing|meaning|word|term) as\b|\bmeans? the same(?: thing)?\b|\bsame meaning\b"
    r"|\bsynonyms?\b"
    r"|\b(?:is|are) (?:a |an |the )?(?P<term>[a-z]{2,20}(?: [a-z]{2,20})?) the same as\b"  # "is a lien the same as …"
)
_TERM_KO = re.compile("|".join(sorted((t for t in _TERMS_KO if len(t) >= 2), key=len, reverse=True)))
_DEF_GENERIC_KO = re.compile(
    rf"(?:뭐야|뭔가요|뭐예요|뭐에요|뭐임|뭐지|뭔데|{_WHAT_SAID}|무엇인가요?|무슨뜻|뜻이야|뜻임|뜻이에요|뜻인가요|뜻|의미야|의미|이란|란)$"  # on text rstripped of ?？.!
)

# A checklist or a clause list to produce is a contract task; its words ("확인할 거 리스트", "특약 정리")
# then count for no other intent (리스트 is no listing search, 특약 no legal question).
# A question of what the law requires, asked with a clause in mind (a word of law and a question).
_LAW_ASKED = re.compile(
    r"(?:법적으로|법상|법률상|법에서|법으로는|법대로).{0,30}(?:[?？]|나요|까요|는지|돼$|되$|야$|죠$)"
)
# A contract named in a question of duty or cost ("표준계약서 꼭 써야 하는 거 아니었나요?", "계약서 작성비용은
# 누가 부담해요?") asks the law; a contract to produce is asked for with a request ("써줘", "초안", "부탁").
_CONTRACT_DUTY = re.compile(
    r"누가(?:부담|내|지불|책임)|(?:꼭|반드시)(?:써|작성|해|받아)야|(?:써|작성|해)야(?:하|되|돼)[가-힣]{0,6}[?？]?$"
    r"|의무|아니었나요|아닌가요|맞나요|맞죠|되나요|돼요[?？]|불법"
    # the form a contract may be written on, asked about: "아무 양식에 써도 되는 거예요? 정해진 표준양식 있어요?"
    r"|(?:써|작성|해|쓰)도(?:돼|되|괜찮)|정해진(?:양식|서식|계약서)|(?:표준|법정)(?:양식|서식|계약서)(?:이|가|은|는)?(?:있|따로|정해|써야|꼭)"
    r"|(?:양식|서식)(?:이|가|은|는)?(?:따로|정해|상관)"
)
_CONTRACT_REQUEST = re.compile(
    r"써줘|써주|작성해줘|작성해주|만들어|초안|뽑아|부탁|준비해줘|템플릿|체크리스트|draft"
)
_CHECKLIST_KO = _ko(
    "체크리스트",
    "(?:(?:확인|체크|점검|주의)(?:해야|해야될|해야하는)?|챙길|챙겨야)할?(?:거|것|사항|점)들?.{0,8}"
    "(?:정리|리스트|목록|뽑|만들|알려)",
    "특약.{0,8}(?:정리|뽑|만들|써|작성|넣|추가|수정|빼)",
)
# Words describing another task's numbers, not a task of their own: a stated purchase price ("매매가 5억,
# … 수익률", "매매가 14억인데 대출") while nothing asks for market figures, and renting out in a yield
# question ("12억에 사서 … 세 놓으면 수익률").
_STATED_PRICE = re.compile(
    r"(?:매매가|거래가|매입가|가격|집값|아파트값|집가격)(?:은|는|이|가|:)?(?=\d|[일이삼사오육칠팔구십]{1,3}억)"
)
_MARKET_FIGURES = _ko(
    "시세", "추이", "평균", "중위", "중간값", "거래량", "거래건수", "몇건", "얼마에거래", "동향", "통계", "실거래",
    "최고가", "최저가", "신고가", "올랐", "떨어졌", "내렸", "변동", "흐름", "상승률", "하락률",
)  # fmt: skip
# "복비 너무 비싼 거 같은데 … 상한이 얼마야": a broker's fee judged asks for its legal cap, not a home's price
_FEE_JUDGED = re.compile(
    r"(?:복비|중개수수료|중개보수|수수료|수고비)(?:가|이|는|은)?(?P<judged>(?:너무|좀|많이|진짜|넘|왜케|왜이렇게)?"
    r"(?:비싼|비싸|바가지|과한|과하|적정|적당))"
)
_RENT_OUT = re.compile(r"(?<![전월])세(?:를)?(?:줘|준|주|놓|놨)|임대(?:를)?(?:줘|준|주|놓|놨)")
_SUPERLATIVE = re.compile(
    r"(?:제일|가장)(?:비싼|싼|저렴한|높은|낮은|많이|적게|(?:비싸게|싸게|저렴하게)(?:팔|거래|나간|샀))"
)
_SUPERLATIVE_EN = _en("most expensive", "cheapest", "highest", "lowest")
# The extreme deal asked for: "제일 비싸게 팔린 건?", "최저가", "cheapest 전세" (a listing by price).
_HIGHEST = re.compile(r"(?:제일|가장)(?:비싼|비싸게|높은|높게)|최고가|신고가|최고(?:가격|금액)")
_LOWEST = re.compile(r"(?:제일|가장)(?:싼|싸게|저렴|낮은|낮게)|최저가|최저(?:가격|금액)")
_HIGHEST_EN = _en("most expensive", "highest", "priciest", "top price", "record high")
_LOWEST_EN = _en("cheapest", "lowest", "least expensive")
_PRICE_REFERENCE = re.compile(r"[이그]가격|[이그]금액|(?<![보번부구신간기선애])호가|thisprice")
_HOME_POINTER = re.compile(r"(?<![가-힣])(?:이|그|저)(?:집|아파트|매물)|^여기")
# Generic evaluating words ("…이면 어때", "괜찮?", "맞아?") judge a stated price only when nothing else is
# asked: "대출 얼마가 적당해" asks for a loan, "집주인이 내라는데 맞아?" for a rule.
_EVAL_GENERIC = re.compile(
    r"어때|어떄|어떤가|어떨까|괜찮|맞아|맞나|맞는|적당|잡으려|잡을까|잡아도|사도|살만|살까|해도(?:돼|되|될까)"
    # clipped and colloquial judging: "17억 어떰", "어뗘", "들어갈만한 가격임?", "괜춘?", "어떨지"
    r"|어떰|어뗘|어떠냐|어떨지|(?<=면)어떤지|괜춘|들어갈만|들어가도|할만한가격|살만한가격"
)
_EVAL_GENERIC_EN = _en(
    "is it (?:ok|okay|good|reasonable)", "should i (?:buy|take) it",
    # a stated price judged: "would 900 million be ok for one of those?", "is 1.2 billion reasonable",
    # "good deal at 16억?", "am I overpaying at 9억"
    "(?:be|is|it's|sounds?|seems?|looks?) (?:\\w{1,20} )?(?:ok|okay|fine|good|reasonable|fair|decent|alright|too (?:much|high|steep))",
    "reasonable", "(?:a )?good (?:price|deal|buy)", "worth (?:it|buying|paying)", "overpay(?:ing)?", "(?:a )?rip-?off",
    "should i (?:pay|offer|go for)", "too (?:much|high|steep)",
)  # fmt: skip
# A question about what someone may or must do about a tenancy party or contract money is legal even
# without a legal word: "집주인 동의 없이 …해도 돼?", "월세 깎아달라고 해도 돼?", "can my landlord …".
_RIGHTS_Q_KO = re.compile(
    r"(?<!정)도(?:돼|되|될까|괜찮)|야(?:돼|되|하|할까)|어떻게(?:돼|되)|어떡(?:해|하)|(?:유지|인정|연장)(?:돼|되|될까)"
    # what to do about it: "집주인이 새 임차인 구해야 준대요 어떻게 해요?"
    r"|어떻게(?:해요|하(?:죠|나요|지|냐|면|는게|는지))"
    # "월세 얼마 받을 수 있어?": an amount asked (a market question), not a right
    r"|(?<!얼마)(?<!얼마나)(?<!얼마에)(?<!얼마정도)(?:받을|할|요구할|청구할|나갈|거부할)수(?:있|없)|가능(?:해|한가|할까|하나)"
)
_RIGHTS_PARTY_KO = re.compile(
    r"집주인|세입자|임대인|임차인|건물주|매도인|매수인|주인이|보증금|전세금|계약(?!서)|관리비|이사(?:갈|나갈|나가)"
    r"|부동산(?:사장|중개|에서|측|이)|중개(?:사|인|업자)"  # "부동산 사장님이 직접 사겠다는데 이래도 돼요?"
)
_RIGHTS_Q_EN = _en(
    "can i",
    "can my",
    "can the (?:landlord|tenant|owner)",
    "do i have to",
    "am i allowed",
    "is it legal",
    "who pays",
    "what happens",
    "have to pay",
)
_RIGHTS_PARTY_EN = _en("landlords?", "tenants?", "deposit", "lease", "contract", "owner")
# A mortgage someone else holds on the home ("ahead of the bank's mortgage"): a lien in a question of
# priority, not a loan the user asks about
_LIEN_EN = re.compile(
    r"\b(?:bank'?s|landlord'?s|owner'?s|lender'?s|senior|prior|first|existing) mortgages?\b"
    r"|\b(?:ahead of|before|behind|after) (?:the |a |any )?(?:\w{1,20}'?s? )?mortgages?\b"
)
# Two requests joined in one message ("시세 알려주고 … 체크리스트도", "… and explain what LTV is"): each part is
# its own task, so one does not absorb the other.
# "…알려주고 …도", "얼마였는지랑, 30억이면 적정가인지": two asks joined (one indirect question and another)
_TWO_REQUESTS = re.compile(
    r"주고(?!싶|있)|그리고|하고나서|(?:두개|둘|두가지)(?:다|모두)|(?:는|은|인|던)지(?:랑|이랑|하고)(?=,|[가-힣\d])"
)
_TWO_REQUESTS_EN = _en(
    "and (?:also |then )?(?:explain|tell|show|give|make|write|draft|calculate|check)", "both"
)
# How far it goes for a home at a stated price ("집을 칠억짜리로 낮추면 얼마까지 돼요", "10억짜리면 얼마까지
# 나와요?"): the loan it allows, unless a lease is asked about ("전세 얼마까지 받을 수 있어").
_LOAN_REACH = re.compile(r"(?:얼마|몇억)(?:까지|정도까지)(?:돼|되|나와|나오|가능|빌|받)")
_LEASE_WORDS = re.compile(r"전세|월세|보증금|임대|세놓|세를")
_LETTING_AT = re.compile(r"(?:놓|받|주|내놓)(?:으면|면|을때|을경우)")
# "8억5천에 사서 … 월 250 놓으면 남는 거 있어?": with a rent stated, what is left over is a yield question.
_PROFIT = re.compile(r"남는(?:거|게|돈)|남을까|얼마남|수익(?!률)")
_OFF_TOPIC_KO = _ko(
    "날씨", "요리", "레시피", "끓이", "맛집", "주식", "코인", "비트코인", "코딩", "파이썬", "자바", "프로그래밍",
    "축구", "야구", "농구", "영화", "음악", "노래", "게임", "드라마", "연예인", "손흥민", "운세", "번역", "숙제",
    "다이어트", "여행", "항공권", "골넣",
    # non-housing places and services near a place ("강남역 스터디카페", "헬리오시티 근처 헬스장")
    "카페", "커피", "헬스장", "필라테스", "피부과", "병원", "치과", "한의원", "약국", "백화점", "(?<!스)마트",
    "쇼핑", "입장료", "롯데월드", "놀이공원", "민원실", "영업시간", "몇시", "식당", "음식점", "피자", "치킨",
    "술집", "미용실", "공연", "콘서트", "호텔", "데이트", "한정식", "한식당", "레스토랑", "고깃집", "국밥",
    "기념일",
    # shows and streaming ("요즘 볼만한 넷플릭스 뭐 있어?")
    "넷플릭스", "유튜브", "웹툰", "예능", "애니메이션", "티빙", "디즈니플러스",
    # the assistant asked about itself ("근데 너 이름 뭐야", "넌 누가 만들었어?")
    "(?:^|[ㅋㅎ데고])(?:너|넌|당신)(?:의|는|은)?(?:이름|누구|누가|몇살|나이|사람이야|로봇)",
    # services for a car, errands and leisure ("서현역 주차장 어디가 싸요?")
    "주차장", "주차비", "주유소", "기름값", "세차장", "손세차", "편의점", "세탁소", "빨래방", "노래방", "pc방", "찜질방",
    "목욕탕", "수영장", "볼링장", "영화관", "택시", "버스시간",
    # events, outings and news around a place ("성수동 팝업 뭐 해?", "여의도 불꽃축제 명당", "그 사건 재판")
    "팝업", "축제", "불꽃놀이", "전시회", "박람회", "등산", "산책로", "둘레길", "벚꽃", "단풍", "재판", "판결",
    "사건(?!번호)", "뉴스", "선거",
)  # fmt: skip
_OFF_TOPIC_EN = _en(
    "weather", "recipe", "cook(?:ing)?", "python", "java(?:script)?", "code", "coding", "program(?:ming)?",
    "movie", "music", "song", "game", "football", "soccer", "baseball", "stocks?", "bitcoin", "crypto",
    "linked list", "algorithm", "translate", "homework", "pizza", "restaurants?", "cafes?", "coffee", "gym",
    "hospital", "clinic", "dentist", "pharmacy", "mall", "shopping", "parking", "tickets?", "bars?",
    "hotels?", "food", "eat", "hiking", "trails?", "festivals?", "fireworks", "pop-?ups?", "concerts?",
    "museums?", "exhibitions?",
    # food and places to eat ("Korean BBQ near Jamsil station", "best kimchi jjigae")
    "bbq", "barbecue", "jjigae", "kimchi", "bibimbap", "samgyeopsal", "galbi", "noodles?", "ramen", "sushi",
    "chicken", "burgers?", "bakery", "bakeries", "brunch", "lunch", "dinner", "breakfast", "dessert",
    "places? to eat", "eateries", "pubs?", "karaoke", "noraebang",
    "pasta", "italian", "steak(?:house)?s?", "tacos?", "curry", "pho", "vegan", "dumplings?", "tteokbokki",
    "wine", "cocktails?", "beers?", "snacks?",
)  # fmt: skip
# Everyday life around home, food and work ("우리 집 강아지가 짖어", "구청 근처 점심 뭐 먹지", "퇴근 언제 하냐"):
# off-topic unless a housing word other than 집-as-home, or a housing task, is present.
_OFF_TOPIC_LIFE_KO = _ko(
    "강아지", "고양이", "반려견", "반려묘", "반려동물", "애완", "짖", "사료", "산책", "훈련", "배변",
    "점심", "저녁(?:메뉴|밥|먹|뭐)", "아침(?:밥|메뉴|먹)", "메뉴", "(?<!까)먹(?:지|을까|고싶|자|으러|을래|을거|었)",
    "배고", "야식", "회식", "퇴근", "출근", "야근", "회사", "직장상사", "연차", "구청(?!역)", "주민센터",
    "동사무소", "행정복지센터",
)  # fmt: skip
# A show, book, channel or meal asked for by name ("드라마 … 추천", "영화 뭐 있어", "책 알려줘"),
# whatever housing word describes it: the thing recommended is no home
_MEDIA_ASKED = re.compile(
    r"(?:드라마|영화|(?<![정대방산비헌])책|소설|웹툰|예능|유튜브|유튜버|채널|팟캐스트|노래|게임|넷플릭스|애니|다큐|맛집|식당|음식)"
    r"[가-힣]{0,10}?(?:추천|알려|뭐있|뭐가있|뭐볼|볼만|읽을만)"
)
_MEDIA_ASKED_EN = re.compile(
    r"(?:recommend|suggest|any good|good|favorite|best)[a-z ]{0,20}?(?<![a-z])"
    r"(?:movies?|films?|dramas?|tv shows?|books?|novels?|podcasts?|youtubers?|youtube channels?|songs?)(?![a-z])"
)
# "Which Seoul district is best for …", "best neighborhoods to raise kids": a place to live picked
_PLACE_PICKED_EN = _en(
    "which (?:[a-z]{1,20} )?(?:district|neighbou?rhood|gu|dong|area)s?",
    "best (?:district|neighbou?rhood|area)s?",
)
_GREETING = re.compile(
    r"^(?:안녕|안녕하세요|반가워|반갑습니다|하이|헬로|고마워|감사|ㄱㅅ|hello|hi|hey|thanks?)"
)
_DOMAIN_KO = _ko(
    "아파트", "부동산", "전세", "월세", "매매", "단지", "분양", "청약", "대출", "임대", "임차", "세입자",
    "집주인", "계약", "매물", "시세", "오피스텔", "빌라", "주택", "평형", "평대", "\\d평", "보증금", "차임",
    "확정일자", "전입", "등기", "취득세", "중개수수료", "중개보수", "복비",
    "(?<![맛편수모빵술횟떡꽃식깃밥찻])(?<!피자)(?<!치킨)(?<!국수)집(?!중|합|단|회|착|필)",
)  # fmt: skip
# 집 as "home" ("우리 집 강아지", "집에 가고 싶다", "집 근처 카페"): no housing question by itself
_DOMAIN_HOME_KO = _ko(
    "우리집",
    "집에서",
    "집에",
    "집앞",
    "집근처",
    "집주변",
    "집으로",
    "집까지",
    "집안",
    "집밥",
    "집가(?:고|는|서|기|자|야|면)",
)
# Where to live: housing beside a life word ("출퇴근 편한 동네"), not beside a shop ("동네 맛집")
_DOMAIN_MOVE_KO = _ko("동네", "살기", "이사", "자취")
# Tasks whose cue words also ask about everyday things ("강아지 추천", "점심 메뉴 찾아줘")
_GENERIC_TASKS = frozenset({Intent.PROPERTY_SEARCH, Intent.PROPERTY_RECOMMENDATION})
_DOMAIN_EN = _en(
    "apartments?", "apt", "house", "housing", "homes?", "real estate", "property", "properties", "rent",
    "rental", "jeonse", "lease", "mortgage", "landlord", "tenant", "pyeong", "officetels?", "villas?",
)  # fmt: skip
# Greetings, thanks and acknowledgements said alone: no request, so nothing to act on (UNCLEAR)
_SMALL_TALK = re.compile(
    r"^(?:안녕(?:하세요|하십니까|요)?|반가워요?|반갑습니다|하이|헬로|고마워요?|고맙습니다|감사(?:합니다|해요|요)?|ㄱㅅ"
    r"|땡큐|hello|hi|hey|thanks?|thank|you|ok|okay|네|넵|예|알겠어요?|알겠습니다|[\u1100-\u11ff\u3130-\u318f]+)$"
)
# A greeting or thanks with filler around it and no question is still nothing to act on.
_POLITE = re.compile(
    r"안녕|반가|반갑|고마|고맙|감사|수고|땡큐|(?<![a-z])(?:hello|hi|hey|thanks?|thank you|cheers|appreciated?)(?![a-z])"
)
# (a promise to show or tell someone else, "남편한테 보여줄게요", asks nothing)
_ASKS_SOMETHING = re.compile(
    r"[?？]|알려(?!줄게|드릴게)|보여(?!줄게|드릴게|줘야겠)|찾아(?!볼게|봐야겠)|해줘|해주(?!었|셔서|신)|주세요|뭐|무엇|어떻|어때|어디|언제|왜|누구|얼마|몇|추천|"
    r"(?<![a-z])(?:what|how|where|when|why|who|which|can you|could you|tell me|show me|recommend)(?![a-z])"
)
# Filler and idle remarks that ask nothing ("음 그냥 궁금해서..", "심심해서요")
_FILLER = re.compile(
    r"^(?:음+|흠+|어+|아+|엉+|응+|글쎄|그냥|그냥요|ㅋ+|ㅎ+|ㅠ+|ㅜ+|[ㄱ-ㅎㅏ-ㅣ]+|\.+|…+"
    r"|궁금해서(?:요|그래요|그랬어요)?|궁금했어요|심심해서(?:요)?|혹시나해서(?:요)?|물어봤어요|물어본거(?:예요|에요)?"
    # a pointer with nothing it points at ("그거요 그거", "그거 있잖아요", "저기 그 뭐더라"): filler
    r"|(?:(?:음|어|아|저기|그|저|이)?(?:그거|저거|이거|그것|거시기|뭐더라|뭐였더라|뭐지)"
    r"(?:요|있잖아요|있잖아|있잖아여|말이에요|말이야|말야|말예요|그거)?){1,4})$"
)
# An acknowledgement, or a question announced before it is asked ("ㅇㅋ 이해함", "넵 알겠어요", "음.. 그냥 좀
# 물어볼게 있는데", "하나 여쭤봐도 될까요?"): nothing to act on yet, so UNCLEAR (not IRRELEVANT). Read word by
# word: every word an aside or a filler word around one, and at least one aside.
_ASIDE_WORD = re.compile(
    r"(?:물어|여쭤|여쭈|여쭙|질문)[가-힣]{0,8}|궁금한(?:게|거|것|점)[가-힣]{0,3}|오케이|오키|오키도키|알겠[가-힣]{0,4}"
    r"|알았[가-힣]{0,4}|이해[가-힣]{0,5}|그렇구나|그렇군요?|그렇네요?|그런거였구나|아하{1,3}|아항|넵|넹|네네|예예|응응"
    r"|잠깐만요?|잠시만요?|그래요?|맞아요?|[\u1100-\u11ff\u3130-\u318f]{1,8}"
    # a message sent by mistake ("ㅋㅋ 잘못눌렀어요", "아 잘못 보냈어요", "실수로 보냄", "오타요"): nothing asked
    r"|잘못[가-힣]{0,8}|실수[가-힣]{0,6}|오타[가-힣]{0,4}|(?:눌렀|눌러졌|눌림|보냈|보내졌|보냄|전송됐|전송했|쳤)[가-힣]{0,4}"
    r"|다른방|다른데|다른방에|다른데에|딴데|딴방|손이|미끄러[가-힣]{0,5}"
    # a question forgotten ("물어볼게 있었는데 까먹음", "뭐 물어보려 했는데 잊어버렸네")
    r"|까먹[가-힣]{0,5}|잊어버[가-힣]{0,5}|잊었[가-힣]{0,4}|깜빡[가-힣]{0,5}|생각이안[가-힣]{0,3}|기억이안[가-힣]{0,3}"
)
_ASIDE_FILLER = re.compile(
    r"음{1,4}|흠{1,4}|어{1,4}|아{1,4}|오{1,3}|네|예|저기요?|그냥|좀|혹시|근데|그럼|그러면|저|제가|하나|하나만|몇가지"
    r"|간단한거|뭐|잠깐|먼저|있는데요?|있었는데요?|했는데요?|했었는데요?|갑자기|거|게|것|있어요|있어|있습니다|돼요|되나요|될까요|되죠|괜찮을까요|괜찮아요|해도|드려도|안|잘|다"
)
_ASIDE_EN = re.compile(
    r"^(?:(?:ok(?:ay)?|oh|ah|hmm|um|uh|well|so|alright|all right|right|cool|sure|yeah|yep|got it|i see|makes sense"
    r"|understood|noted|wait|hold on|one sec(?:ond)?|just a (?:sec|second|moment)|let me think|quick question"
    r"|i have (?:a|one|some|another) (?:quick )?questions?|can i ask (?:you )?(?:something|a question)"
    # sent by mistake: "oops wrong chat", "sorry, wrong window", "typo", "sent that by accident"
    r"|oops|whoops|sorry|my bad|typo|wrong (?:chat|window|person|room|thread|tab|button|app)"
    r"|(?:i )?(?:sent|typed|pressed|hit) (?:(?:that|this|it|enter|send) )?(?:by (?:mistake|accident)|too (?:early|soon))"
    r"|(?:please )?ignore (?:that|this)(?: message)?)[\s,.!?~]{0,4}){1,6}$"
)
_WORD_CHAR = re.compile(r"[0-9a-z가-힣]")
_WORD_RUN = re.compile(r"[0-9a-z가-힣]+")
_NAME_FILLER = re.compile(r"[\s?!.~]|은|는|요|야|은요|는요")
_LEADING_DIGIT = re.compile(r"^\s*\d")

_DEAL_EXPLICIT_KO = re.compile(r"매매|반전세|전세(?!가율)|전셋|전새|월세")
_DEAL_EXPLICIT_EN = re.compile(
    # "the rent" a landlord raises is any rent: only monthly rent, wolse or rentals named are 월세
    r"(?<![a-z0-9_])(?P<jeonse>jeonse|chonsei|jeon-se)(?![a-z0-9_])(?!\s*ratio)"
    r"|(?<![a-z0-9_])(?P<wolse>monthly[- ]?rents?|wolse|for rent|rent(?:al)?s? (?:listings?|deals?|prices?|contracts?|homes?))(?![a-z0-9_])"
    r"|(?<![a-z0-9_])(?P<sale>for sale|buy|buying|purchase|sale|sales|sold|sell)(?![a-z0-9_])"
)
_DEAL_IMPLIED_SALE = re.compile(
    r"매수|매입|매도|구입|구매|사고싶|사려|살까|살때|살수있|사면|사도|사서|산다면|샀|실거래|거래가|집값|아파트값"
    r"|팔려|팔렸|팔린|팔리|팔릴|(?:억|천|만원)(?:에|으로|로)?(?:내놨|내놓)|팔아|팔고|팔았|잘판|들어갈만|(?<!전세)사기전|(?<!전세)사기위|사기로|거래(?:됐|된|돼|되었|되)"
    # "10억 안쪽으로 살 만한 단지", "사기 괜찮은 아파트", "싸게 사는 거야?": buying, not living somewhere
    r"|(?<![이회감검조심기의교인여호무개계])사(?:라(?:는|고|던|더|네|잖|니|면서)|래(?:요|서|는)|야(?:할|하나|하냐|될|돼|되)|볼까|둘까|둬야|놓을까)"
    r"|(?:억|천|만원)에(?:사(?:는|기|려|자|고|나)|산다|살경우)"  # "20억에 사는 거 어때요": a price paid
    r"|(?:산다|샀다|사는셈|산셈)(?:고)?(?:치|가정|하면|했을때)"  # "13억에 산다 치고": a purchase supposed
    # "7억 안쪽으로 살만한 동네": a place to buy within a price (동네 alone may be a place to live)
    r"|(?:억|천|만원?)(?:안쪽|이하|이내|까지|선|정도|쯤|대)?(?:으로|로|에|에서)?살만한"
    r"|살만한(?:단지|아파트|집|곳|데|매물)|(?<!전세)사기(?:좋|괜찮|적당|나쁘)|싸게사|(?:아파트|집)(?:을|를)?사고"
    # "신혼집 살 집 찾는데", "집 살건데", "아파트 살려는데": a home as the object of 살 is bought (one lives
    # 에/에서 a place: "서울에서 살 집" names no deal; 시집살이 is no home)
    r"|(?<!시)(?:아파트|집)(?:을|를)?살(?:건|거|려|까|예정|생각|계획|때|면|돈|자금|수있|집)"
    r"|selling|sellfor|sells|soldfor|goingfor"  # English on the text without spaces
    r"|리얼프라이스|리얼가격|세일즈프라이스"  # English said in Hangul ("잠실 엘스 리얼 프라이스 좀 체크해줘")
)
_BOTH_RENTS = re.compile(r"전월세")

_REFERENCE_KO = re.compile(
    r"지난번|저번|아까|방금|이전에|전에(?:본|말한|물어본|얘기한)|그(?:아파트|단지|집|곳|동네|매물|거)|거기|위에서"
)
_REFERENCE_EN = _en(
    "that (?:apartment|complex|one|place)", "the same", "previous(?:ly)?", "earlier", "last time"
)
_THIS_ONE = re.compile(r"이(?:아파트|단지|집)|여기")

_ARTICLE = re.compile(r"(?P<je>제)?(?P<no>\d{1,4})조(?:의(?P<sub>\d{1,2}))?")
# Where an article is cited in normalized text: "제 6 조의 3", "6조"; _ARTICLE then reads it unspaced.
_ARTICLE_SPAN = re.compile(r"(?:제\s*)?\d{1,4}\s*조(?:\s*의\s*\d{1,2})?")
# What may follow an article said on its own ("3조도요", "6조의3은?", "10조 보여줘")
_ARTICLE_ALONE = re.compile(
    r"(?:은|는|도|요|도요|은요|는요|이요|내용|원문|전문|보여줘|보여주세요|알려줘|알려주세요|좀|[?？.!~]){0,8}"
)
_ARTICLE_EN = re.compile(r"\barticle\s+(?P<no>\d{1,4})(?:-(?P<sub>\d{1,2}))?")

_BARE_AREA_AFTER = re.compile(
    r"^\s*(?P<v>\d{2,3}(?:\.\d+)?)(?![\d.])(?!\s*(?:억|천|만(?!\s?(?:보|봐|볼|봅|요|이요|으로|로|해)|\s*$|\s*[,?？.!])|원|년|월(?!세)|평|m(?![a-z])|m(?:il|illion|onths?|inutes?|ins?)\b|%|개|층|동|단지|차|호(?!가)|번|세|위|일|분|건"
    r"|(?:~|-|–|에서|부터)\s*\d{2,4}\s*년))"
)
# A bare size anywhere in a housing question ("서초구 84 매매", "59짜리"): a 2–3 digit number that no unit
# word claims and that is not part of a bigger number, a year, a percentage or a count.
_BARE_SIZE = re.compile(
    r"(?<![\d.a-z])(?P<v>\d{2,3}(?:\.\d{1,2})?)(?![\d.])(?!\s*(?:억|천|만(?!\s?(?:보|봐|볼|봅|요|이요|으로|로|해)|\s*$|\s*[,?？.!])|원|년|월(?!세)|평|m(?![a-z])|%|퍼|개|층|동|단지|차|호(?!가)|번|세|위|일|분|건|명|살|km|조|대|:|\.|년도|상반기|하반기|분기|y(?:ears?|rs?)\b|(?:days?|weeks?|months?|mins?|minutes?|m(?:il|illion)s?|met(?:er|re)s?|miles?|hours?|people|persons?|kids?|children|floors?|percent|won|billion|thousand|times|households?|units?)\b|(?:~|-|–|에서|부터)\s*\d{2,4}\s*년))"
)  # (nor the first year of a range: "20~21년")
_SIZE_INTENTS = {
    Intent.MARKET_INQUIRY,
    Intent.PROPERTY_SEARCH,
    Intent.PRICE_EVALUATION,
    Intent.PROPERTY_RECOMMENDATION,
    Intent.COMPREHENSIVE,
    Intent.ROI_CALCULATION,  # "정자동 84 10억에 사서 월세 250 받으면 수익률": the size of the flat let out
}
_DONG_PART = re.compile(r"\d{1,2}가$")  # 성수동1가 → 성수동
_JEONSE_BEFORE = re.compile(r"전세(?:금|보증금)?\s?(?:을|를|은|는|이|가)?\s?$")
_COMPLEX_INTENTS = {
    Intent.MARKET_INQUIRY,
    Intent.PROPERTY_SEARCH,
    Intent.PRICE_EVALUATION,
    Intent.COMPREHENSIVE,
}
_CALCULATOR_INTENTS = {
    Intent.PRICE_EVALUATION,
    Intent.LOAN_CONSULT,
    Intent.ROI_CALCULATION,
    Intent.CONTRACT_CREATION,
}
_BUDGET_INTENTS = {Intent.PROPERTY_SEARCH, Intent.PROPERTY_RECOMMENDATION}
_TASK_ORDER = (
    Intent.PROPERTY_SEARCH,
    Intent.MARKET_INQUIRY,
    Intent.PRICE_EVALUATION,
    Intent.LEGAL_INQUIRY,
    Intent.TERM_DEFINITION,
    Intent.LOAN_CONSULT,
    Intent.ROI_CALCULATION,
    Intent.PROPERTY_RECOMMENDATION,
    Intent.CONTRACT_CREATION,
)


# ---------------------------------------------------------------------------------------------
# parse


@dataclass
class _Text:
    """The views of one message the rules look at."""

    norm: str  # normalize(): NFKC, lower case, single spaces
    nospace: str  # norm without whitespace: spacing-agnostic Korean cues

    def nospace_index(self, norm_index: int) -> int:
        """Where a position of `norm` lands in `nospace` (English cues are found in `norm`)."""
        return norm_index - self.norm.count(" ", 0, norm_index)


def asked_order(text: str) -> ListingOrder | None:
    """The listing order a question asks for: the dearest deal first ("제일 비싸게 팔린 건?",
    "최고가", "most expensive") or the cheapest ("가장 싼 전세", "cheapest"); None when it asks for
    neither, or for both ("최고가랑 최저가": the statistics give both ends)."""
    norm = normalize(clip(text))
    nospace, lower = norm.replace(" ", ""), norm.lower()
    high = bool(_HIGHEST.search(nospace) or _HIGHEST_EN.search(lower))
    low = bool(_LOWEST.search(nospace) or _LOWEST_EN.search(lower))
    if high == low:
        return None
    return "price_desc" if high else "price_asc"


# A condition taken back inside the message: "30억 넘는 게 아니라 30억 이하", "5억 이상 말고 이하",
# "84 이상인 거 말고 59", "not over 3 billion but under": the amount before it is no condition.
_TAKEN_BACK = re.compile(
    r"\s?(?:원\s?)?(?:㎡\s?|m2\s?|평\s?)?"
    r"(?:이상|이하|넘는|넘게|넘은|넘어가는|초과|미만|까지|대|짜리|안쪽|밑|아래|부터|보다\s?(?:비싼|싼|큰|작은|넓은|좁은))?"
    r"(?:가|이|는|은)?\s?(?:인|되는|하는|정도인|정도)?\s?(?:게|거|것|건|걸|거는|것이|걸로)?\s?(?:아니라|아니고|아니구|말고)(?![가-힣])"
)


def _contradicted(money: Iterable[MoneyMention]) -> list[MoneyMention]:
    """Amounts without a bound the next one contradicts: "5억 넘는 (거 말고) 5억 이하", "not over 3 billion
    but under 3 billion" leave no range, so the later bound is the one meant."""
    out = list(money)
    for a, b in itertools.pairwise(list(out)):
        if a.role != b.role or a.upper_manwon is not None or b.upper_manwon is not None:
            continue
        if (a.bound == "min" and b.bound == "max" and a.manwon >= b.manwon) or (
            a.bound == "max" and b.bound == "min" and a.manwon <= b.manwon
        ):
            out.remove(a)
    return out


def parse(text: str, gaz: Gazetteer, today: date, as_intent: Intent | None = None) -> NluResult:
    """Intent, slots, entities and flags of one user message (see the module docstring).

    `as_intent`: the task the message continues (the dialogue state decided it is a follow-up of a
    loan, yield or price question), so its amounts are read in that task's roles ("보증금 1억에 월 200"
    is a deposit and a rent received, not a search's bounds)."""
    normalized = normalize(clip(text))
    norm = clip(normalized)  # NFKC can lengthen text ("㎡" → "m2"): every view stays within the cap
    truncated = len(clip(text)) < len(text) or len(norm) < len(normalized)
    view = _Text(norm, norm.replace(" ", ""))
    if _is_unclear(view):
        return NluResult(
            intent=Intent.UNCLEAR,
            confidence=0.1 if norm else 0.0,
            references_previous=_refers_back(view),
            truncated=truncated,
        )

    law_name, article, law_spans = _law_reference(view)
    scanned = [_station_district(norm, h) for h in gaz.scan(norm)]
    hits = _reference_points(
        norm, [h for h in scanned if not _commute_only(norm, h) and not _common_noun(norm, h)]
    )
    workplaces = [h for h in scanned if h not in hits]  # no filter, and no misspelt complex either
    if not hits and _only_remark(view):
        return NluResult(intent=Intent.UNCLEAR, confidence=0.3, truncated=truncated)
    entity_spans = [(h.start, h.end) for h in hits]
    asked = _request_hits(norm, hits)
    workplaces += [h for h in hits if h not in asked]  # story places: no filter either
    hits = asked
    units_text = mask(norm, law_spans + entity_spans)
    money = _income_total(_english_roles(_deposit_ranges(parse_money(units_text, norm), norm), norm), norm)
    units_text = mask(units_text, [(m.start, m.end) for m in money])
    money = _contradicted(m for m in money if not _TAKEN_BACK.match(norm, m.end))
    areas = parse_area(units_text, norm)
    areas = [a for a in areas if not _TAKEN_BACK.match(norm, a.end)]
    bare_taken_back = [
        m.span()
        for m in re.finditer(r"(?<![\d.])\d{2,3}(?![\d.])", units_text)
        if _TAKEN_BACK.match(norm, m.end())
    ]
    units_text = mask(units_text, [(a.start, a.end) for a in areas] + bare_taken_back)
    rooms = parse_rooms(units_text)
    period = _asked_period(units_text, today)

    domain = _has_domain_signal(view, money, areas)
    savings = [m for m in money if _is_savings(norm, m)]
    intent, sub_intents, confidence = _classify(
        view,
        hits,
        [m for m in money if m not in savings],
        rooms is not None,
        areas,
        domain,
        period is not None,
    )
    if (
        intent in _LOOKUPS or (intent is Intent.IRRELEVANT and _PLACE_PICKED_EN.search(norm))
    ) and ranks_by_missing_fact(norm):
        # "대치동 학군 좋은 단지 순위": homes picked by a fact the data lacks is a recommendation (declined
        # by planning), not a look at the place's deals
        intent = Intent.PROPERTY_RECOMMENDATION
    if intent not in _BUDGET_INTENTS:
        money = [m for m in money if m not in savings]  # cash at hand is no price asked about
    if as_intent is not None:
        intent, sub_intents = as_intent, []
    evidence = domain or confidence >= 0.6 or len(hits) > 1 or _only_names(view.norm, hits)
    result = NluResult(intent=intent, sub_intents=sub_intents, confidence=confidence, truncated=truncated)
    result.references_previous = _refers_back(view)
    result.previous_year_offset = previous_year_offset(norm)
    if intent in (Intent.IRRELEVANT, Intent.UNCLEAR):
        if confidence < OFF_TOPIC_CONFIDENCE:
            # "그럼 재작년은?", "전세는?": nothing to act on alone, but a follow-up's change.
            loose = NluResult(intent=intent)
            fragment = _slots(gaz, view, hits, evidence, loose, law_name, article, rooms, areas, norm)
            if fragment.area_min_m2 is None and fragment.area_max_m2 is None:
                _fill_size_change(fragment, units_text)
            _fill_deal_type(fragment, view, Intent.MARKET_INQUIRY)
            if len(view.nospace) <= FRAGMENT_MONEY_CHARS:  # "12억으로 올리면?": a short change of amount
                _fill_money(fragment, money, units_text, Intent.PROPERTY_SEARCH, [])
            _fill_period(fragment, gaz, period, loose)
            result.fragment_slots = fragment
            result.wants_recent, result.recent_months = loose.wants_recent, loose.recent_months
            result.unknown_regions = loose.unknown_regions
            result.ambiguities = [a for a in loose.ambiguities if a.reason == SAME_NAME]  # "중구는?"
        return result

    places = _resolve_places(gaz, view, hits, evidence, result)
    if places.complex is None and ({intent, *sub_intents} & (_COMPLEX_INTENTS | _CALCULATOR_INTENTS)):
        places = _complex_by_words(gaz, view, places)
    if places.complex is None and ({intent, *sub_intents} & (_COMPLEX_INTENTS | _CALCULATOR_INTENTS)):
        places = _complex_in_named_place(gaz, view, places)
    if places.complex is None and ({intent, *sub_intents} & _COMPLEX_INTENTS):
        places = _fuzzy_complex(gaz, view, hits + workplaces, places, result)
    if places.complex is None and _THIS_ONE.search(view.nospace):
        result.references_previous = True

    slots = Slots(law_name=law_name, article=article, rooms=rooms.rooms if rooms else None)
    places.whole_sido = _whole_sido(view, places, result)
    _fill_places(slots, gaz, places)
    _fill_area(slots, areas, norm, places, units_text, intent)
    _fill_deal_type(slots, view, intent, tuple(sub_intents))
    money = _fill_debt(slots, money, norm, intent, sub_intents)
    _fill_money(slots, money, units_text, intent, sub_intents)
    _fill_terms(slots, norm, intent, sub_intents, today)
    if intent is Intent.CONTRACT_CREATION and slots.deal_type is None and slots.deposit_manwon is not None:
        # "보증금 4억에 2년으로 계약서 초안": a lease with a deposit and no monthly rent is a 전세
        slots.deal_type = "월세" if slots.monthly_rent_manwon is not None else "전세"
    _fill_period(slots, gaz, period, result)
    if intent is Intent.LEGAL_INQUIRY:
        # a rule is the same in every place, month and deal: "정자동 전세로 작년에 들어갔는데 …" filters
        # nothing, and the 전세 of "전세 사는데 보일러 …" is the story, not a deal type asked about
        slots = legal_slots(slots)
    result.slots = slots if intent != Intent.TERM_DEFINITION else Slots()  # a word's meaning has no filter
    result.entities = _entities(gaz, places)
    result.missing = _missing(intent, sub_intents, slots)
    if result.ambiguities:
        result.confidence = round(max(0.1, result.confidence - 0.1), 2)
    return result


_LEGAL_FREE = (
    "sigungu", "sigungu_code", "dong", "dong_parts", "complex", "complex_id", "sido_code",
    "period_from", "period_to", "area_min_m2", "area_max_m2", "deal_type",
)  # fmt: skip


def legal_slots(slots: Slots) -> Slots:
    """The slots of a legal question: no place, period, size or deal type (a rule filters no deals)."""
    return slots.model_copy(update=dict.fromkeys(_LEGAL_FREE))


# "판교로 출퇴근하는", "남편 회사가 판교라": a place where someone works is not where they look for a home.
# "여의도 출퇴근하는데": the commute word may follow the place without a particle.
_COMMUTE_AFTER = re.compile(
    r"\s?(?:(?:으로|로|에|까지)\s?(?:출퇴근|출근|통근|다니)|(?:출퇴근|출근|통근)\s?(?:하|해|을|이|중))"
)
_WORKPLACE_BEFORE = re.compile(r"(?:회사|직장|사무실|근무지|일터)(?:가|이|는|은)\s?$")
# "판교 회사 다니는데", "여의도에 있는 직장 다녀요": the place of a workplace said before it
# "판교 쪽 회사 인턴하게 돼서", "강남 근처 직장으로 이직해서", "여의도 본사 발령 나서": the same, with the
# place loosely said ("쪽", "근처") and the job begun, moved or won
_WORKPLACE_NAMED = re.compile(
    r"\s?(?:쪽\s?|근처\s?|에\s?있는\s?)?(?:회사|직장|사무실|근무지|본사|지사|연구소|캠퍼스)(?:에|로|를|가|이|으로)?\s?"
    r"(?:다니|출근|출퇴근|근무|있어|있는데|있고|인턴|취직|취업|입사|발령|합격|붙|이직|옮기|옮겨|들어가|다닐|다녀)"
)
# A workplace (its place masked out) told as background: "회사가 여의도라서", "직장이 판교 쪽이라",
# "판교 쪽 회사 다녀서", "회사 출퇴근 때문에"
_WORK_TOLD = re.compile(
    r"(?:회사|직장|사무실|근무지|일터)(?:가|이|는|은)?\s?[가-힣a-z]{0,8}?\s{0,3}(?:쪽)?\s?(?:이라서|라서|이라|라|이어서|여서|에\s?있)"
    r"|(?:회사|직장|사무실|근무지|본사)(?:에|로|를|가|이|으로)?\s?"
    r"(?:다니|출근|출퇴근|근무|인턴|취직|취업|입사|발령|합격|이직|옮기|옮겨|들어가|다닐|다녀)"
    r"|(?:출퇴근|출근|퇴근|통근)(?:하기|이|을|길|시간)?\s?(?:편한|편하|가까운|가깝|좋은|때문)"
)
_WORKPLACE_AFTER = re.compile(r"\s?(?:쪽)?(?:이라|라서|라|이어서|여서|에 있)")


# "(Pangyo office)", "I work in Pangyo", "commuting to Yeouido": the same in English.
_WORKPLACE_AFTER_EN = re.compile(r"\s?(?:office|campus|headquarters|hq|workplace)\b")
_WORKPLACE_BEFORE_EN = re.compile(
    r"(?:\bwork(?:s|ing)?|\bcommut\w{0,6}|\boffice(?: is)?|\bjob(?: is)?|\bbased)\s(?:in|at|to|near)\s$"
)


# "something close to Gangnam, maybe Songpa?", "강남 가까운 데 송파 어때": a place named as a landmark
# to be near is no place asked about when another place is offered beside it.
_NEAR_BEFORE_EN = re.compile(
    r"\b(?:close to|near|next to|closer to|nearer to|not far from|commutable to)\s(?:the\s)?$"
)
_NEAR_AFTER_KO = re.compile(
    r"\s?(?:이랑|랑|과|와|에서|하고)?\s?(?:근처|가까운|가까이|가깝|인근|주변|옆|접근성)"
)


# "I'm renting a small shop space", "my upper house": an English word after an article, a possessive or
# a quantifier is a common noun, even where a complex's Latin-letter name spells it ("SPACE(920-5)").
_COMMON_NOUN_BEFORE = re.compile(
    r"\b(?:a|an|my|our|your|his|her|their|some|any|this|that|these|those|no|every|each|another|other"
    r"|more|less|enough|extra|spare)"
    r"\s(?:[a-z]{1,12}\s){0,2}$"
)


def _common_noun(norm: str, hit: Hit) -> bool:
    """An English word naming a thing, in an English sentence, not a complex's name."""
    said = norm[hit.start : hit.end]
    return (
        hit.kind == "complex"
        and said.isascii()
        and norm.isascii()
        and not _LEADING_DIGIT.match(norm[hit.end :])  # "a SPACE 84": a size after it names the home
        and bool(_COMMON_NOUN_BEFORE.search(norm[max(0, hit.start - 40) : hit.start]))
    )


def _reference_points(norm: str, hits: list[Hit]) -> list[Hit]:
    """Hits minus the places said only as a landmark, when some other place is left to ask about."""
    near = [
        h
        for h in hits
        if _NEAR_BEFORE_EN.search(norm[max(0, h.start - 16) : h.start])
        or (_NEAR_AFTER_KO.match(norm, h.end) and not _STATION_AFTER.match(norm, h.end))
    ]
    rest = [h for h in hits if h not in near and h.kind in ("sigungu", "dong", "complex")]

    def elsewhere(hit: Hit) -> bool:  # "송파구 잠실동 근처": the 동 said within the 구 is the place
        codes = {t.code for t in hit.targets}
        return any(not codes & {t.code for t in other.targets} for other in rest)

    return [h for h in hits if h not in near or not elsewhere(h)]


# A 동 name said as its subway station ("판교역 도보 5분", "정자역 근처", "Pangyo station"): the station
# is where the 동's 구 is, not the 동 (판교역 stands in 백현동, 강남역 on the 강남·서초 line).
_STATION_AFTER = re.compile(
    r"역(?![가-힣])|역(?:근처|앞|주변|쪽|인근|세권|에서|까지|도보|으로|에|이|은|을)| ?station\b"
)


# A town said as an area around it: "판교 쪽 다른 데도", "판교 일대", "Pangyo area"
_AREA_AFTER = re.compile(r"\s?(?:쪽|일대|부근|인근|신도시|테크노밸리|area\b|region\b)")


def _station_district(norm: str, hit: Hit) -> Hit:
    """A 동 hit said as a station, or a town said as the area around it, keeps only the 구 it lies in."""
    town = WIDE_TOWNS.get(compact(norm[hit.start : hit.end]))
    if hit.kind == "dong" and town and _AREA_AFTER.match(norm, hit.end):
        return Hit(hit.start, hit.end, hit.alias, (Target("sigungu", code=town),))
    if hit.kind != "dong" or not _STATION_AFTER.match(norm, hit.end):
        return hit
    codes = dict.fromkeys(t.code for t in hit.targets if t.kind == "dong")
    return Hit(hit.start, hit.end, hit.alias, tuple(Target("sigungu", code=c) for c in codes))


def _commute_only(norm: str, hit: Hit) -> bool:
    if _COMMUTE_AFTER.match(norm, hit.end) or _WORKPLACE_NAMED.match(norm, hit.end):
        return True
    if _WORKPLACE_AFTER_EN.match(norm, hit.end) or _WORKPLACE_BEFORE_EN.search(
        norm[max(0, hit.start - 20) : hit.start]
    ):
        return True
    before = norm[max(0, hit.start - 8) : hit.start]
    return bool(_WORKPLACE_BEFORE.search(before) and _WORKPLACE_AFTER.match(norm, hit.end))


# Where a story part of a message ends: a sentence end, or a clause told as background ("…보는데",
# "…인데요,", "삼십 년 살다가", "…했었고") before the request.
# The crying and laughing letters are read after NFKC, which turns ㅠ into its conjoining form (U+1172).
_SOB = "ㅠㅜㅋㅎ\u1172\u116e\u110f\u1112"
_STORY_BREAK = re.compile(
    rf"(?<=[.!?。？~])\s+|(?<=[{_SOB}])\s+"
    r"|(?:[는은인던ㄴ]데(?:요)?|다가|었고|았고|였고|[어아여해에예죠네거]요|습니다|했다|이다"
    r"|(?<!아니)(?<=[가-힣])라(?:서)?|[아어여와워해]서)"  # "만기가 내년이라", "다가와서": the reason told first
    rf"(?:[,.~]|\s?[{_SOB}]{{1,6}})?\s+"
)
_STORY_PLACE_KINDS = ("sigungu", "dong", "complex")


def _story_parts(norm: str) -> tuple[list[tuple[int, int]], int | None]:
    """(the parts of `norm` told as story before the request, where the last asking part starts).

    A part with no request word before the last one that has one is story: "경제학과 학생인데 과제하다가
    궁금해져서요." or "금리 오를 때 거래가 확 줄었다던데" before "강남구 2022년 아파트 매매 몇 건이었어요?".
    """
    bounds = [0] + [m.end() for m in _STORY_BREAK.finditer(norm)] + [len(norm)]
    parts = [(a, b) for a, b in itertools.pairwise(bounds) if norm[a:b].strip()]
    asking = [i for i, (a, b) in enumerate(parts) if _asks(norm[a:b])]
    if not asking:
        return [], None
    last = asking[-1]
    return [p for i, p in enumerate(parts[:last]) if i not in asking], parts[last][0]


# A part that only reports what someone said ("친구가 송파 추천하던데", "얼마라던데"): heard, not asked
_HEARSAY_END = re.compile(r"(?:던데|다던데|라던데|다는데|라는데|대서|래서)(?:요)?[,.~]?\s*$")


def _asks(part: str) -> bool:
    """A request word or a figure asked ("2025 정자동 전세 중간값", "median price in Mapo"), not only
    reported ("친구가 송파 추천하던데")."""
    nospace = part.replace(" ", "")
    if _HEARSAY_END.search(part) and not re.search(r"[?？]", part):
        return False
    return bool(
        _REQUEST_WORD.search(nospace) or _FIGURE_WORDS_KO.search(nospace) or _FIGURE_WORDS_EN.search(part)
    )


def _request_hits(norm: str, hits: list[Hit]) -> list[Hit]:
    """The places of the request when a story before it names others: "남편은 강남 가자는데 … 강동구 국평
    중간값 얼마예요?" asks about 강동구, "서초에서 삼십 년 살다가 … 관악구 20평대 …" about 관악구.

    Story places (see `_story_parts`) are dropped when the request part names a place of its own in
    another 구 (a story place in the same 구 stays: it may tell which 파크뷰 is meant). A message with
    two requests ("강남구 시세 알려줘. 서초구도") keeps every place.
    """
    if len({h.start for h in hits}) < 2:
        return hits
    story, start = _story_parts(norm)
    if start is None or not story:
        return hits
    inside = [
        h
        for h in hits
        if h.start >= start
        and h.kind in _STORY_PLACE_KINDS
        and (h.kind != "complex" or len(compact(h.alias)) > 2)  # "서울", "현대": too common to place it
    ]
    asked_codes = {t.code for h in inside for t in h.targets if t.kind != "foreign"}
    if not asked_codes:
        return hits
    # "잠실 큰집 정리하고 … 송파구 59 중간값": a request naming a 구 or 동 asks that place as named; a
    # story's 동 or 단지 in the same 구 only helps place a request's complex name ("정자동 사는데 파크뷰")
    narrows = any(h.kind == "complex" for h in inside)

    def told(hit: Hit) -> bool:
        if not any(a <= hit.start < b for a, b in story):
            return False
        if not narrows and hit.kind in ("dong", "complex"):
            return True
        codes = {t.code for t in hit.targets}
        return not any(
            c == a or (c.endswith("000") and a.startswith(c[:2])) for c in codes for a in asked_codes
        )

    return [h for h in hits if not told(h)]


def _slots(
    gaz: Gazetteer,
    view: _Text,
    hits: list[Hit],
    evidence: bool,
    result: NluResult,
    law_name: str | None,
    article: str | None,
    rooms: RoomsMention | None,
    areas: list[AreaMention],
    norm: str,
) -> Slots:
    """Places, law reference, rooms and area of a message that named no task (see `fragment_slots`)."""
    places = _resolve_places(gaz, view, hits, evidence, result)
    if places.complex is None and not hits and _ENGLISH_NAME_ONLY.match(view.norm):
        places = _fuzzy_complex(gaz, view, hits, places, result)  # "Trigium?" after "Jamsil ELS …"
    slots = Slots(law_name=law_name, article=article, rooms=rooms.rooms if rooms else None)
    places.whole_sido = _whole_sido(view, places, result)
    _fill_places(slots, gaz, places)
    _fill_area(slots, areas, norm, places)
    return slots


# A follow-up that is only an English name, one or two words ("Trigium?", "what about Helio City?"): a
# complex said in English, misspelt or not.
_ENGLISH_NAME_ONLY = re.compile(
    r"^\s{0,3}(?:(?:and|what about|how about)\s)?[a-z]{3,20}(?:\s[a-z]{2,20})?\s{0,3}[?.!]{0,3}\s{0,3}$"
)


# ---------------------------------------------------------------------------------------------
# intent


def _refers_back(view: _Text) -> bool:
    """ "지난번", "그 아파트", "that apartment": memory should say which one."""
    return bool(_REFERENCE_KO.search(view.nospace) or _REFERENCE_EN.search(view.norm))


# A message made only of pointers, fillers and question words names nothing to act on.
_POINTER_WORDS = frozenset(_words("""
그거 그게 그건 그걸 이거 이게 이건 저거 저게 저기 저기요 거기 그 이 저 뭐냐 뭐지 뭐더라 뭐였지 뭐 뭔가
어떻게 어찌 됐어 됐어요 됐나 됐나요 됐냐 되었나요 된거야 있잖아 있잖아요 그러니까 혹시 잠깐 잠깐만
음 음음 어 아 그래서 근데 그니까 말이야 얼마 얼마야 얼마예요 얼마임 얼만데
"""))  # fmt: skip
# A remark or exclamation ("생각보다 비싸네요ㅠ", "와 집값 너무 올랐네요ㅠㅠ", "서울은 없구나"): it asks for
# nothing, so its words are no task cue; a question after it is the request. ㅠ/ㅋ arrive as conjoining
# jamo after NFKC.
_REMARK_END = r"(?:네요|구나|구만|군요|더라고요)(?:[\u1100-\u11ff\u3130-\u318f!.~…]{1,8}|(?=\s)|$)"
_REMARK = re.compile(rf"(?<![^\s.!?？])[^.!?？]{{0,60}}?{_REMARK_END}")
_REQUEST_WORD = re.compile(
    r"알려|보여|찾아|해줘|해주|주세요|줘|얼마|몇|어때|어떻|어떤|추천|계산|될까|되나|할까|가능|있나|있어요\?|\?"
    # a hedged or indirect question ("23년엔 어땠는지도 궁금하네요", "혹시 아시나요", "~인지 알 수 있을까요")
    r"|궁금|어땠|(?:는|은|인|던|했는|였는)지|아시|아세요|알\s?수\s?있"
)


# A question of what to do, asking nothing of its own: what was said before it is its subject.
_ADVICE_ASKED = re.compile(
    r"^(?:그럼|그러면|근데|저는?|제가|이럴때|이런경우|이경우|이럴경우)?(?:어떻게|어떡|뭘|무엇을|뭐부터)(?:해|하|대처|대응)"
    r"|^(?:그럼|그러면|근데)?(?:방법|해결책|대처법)(?:이|은)?(?:있|없|뭐)"
)
_ADVICE_ASKED_EN = re.compile(
    r"^(?:so |then |now )?what (?:should|can|do) (?:i|we) do\b|^what are my options\b"
)


def _remark_spans(view: _Text) -> list[tuple[int, int]]:
    """Spans (in nospace) of remarks that come before the request."""
    spans = []
    for m in _REMARK.finditer(view.norm):
        rest = view.norm[m.end() :].strip()
        if _ADVICE_ASKED.search(rest.replace(" ", "")) or _ADVICE_ASKED_EN.search(rest):
            continue  # "… 다음 사람 구해서 준다네요 저 어떻게 해야 하나요": the remark is the trouble asked about
        if rest and not _REQUEST_WORD.search(m.group()):
            spans.append((view.nospace_index(m.start()), view.nospace_index(m.end())))
    return spans


def _only_remark(view: _Text) -> bool:
    """The whole message is a remark with nothing asked ("와 진짜 집값 너무 올랐네요ㅠㅠ")."""
    m = _REMARK.fullmatch(view.norm.rstrip())
    return bool(m) and not _REQUEST_WORD.search(view.norm)


def _is_unclear(view: _Text) -> bool:
    words = _WORD_CHAR.findall(view.norm)
    if not words:
        return True
    letters = "".join(ch for ch in view.nospace if ch not in "?!.,~…")
    return bool(_FILLER.match(letters))


def _cue_positions(
    view: _Text, cues: _Cues, strong: bool, masked_nospace: str, masked_norm: str
) -> list[int]:
    ko, en = (cues.strong_ko, cues.strong_en) if strong else (cues.weak_ko, cues.weak_en)
    found: list[int] = []
    if ko is not None:
        found += [m.start() for m in ko.finditer(masked_nospace)]
    if en is not None:
        found += [view.nospace_index(m.start()) for m in en.finditer(masked_norm)]
    return found


# A size converted between units ("전용 84면 몇 평이야?", "30평이면 몇 제곱미터?", "how many pyeong is 84㎡")
# asks what a unit means in the other one: a definition, not a look-up of the size.
_UNIT_CONVERSION = re.compile(
    r"\d{1,3}(?:\.\d{1,2})?(?:m2|㎡|제곱미터|제곱|평|타입|형)?(?:이면|면|은|는|이|가|을|를)?"
    r"(?:몇|대략몇|대충몇|얼추몇)(?:평|제곱미터|제곱|m2|㎡|헤베)"
    r"|\d{1,3}(?:\.\d{1,2})?(?:m2|㎡|제곱미터|평)(?:을|를|은|는)?(?:평|제곱미터|m2)(?:으로|로)(?:환산|바꾸|치면|하면|계산)"
)
_UNIT_CONVERSION_EN = re.compile(
    r"\bhow many (?:pyeong|pyong|square met(?:er|re)s?|sqm|m2)\b|\bin (?:pyeong|square met(?:er|re)s)\b"
)
# Where or how the word being defined is had ("등기부등본이 뭐야 어디서 떼?"): part of asking about it.
_TERM_PROCEDURE = re.compile(
    r"(?:어디서|어디에서|어디|어떻게)(?:떼|발급|받|신청|뽑|확인|볼수|봐)[가-힣]{0,6}"
)
# "수익률 말할 때 말하는 연수익률이 뭐야": a word named as where the defined one is used, no task of its own
_TERM_MENTIONED = re.compile(
    r"[0-9a-z가-힣]{2,10}?(?:을|를|이라고|라고)?(?:말할|얘기할|이야기할|따질)때(?:말하는|나오는|쓰는|하는)?"
)
# "실거래가랑 전용면적이 뭔지도 같이": the 도 says the definition is asked beside the other words.
_ALSO_DEFINED = re.compile(r"(?:지|인지)?도")  # matched right after the definition word


# Words of law that name a right or a step, not a filter of the data: "그럼 대항력은?", "ok and 말소기준권리는?"
# asks what the next word means (a deal or a statistic word there — "그럼 전세는?", "and 평균은?" — is a
# follow-up of the look-up, so those are not listed).
_LAW_WORDS = (
    "말소기준권리", "대항력", "대항요건", "확정일자", "근저당권", "근저당", "우선변제권", "우선변제", "최우선변제권",
    "최우선변제", "임차권등기명령", "임차권등기", "전세권", "가압류", "가처분", "묵시적갱신", "계약갱신요구권",
    "계약갱신청구권", "갱신요구권", "소액임차인", "전입신고", "명도소송", "권리금", "선순위", "후순위", "환산보증금",
    "배당요구", "배당요구종기", "경매개시결정", "유치권", "지상권", "전세보증보험", "임차권",
)  # fmt: skip
_NEXT_TERM = re.compile(
    r"(?:ok|okay|ㅇㅋ|오케이|네|아|음)?,?(?:and|그럼|그러면|그리고|근데|그담|그다음|글고)"
    rf"(?P<term>{'|'.join(sorted(_LAW_WORDS, key=len, reverse=True))})"
    r"(?:은|는|이|가|도)?(?:요|뭐|뭐야|뭐예요|뭐에요)?"
)


def _definition(view: _Text) -> tuple[bool, list[tuple[int, int]], list[tuple[int, int]]]:
    """(a term is being defined, the defined terms' spans in nospace and in norm coordinates).

    The spans are masked for the other intents: "What does DSR stand for" asks no loan question.
    """
    conversion = _UNIT_CONVERSION.search(view.nospace)
    english_conversion = _UNIT_CONVERSION_EN.search(view.norm)
    if conversion or english_conversion:
        span = conversion.span() if conversion else (0, len(view.nospace))
        return True, [span], [english_conversion.span()] if english_conversion else []
    spans = [
        span
        for pattern in (_DIFF_KO, _SAME_WORDS_KO)
        for m in pattern.finditer(view.nospace)
        for span in (m.span("term"), m.span("term2"))
    ]
    same_en = _SAME_WORDS_EN.search(view.norm)
    if same_en and same_en["term"] and not _known_term_en(same_en["term"]):
        same_en = None  # "is the price the same as last year?": no word asked about
    if same_en and not spans:  # the sentence that asks it holds both words
        start = max(view.norm.rfind(c, 0, same_en.start()) for c in ".?!") + 1
        ends = [i for i in (view.norm.find(c, same_en.end()) for c in ".?!") if i >= 0]
        end = min(ends, default=len(view.norm))
        return True, [(view.nospace_index(start), view.nospace_index(end))], [(start, end)]
    for m in _DEF_KO.finditer(view.nospace):
        also = m["term2"] and _ALSO_DEFINED.match(view.nospace, m.end())
        spans += [m.span(g) for g in (("term2",) if also else ("term", "term2")) if m[g]]
    if spans:
        spans += [m.span() for m in _TERM_PROCEDURE.finditer(view.nospace)]
        spans += [m.span() for m in _TERM_MENTIONED.finditer(view.nospace)]
    # "청약 가점제 뜻?": a term said right before the defined one is part of its name
    spans = [_compound_start(view.nospace, start, end) for start, end in spans]
    korean_term = _DEF_EN_KO.search(view.norm)
    if korean_term and not spans:  # "what's 전월세전환율?": an English question about a Korean word
        start, end = korean_term.span(next(g for g in ("term", "term2", "term3") if korean_term[g]))
        return True, [(view.nospace_index(start), view.nospace_index(end))], [(start, end)]
    english = _DEF_EN.search(view.norm)
    if english:
        group = next(name for name, value in english.groupdict().items() if value)
        acronym = group == "t2" and english.group().endswith("stand for")  # "what does LH stand for"
        if _known_term_en(english[group]) or (acronym and len(english[group].split()) <= 2):
            start, end = english.span(group)
            spans.append((view.nospace_index(start), view.nospace_index(end)))
            return True, spans, [(start, end)]
    next_term = None if spans else _NEXT_TERM.fullmatch(view.nospace.rstrip("?？.!~"))
    if next_term:  # "ok and 말소기준권리는?": after one word explained, the next word asked alone
        return True, [next_term.span("term")], []
    pointer = None if spans else _DEF_POINTER_KO.search(view.nospace.rstrip("?？.!~"))
    if pointer:
        spans = [m.span() for m in _TERM_KO.finditer(view.nospace, 0, pointer.start())]
        if spans and not re.search(r"[?？]", view.nospace[: pointer.start()]):
            # "보증금을 못 돌려받으면 임차권등기명령이라는 걸 하라던데 그게 뭐예요?": what came before the
            # pointer is where the word was heard, not a question of its own
            spans.append((0, pointer.start()))
    return bool(spans), spans, []


def _name_spans(view: _Text, hits: list[Hit]) -> list[tuple[int, int]]:
    """Spans (in nospace) of complex names: their words are no task cue ("래미안 옥수 리버젠" holds 수리, a
    repair; "명도힐스티지" 명도, an eviction). A name of three syllables or fewer may be a common word
    read as a name, so it keeps its letters."""
    return [
        (view.nospace_index(h.start), view.nospace_index(h.end))
        for h in hits
        if h.kind == "complex" and len(compact(view.norm[h.start : h.end])) > 3
    ]


# A relative year said, then the year in digits as its gloss: after a question mark, in brackets or
# after "그러니까 / 즉 / 아니 / I mean" ("재작년이랑 비교하면? 22년", "재작년(22년)", "작년 그러니까 23년").
_YEAR_APPOSITION = re.compile(
    r"(?P<rel>재재작년|재작년|작년|올해|지난해|last year|this year|the year before last)"
    r"[^\d]{0,16}?(?:[?？]|\(|그러니까|즉|아니|i mean|,)\s?(?:20)?\d{2}\s?(?:년|\)|$|\s)"
)


def _asked_period(units_text: str, today: date) -> PeriodMention | None:
    """The period of the request when the story before it names another: "2019년에 결혼한 부부인데 작년
    분당 전세 얼마" asks 2025 only (a story's year alone still dates the question)."""
    fix = _YEAR_APPOSITION.search(units_text)
    if fix:  # "재작년이랑 비교하면? 22년", "작년(2025년)": the year said in digits is the one meant
        units_text = mask(units_text, [fix.span("rel")])
    period = parse_period(units_text, today)
    story, _ = _story_parts(units_text)
    if period is None or not story:
        return period
    return parse_period(mask(units_text, story), today) or period


def _story_unasked(view: _Text, masked: str, masked_norm: str) -> tuple[str, str]:
    """`masked` and `masked_norm` without the story told before a look-up: "금리 오를 때 거래가 줄었다던데
    강남구 2022년 매매 몇 건?" asks a count, not a loan; "세 놓고 있는 집주인인데요, 작년 전세 거래 몇 건?"
    no rule. Only when the request part alone asks a look-up: a story before a question of law or a
    loan ("보증금을 못 받았는데 어떻게 해요?") is that question's facts, and stays."""
    story, start = _story_parts(view.norm)
    if not story or start is None:
        return masked, masked_norm
    request = view.norm[start:]
    if not (_FIGURE_WORDS_KO.search(request.replace(" ", "")) or _FIGURE_WORDS_EN.search(request)):
        return (
            masked,
            masked_norm,
        )  # "…전입 빼면 순위 날아간다면서요??": no figure asked, the story is the question
    told = mask(masked, [(view.nospace_index(a), view.nospace_index(b)) for a, b in story])
    told_norm = mask(masked_norm, story)
    asked = {i for i, cues in _CUES.items() if _cue_positions(view, cues, True, told, told_norm)}
    if asked and asked <= _LOOKUPS:
        return told, told_norm
    return masked, masked_norm


# A lease kind asked about as a word ("what exactly is jeonse?", "깡통전세는 또 뭐임"); a question about how it
# works said with it ("Do I really get the whole deposit back?", "끝나면 보증금 다 돌려받아요?") is part of
# the definition, while a trouble or what to do about one is a question of law of its own.
_LEASE_KIND_TERM = re.compile(r"(?:반전세|깡통전세|역전세|전세권|전세|월세|jeonse|wolse|banjeonse)")
_LEASE_TROUBLE = re.compile(
    r"어떡|어떻게(?:해|하|대처|대응|받|돌려)|대처|대응|방법|소송|안(?:돌려|줘|주|준)|못(?:돌려|받)|떼이|떼여|사기|경매"
    r"|\bwhat (?:should|can|do) (?:i|we)\b|\bwhat if\b|\bhow (?:do|can|should) (?:i|we)\b|\bif (?:the |my )?landlord"
    r"|refus|won'?t|doesn'?t|\bsue\b|scam|fraud|auction"
)


def _lease_kind_explained(
    view: _Text, term_spans: list[tuple[int, int]], norm_spans: list[tuple[int, int]]
) -> bool:
    """A lease kind's definition asked, its question of law only how that lease works (`_LEASE_KIND_TERM`)."""
    terms = [view.nospace[a:b] for a, b in term_spans] + [view.norm[a:b] for a, b in norm_spans]
    if not terms or not all(_LEASE_KIND_TERM.fullmatch(t.strip("'\" ")) for t in terms):
        return False
    return not _LEASE_TROUBLE.search(view.norm) and not _LEASE_TROUBLE.search(view.nospace)


_TAIL_ASKS = re.compile(
    r"어떡|어떻|어째|왜|뭐|무슨|까[요?]?\s*$|나요|는지|[돼되](?:요|나)?\s*$|[가-힣]냐"
    r"|\b(?:how|what|why|when|where|which|who|can|could|should|would|will|do i|do we|does|is it|are there)\b"
)


def _remark_after_question(view: _Text, masked: str, masked_norm: str) -> tuple[str, str]:
    """`masked` and `masked_norm` without a remark told after a word's question ("what exactly is
    jeonse? my landlord keeps mentioning it", "반전세가 뭐예요? 집주인이 그걸로 하자네요"): where the word
    was heard, asking nothing of its own."""
    end = max(view.norm.rfind("?"), view.norm.rfind("？"))
    tail = view.norm[end + 1 :]
    if end < 0 or not tail.strip() or _asks(tail) or _TAIL_ASKS.search(tail):
        return masked, masked_norm
    return (
        mask(masked, [(view.nospace_index(end + 1), len(masked))]),
        mask(masked_norm, [(end + 1, len(masked_norm))]),
    )


def _compound_start(nospace: str, start: int, end: int) -> tuple[int, int]:
    """The span of a defined term widened over the terms said right before it (청약가점제 → 청약 + 가점제)."""
    while start > 0:
        before = [m for m in _TERM_BEFORE.finditer(nospace, 0, start) if m.end() == start]
        if not before:
            break
        start = before[-1].start()
    return start, end


_TERM_BEFORE = re.compile("|".join(sorted((t for t in _TERMS_KO if len(t) >= 2), key=len, reverse=True)))


def _known_term_en(term: str) -> bool:
    words = term.split()
    return 0 < len(words) <= 3 and (term.strip() in _TERMS_EN or any(w in _TERMS_EN for w in words))


def _classify(
    view: _Text,
    hits: list[Hit],
    money: list[MoneyMention],
    has_rooms: bool,
    areas: list[AreaMention],
    domain: bool,
    dated: bool = False,
) -> tuple[Intent, list[Intent], float]:
    is_definition, term_spans, norm_spans = _definition(view)
    checklist = [m.span() for m in _CHECKLIST_KO.finditer(view.nospace)]
    if _LAW_ASKED.search(view.nospace) and all(view.nospace.startswith("특약", s) for s, _ in checklist):
        checklist = []  # "특약에 원상복구 넣고 싶은데 법적으로 어디까지 해야 돼?": the law is asked, not a clause
    described = _described_spans(view)
    masked = mask(
        view.nospace, term_spans + checklist + described + _remark_spans(view) + _name_spans(view, hits)
    )
    masked_norm = mask(view.norm, norm_spans + [m.span() for m in _LIEN_EN.finditer(view.norm)])
    masked, masked_norm = _story_unasked(view, masked, masked_norm)
    if is_definition:
        masked, masked_norm = _remark_after_question(view, masked, masked_norm)
    strong: dict[Intent, int] = {}
    weak: dict[Intent, int] = {}
    if checklist:
        strong[Intent.CONTRACT_CREATION] = checklist[0][0]
    for intent, cues in _CUES.items():
        positions = _cue_positions(view, cues, True, masked, masked_norm)
        if positions:
            strong[intent] = min(positions + ([strong[intent]] if intent in strong else []))
        weak_positions = _cue_positions(view, cues, False, masked, masked_norm)
        if weak_positions:
            weak[intent] = len(weak_positions)
    if (
        (Intent.CONTRACT_CREATION in strong or "계약서" in view.nospace)
        and not checklist
        and _CONTRACT_DUTY.search(view.nospace)
        and not _CONTRACT_REQUEST.search(view.nospace)
    ):
        asked = strong.pop(Intent.CONTRACT_CREATION, view.nospace.find("계약서"))
        strong[Intent.LEGAL_INQUIRY] = min(asked, strong.get(Intent.LEGAL_INQUIRY, asked))
    if is_definition:
        strong[Intent.TERM_DEFINITION] = min(s for s, _ in term_spans) if term_spans else 0
        if Intent.LEGAL_INQUIRY in strong and _lease_kind_explained(view, term_spans, norm_spans):
            strong.pop(Intent.LEGAL_INQUIRY)
    bounded = any(
        m.bound in ("min", "max") or m.upper_manwon for m in money if m.role in ("price", "deposit")
    )
    bounded = bounded or any((a.min_m2 is None) != (a.max_m2 is None) for a in areas)
    deals = _DEALS_ASKED.search(masked.rstrip("?？.!~")) or _DEALS_SHOWN_BARE.search(masked)
    if deals and Intent.MARKET_INQUIRY not in strong:
        # "파크리오 20억 넘는 거래만" lists deals under a bound; "트리마제 2022년 거래" (a complex or place and
        # a period, no bound, no 아파트/매물) asks what it traded at; "시범한양 2025년 거래 보여줘" asks to be
        # shown the deals themselves (the older sets list those, 6 to 1)
        complex_year = any(h.kind == "complex" for h in hits) and _DIGIT_YEAR.search(view.nospace)
        shown = deals.re is _DEALS_SHOWN_BARE
        figures = not bounded and not shown and not _ITEMS.search(masked) and bool(complex_year or areas)
        task = Intent.MARKET_INQUIRY if figures else Intent.PROPERTY_SEARCH
        strong[task] = min(deals.start(), strong.get(task, deals.start()))
    sales_en = None if deals or set(strong) & _LOOKUPS else _SALES_EN.search(view.norm)
    # "Gyeonghuigung Xi sales in 2023 please", "84㎡ deals in Jamsil-dong in 2024": what a complex or a size
    # traded at in a year, as "트리마제 2022년 거래" is (a list is asked with "show me"/"list")
    if (
        sales_en
        and _YEAR_EN.search(view.norm)
        and not bounded
        and not _ITEMS_EN.search(view.norm)
        and (any(h.kind == "complex" for h in hits) or areas)
    ):
        strong[Intent.MARKET_INQUIRY] = view.nospace_index(sales_en.start())
    if bounded or has_rooms or any(m.role == "monthly" for m in money):
        weak[Intent.PROPERTY_SEARCH] = weak.get(Intent.PROPERTY_SEARCH, 0) + 2
    _deals_listed(view, masked, bounded, strong)

    # Off-topic words inside a name are no topic: 녹번역 holds 번역 (translation).
    ours = [h for h in hits if any(t.kind != "foreign" for t in h.targets)]
    unnamed = mask(view.nospace, [(view.nospace_index(h.start), view.nospace_index(h.end)) for h in ours])
    off_topic = bool(_OFF_TOPIC_KO.search(unnamed) or _OFF_TOPIC_EN.search(view.norm))
    if off_topic and not domain:
        return Intent.IRRELEVANT, [], 0.9
    media = _MEDIA_ASKED.search(unnamed) or _MEDIA_ASKED_EN.search(view.norm)
    if media and not set(strong) - _GENERIC_TASKS and not money and not areas:
        # "부동산 나오는 드라마 추천해줘", "아파트 배경 영화 뭐 있어": the show is asked for, housing its topic
        return Intent.IRRELEVANT, [], 0.9
    # "회사가 여의도라서 영등포구 안에서": the workplace told as the reason a place is asked is no topic
    told_work = _WORK_TOLD.sub(" ", unnamed) if ours else unnamed
    life = bool(_OFF_TOPIC_LIFE_KO.search(told_work))
    if (off_topic or life) and not set(strong) - _GENERIC_TASKS:
        moving = not off_topic and bool(_DOMAIN_MOVE_KO.search(view.nospace))
        if not moving and not _housing_beyond_home(view, money, areas):
            return Intent.IRRELEVANT, [], 0.9

    priced = any(m.role == "price" for m in money) or bool(_PRICE_REFERENCE.search(view.nospace))
    # the price being judged: a stated amount, not a search bound ("보증금 1억에 월 400 적당해?" judges a rent)
    stated_price = any(m.bound == "exact" and m.role in ("price", "deposit", "monthly") for m in money)
    priced = priced or stated_price
    # "이 집 사려는데 적정가인지": a judgement of a home pointed at, its price still to be asked
    priced = priced or (bool(_HOME_POINTER.search(view.nospace)) and not _SUPERLATIVE.search(view.nospace))
    judged_price = stated_price or bool(_PRICE_REFERENCE.search(view.nospace))
    _implied_tasks(view, masked, masked_norm, strong, money, judged_price, bool(hits))
    judged_part = None if Intent.PRICE_EVALUATION in strong else _judged_part(view, masked, money)
    if judged_part is not None:
        strong[Intent.PRICE_EVALUATION] = judged_part
    superlative = bool(_SUPERLATIVE.search(view.nospace) or _SUPERLATIVE_EN.search(view.norm))
    two_requests = bool(_TWO_REQUESTS.search(view.nospace) or _TWO_REQUESTS_EN.search(view.norm))
    located = bool(hits or money or areas or has_rooms)
    tasks = _reduce(strong, weak, priced, superlative, two_requests, located)
    standing = _STANDING_OR_PAPERS.search(view.nospace) or _STANDING_OR_PAPERS_EN.search(view.norm)
    if Intent.LEGAL_INQUIRY in tasks and standing:
        # "E-7 비자로 주담대 돼요?", "자금조달계획서에 예금이랑 대출 …": whether one may borrow or buy, and the
        # papers that list a loan, are questions of the rules (a calculation or a look-up answers neither);
        # an amount asked ("… and how much?") is the loan's calculation, the standing its story
        amount = _AMOUNT_ASKED.search(view.nospace) or _AMOUNT_ASKED_EN.search(view.norm)
        kept = Intent.LOAN_CONSULT if amount and Intent.LOAN_CONSULT in tasks else Intent.LEGAL_INQUIRY
        tasks = [
            t for t in tasks if t is kept or t not in (Intent.LEGAL_INQUIRY, Intent.LOAN_CONSULT, *_LOOKUPS)
        ]
    if not tasks and any(m.role == "income" for m in money):
        tasks = [
            Intent.LOAN_CONSULT
        ]  # "연봉 칠천이고 구억짜리 보고 있어요": an income only matters for a loan
    if len(tasks) >= 2:
        return Intent.COMPREHENSIVE, tasks, 0.8
    if len(tasks) == 1:
        return tasks[0], [], 0.9
    if not is_definition and _DEF_GENERIC_KO.search(view.nospace.rstrip("?？.!")) and not hits and not money:
        return Intent.TERM_DEFINITION, [], 0.6
    if weak:
        best = max(weak, key=lambda i: (weak[i], i == Intent.PROPERTY_SEARCH))
        if domain or hits:
            return best, [], 0.6
    if hits or money or areas or has_rooms:
        browsing = _browsing(view, hits, money, areas, dated)
        fallback = Intent.PROPERTY_SEARCH if (bounded or has_rooms or browsing) else Intent.MARKET_INQUIRY
        return fallback, [], 0.5
    if domain:  # "오늘 집 보러 가요": about housing, but asks for nothing we can look up
        return Intent.UNCLEAR, [], 0.3
    if all(w.strip("?？.!~,") in _POINTER_WORDS for w in view.norm.split()):
        return Intent.UNCLEAR, [], 0.2  # "그거 어떻게 됐어", "저기요 그 뭐냐": nothing named to act on
    if all(
        _SMALL_TALK.match(w.strip("?？.!~,…")) or _FILLER.match(w.strip("?？.!~,")) for w in view.norm.split()
    ):
        return Intent.UNCLEAR, [], 0.2  # "안녕하세요", "ㅋㅋ 고마워", "음 그냥...": nothing asked yet
    if _POLITE.search(view.norm) and not _ASKS_SOMETHING.search(view.norm):
        # "안녕하세요~ 처음 써봐요", "great, thank you so much!": nothing asked
        return Intent.UNCLEAR, [], 0.2
    if _only_aside(view):
        return Intent.UNCLEAR, [], 0.2
    if _GREETING.match(view.nospace) or len(view.norm.split()) > 1:
        return Intent.IRRELEVANT, [], 0.5
    return Intent.UNCLEAR, [], 0.2


def _only_aside(view: _Text) -> bool:
    """An acknowledgement or an announced question and nothing else (see `_ASIDE_WORD`)."""
    if _ASIDE_EN.match(view.norm):
        return True
    words = [w.strip("?？.!~,…") for w in view.norm.split()]
    words = [w for w in words if w]
    asides = [bool(_ASIDE_WORD.fullmatch(w)) for w in words]
    return any(asides) and all(a or _ASIDE_FILLER.fullmatch(w) for a, w in zip(asides, words, strict=True))


_LOOKUPS = {Intent.PROPERTY_SEARCH, Intent.MARKET_INQUIRY}
# The deals themselves as what is asked for, at the end of the request: "은마 최근 3개월 거래", "분당 올해 상반기
# 전세 거래들", "2023년 거래만", "구미동이요, 거래만 다시" (실거래 alone names a price level: "아리팍 국평 재작년 실거래").
_DEALS_ASKED = re.compile(
    r"(?<!실)거래(?:들|내역|목록|사례)?(?:만|도|요|는|은)?"
    r"(?:\d{2,4}년도?|올해|작년|재작년|상반기|하반기|\d분기|최근)?"
    # "거래만 다시", "거래만요", "거래 내역만 한번 더요": the list asked again (after a correction)
    r"(?:다시|한번더|한번만|다시한번|또)?(?:요|이요|해줘|해주세요|부탁해요|부탁드려요)?$"
)
# "거래 보여줘", "매매 거래도 보여주세요": the deals asked for by the word 거래 alone.
# "거래 정리해줘", "거래 내역 모아줘": the deals gathered into a list.
_DEALS_SHOWN_BARE = re.compile(
    r"(?:실)?거래(?:가|들|내역)?(?:만|도|를|좀|따로|다|전부|쭉|한번){0,3}(?:보여|뽑아|정리해|정리좀|모아|추려)"
)
# A year said in digits, or the year in force pointed at ("같은 해 거래는", "그 해 거래도"): with a complex
# it asks what that complex traded at in that year.
_DIGIT_YEAR = re.compile(r"20\d{2}|(?<!\d)\d{2}년|같은해|(?<![가-힣])그해|같은연도|같은년도|동일연도|그년도")
# Homes or listings named as the things to show: "종암동 아파트 2024년 매매 거래 보여줘" lists them.
_ITEMS = re.compile(r"아파트|매물|목록|리스트|단지들|집들")
# The English words for a place's deals ("sales in 2023"), and homes or listings named as what to show
_SALES_EN = re.compile(r"\b(?:sales|deals|trades)\b")
_YEAR_EN = re.compile(r"\b20\d{2}\b")  # a year said ("recent deals", "last year's deals" list them)
_ITEMS_EN = re.compile(
    r"\b(?:listings?|list|lists|apartments|homes|units|flats|each|every|all (?:the )?(?:sales|deals))\b"
)
# A place said alone ("송파구 아파트", "분당 월세", "노원구 상계동", "분당 아파트 좀 보려고요"): someone starting
# to look around, not asking a price level; what follows narrows the search.
_BROWSE_REST = re.compile(
    r"^(?:아파트|매물|집|좀|보려고|보려구|볼게|볼래|보고싶|요|에서|쪽|은|는|도|매매|전세|월세|반전세|[.,~!]){0,12}$"
)


def _browsing(
    view: _Text, hits: list[Hit], money: list[MoneyMention], areas: list[AreaMention], dated: bool
) -> bool:
    """Only a 구/동 (with 아파트, a deal type or "좀 보려고요"): the start of a home search."""
    if money or areas or dated or not hits or any(h.kind not in ("sigungu", "dong") for h in hits):
        return False
    spans = [(view.nospace_index(h.start), view.nospace_index(h.end)) for h in hits]
    rest = mask(view.nospace, spans).replace(" ", "")
    return bool(_BROWSE_REST.match(rest))


# Deals to be shown, or asked whether any exist: "실거래 나온 거 보여주세요", "매매된 것들 뽑아줘"; with
# a price bound also "10억 이하 23년 실거래 있나", "Any … sold for under 1.2 billion?".
_DEALS_SHOWN_KO = re.compile(
    r"(?:거래|계약|매매|팔린|팔렸던|나온|나갔던)(?:된|됐던|한|했던)?(?:것|거|건|매물)들?(?:만|도|좀|다|전부|쭉){0,2}"
    r"(?:(?:이|가)?있(?:으면|다면|는지|나)|있는대로)?(?:좀|다|전부)?(?:보여|뽑아|추려|걸러|나열|리스트)"
)
_DEALS_EXIST_KO = re.compile(
    r"(?:보여(?:줘|주|줄|달)|뽑아|추려|걸러|있(?:나|어|었|을까|는지|으면|습니까|냐|니))"
)
# "any", "show me", or the homes named as what sold under the bound ("84 sqm apartments sold for under …")
_DEALS_EXIST_EN = re.compile(
    r"\b(?:any|show me|list|are there|is there"
    r"|(?:apartments|homes|units|flats|houses|condos)(?: that| which)?(?: were| have)? (?:sold|traded|went))\b"
)
# What a figure question asks for, so a bound with 있나/보여줘 stays a market question: "평균 얼마 있어?"
_FIGURE_WORDS_KO = re.compile(
    r"시세|평균|중위|중간값|몇건|몇개|거래량|추이|통계|얼마|상승|하락|올랐|떨어|변동|흐름"
)
_FIGURE_WORDS_EN = re.compile(r"\b(?:median|average|how (?:many|much)|trend|price level|what price)\b")


def _deals_listed(view: _Text, masked: str, bounded: bool, strong: dict[Intent, int]) -> None:
    """A request for the deals themselves is a search even beside 실거래/sold, the words of a market
    question; counts, averages and price levels keep it a market question (updates `strong`)."""
    if (
        Intent.PROPERTY_SEARCH in strong
        or _FIGURE_WORDS_KO.search(masked)
        or _FIGURE_WORDS_EN.search(view.norm)
    ):
        return
    shown = _DEALS_SHOWN_KO.search(masked)
    if shown is None and bounded:
        shown = _DEALS_EXIST_KO.search(masked) or _DEALS_EXIST_EN.search(view.norm)
        if shown is not None and shown.re is _DEALS_EXIST_EN:
            strong[Intent.PROPERTY_SEARCH] = 0
            strong.pop(Intent.MARKET_INQUIRY, None)
            return
    if shown is not None:
        strong[Intent.PROPERTY_SEARCH] = shown.start()
        strong.pop(Intent.MARKET_INQUIRY, None)


# Costs folded into a calculation ("취득세랑 중개수수료까지 감안해서 다시 계산"): inputs, not a fee question.
_COSTS_COUNTED = re.compile(
    r"(?:(?:취득세|보유세|세금|중개수수료|중개보수|복비|수수료|부대비용|비용)(?:랑|이랑|와|과|하고|,|및|도|까지|은|는){0,2}){1,4}"
    r"(?=(?:다|모두|전부|같이|함께)?(?:감안|포함|반영|넣어|넣고|고려|더해|빼고)[가-힣]{0,8}계산)"
)


def _described_spans(view: _Text) -> list[tuple[int, int]]:
    """Spans (in nospace) of words that only describe the numbers of another task (`_STATED_PRICE`)."""
    spans: list[tuple[int, int]] = []
    if not _MARKET_FIGURES.search(view.nospace):
        spans += [m.span() for m in _STATED_PRICE.finditer(view.nospace)]
    spans += [m.span("judged") for m in _FEE_JUDGED.finditer(view.nospace)]  # the fee word stays a cue
    spans += [m.span() for m in _COSTS_COUNTED.finditer(view.nospace)]
    roi = _CUES[Intent.ROI_CALCULATION]
    asks_yield = bool(roi.strong_ko and roi.strong_ko.search(view.nospace))
    if asks_yield or (roi.strong_en and roi.strong_en.search(view.norm)):
        spans += [m.span() for m in _RENT_OUT.finditer(view.nospace)]
    return spans


def _implied_tasks(
    view: _Text,
    masked: str,
    masked_norm: str,
    strong: dict[Intent, int],
    money: list[MoneyMention],
    priced: bool,
    placed: bool,
) -> None:
    """Tasks named by a question's shape rather than a task word, added to `strong` in place.

    Each applies only when no other task was named (a look-up cue such as 얼마/있는집 aside), so a
    generic word never turns a single request into two. A stated price at a named place with a
    judging word is a price question first ("은마 84 25억에 계약해도 돼?").
    """
    if not set(strong) <= _LOOKUPS:
        return
    judged = _EVAL_GENERIC.search(masked)
    judging = priced and bool(judged or _EVAL_GENERIC_EN.search(masked_norm))
    if judging and placed:
        strong[Intent.PRICE_EVALUATION] = judged.start() if judged else 0
        return
    rights = _RIGHTS_Q_KO.search(masked) if _RIGHTS_PARTY_KO.search(masked) else None
    if rights and _LETTING_AT.search(masked) and any(m.role == "monthly" for m in money):
        rights = None  # "보증금 1억에 월 200으로 놓으면 어떻게 돼?": what renting out at a rent yields
    if rights and rights.group().startswith("가능") and any(m.bound in ("max", "min") for m in money):
        rights = None  # "보증금 1억까지 가능해요": a budget stated, not a right asked about
    if rights:
        strong[Intent.LEGAL_INQUIRY] = rights.start()
        return
    rights_en = _RIGHTS_Q_EN.search(masked_norm) if _RIGHTS_PARTY_EN.search(masked_norm) else None
    if rights_en:
        strong[Intent.LEGAL_INQUIRY] = view.nospace_index(rights_en.start())
        return
    profit = _PROFIT.search(masked)
    if profit and any(m.role == "monthly" for m in money):
        strong[Intent.ROI_CALCULATION] = profit.start()
        return
    reach = _LOAN_REACH.search(masked)
    if (
        reach
        and not _LEASE_WORDS.search(masked)
        and any(m.role == "price" and m.bound == "exact" for m in money)
    ):
        strong[Intent.LOAN_CONSULT] = reach.start()
        return
    if judging:
        strong[Intent.PRICE_EVALUATION] = judged.start() if judged else 0


def _judged_part(view: _Text, masked: str, money: list[MoneyMention]) -> int | None:
    """Where one of two joined requests judges a price stated in it ("파크리오 84 22억이면 살만한지, 그리고
    연봉 1억이면 대출 얼마나 되는지"): a price question beside the other task, whose cue would otherwise keep
    the judging word from counting (`_implied_tasks` reads it only when no other task is named)."""
    joint = _TWO_REQUESTS.search(view.nospace)
    if joint is None:
        return None
    others = [c.strong_ko for i, c in _CUES.items() if i not in _LOOKUPS and i is not Intent.PRICE_EVALUATION]
    for start, end in ((0, joint.start()), (joint.end(), len(masked))):
        judged = _EVAL_GENERIC.search(masked, start, end)
        stated = any(
            m.bound == "exact" and m.role == "price" and start <= view.nospace_index(m.start) < end
            for m in money
        )
        if judged and stated and not any(c and c.search(masked, start, end) for c in others):
            return judged.start()
    return None


# A foreigner's standing (a visa, residence) or a purchase's papers (a funding plan): a loan or a look-up
# said with them is part of the legal question.
_STANDING_OR_PAPERS = re.compile(r"비자(?!카드)|체류자격|외국인|자금조달계획|조달계획서")
_STANDING_OR_PAPERS_EN = re.compile(
    r"\b(?:visas?|residence permit|residency|foreigners?|foreign nationals?|funding plan|source of funds)\b"
)


# "E-7 비자인데 대출 얼마나 나와요?", "can I get a mortgage, and how much?": an amount asked is the loan's
# calculation, which a foreigner's standing does not turn into a question of rules
_AMOUNT_ASKED = re.compile(r"얼마|몇억|한도|몇프로|몇퍼")
_AMOUNT_ASKED_EN = re.compile(r"\bhow much\b|\bhow many\b(?! days)|\bmaximum amount\b")


def _reduce(
    strong: dict[Intent, int],
    weak: dict[Intent, int],
    priced: bool,
    superlative: bool,
    two_requests: bool = False,
    located: bool = True,
) -> list[Intent]:
    """Strong-cue intents after dropping those another one already answers, in the order asked.

    `two_requests`: the message joins two requests ("…알려주고 …도"), so neither absorbs the other.
    `located`: it names a place, amount or size; without one a look-up cue beside a legal question is
    part of the question ("복비 상한 법 어디에 나와 있어?"), not a search.
    """
    present = dict(strong)
    if Intent.PRICE_EVALUATION in present and not priced:
        present.pop(Intent.PRICE_EVALUATION)  # "제일 비싼 아파트" ranks; it does not judge a price
        if not present:
            present[Intent.MARKET_INQUIRY] = strong[Intent.PRICE_EVALUATION]
    if Intent.PRICE_EVALUATION in present and not two_requests:
        present.pop(Intent.MARKET_INQUIRY, None)
    if Intent.LEGAL_INQUIRY in present and not located:
        for lookup in _LOOKUPS:
            present.pop(lookup, None)
    if Intent.PROPERTY_RECOMMENDATION in present and superlative:
        present.pop(Intent.PROPERTY_RECOMMENDATION)  # "제일 비싼 아파트 어디야" asks for a ranking
    if Intent.PROPERTY_RECOMMENDATION in present:
        present.pop(Intent.PROPERTY_SEARCH, None)
        if not priced:  # "수익률 5% 나오는 아파트 추천": the yield is a criterion, not a calculation
            present.pop(Intent.ROI_CALCULATION, None)
    if Intent.PROPERTY_SEARCH in present and Intent.MARKET_INQUIRY in present:
        search = 2 + weak.get(Intent.PROPERTY_SEARCH, 0)
        market = 2 + weak.get(Intent.MARKET_INQUIRY, 0)
        present.pop(Intent.MARKET_INQUIRY if search >= market else Intent.PROPERTY_SEARCH)
    if Intent.CONTRACT_CREATION in present and not two_requests:
        # "매매 계약서 초안 써줘 … 매매가 11억": the other words describe the contract to draft
        for described in (Intent.LEGAL_INQUIRY, *_LOOKUPS):
            present.pop(described, None)
    return sorted(present, key=lambda i: (present[i], _TASK_ORDER.index(i)))


def _only_names(norm: str, hits: list[Hit]) -> bool:
    """The message is nothing but names and particles ("은마", "은마는?")."""
    rest = mask(norm, [(h.start, h.end) for h in hits])
    return not _NAME_FILLER.sub("", rest)


def _housing_beyond_home(view: _Text, money: list[MoneyMention], areas: list[AreaMention]) -> bool:
    """A domain signal other than 집 meaning "home" ("집에 가고 싶다", "우리 집 강아지")."""
    home = [m.span() for m in _DOMAIN_HOME_KO.finditer(view.nospace)]
    rest = mask(view.nospace, home)
    return bool(_DOMAIN_KO.search(rest) or _DOMAIN_EN.search(view.norm) or money or areas)


def _has_domain_signal(view: _Text, money: list[MoneyMention], areas: list[AreaMention]) -> bool:
    """Real-estate words or amounts (a place name alone does not make 강남역 맛집 a housing question)."""
    return bool(_DOMAIN_KO.search(view.nospace) or _DOMAIN_EN.search(view.norm) or money or areas)


# ---------------------------------------------------------------------------------------------
# places


@dataclass
class _Places:
    sigungu_codes: list[str]
    dong: tuple[str, str] | None  # (동, code)
    complex: int | None
    complex_hit: Hit | None = None
    other_complexes: tuple[int, ...] = ()
    dong_parts: tuple[str, ...] = ()  # `dong` names several 법정동 of the data (성수동 → 1가, 2가)
    whole_sido: str | None = None  # "서울 아파트값": a 시도 the data covers whole, no 구 named


def _resolve_places(
    gaz: Gazetteer, view: _Text, hits: list[Hit], evidence: bool, result: NluResult
) -> _Places:
    """구, 동 and complex of a message's hits (a complex is only taken where `_choose_complex` agrees).

    "성남" stands for 분당구 only while no other part of 성남 (중원구, a foreign place) is named; a
    group nickname (엘리트) yields to a member named in the same message; a place followed by
    "N단지" ("목동 7단지") names that numbered complex when no alias did.
    """
    # 중구 is ours, 부산 중구 is not; 진주 is a city, 잠실 진주 a complex
    meant = place_choices(hits)
    hits = [Hit(h.start, h.end, h.alias, ts, h.fuzzy_score) for h, ts in zip(hits, meant, strict=True)]
    foreign = any(t.kind == "foreign" and not t.code.endswith("000") for h in hits for t in h.targets)
    sigungu_codes: list[str] = []
    outside: list[Target] = []
    for hit in hits:
        if same := same_name_labels(gaz, hit):  # 서울 중구 and 부산 중구 both loaded: planning asks which
            _add_ambiguity(result, view.norm[hit.start : hit.end], "", same, SAME_NAME)
            continue
        for t in hit.targets:
            if t.kind == "sigungu" and t.note and foreign:
                continue
            if t.kind == "sigungu" and t.code not in sigungu_codes:
                sigungu_codes.append(t.code)
                if t.note:
                    _add_ambiguity(result, view.norm[hit.start : hit.end], "분당구", ["분당구"], t.note)
            if t.kind == "foreign":
                outside.append(t)
    _add_outside(result, outside, sigungu_codes)
    dong, parts = None, ()
    dong_hits = [h for h in hits if h.kind == "dong"]
    # "판교 운중동", "잠실 신천동": an area said loosely, then the 동 said in full — the 동 is the filter
    exact = [h for h in dong_hits if _DONG_IN_FULL.search(view.norm[h.start : h.end])]
    loose = [h for h in dong_hits if h not in exact]
    for hit in exact[:1] if exact and loose and len(exact) + len(loose) == len(dong_hits) else dong_hits:
        dong, parts = _choose_dong(gaz, view.norm[hit.start : hit.end], hit.targets, sigungu_codes, result)
        break
    chosen: list[tuple[int, Hit]] = []
    for hit in (h for h in hits if h.kind == "complex"):
        index = _choose_complex(gaz, view, hit, sigungu_codes, dong, evidence, result)
        if index is not None:
            chosen.append((index, hit))
    chosen = _numbered_member_first(gaz, chosen)
    named = {i for i, h in chosen if not any(t.group for t in h.targets)}  # named on its own
    chosen = [
        (i, h)
        for i, h in chosen
        if not (any(t.group for t in h.targets) and named & {t.index for t in h.targets})
    ]
    if not chosen:
        for hit in (h for h in hits if h.kind in ("sigungu", "dong")):
            code = dong[1] if dong else (sigungu_codes[0] if sigungu_codes else "")
            numbered, end = (
                gaz.numbered_after(view.norm, hit, code, dong[0] if dong else "") if code else ((), 0)
            )
            if numbered:
                best = max(numbered, key=lambda i: gaz.complexes[i].rows)
                if len(numbered) > 1:
                    names = [gaz.complexes[i].name for i in numbered]
                    reason = "같은 번호의 단지가 여러 곳; 거래가 가장 많은 단지를 선택"
                    _add_ambiguity(
                        result, view.norm[hit.start : hit.end], gaz.complexes[best].name, names, reason
                    )
                chosen.append((best, Hit(hit.start, end, view.norm[hit.start : end], hit.targets)))
                break
    if not chosen:
        return _Places(sigungu_codes, dong, None, dong_parts=parts)
    first, first_hit = chosen[0]
    if first_hit is not None and first_hit.fuzzy_score is not None and first is not None:
        # "레미안퍼스티지" read as 래미안퍼스티지 by its folded spelling: said, like any typo read
        name = gaz.complexes[first].name
        _add_ambiguity(
            result,
            first_hit.alias,
            name,
            [name],
            f"오타로 보고 가장 비슷한 단지로 해석 (유사도 {first_hit.fuzzy_score:.0f})",
        )
    return _Places(sigungu_codes, dong, first, first_hit, tuple(i for i, _ in chosen[1:]), parts)


def _numbered_member_first(gaz: Gazetteer, chosen: list[tuple[int, Hit]]) -> list[tuple[int, Hit]]:
    """ "봇들마을 쪽 … 봇들3단지": a family said without a number yields to its member said with one."""
    numbered = [(i, h) for i, h in chosen if re.search(r"\d", h.alias) and family_stem(gaz.complexes[i].name)]
    if not numbered or len(numbered) == len(chosen):
        return chosen
    stems = {family_stem(gaz.complexes[i].name) for i, _ in numbered}

    def family_only(i: int, h: Hit) -> bool:
        stem = family_stem(gaz.complexes[i].name)
        return not re.search(r"\d", h.alias) and bool(stem) and stem in stems

    return [(i, h) for i, h in chosen if not family_only(i, h)]


def _add_outside(result: NluResult, outside: list[Target], our_codes: list[str]) -> None:
    """Name each outside place once, most precisely: "부산 해운대구" is 부산광역시 해운대구 alone, and
    "경기도 분당구" names no outside place (the 시도 only locates our 분당구)."""
    ours = {code[:2] for code in our_codes}
    notes = [t.note for t in outside if not (t.code.endswith("000") and t.code[:2] in ours)]
    for note in notes:
        within = any(other.startswith(note + " ") for other in notes)
        if not within and note not in result.unknown_regions:
            result.unknown_regions.append(note)


_DONG_IN_FULL = re.compile(r"(?:동|\d가|dong)$")  # "운중동", "unjung-dong"; not the area "판교", "pangyo"


def _choose_dong(
    gaz: Gazetteer, mention: str, targets: tuple[Target, ...], codes: list[str], result: NluResult
) -> tuple[tuple[str, str], tuple[str, ...]]:
    """(동, code) and, for a name that covers several 법정동 of one 구 (성수동 → 성수동1가, 성수동2가),
    all of them: the answer then covers the whole 동 the user named."""
    candidates = [(t.dong, t.code) for t in targets]
    in_region = [c for c in candidates if c[1] in codes]
    pool = in_region or candidates
    name = mention.replace(" ", "")
    if len(pool) > 1 and len({c for _, c in pool}) == 1 and name not in {d for d, _ in pool}:
        group = name if name.endswith("동") else _DONG_PART.sub("", pool[0][0])
        return (group, pool[0][1]), tuple(sorted(d for d, _ in pool))
    best = max(pool, key=lambda c: gaz.dong_rows.get(c, 0))
    if len(pool) > 1:
        names = [f"{_sigungu_name(gaz, c)} {d}" for d, c in pool]
        reason = (
            "같은 이름의 동이 여러 구에 있음" if len({c for _, c in pool}) > 1 else "여러 법정동을 묶는 이름"
        )
        _add_ambiguity(
            result,
            mention,
            f"{_sigungu_name(gaz, best[1])} {best[0]}",
            names,
            reason + "; 거래가 가장 많은 곳을 선택",
        )
    return best, ()


def _choose_complex(
    gaz: Gazetteer,
    view: _Text,
    hit: Hit,
    codes: list[str],
    dong: tuple[str, str] | None,
    evidence: bool,
    result: NluResult,
) -> int | None:
    """The complex a hit means, preferring the mentioned 동/구; None when it is too generic to tell."""
    targets = [t for t in hit.targets if t.kind == "complex"]
    by_dong = [t for t in targets if dong and (t.dong, t.code) == dong]
    by_code = [t for t in targets if t.code in codes or (dong and t.code == dong[1])]
    pool = by_dong or by_code
    narrowed = bool(pool)
    if not pool:
        pool = [t for t in targets if not t.weak]
        # "청솔9단지 월세": of namesakes in several places, a lease asked for is one where leases are held
        leased = [t for t in pool if t.code in gaz.lease_codes]
        if leased and len(leased) < len(pool) and _names_lease(view):
            pool = leased
        distinct_codes = {t.code for t in pool}
        if len(distinct_codes) > MAX_SIGUNGU_FOR_UNPLACED and len(hit.alias) > 2:
            dominant = _dominant(gaz, pool)  # "파크뷰" alone: the one with nearly all the deals is meant
            if len(dominant) == 1:
                names = [f"{gaz.complexes[t.index].name} ({gaz.complexes[t.index].dong})" for t in pool]
                info = gaz.complexes[dominant[0].index]
                reason = "같은 이름의 단지가 여러 곳; 거래가 대부분인 단지를 선택"
                _add_ambiguity(
                    result, view.norm[hit.start : hit.end], f"{info.name} ({info.dong})", names, reason
                )
                return dominant[0].index
        if (
            not pool
            or len(distinct_codes) > MAX_SIGUNGU_FOR_UNPLACED
            or (len(hit.alias) <= 2 and len(pool) > 1)
        ):
            return None  # a brand ("현대", "래미안") without a place names nothing in particular
    if not narrowed and (codes or dong) and len(hit.alias) < 4:
        return None  # "분당 구미동" must not become 서대문구's 미동: outside the named place, a short name is not enough
    if len(hit.alias) <= 2 and not narrowed and not (evidence or _followed_by_number(view.norm, hit)):
        return None  # "영화 추천해줘" is not the 영화 아파트
    if all(t.weak for t in pool) and not narrowed and len(hit.alias) < 4:
        return None
    best = max(pool, key=lambda t: gaz.complexes[t.index].rows)
    if len(pool) > 1:
        names = [f"{gaz.complexes[t.index].name} ({gaz.complexes[t.index].dong})" for t in pool]
        chosen = f"{gaz.complexes[best.index].name} ({gaz.complexes[best.index].dong})"
        _add_ambiguity(
            result,
            view.norm[hit.start : hit.end],
            chosen,
            names,
            "여러 단지가 같은 이름; 거래가 가장 많은 단지를 선택",
        )
    elif not narrowed and (codes or dong):
        info = gaz.complexes[best.index]
        _add_ambiguity(
            result, view.norm[hit.start : hit.end], info.name, [info.name], "단지가 언급된 지역 밖에 있음"
        )
    return best.index


def _names_lease(view: _Text) -> bool:
    nospace = _BOTH_RENTS.sub("   ", view.nospace)
    m = _DEAL_EXPLICIT_EN.search(view.norm)
    return bool(re.search(r"전세|전셋|월세|반전세|보증금", nospace) or (m and (m["jeonse"] or m["wolse"])))


DOMINANT_ROWS = 200  # a complex this traded, with DOMINANT_RATIO times the deals of any namesake,
DOMINANT_RATIO = 20  # is the one a name said without a place means (the rest are listed as ambiguous)


def _dominant(gaz: Gazetteer, pool: list[Target]) -> list[Target]:
    ranked = sorted(pool, key=lambda t: gaz.complexes[t.index].rows, reverse=True)
    top = gaz.complexes[ranked[0].index].rows
    rest = max((gaz.complexes[t.index].rows for t in ranked[1:]), default=0)
    return pool if top < DOMINANT_ROWS or top < DOMINANT_RATIO * rest else ranked[:1]


def _followed_by_number(norm: str, hit: Hit) -> bool:
    return bool(_LEADING_DIGIT.match(norm[hit.end :]))


_FUZZY_SKIP = re.compile(
    "|".join(p.pattern for c in _CUES.values() for p in (c.strong_ko, c.weak_ko) if p is not None)
    + r"|아파트|알려|주세요|해줘|할까|싶어|좋을|어떤|얼마나|나와|가능|계산|부탁|그리고|정도|근처|동네|있는"
)


_STATION = re.compile(r"[가-힣]역(?:근처|앞|주변|쪽|인근)?$|\bstation$")

_PARTICLE_PILE = re.compile(
    r"(?:은|는|이|가|을|를|의|도|에|에서|에선|에는|로|으로|만|요|이요|랑|이랑|쪽|이나)+"
)

_ENGLISH_STOPWORDS = frozenset(_words("""
a an the in on at of for to from by with and or but is are was were be been am do does did have has
had i me my we our you your it its this that these those what which who whom how much many when
where why can could would should will shall may might must please show find tell give list search
recent recently latest current price prices trend trends average median mean sale sales sold sell
buy buying purchase rent rental monthly jeonse deposit apartment apartments apt flat flats unit
units house housing home homes property properties real estate square meter meters metre metres sqm
pyeong won krw million billion under over below above between than more less about around near fair
good deal worth expensive cheap market transactions transaction volume history year years month
months last this since before after bedroom bedrooms room rooms area areas district gu dong seoul
korea loan mortgage income salary yield return deals trades sales up down only just looking want need
change changed update switch compare increase decrease raise lower set make check keep move add remove
instead then also again okay thanks thank sorry maybe rather either other another same different
interest rate rates budget cheaper cheapest bigger smaller larger largest size sizes floor option options
nearby around school schools kids children commute station subway work office week weeks day days today
yesterday tomorrow number count total quarter half first second third spring summer autumn fall winter
beginning end early late middle
"""))  # fmt: skip


def _complex_by_words(gaz: Gazetteer, view: _Text, places: _Places) -> _Places:
    """A complex named with its words in another order inside the named 구/동 ("상도동 힐스테이트
    센트럴파크" for 힐스테이트 상도 센트럴파크): taken only when one name fits."""
    code = (
        places.dong[1]
        if places.dong
        else (places.sigungu_codes[0] if len(places.sigungu_codes) == 1 else None)
    )
    if code is None:
        return places
    index = gaz.complex_by_words(
        view.norm, code, places.dong[0] if places.dong and not places.dong_parts else None
    )
    if index is None:
        return places
    return replace(places, complex=index)


def _fuzzy_complex(
    gaz: Gazetteer, view: _Text, hits: list[Hit], places: _Places, result: NluResult
) -> _Places:
    """A misspelt complex ('레미안 퍼스티지', '헬리오씨티'): jamo-level fuzzy match on leftover words.

    Outside the named 구/동 a guess needs a near-exact score (92): "흑석동 전용" is no complex.
    """
    outside_cutoff = 92.0
    within = places.dong[1] if places.dong else (places.sigungu_codes[0] if places.sigungu_codes else None)
    for query, start, end, place in _fuzzy_queries(view.norm, hits):
        found = gaz.fuzzy_complex(query, within, place) if within else None
        if found is not None and within and (found.fuzzy_score or 0) < outside_cutoff:
            # English names are matched over every 구: a guess outside the named one needs the same score
            found = found if any(t.code == within for t in found.targets if t.kind == "complex") else None
        if found is None:
            found = gaz.fuzzy_complex(query, None, place)
            if found is not None and within and (found.fuzzy_score or 0) < outside_cutoff:
                found = None
        if found is None:
            continue
        found = Hit(start, end, found.alias, found.targets, found.fuzzy_score)
        pool = [t for t in found.targets if t.kind == "complex"]
        if places.dong:
            pool = [t for t in pool if (t.dong, t.code) == places.dong] or pool
        best = max(pool, key=lambda t: gaz.complexes[t.index].rows)
        info = gaz.complexes[best.index]
        _add_ambiguity(
            result,
            query,
            info.name,
            [info.name],
            f"오타로 보고 가장 비슷한 단지로 해석 (유사도 {found.fuzzy_score:.0f})",
        )
        return _Places(places.sigungu_codes, places.dong, best.index, found)
    return places


def _fuzzy_queries(norm: str, hits: list[Hit]) -> list[tuple[str, int, int, str]]:
    """Words (and adjacent pairs) that could be a misspelt complex name: not cue words or numbers.

    A pair may start with a word that already named a place ("jamsil els", "잠실 엘쓰"); that word
    is returned as the query's place, which the complex name must then start with. A place never
    ends a pair and a single word must be new; Korean queries need 3+ letters, English ones 5+;
    words starting with a digit ("10억", "84타입") are never part of a name. Spans are in `norm`.
    """
    words: list[tuple[str, bool, int, int, bool]] = []
    for m in _WORD_RUN.finditer(norm):
        word = strip_particle(m.group(), NAME_TAILS, min_stem=0)
        # "흑석동만": the place name with a particle is covered too (no 흑석동양 guessed from it)
        over = [h for h in hits if h.start <= m.start() and m.start() + max(len(word), 1) <= h.end]
        # "문정동은요": a place with particles piled on is that place (no 문정동아 guessed from it)
        over = over or [
            h
            for h in hits
            if h.start == m.start() < h.end < m.end() and _PARTICLE_PILE.fullmatch(norm[h.end : m.end()])
        ]
        is_place = any(h.kind in ("sigungu", "dong", "foreign") for h in over)
        if len(word) < 2 or word[0].isdigit() or word in _ENGLISH_STOPWORDS or _FUZZY_SKIP.match(word):
            word = ""
        if _STATION.search(word):  # "강남역 근처": a station is a place, never a misspelt complex
            word, is_place = "", True
        words.append((word, bool(over), m.start(), m.start() + len(word), is_place))
    # English names run longer, and the longest run of new words says most: "Mapo Raemian Purgio",
    # "Gyunghee-gung Xi 2" are tried whole first (a leading place word is the query's place)
    queries: list[tuple[str, int, int, str]] = [
        ("".join(w[0] for w in run), run[0][2], run[-1][3], run[0][0] if run[0][4] else "")
        for run in (words[i : i + n] for n in (4, 3) for i in range(len(words) - n + 1))
        if all(w[0] and w[0].isascii() for w in run)
        and not any(w[4] for w in run[1:])
        and not all(w[1] for w in run)
    ][:MAX_FUZZY_RUNS]
    for first, second in itertools.pairwise(words):
        if (
            first[0]
            and second[0]
            and not (first[1] and second[1])
            and not second[4]
            and first[0].isascii() == second[0].isascii()
        ):
            queries.append((first[0] + second[0], first[2], second[3], first[0] if first[4] else ""))
    for word, covered, start, end, _ in words:
        if word and not covered and (len(word) >= 5 if word.isascii() else len(word) >= 3):
            queries.append((word, start, end, ""))
            queries.extend(
                (form, start, start + len(form), "") for form in _unstripped_forms(norm, start, word)
            )
    return [q for q in queries if len(compact(q[0])) >= 3][:MAX_FUZZY_QUERIES]


def _unstripped_forms(norm: str, start: int, word: str) -> list[str]:
    """Other cuts of a Korean word whose tail looked like a particle: a name may end in one ("반포쟈이"
    is not 반포쟈 + 이) and a name may carry several ("고덕그라시엄만요"), so the whole word and the
    word with its particle pile cut are tried too."""
    m = _WORD_RUN.match(norm, start)
    if m is None or word.isascii():
        return []
    raw = m.group()
    pile = _PARTICLE_PILE_END.search(raw)
    cut = raw[: pile.start()] if pile else raw
    return [f for f in dict.fromkeys((raw, cut)) if f != word and len(f) >= 3]


_PARTICLE_PILE_END = re.compile(
    r"(?:은|는|이|가|을|를|의|도|에|에서|에선|에는|로|으로|만|요|이요|랑|이랑|쪽|이나){1,4}$"
)


def _sigungu_name(gaz: Gazetteer, code: str) -> str:
    sg = gaz.sigungu_by_code(code)
    return sg.said if sg else code  # "부산 중구" where the data has two 중구


def _add_ambiguity(result: NluResult, mention: str, chosen: str, candidates: list[str], reason: str) -> None:
    result.ambiguities.append(Ambiguity(mention=mention, chosen=chosen, candidates=candidates, reason=reason))


_SEOUL = re.compile(r"서울(?:시|특별시)?|\bseoul\b")


def _whole_sido(view: _Text, places: _Places, result: NluResult) -> str | None:
    """ "서울 아파트값", "Seoul prices": the whole of Seoul when no 구, 동 or complex narrows it."""
    named = places.sigungu_codes or places.dong or places.complex is not None or result.unknown_regions
    if named or not (_SEOUL.search(view.nospace) or _SEOUL.search(view.norm)):
        return None
    return "11"


def _fill_places(slots: Slots, gaz: Gazetteer, places: _Places) -> None:
    if places.complex is not None:
        info = gaz.complexes[places.complex]
        slots.complex, slots.complex_id = info.name, info.complex_id
        slots.dong, slots.sigungu_code = info.dong, info.sigungu_code
    elif places.dong:
        slots.dong, slots.sigungu_code = places.dong
        slots.dong_parts = list(places.dong_parts) or None
    elif places.sigungu_codes:
        slots.sigungu_code = places.sigungu_codes[0]
    if slots.sigungu_code:
        slots.sigungu = _sigungu_name(gaz, slots.sigungu_code)
    elif places.whole_sido:
        slots.sido_code = places.whole_sido


def _entities(gaz: Gazetteer, places: _Places) -> list[Entity]:
    found: list[Entity] = []
    for index in ([places.complex] if places.complex is not None else []) + list(places.other_complexes):
        info: ComplexInfo = gaz.complexes[index]
        found.append(Entity(type="complex", name=info.name, id=info.entity_id))
    dong = places.dong
    if places.complex is not None:
        info = gaz.complexes[places.complex]
        dong = (info.dong, info.sigungu_code)
    if dong:
        found.append(Entity(type="dong", name=dong[0], id=dong_entity_id(dong[1], dong[0])))
    codes = [dong[1]] if dong else []
    codes += [c for c in places.sigungu_codes if c not in codes]
    for code in codes:
        found.append(Entity(type="sigungu", name=_sigungu_name(gaz, code), id=sigungu_entity_id(code)))
    return found


# ---------------------------------------------------------------------------------------------
# slots


def _law_reference(view: _Text) -> tuple[str | None, str | None, list[tuple[int, int]]]:
    named = law_named_in(view.nospace)
    law_name = slot_law_name(named, view.norm) if named else None
    article = None
    spans: list[tuple[int, int]] = []
    for m in _ARTICLE_SPAN.finditer(view.norm):
        inner = _ARTICLE.search(m.group().replace(" ", ""))
        alone = _ARTICLE_ALONE.fullmatch(view.nospace, view.nospace_index(m.end()))
        # "제3조", "주임법 3조", "3조의2", "3조도요": an article; a bare "3조" in a longer message may be money
        if inner and (inner["je"] or law_name or inner["sub"] or (alone and m.start() == 0)):
            article = article or (inner["no"] + (f"의{inner['sub']}" if inner["sub"] else ""))
            spans.append(m.span())
    english = _ARTICLE_EN.search(view.norm)
    if english and article is None:
        article = english["no"] + (f"의{english['sub']}" if english["sub"] else "")
        spans.append(english.span())
    return law_name, article, spans


def _fill_area(
    slots: Slots,
    areas: list[AreaMention],
    norm: str,
    places: _Places,
    units_text: str = "",
    intent: Intent | None = None,
) -> None:
    low, high = merge_areas(areas)
    if low is None and high is None and places.complex_hit is not None and places.complex_hit.end:
        bare = _BARE_AREA_AFTER.match(norm[places.complex_hit.end :])
        if bare and 20 <= float(bare["v"]) <= 300:
            low, high = area_band(float(bare["v"]))
    if low is None and high is None and intent in _SIZE_INTENTS:
        sizes = [float(m["v"]) for m in _BARE_SIZE.finditer(units_text)]
        if len(sizes) == 1 and 20 <= sizes[0] <= 300:
            low, high = area_band(sizes[0])
    slots.area_min_m2, slots.area_max_m2 = low, high


# A size said with only words that set it ("평수 59로 제한", "59 only", "84로 맞춰줘"): a follow-up's change
_SIZE_CHANGE_REST = re.compile(
    r"^(?:평수|면적|평형|크기|사이즈|size|sizes?|전용|only|just|로|으로|만|제한|한정|맞춰|기준|짜리|타입|해줘|해주세요"
    # "아니다 59로 다시, 재작년 기준", "평수는 59로 바꿔주세요", "22년꺼로 보고 59로 바꿔줘": a changed period beside it
    r"|바꿔|바꿔서|변경|다시|아니다|아니|아니고|말고|보고|보면|볼게|주세요|서|\d{2,4}년(?:도)?|재작년|작년|올해|꺼로|거로|걸로|그리고|하고"
    # "59 위주로", "84 위주로 봐줘", "59 중심으로 보여주세요", "mostly 84": the size the search is about
    r"|위주|중심|봐|보여|mostly|mainly|focus\son"
    # "방 작은 거 괜찮아요 59 정도", "좁아도 돼요 59쯤", "59 or so is fine": a size settled for, roughly
    r"|정도|쯤|내외|전후|안팎|정도면|정도로|쯤으로|면|이면|돼요|돼|되요|됨|괜찮아요|괜찮|작은|작아도|좁아도|방|거|좀|평수"
    r"|(?<![a-z])(?:around|about|or so|is fine|fine|ok|okay|works|smaller|small)(?![a-z])"
    # "and the 84s?", "what about 59s", "how about the 84 ones": the size asked in English
    r"|(?<![a-z])(?:and|the|what about|how about|those|ones?|apartments?|homes?|flats?|sqm|m2|instead|s)(?![a-z])"
    r"|줘|요|은|는|[?？!.~,\s]){0,20}$"
)


def _fill_size_change(slots: Slots, units_text: str) -> None:
    sizes = list(_BARE_SIZE.finditer(units_text))
    if len(sizes) != 1 or not 20 <= float(sizes[0]["v"]) <= 300:
        return
    rest = units_text[: sizes[0].start()] + " " + units_text[sizes[0].end() :]
    if _SIZE_CHANGE_REST.match(rest):
        slots.area_min_m2, slots.area_max_m2 = area_band(float(sizes[0]["v"]))


# Where the parts of a two-part message meet ("… 실거래 그리고 전세 재계약할때 갱신요구권 …")
_PART_BREAK = re.compile(
    r"그리고|(?<=[가-힣])(?:이)?랑\s|(?<=[가-힣])하고\s|[,.?!;]|\b(?:and also|also|plus|and)\b"
)


def _data_part(view: _Text) -> _Text:
    """The message without its parts that ask only a question of law: in "파크리오 국평 재작년 실거래
    그리고 전세 재계약할때 갱신요구권 몇번 …" the 전세 belongs to the rule asked, not to the deals."""
    legal, market = _CUES[Intent.LEGAL_INQUIRY], _CUES[Intent.MARKET_INQUIRY]
    bounds = [0] + [m.end() for m in _PART_BREAK.finditer(view.norm)] + [len(view.norm)]
    parts = [(a, b) for a, b in itertools.pairwise(bounds) if view.norm[a:b].strip()]

    def of_law(a: int, b: int) -> bool:
        text = view.norm[a:b]
        nospace = text.replace(" ", "")
        said = (legal.strong_ko and legal.strong_ko.search(nospace)) or (
            legal.strong_en and legal.strong_en.search(text)
        )
        data = (market.strong_ko and market.strong_ko.search(nospace)) or _DEAL_IMPLIED_SALE.search(nospace)
        return bool(said) and not data

    lawful = [(a, b) for a, b in parts if of_law(a, b)]
    if not lawful or len(lawful) == len(parts):
        return view
    chars = list(view.norm)
    for a, b in lawful:
        chars[a:b] = ["#" if c != " " else c for c in chars[a:b]]
    norm = "".join(chars)
    return _Text(norm, norm.replace(" ", ""))


def _fill_deal_type(slots: Slots, view: _Text, intent: Intent, sub_intents: tuple[Intent, ...] = ()) -> None:
    if intent == Intent.ROI_CALCULATION:
        return
    if Intent.ROI_CALCULATION in sub_intents and not set(sub_intents) & _LISTING_TASKS:
        return  # "7억짜리 사서 월세 놓으면 수익률 얼마고 … 대출 얼마": the 월세 is the yield's, no deal looked up
    if intent is Intent.COMPREHENSIVE:
        view = _data_part(view)
    nospace = _BOTH_RENTS.sub("   ", view.nospace)  # 전월세 names both, so neither
    if intent in _BUY_TASKS and (_BUY_TO_LET.search(nospace) or _BUY_TO_LET_EN.search(view.norm)):
        slots.deal_type = "매매"  # "월세 잘 나오는 아파트 추천": the rent is the income of a home bought
        return
    candidates: list[tuple[int, str]] = []
    m = _DEAL_EXPLICIT_KO.search(nospace)
    if m:
        kind = {"반전세": "월세", "전셋": "전세", "전새": "전세"}.get(m.group(), m.group())
        candidates.append((m.start(), kind))
    m = _DEAL_EXPLICIT_EN.search(view.norm)
    if m:
        kind = "전세" if m["jeonse"] else "월세" if m["wolse"] else "매매"
        candidates.append((view.nospace_index(m.start()), kind))
    if candidates:
        slots.deal_type = min(candidates)[1]  # type: ignore[assignment]
        return
    implied = _DEAL_IMPLIED_SALE.search(
        _DATA_WORDS.sub(" ", view.nospace) if intent is Intent.LEGAL_INQUIRY else view.nospace
    )
    lease = (
        _LEASE_TERMS.search(view.nospace)
        or _BOTH_RENTS.search(view.nospace)
        or _LEASE_TERMS_EN.search(view.norm)
    )
    deals = _DEALS_WORD.search(view.nospace) or _DEALS_WORD_EN.search(view.norm)
    for_sale = (_FOR_SALE.search(view.nospace) or deals) and not lease
    # a place's home prices, in English; a follow-up's "and the median price?" keeps the deal in force
    placed = slots.sigungu_code is not None or slots.sido_code is not None
    homes = _PRICES_EN.search(view.norm) and not _OTHER_HOMES_EN.search(view.norm)
    for_sale = for_sale or bool(placed and homes and not lease)
    # "관악구 거래량이랑 전세사기 당하면 …": a two-part message's look-up reads its deals as one
    listing = intent in _LISTING_TASKS or bool(set(sub_intents) & _LISTING_TASKS)
    if implied or (listing and for_sale):
        slots.deal_type = "매매"


# A home bought to let ("투자용으로 … 월세 잘 나오는 아파트 추천", "전세 끼고 살 만한 단지", "rent it out"):
# the lease is the income it brings, the deal looked for is a sale.
_BUY_TASKS = {Intent.PROPERTY_RECOMMENDATION, Intent.PROPERTY_SEARCH}
_BUY_TO_LET = re.compile(
    r"월세(?:가|를|도)?(?:잘|많이|꾸준히|높게|쏠쏠하게)?(?:나오|받|들어오)|월세수익(?!률)|임대수익(?!률)|세(?:를)?놓기|세주기"
    r"|갭투자|전세(?:를)?끼고"
)
_BUY_TO_LET_EN = re.compile(
    r"(?:rent (?:it|them) out|rental income|buy[- ]to[- ]let|let (?:it|them) out|as an investment|to invest)"
)
# "10억대 매물 리스트": a home on the market, with no lease named, is one for sale (not in questions of law,
# where "허위매물" is any listing).
_FOR_SALE = re.compile(r"(?<!허위)(?<!가짜)(?<!미끼)매물")
_LEASE_TERMS = re.compile(r"월\d|보증금|렌트")  # "월 100 매물": a rent stated, so a lease on the market
_LISTING_TASKS = {Intent.PROPERTY_SEARCH, Intent.MARKET_INQUIRY, Intent.PROPERTY_RECOMMENDATION}
# "대장동 아파트 2023년 거래 보여줘": deals looked up with no lease named are sales (every older set agrees)
_DEALS_WORD = re.compile(r"거래")
# the same in English: "show me deals from 2025", "transactions in Mapo" (not "a good deal", a judgement)
_DEALS_WORD_EN = re.compile(r"\b(?<!good )(?<!great )(?<!fair )(?<!bad )(?:deals|transactions?|trades)\b")
_LEASE_TERMS_EN = re.compile(r"\b(?:deposits?|rents?|renting|rental|lease|leasing|tenants?|landlords?)\b")


# "분당 apt 국평 price 2025", "What are Mapo apartment prices like": a home's price looked up, like 집값,
# is its sale price (a price judged, "is 2.4 billion a fair price", names no deal: not a look-up task)
_PRICES_EN = re.compile(
    r"\b(?<!asking )(?<!rent )(?<!rental )(?<!deposit )prices?\b"
    r"(?! (?:up to|under|below|over|above|cap|limit|is|was|were|of \d|would|goes|drops|went))"
)
# Homes the data does not hold: their price names no deal type ("officetel prices in Bundang")
_OTHER_HOMES_EN = re.compile(
    r"\b(?:officetels?|villas?|studios?|one-?rooms?|offices?|shops?|stores?|land|commercial)\b"
)


# The data's sale words: in a question of law "실거래 신고" reports any deal, not a purchase.
_DATA_WORDS = re.compile(r"실거래가?|거래가|집값|아파트값")


_DEPOSIT_RANGE_GAP = re.compile(r"^\s?(?:~|-|–|에서|부터)\s?$")


def _deposit_ranges(money: list[MoneyMention], text: str) -> list[MoneyMention]:
    """A range said after 보증금 ("보증금 3~5억"): both ends are deposit bounds.

    `parse_money` pairs a range within one role only, and the word 보증금 reaches the first amount.
    """
    out = list(money)
    for i in range(len(out) - 1):
        low, high = out[i], out[i + 1]
        if (
            low.role == "deposit"
            and high.role == "price"
            and low.bound == high.bound == "exact"
            and low.manwon <= high.manwon
            and _DEPOSIT_RANGE_GAP.match(text[low.end : high.start])
        ):
            out[i] = replace(low, bound="min")
            out[i + 1] = replace(high, bound="max", role="deposit")
    return out


def _fill_money(
    slots: Slots, money: list[MoneyMention], text: str, intent: Intent, sub_intents: list[Intent]
) -> None:
    parts = set(sub_intents) | {intent}
    calculator = bool(parts & _CALCULATOR_INTENTS)
    # a deposit bound in a look-up or recommendation bounds the price (the rent contract's price)
    deposit_bounds_price = bool(parts & (_LOOKUPS | {Intent.PROPERTY_RECOMMENDATION}))
    budget = bool(parts & _BUDGET_INTENTS) and not calculator
    jeonse_is_deposit = bool(parts & {Intent.ROI_CALCULATION, Intent.LOAN_CONSULT, Intent.CONTRACT_CREATION})
    # "모은 돈이 3억 조금 넘어요 … 7억 이하로 매매된 아파트": an amount said with a bound is the search's
    # bound; a bare amount told alongside it is the story (savings, a sale heard of), not a budget
    bounded = any(m.role == "price" and (m.bound != "exact" or m.upper_manwon is not None) for m in money)
    if not budget:
        money = _replaced_amounts(money, text)
    if calculator:
        money = _after_switch(money, text, jeonse_is_deposit)
    part_paid = [m for m in money if m.role == "price" and _is_part_payment(text, m)]
    if len(part_paid) < sum(m.role == "price" for m in money):
        money = [m for m in money if m not in part_paid]  # "8천 계약금으로 … 매매가는 8억": the price is 8억
    for m in money:
        role = m.role
        if budget and bounded and role == "price" and m.bound == "exact" and m.upper_manwon is None:
            continue
        if (
            role == "price"
            and jeonse_is_deposit
            and _JEONSE_BEFORE.search(text[max(0, m.start - 6) : m.start])
        ):
            role = "deposit"  # "매매 7억 전세 5억": the 전세 is the tenant's deposit
        if role == "income":
            slots.annual_income_manwon = slots.annual_income_manwon or m.manwon
        elif role == "monthly":
            if parts & {Intent.ROI_CALCULATION, Intent.CONTRACT_CREATION}:
                slots.monthly_rent_manwon = slots.monthly_rent_manwon or m.manwon
            elif m.bound != "min":
                cap = m.manwon - 1 if m.strict and m.bound == "max" else m.manwon  # 월 200 미만 → 199
                slots.monthly_rent_max_manwon = slots.monthly_rent_max_manwon or cap
        elif role == "deposit" and m.bound != "exact" and deposit_bounds_price:
            _fill_price(slots, m, budget)
        elif role == "deposit" and (calculator or (m.bound == "exact" and not budget)):
            slots.deposit_manwon = slots.deposit_manwon or m.manwon
        else:
            _fill_price(slots, m, budget)


# "팔억 오천 말고 칠억이면?", "8억 오천 (말고) 7억이면": the amount put as a condition replaces the bare prices
# said before it (the set-aside one can survive "말고" being cut off one word short).
_IF_AMOUNT = re.compile(
    r"^\s?(?:원)?\s?(?:이면|면|이라면|라면|으로\s?하면|로\s?하면|에\s?사면|짜리면|이었으면|였으면)"
)


# A lease switched to another ("전세 5억 받고 있는데 월세로 돌려서 보증금 1억 월 200이면", "반전세로 바꾸면"):
# the lease worked out is the one after the switch.
_LEASE_SWITCH = re.compile(
    r"(?:월세|반전세|전세|monthly rent)\s?(?:로|으로|to)?\s?(?:돌려|돌리|바꿔|바꾸|바꾼|전환|switch|convert)"
    r"|(?:switch|convert)(?:ing|ed)?\s(?:it\s)?to\s(?:monthly rent|wolse|jeonse)"
    r"|(?<=[\d ])(?:만원?)?\s?(?:으로|로)\s?(?:전환|돌리|돌려|바꾸|바꿔)"
)


def _after_switch(money: list[MoneyMention], text: str, jeonse_is_deposit: bool) -> list[MoneyMention]:
    """The amounts without the old lease's deposit and rent when a switched lease states its own."""
    switch = _LEASE_SWITCH.search(text)
    if switch is None:
        return money

    def lease(m: MoneyMention) -> bool:
        jeonse = jeonse_is_deposit and _JEONSE_BEFORE.search(text[max(0, m.start - 6) : m.start])
        return m.role in ("deposit", "monthly") or bool(m.role == "price" and jeonse)

    start = switch.start()
    later = [m for m in money if m.start >= start and lease(m)]
    if not later:  # "보증금 5천 월 150인데 … 2억 월 80으로 전환하면": the new lease said before the switch
        ends = [b.end() for b in _CLAUSE_BREAK.finditer(text, 0, start)]
        start = ends[-1] if ends else 0
        later = [m for m in money if start <= m.start < switch.start() and lease(m)]
    if not later or start == 0:
        return money
    return [m for m in money if not (m.start < start and lease(m))]


_CLAUSE_BREAK = re.compile(r"(?:인데|는데|있고|있으면|있는데|받고|now|currently)[,.]?\s")


def _bare_price(m: MoneyMention, text: str) -> bool:
    return (
        m.role == "price"
        and m.bound == "exact"
        and m.upper_manwon is None
        and not _JEONSE_BEFORE.search(text[max(0, m.start - 6) : m.start])
    )


def _replaced_amounts(money: list[MoneyMention], text: str) -> list[MoneyMention]:
    """The amounts without the bare prices said before a price put as a condition ("X 말고 Y이면")."""
    conditional = [m for m in money if _bare_price(m, text) and _IF_AMOUNT.match(text[m.end :])]
    if not conditional:
        return money
    first = conditional[0].start
    return [m for m in money if not (_bare_price(m, text) and m.end <= first and m not in conditional)]


# A part of the price paid on its way (계약금, 중도금, 잔금), said right before or after its amount.
_PART_PAYMENT_BEFORE = re.compile(r"(?:가?계약금|중도금|잔금)\s?(?:은|는|이|가|으로|로|:)?\s?(?:약\s?)?$")
_PART_PAYMENT_AFTER = re.compile(r"^\s?(?:원\s?)?(?:짜리\s?)?(?:가?계약금|중도금|잔금)")


# Money someone has rather than a price: "모은 돈 1억2천 있고", "부모님이 5천 보태주신대", "현금 3억 있어요".
_SAVINGS_BEFORE = re.compile(
    r"(?:모은\s?돈|모아\s?둔\s?돈?|모아놓은\s?돈?|저축|예금|적금|현금|자기\s?자본|종잣돈|종자돈|가진\s?돈|여유\s?자금|"
    r"savings|saved|cash)\s?(?:은|는|이|가|만|도|이랑|:)?\s?(?:약\s?|한\s?|대략\s?)?$"
)
_SAVINGS_AFTER = re.compile(
    r"^\s?(?:원\s?)?(?:정도\s?|쯤\s?)?(?:을|를)?\s?(?:보태|지원해|모았|모아\s?놨|in savings|saved)"
)


def _is_savings(norm: str, m: MoneyMention) -> bool:
    return bool(
        _SAVINGS_BEFORE.search(norm[max(0, m.start - 12) : m.start]) or _SAVINGS_AFTER.match(norm[m.end :])
    )


def _is_part_payment(text: str, m: MoneyMention) -> bool:
    """The amount is a down or middle payment, not the price of the home ("계약금 5천", "8천 계약금으로")."""
    before = text[max(0, m.start - 12) : m.start]
    return bool(_PART_PAYMENT_BEFORE.search(before) or _PART_PAYMENT_AFTER.match(text[m.end : m.end + 12]))


def _fill_price(slots: Slots, m: MoneyMention, budget: bool) -> None:
    """A price bound, a budget (search/recommend) or the price being asked about."""
    step = 1 if m.strict else 0  # 미만 / 초과 exclude the bound itself (만원 are whole numbers)
    if m.upper_manwon is not None:
        slots.price_min_manwon, slots.price_max_manwon = m.manwon, m.upper_manwon
    elif m.bound == "min":
        slots.price_min_manwon = slots.price_min_manwon or m.manwon + step
    elif m.bound == "max" or budget:
        slots.price_max_manwon = slots.price_max_manwon or m.manwon - (step if m.bound == "max" else 0)
    else:
        slots.asking_price_manwon = slots.asking_price_manwon or m.manwon


# -- amounts and terms by role for calculators and contracts ----------------------------------------

# English states the role after the amount: "80 million won salary for a 900 million won apartment".
_EN_ROLE_AFTER: tuple[tuple[MoneyRole, re.Pattern[str]], ...] = (
    ("income", re.compile(r"^\s?(?:won\s|krw\s)?(?:(?:annual|yearly|gross)\s)?(?:salary|income|wage)")),
    ("deposit", re.compile(r"^\s?(?:won\s|krw\s)?(?:(?:security|jeonse)\s)?(?:deposit|key money)")),
    ("monthly", re.compile(r"^\s?(?:won\s|krw\s)?(?:monthly\s)?rent\b")),
    ("price", re.compile(r"^\s?(?:won\s|krw\s)?(?:apartment|apt|home|house|flat|condo|property|unit)\b")),
)
# The role named right before the amount when none follows it: "drop the rent to 2.2 million", "a deposit
# of 300 million", "salary is 90 million"
_EN_ROLE_BEFORE: tuple[tuple[MoneyRole, re.Pattern[str]], ...] = (
    ("monthly", re.compile(r"\brent\s(?:(?:down|up|back)\s)?(?:to|of|at|is|=|from)\s(?:about\s|around\s)?$")),
    (
        "deposit",
        re.compile(r"\bdeposit\s(?:(?:down|up|back)\s)?(?:to|of|at|is|=|from)\s(?:about\s|around\s)?$"),
    ),
    ("income", re.compile(r"\b(?:salary|income)\s(?:to|of|at|is|=)\s(?:about\s|around\s)?$")),
)
_LATIN_WORDS = re.compile(r"[a-z]{3,}")


def _english_roles(money: list[MoneyMention], text: str) -> list[MoneyMention]:
    """A role word right after an English amount decides its role (the words before belong to the
    previous amount's phrase: "salary for a 900 million won apartment")."""
    if not _LATIN_WORDS.search(text):
        return money
    out = list(money)
    for i, m in enumerate(out):
        stop = out[i + 1].start if i + 1 < len(out) else len(text)
        after = text[m.end : min(stop, m.end + 30)]
        before = text[max(out[i - 1].end if i else 0, m.start - 30) : m.start]
        role = next((r for r, pattern in _EN_ROLE_AFTER if pattern.match(after)), None)
        role = role or next((r for r, pattern in _EN_ROLE_BEFORE if pattern.search(before)), None)
        if role is not None:
            out[i] = replace(m, role=role)
    return out


# Pay of two added up: "…50 million too, so 140 million total", "7천 5천 합쳐서 1억2천", "150 million
# combined": the sum is the income, the parts said before it are its parts (no price, no second income).
_TOTAL_AFTER = re.compile(r"^\s?(?:원\s?)?(?:won\s)?(?:in\s)?(?:total|combined|together|altogether|in all)\b")
_TOTAL_BEFORE = re.compile(
    r"(?:합쳐서|합치면|합하면|합산(?:하면|해서)?|다\s?해서|총|combined|together|in total|a total of|altogether)"
    r"\s?(?:은|는|이|가|:)?\s?$"
)


def _income_total(money: list[MoneyMention], text: str) -> list[MoneyMention]:
    incomes = [i for i, m in enumerate(money) if m.role == "income"]
    if not incomes:
        return money
    first = incomes[0]
    for j in range(first + 1, len(money)):
        m = money[j]
        before = text[max(money[j - 1].end, m.start - 12) : m.start]
        if m.bound == "exact" and (_TOTAL_AFTER.match(text[m.end :]) or _TOTAL_BEFORE.search(before)):
            parts = [
                k
                for k in range(first, j)
                if money[k].role in ("income", "price") and money[k].bound == "exact"
            ]
            if (
                any(money[k].role == "price" for k in parts)
                or len(parts) > 1
                or _TOTAL_AFTER.match(text[m.end :])
            ):
                kept = [x for k, x in enumerate(money) if k not in parts and k != j]
                return sorted([*kept, replace(m, role="income")], key=lambda x: x.start)
    return money


_DEBT_WORD = re.compile(
    r"(?:기존|다른|보유|현재|이미|남은|신용|마이너스|학자금|자동차|차량|카드|개인)\s?(?:대출|빚|부채|론)"
    r"|(?:대출|빚|부채)\s?(?:잔액|상환액|원리금|이자)"
    r"|existing (?:loans?|debts?|mortgage)|other (?:loans?|debts?)|(?:car|student|credit|personal) loans?"
    r"|debt (?:payments?|repayments?)|loan (?:payments?|repayments?)"
)
_DEBT_AFTER = re.compile(
    r"^\s?(?:원\s?)?(?:정도\s?)?(?:의\s?)?(?:대출|빚|부채)(?:이|을|가|도)?\s?(?:있|남|갚|상환|내)"
)
_PAYMENT_WORD = re.compile(r"갚|상환|원리금|내고|내는|납부|payments?|repay|pay")
_PER_YEAR = re.compile(r"(?<![가-힣])연\s?(?:간)?(?![봉소수])|1년에|일년에|a year|per year|annual|yearly")
_PER_MONTH = re.compile(r"(?<![가-힣])월(?!세)|매달|매월|한\s?달|a month|per month|monthly")
_DEBT_INTENTS = {Intent.LOAN_CONSULT, Intent.COMPREHENSIVE}


def _fill_debt(
    slots: Slots, money: list[MoneyMention], text: str, intent: Intent, sub_intents: list[Intent]
) -> list[MoneyMention]:
    """Other loans of a loan question ("기존 대출 월 100 갚고 있어", "existing loan payments of 1 million
    won a month", "신용대출 5천 있어"): their payment per year, or their balance; the rest of the money."""
    if not ({intent, *sub_intents} & _DEBT_INTENTS):
        return money
    rest: list[MoneyMention] = []
    previous_end = 0
    for m in money:
        before = text[max(previous_end, m.start - 18) : m.start]
        after = text[m.end : m.end + 16]
        if not (_DEBT_WORD.search(before) or _DEBT_AFTER.match(after)):
            rest.append(m)
            previous_end = m.end
            continue
        around = before + " " + after
        if m.role == "monthly" or _PER_MONTH.search(around):
            slots.existing_debt_payment_manwon = (slots.existing_debt_payment_manwon or 0) + m.manwon * 12
        elif _PER_YEAR.search(around) or _PAYMENT_WORD.search(around):
            slots.existing_debt_payment_manwon = (slots.existing_debt_payment_manwon or 0) + m.manwon
        else:
            slots.existing_debt_manwon = (slots.existing_debt_manwon or 0) + m.manwon
        previous_end = m.end
    return rest


# "2년", "24개월", "2년 계약"; never a year ("24년"), an age or a time ago ("2년 전").
_PERIOD_TERM_KO = re.compile(
    r"(?<![\d.])(?P<n>\d{1,2})\s?(?P<u>년|개월|달)(?!\s?(?:전|후|뒤|째|차|도|생|이상|이하|넘|간격|\d))"
)
_LOAN_TERM_KO = re.compile(
    r"만기\s?(?P<a>\d{2})\s?년|(?<![\d.])(?P<b>\d{2})\s?년\s?(?:만기|상환|분할|원리금|짜리\s?대출|대출)"
)
# 생애최초 주택구입 (its own LTV and cap), and a denial of it ("생애최초 아니고", "not a first-time buyer")
_FIRST_HOME = re.compile(
    r"생애\s?(?:최초|첫)|(?<![가-힣])첫\s?(?:집|주택|내\s?집)|처음\s?(?:으로\s?)?(?:내\s?)?집(?:을|을\s?)?\s?(?:사|장만|마련|구입)"
    r"|\bfirst[- ]?(?:time\s)?(?:home|house)|\bfirst[- ]time\s(?:home\s?)?buyer"
)
_NOT_FIRST_HOME = re.compile(
    r"(?:생애\s?최초|첫\s?집)\s?(?:는|은|도)?\s?(?:아니|아님|아녜|아닌|해당\s?(?:안|없|x))|(?:이미|벌써)\s?(?:집|주택)\s?(?:이|을|한\s?채)?\s?(?:있|보유|가지)|1주택자"
    r"|\bnot\s(?:a\s)?first[- ]time|\balready\sown"
)
_PERIOD_TERM_EN = re.compile(
    r"\b(?P<n>\d{1,2})[- ]?(?P<u>year|month)s?(?:[- ](?P<k>lease|contract|term|mortgage|loan))?\b"
)
_START_DATE = re.compile(
    r"(?:(?P<y>20\d{2})\s?[년./-]\s?)?(?P<m>1[0-2]|0?[1-9])\s?[월./-]\s?(?P<d>3[01]|[12]\d|0?[1-9])\s?일?"
    r"\s?(?:부터|시작|입주|개시|~)"
    r"|(?:시작일|입주일|개시일|잔금일|start(?:ing)?(?: date)?|from)\s?(?:은|는|:|on)?\s?"
    r"(?:(?P<y2>20\d{2})\s?[년./-]\s?)?(?P<m2>1[0-2]|0?[1-9])\s?[월./-]\s?(?P<d2>3[01]|[12]\d|0?[1-9])"
)
_SIDO_SHORT = "서울|부산|대구|인천|광주|대전|울산|세종|경기|강원|충북|충남|전북|전남|경북|경남|제주"
# "서울 마포구 공덕동 123", "성남시 분당구 정자동 178-1 101동 1203호", "마포구 월드컵북로 396".
_ADDRESS = re.compile(
    rf"(?:(?:{_SIDO_SHORT})(?:특별시|광역시|특별자치시|특별자치도|도|시)?\s)?"
    r"(?:[가-힣]{1,5}(?:시|군|구)\s){1,2}"
    r"[가-힣0-9]{1,12}(?:동|읍|면|리|로|길|가)\s?\d{1,5}(?:-\d{1,5})?(?:\s?번지)?"
    r"(?:,?\s?(?:[가-힣0-9]{1,15}\s)?\d{1,4}동)?(?:\s?\d{1,5}호)?"
)
_LOAN_TERM_INTENTS = {Intent.LOAN_CONSULT, Intent.COMPREHENSIVE}


def contract_terms(text: str, today: date) -> dict[str, int | str]:
    """A contract's period, start date and address said in `text` (normalized or not); only those found.

    Shared by the NLU and the contract-edit reader (agents/teams/document.py), so a request and a
    later 수정 are read by one rule.
    """
    norm = normalize(clip(text))
    found: dict[str, int | str] = {}
    spans = [(m.start, m.end) for m in parse_money(norm)]
    addr = _ADDRESS.search(norm)
    if addr:
        found["address"] = addr.group().strip(" ,")
        spans.append(addr.span())
    start = _START_DATE.search(norm)
    if start:
        spans.append(start.span())
        day = _start_date(start, today)
        if day:
            found["start_date"] = day
    scan = mask(norm, spans)
    term = _PERIOD_TERM_KO.search(scan)
    english = _PERIOD_TERM_EN.search(scan)
    if term and not (term["u"] == "년" and int(term["n"]) >= 10):
        found["term_months"] = int(term["n"]) * (12 if term["u"] == "년" else 1)
    elif english and english["k"] not in ("mortgage", "loan"):
        found["term_months"] = int(english["n"]) * (12 if english["u"] == "year" else 1)
    return found


def _start_date(m: re.Match[str], today: date) -> str | None:
    year, month, day = m["y"] or m["y2"], m["m"] or m["m2"], m["d"] or m["d2"]
    try:
        when = date(int(year) if year else today.year, int(month), int(day))
        if not year and when < today:
            when = when.replace(year=today.year + 1)  # "3월 1일부터" said in April is next March
    except ValueError:
        return None
    return when.isoformat()


def _fill_terms(slots: Slots, text: str, intent: Intent, sub_intents: list[Intent], today: date) -> None:
    """A contract's period, start and address; a loan's term ("30년 만기", "40-year mortgage")."""
    parts = {intent, *sub_intents}
    if Intent.CONTRACT_CREATION in parts:
        found = contract_terms(text, today)
        slots.term_months = found.get("term_months")  # type: ignore[assignment]
        slots.start_date = found.get("start_date")  # type: ignore[assignment]
        slots.address = found.get("address")  # type: ignore[assignment]
    elif parts & _LOAN_TERM_INTENTS:
        if _NOT_FIRST_HOME.search(text):
            slots.first_home = False
        elif _FIRST_HOME.search(text):
            slots.first_home = True
        loan = _LOAN_TERM_KO.search(text)
        english = _PERIOD_TERM_EN.search(text)
        if loan:
            slots.term_months = int(loan["a"] or loan["b"]) * 12
        elif english and english["k"] in ("mortgage", "loan", "term") and english["u"] == "year":
            slots.term_months = int(english["n"]) * 12


def _fill_period(slots: Slots, gaz: Gazetteer, period: PeriodMention | None, result: NluResult) -> None:
    if period is None:
        return
    if period.recent_months is None:
        slots.period_from = period.start.isoformat() if period.start else None
        slots.period_to = period.end.isoformat() if period.end else None
        return
    result.wants_recent, result.recent_months = True, period.recent_months
    if result.unknown_regions and slots.sigungu_code is None:
        return  # "대구 요즘": the latest months of a place outside the data mean nothing here
    code = slots.sigungu_code or (WHOLE_SIDO[slots.sido_code][1] if slots.sido_code in WHOLE_SIDO else None)
    window = recent_period(gaz, code, period.recent_months)
    if window:
        slots.period_from, slots.period_to = window


def _missing(intent: Intent, sub_intents: list[Intent], slots: Slots) -> list[str]:
    missing: list[str] = []
    for part in sub_intents or [intent]:
        for name in REQUIRED_SLOTS.get(part, ()):
            if getattr(slots, name) is None and name not in missing:
                if name == "asking_price_manwon" and part == Intent.LOAN_CONSULT and slots.deposit_manwon:
                    continue
                missing.append(name)
    if intent == Intent.PROPERTY_RECOMMENDATION and slots.sigungu is None and slots.price_max_manwon is None:
        missing += ["sigungu", "price_max_manwon"]
    return missing


# "2단지도 같은 조건으로", "신시가지 14단지는?", "what about complex 9?": another number of the family.
_SIBLING_NUMBER = re.compile(
    r"(?<![\d.])(?P<n>\d{1,3})\s?(?:단지|차)(?![가-힣]{0,1}\d)|\b(?:complex|danji)\s?(?:no\.?\s?|#)?(?P<en>\d{1,3})\b"
)


LOCAL_NAME_MIN_SYLLABLES = 4  # shorter words ("시세는", "아파트") sit inside too many names
GUESSED_NAME_MIN_SYLLABLES = 3  # when a complex was clearly meant but found only outside the chat's 구


HEAD_NAME_SYLLABLES = 3  # "아크로는?": a name's head said alone, taken only as the head of one name
HEAD_MESSAGE_WORDS = 2  # … and only in a message of the head and a size or a particle ("아크로 84는")


def local_complex_slots(
    gaz: Gazetteer,
    code: str,
    text: str,
    min_syllables: int = LOCAL_NAME_MIN_SYLLABLES,
    dong: str | None = None,
) -> dict[str, object] | None:
    """The place slots of the complex of the chat's 구 (`code`) that a word of the message is part of
    ("다시 훼밀리타운 2024년" in a 송파구 chat → 올림픽훼밀리타운, not 서초구's 훼미리타운; "아너힐즈" →
    디에이치아너힐즈); None when no word, or more than one complex, fits. `dong` (the chat's 동) settles a
    word several names of the 구 hold; a three-syllable word said nearly alone ("아크로는?", "아크로 84는")
    is taken as the head of one name ("아크로" in a 반포동 chat → 아크로리버파크)."""
    found: set[int] = set()
    words = list(_WORD_RUN.finditer(normalize(clip(text))))
    short = len(words) <= HEAD_MESSAGE_WORDS
    for m in words:
        stripped = _numbered_name(strip_particle(m.group(), NAME_TAILS, min_stem=0))
        twice = strip_particle(stripped, NAME_TAILS, min_stem=0)  # "아크로는요" → "아크로는" → "아크로"
        forms = (stripped, twice, m.group()) if short else (stripped,)  # "아크로": its 로 is no particle
        for word in dict.fromkeys(forms):
            head = short and HEAD_NAME_SYLLABLES <= len(word) < min_syllables
            if (len(word) < min_syllables and not head) or not _NAME_WORD.fullmatch(word):
                continue
            if any(t.kind in ("sigungu", "dong") for h in gaz.scan(word) for t in h.targets):
                continue
            index = gaz.holding_in(word, code, dong, head=head)
            if index is not None:
                found.add(index)
                break
    if len(found) != 1:
        return None
    return place_slots(gaz, found.pop())


_HANGUL_WORD = re.compile(r"[가-힣]+")
_NAME_WORD = re.compile(r"[가-힣]{2,30}\d{0,2}")  # "벽산타운5": a name's words and its number
_NUMBERED = re.compile(r"(?P<name>[가-힣]{2,30})(?P<no>\d{1,2})(?:단지|차)$")


def _numbered_name(word: str) -> str:
    """'벽산타운5단지' → '벽산타운5': the data writes a complex's number without 단지 or 차."""
    m = _NUMBERED.fullmatch(word)
    return f"{m['name']}{m['no']}" if m else word


# A kind of home is no complex's name, though a name may end with it ("강남 오피스텔" ≠ 이스턴오피스텔)
_HOME_KIND = re.compile(
    r"(?:오피스텔|아파트|빌라|다세대|연립|주상복합|원룸|투룸|쓰리룸|상가|주택|단독주택|도시형생활주택|아파트값|오피스텔값)\d{0,2}"
)
NAMED_PLACE_NAME_SYLLABLES = 4  # "시흥동 벽산타운5단지": a word of a name inside the 동 the message names


def _complex_in_named_place(gaz: Gazetteer, view: _Text, places: _Places) -> _Places:
    """A complex named without the front of its name inside the 동 (or 구) the message names ("시흥동
    벽산타운5단지" → 관악산벽산타운5): taken only when one name of that place holds the word, and the word
    is a name's (four syllables, or three and a number), never a common word beside a place."""
    code = (
        places.dong[1]
        if places.dong
        else (places.sigungu_codes[0] if len(places.sigungu_codes) == 1 else None)
    )
    if code is None:
        return places
    dong = places.dong[0] if places.dong and not places.dong_parts else None
    found: set[int] = set()
    for m in _WORD_RUN.finditer(view.norm):
        word = _numbered_name(strip_particle(m.group(), NAME_TAILS, min_stem=0))
        letters = len(re.sub(r"\d", "", word))
        if (
            not _NAME_WORD.fullmatch(word)
            or letters < NAMED_PLACE_NAME_SYLLABLES - (word != word.rstrip("0123456789"))
            or _HOME_KIND.fullmatch(word)
        ):
            continue
        if any(t.kind in ("sigungu", "dong") for h in gaz.scan(word) for t in h.targets):
            continue
        index = gaz.holding_in(word, code, dong)
        if index is None or (dong is not None and gaz.complexes[index].dong != dong):
            continue
        if compact(gaz.complexes[index].name).endswith(word):  # the name's front dropped, its end said
            found.add(index)
    if len(found) != 1:
        return places
    return replace(places, complex=found.pop())


def place_slots(gaz: Gazetteer, index: int) -> dict[str, object]:
    """The place slots of complex `index`: its name, id, 동 and 구 (planning fills corrections with it too)."""
    info = gaz.complexes[index]
    return {
        "complex": info.name,
        "complex_id": info.complex_id,
        "dong": info.dong,
        "dong_parts": None,
        "sigungu_code": info.sigungu_code,
        "sigungu": _sigungu_name(gaz, info.sigungu_code),
        "sido_code": None,
    }


def sibling_slots(gaz: Gazetteer, previous: Slots, text: str) -> dict[str, object] | None:
    """The place slots of the numbered complex a follow-up names by its number alone, after a turn
    about another member of its family (올림픽선수기자촌1단지 → "2단지는?" → 올림픽선수기자촌2단지, with
    that complex's own 동 and 구); None when the message names no other number of the family."""
    if previous.complex is None or previous.sigungu_code is None:
        return None
    numbers = {int(m["n"] or m["en"]) for m in _SIBLING_NUMBER.finditer(normalize(clip(text)))}
    if len(numbers) != 1:
        return None
    index = gaz.index_of(previous.complex, previous.sigungu_code, previous.dong)
    found = gaz.sibling(index, numbers.pop()) if index is not None else None
    if found is None or found == index:
        return None
    return place_slots(gaz, found)
