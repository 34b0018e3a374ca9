"""Finding the issue-index entries a question is about, scored — never the first cue that hits.

Two channels, added up. The cues: every cue (and the entry's title) is read through the same
thesaurus as the question (agents/domain/legal_terms.py), so "집주인이 보증금을 안 돌려줘요" meets a
cue written as "보증금 안 돌려줘" or as "보증금 반환". A cue word is found in the question with its
particles, verb endings and tense removed (밀려서 → 밀리), through a statute word the thesaurus
gives it, or — for a longer word — by most of its syllable pairs (보조원 for 중개보조원). Words rare
across the index weigh more, bounded by how rare they are across whole entries (사람, 아닌 are rare
among cues but say little); a cue found whole counts fully, one half found a little. The text: each
entry's title, cues, plain answer and the statute text it quotes are one document, ranked BM25-style
over words and syllable pairs, so a question worded like the answer or the law finds its entry
though nobody wrote a cue in that wording. An entry whose law is not the question's subject (a
housing entry for a shop question) is pushed down.

Questions the loaded statutes cannot answer (tax rates, 중개보수 요율 tables, 청약 rules) are
recognised here too, with the place their answer lives.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cache, lru_cache

from agents.domain.legal_terms import (
    CIVIL,
    COMMERCIAL,
    FRAUD,
    HOUSING,
    ReducedQuestion,
    asks_figure,
    plain_stem,
    reduce_question,
    reduce_word,
    subject_laws,
    thesaurus_phrases,
    verb_forms,
)
from agents.tools.legal_issues import ArticleRef, LegalIssue, all_issues
from agents.tools.statute_text import clause_texts, item_lines

# An entry at or above this score answers the question; below it the full-text search is tried.
ANSWER_SCORE = 2.2
PARTIAL_SCALE = 1.0  # a cue found only in part…
PARTIAL_POWER = 2.0  # …by the share of its weight found, to this power
WHOLE_BONUS = 0.5  # per further word of a cue found whole
OTHER_CUES_WEIGHT = 0.15  # further cues of the same entry that also match
BAG_WEIGHT = 0.25  # words the question shares with all of an entry's cues, whole cue or not
SYLLABLE_WEIGHT = 0.2  # a one-syllable word (새 집주인, 안 돌려줘): needed for a whole cue, worth little
ALTERNATIVE_WEIGHT = 0.8  # a cue word found only through the statute word it stands for
ALTERNATIVE_CAP = 1.5  # …weighs at most this much
PAIRS_NEEDED = 0.66  # a longer cue word most of whose syllable pairs are in the question…
PAIRS_CREDIT = 0.6  # …is found this surely (compounds written apart or in part, typos)
_FILLER = frozenset(
    (
        "어떻게",
        "누가",
        "the",
        "an",
        "to",
        "of",
        "my",
        "is",
        "can",
        "do",
        "does",
        "it",
        "in",
        "for",
        "and",
        "or",
        "if",
        "me",
        "be",
        "what",
        "how",
        "when",
        "this",
        "that",
        "with",
        "on",
        "at",
        "by",
        "from",
        "are",
        "have",
        "has",
        "will",
        "i'm",
        "your",
        "you",
        "we",
        "our",
        "there",
        "still",
        "get",
        "언제",
        "얼마",
        "얼마나",
        "무엇",
        "뭐",
        "해야",
        "있나",
        "있어",
        "되나",
    )
)


# Words that carry grammar or say little on their own (아닌, 경우, 사람, 하면): needed for a cue to be
# whole, worth little as evidence — the word a cue is about is the other one.
_LIGHT = frozenset(
    (
        "아닌", "아니", "없는", "없이", "있는", "되는", "하는", "하면", "경우", "사람", "때문", "전에", "다시",
        "했는데", "한다고", "하는데", "그냥", "해줘", "하나", "어떤", "다음", "누구", "대한", "받을", "받으",
        "받아", "받는", "주고", "주면", "살면", "같은", "말고", "다른", "계속", "먼저", "직접", "따로", "새로",
        "집에", "집이", "집을", "테니", "되나", "돼", "해", "받", "줘",
        # "let's write/do it" (쓰재, 하재, 쓰자고): who proposed it, not what the question is about
        "쓰재", "하재", "쓰자고", "하자고",
    )
)  # fmt: skip
LIGHT_WEIGHT = 0.3


def _word_weight(word: str, weights: dict[str, float]) -> float:
    if len(word) == 1:
        return SYLLABLE_WEIGHT
    return LIGHT_WEIGHT if word in _LIGHT else weights.get(word, 1.0)


@dataclass(frozen=True)
class _Cue:
    text: str
    words: tuple[tuple[str, ...], ...]  # each word: its stem and the statute words it stands for


@dataclass(frozen=True)
class _Entry:
    issue: LegalIssue
    cues: tuple[_Cue, ...]
    law: str  # the governing article's law, decrees folded into their act
    bag: frozenset[str]  # every word and statute word of its cues and title
    anchors: tuple[tuple[str, ...], ...] = ()  # the words most of its cues share: what it is about


ANCHOR_MIN_CUES = 4  # an entry with this many cues…
ANCHOR_SHARE = 0.5  # …whose words shared by this share of them are its anchors…
ANCHOR_MISSING = 0.6  # …weighs this much less when the question has none of them…
ANCHOR_TEXT_MISSING = 0.6  # …and its text match this much less

# The text channel: each entry read as a document (title, cues, answer and the statute text it quotes),
# ranked BM25-style over words and syllable pairs, so a question worded like the statute or the
# answer finds the entry although no cue was written for its wording.
FIELD_WEIGHTS = (("title", 1.0), ("cues", 1.0), ("answer", 1.0), ("statute", 1.0))
TEXT_NORMALISE = 10.0  # the best text match adds this much…
TEXT_FLOOR = 20.0  # …when its BM25 score reaches this; weaker ones add proportionally less
TEXT_ANSWER_SCORE = 15.0  # a text match this strong answers the question even when no cue did
BM25_K1 = 1.2
BM25_B = 0.5
PAIR_WEIGHT = 0.4  # a shared syllable pair (compounds, typos, conjugated endings) against a whole word


def text_tokens(text: str | ReducedQuestion) -> dict[str, float]:
    """Words of a text — stems with tense undone (plain_stem) and the statute words the thesaurus
    gives — and their syllable pairs, with counts (a pair counts PAIR_WEIGHT)."""
    reduced = reduce_question(text) if isinstance(text, str) else text
    words = [plain_stem(w) for w in reduced.stems if len(w) >= 2 and w not in _FILLER]
    words += [t.replace(" ", "") for t in reduced.terms]
    counts: dict[str, float] = {}
    for word in words:
        counts["w:" + word] = counts.get("w:" + word, 0.0) + 1.0
        if "가" <= word[0] <= "힣":
            for i in range(len(word) - 1):
                pair = "p:" + word[i : i + 2]
                counts[pair] = counts.get(pair, 0.0) + PAIR_WEIGHT
    return counts


def quoted_statute(ref: ArticleRef, body: str) -> str:
    """The 항 (and 호) of an article body that an entry quotes, as plain text."""
    clauses = clause_texts(body)
    wanted = [c for c in (ref.clauses or tuple(clauses)) if c in clauses]
    parts = [clauses[c] for c in wanted]
    if ref.items and len(parts) == 1:
        lines = item_lines(parts[0])
        parts = [parts[0].split("\n", 1)[0], *(lines[i] for i in ref.items if i in lines)]
    return "\n".join(parts)


@dataclass(frozen=True, eq=False)  # hashed by identity: one per cached index
class _TextIndex:
    docs: tuple[dict[str, float], ...]  # per entry: token → field-weighted count
    frequency: dict[str, int]  # token → entries whose document holds it
    lengths: tuple[float, ...]
    average: float
    idf: dict[str, float]


@lru_cache(maxsize=4)
def _text_index(
    issues: tuple[LegalIssue, ...], statutes: tuple[tuple[tuple[str, int, int], str], ...]
) -> _TextIndex:
    bodies = dict(statutes)
    docs = []
    for issue in issues:
        fields = {
            "title": issue.title,
            "cues": " ".join(issue.cues),
            "answer": f"{issue.answer} {issue.answer_en}",
            "statute": " ".join(
                quoted_statute(r, bodies[(r.law, r.article, r.sub)])
                for r in issue.refs
                if (r.law, r.article, r.sub) in bodies
            ),
        }
        doc: dict[str, float] = {}
        for name, weight in FIELD_WEIGHTS:
            for token, count in text_tokens(fields[name]).items():
                doc[token] = doc.get(token, 0.0) + weight * count
        docs.append(doc)
    lengths = tuple(sum(d.values()) for d in docs)
    frequency: dict[str, int] = {}
    for doc in docs:
        for token in doc:
            frequency[token] = frequency.get(token, 0) + 1
    total = max(len(docs), 1)
    idf = {t: math.log(1.0 + (total - n + 0.5) / (n + 0.5)) for t, n in frequency.items()}
    return _TextIndex(tuple(docs), frequency, lengths, sum(lengths) / total if lengths else 1.0, idf)


@lru_cache(maxsize=4)
def _bounded_weights(issues: tuple[LegalIssue, ...], index: _TextIndex) -> dict[str, float]:
    return _document_weights(_entries(issues)[1], index)


def _document_weights(weights: dict[str, float], index: _TextIndex) -> dict[str, float]:
    """Cue-word weights from how rare the word is across whole entries (answers and statute text
    too), not only across cues: a word rare among cues but common in the law (사람, 아닌) says little."""
    total = len(index.docs)
    out = {}
    for word, weight in weights.items():
        df = index.frequency.get("w:" + _plain(word)) or index.frequency.get("w:" + word)
        out[word] = min(weight, math.log(1.0 + total / df)) if df else weight
    return out


def _text_scores(index: _TextIndex, question: dict[str, float]) -> list[float]:
    scores = []
    for doc, length in zip(index.docs, index.lengths, strict=True):
        norm = BM25_K1 * (1 - BM25_B + BM25_B * length / index.average)
        score = 0.0
        for token, weight in question.items():
            tf = doc.get(token)
            if tf:
                score += weight * index.idf[token] * tf * (BM25_K1 + 1) / (tf + norm)
        scores.append(score)
    return scores


# Figures a statute states: amounts, rates, counts of years, months or days (6천500만원, 100분의 5, 10년).
_FIGURE = re.compile(
    r"\d[\d,]{0,15}\s{0,3}(?:천|백)?\s{0,3}\d{0,6}\s{0,3}(?:만원|억원|원|퍼센트|%|년|개월|일|시간|배|분의)|분의\s{0,3}\d"
)
_DELEGATES = ("대통령령으로", "국토교통부령으로", "법무부령으로")  # the act leaves the figure to a decree
FIGURE_BOOST = 1.2  # an entry citing the article that states the figure, for a question asking for one
NAMED_MARGIN = 2  # another figure-stating article must name this many more of the question's words


def figure_count(ref: ArticleRef, statutes: Mapping[tuple[str, int, int], str]) -> int:
    """How many figures the quoted 항 of an article state."""
    body = statutes.get((ref.law, ref.article, ref.sub))
    return len(_FIGURE.findall(quoted_statute(ref, body))) if body else 0


def figure_ref(
    issue: LegalIssue,
    statutes: Mapping[tuple[str, int, int], str],
    question: ReducedQuestion | None = None,
) -> ArticleRef | None:
    """The article of an entry that states the figures a question may ask for: the governing one
    when it states any, else the decree or rule of its act the act leaves them to (상가 시행령 제7조
    for 제14조's "대통령령으로 정한다"; among its refs or its next steps), the one stating most. None when the entry states no figure.
    Where several of the entry's articles of one act state figures (조사 30일 in one, 심의 30일 in
    another), the one that speaks of what the question names (위원회 심의) is it."""
    governing = issue.refs[0]
    counts = [(figure_count(r, statutes), -i, r) for i, r in enumerate(issue.refs)]
    # the decree an entry points to for the next step (지역별 금액 확인) states the figure as well
    steps = [(figure_count(r, statutes), -len(counts) - i, r) for i, (_, r) in enumerate(issue.next_steps)]
    delegated = [
        c for c in (*counts[1:], *steps) if c[2].law.startswith(governing.law) and c[2].law != governing.law
    ]
    best = max(delegated, default=None)
    body = statutes.get((governing.law, governing.article, governing.sub), "")
    leaves = any(word in quoted_statute(governing, body) for word in _DELEGATES) if body else False
    if best is not None and best[0] and (best[0] > counts[0][0] or leaves):
        return best[2]
    if not counts[0][0]:
        return None
    stating = [c[2] for c in counts if c[0] and c[2].law == governing.law]
    if question is None or len(stating) < 2:
        return governing
    words = _question_words(question)

    def named(ref: ArticleRef) -> int:
        text = "".join(quoted_statute(ref, statutes.get((ref.law, ref.article, ref.sub), "")).split())
        return sum(1 for word in words if word in text)

    hits = [(named(ref), -i, ref) for i, ref in enumerate(stating)]
    return max(hits)[2] if max(hits)[0] >= hits[0][0] + NAMED_MARGIN else governing


def _question_words(question: ReducedQuestion) -> frozenset[str]:
    """The question's own content words and the statute words it stands for (no filler, no light
    words), to find which quoted article speaks of them."""
    stems = {plain_stem(w) for w in question.stems if len(w) >= 2 and w not in _FILLER and w not in _LIGHT}
    return frozenset(stems | question.term_set)


@lru_cache(maxsize=4)
def _figure_entries(
    issues: tuple[LegalIssue, ...], statutes: tuple[tuple[tuple[str, int, int], str], ...]
) -> tuple[bool, ...]:
    bodies = dict(statutes)
    return tuple(figure_ref(issue, bodies) is not None for issue in issues)


@dataclass(frozen=True)
class IssueMatch:
    issue: LegalIssue
    score: float
    cue: str  # the cue that matched best
    cue_score: float = 0.0  # the score from the cues alone (the text channel left out)
    text_score: float = 0.0  # the text channel's own BM25 score, before normalising
    best_cue_score: float = 0.0  # the best single cue's own score (subject factor applied)


def answers(match: IssueMatch) -> bool:
    """Whether the best entry is close enough to answer: its cues matched, or the question shares
    much of its title, answer and statute wording."""
    return match.cue_score >= ANSWER_SCORE or (
        match.score >= ANSWER_SCORE and match.text_score >= TEXT_ANSWER_SCORE
    )


@dataclass(frozen=True)
class Uncovered:
    """A kind of question the loaded statutes do not answer, and where its answer lives."""

    key: str
    cues: tuple[str, ...]  # "A+B": both parts in the question (compact, or its stems)
    what: str
    where: str
    what_en: str
    where_en: str
    overrides: bool = False  # wins over a matched entry (the entry can only say where the table is)
    unless: tuple[str, ...] = ()  # words that make the question one the statutes do answer
    # …except when the question asks for the figure itself (인지대 얼마): the statutes never state it
    figure_beats_unless: bool = False
    # statute words the thesaurus reads in the question (우선매수 for "낙찰 우선권 있나") that make it one
    # the statutes do answer, however it was worded
    unless_terms: tuple[str, ...] = ()
    # only a question asking for the figure (수수료 얼마) is this topic: the rule around it (면제, 환급) is
    # in the statutes, only the amount is in a table or a publication we do not hold
    figure_only: bool = False
    # the entry whose rule surrounds the missing figure, told beside the answer as context (its article
    # named in the text, not cited as the answer's source)
    context: str = ""


UNCOVERED: tuple[Uncovered, ...] = (
    Uncovered(
        "brokerage_fee_rates",
        (
            "중개보수+얼마", "중개보수+요율", "중개보수+몇", "중개보수+%", "중개보수+퍼", "중개보수+상한",
            "중개보수+최대", "복비+얼마", "복비+요율", "복비+몇", "복비+%", "복비+퍼", "복비+상한", "복비+최대",
            "중개수수료+얼마", "중개수수료+요율", "중개수수료+몇", "중개수수료+최대",
            "commission+maximum", "commission+how much", "commission+rate", "commission+cap", "commission+percent",
            "commission+limit", "agent fee+maximum", "agent fee+how much", "brokerage fee+maximum",
            "brokerage fee+how much", "brokerage fee+rate",
            # the fee asked of the agent by name ("the maximum fee a realtor can charge")
            "maximum+fee+agent", "maximum+fee+broker", "maximum+fee+realtor", "max+fee+agent", "max+fee+realtor",
            "how much+fee+agent", "how much+fee+broker", "how much+fee+realtor", "how much+agent+charge",
            "how much+broker+charge", "how much+realtor+charge", "cap+realtor+charge", "cap+agent+charge",
            "cap+broker+charge", "cap+fee+realtor", "cap+fee+agent", "cap+fee+broker", "limit+realtor+charge",
            "limit+agent+charge", "limit+broker+charge",
        ),
        "주택과 주거용 오피스텔 중개보수의 구체적인 요율과 한도액",
        "공인중개사법 시행규칙 별표 1·별표 2와 각 시·도의 중개보수 조례",
        "the actual brokerage-fee rates and caps for homes and residential officetels",
        "tables 1 and 2 (별표 1·2) of the Enforcement Rule of the Licensed Real Estate Agents Act and each "
        "city's or province's ordinance",
        overrides=True,
        # 주택 외 (상가·토지) 보수, 거래금액 계산, 지급시기, 초과 수수료는 시행규칙 제20조 등에 있다; a
        # residential officetel's rates are 별표 2's, which is not loaded
        unless=(
            "상가", "점포", "가게", "토지", "사무실", "거래금액", "언제", "사례", "초과", "더받", "shop", "store",
            "commercial", "land", "officespace", "transactionamount", "calculat", "whendo", "whenshould", "extra",
            "ontopof", "thank", "morethan", "overcharg",
            # a fee the agent is demanding, asked whether it is allowed: the act's own limits (제32조, 제33조)
            "달라는데", "달라고하는데", "달래요", "달라네", "요구하는데", "청구하는데", "ischarging", "demanding",
            "askingmefor", "askingfor", "morecommission", "morefee", "highercommission", "higherfee", "overthelegal",
            "abovethelegal", "beyondthelegal", "exceed",
            # which place's rule applies (the office's or the home's): 시행규칙 제20조 says
            "whichfee", "whichcity", "whichcap", "whichrule", "whichordinance", "whichregion", "basedin",
            "differentcity", "anothercity",
        ),
    ),
    Uncovered(
        "taxes",
        (
            "취득세", "양도세", "양도소득세", "재산세", "종부세", "종합부동산세", "보유세", "증여세", "상속세",
            "임대소득세", "세율", "세금", "비과세", "세액공제", "소득공제", "연말정산", "tax", "capital gains",
            # value-added tax on a fee (복비에 부가세): the tax acts', not the brokerage act's
            "부가세", "부가가치세", "간이과세", "일반과세", "vat", "value added",
        ),
        "부동산 세금(취득세·양도소득세·재산세 등)",
        "지방세법, 소득세법, 종합부동산세법 등 세법과 국세청·지방자치단체 안내",
        "real-estate taxes",
        "the tax acts (Local Tax Act, Income Tax Act, Comprehensive Real Estate Holding Tax Act)",
        # a false contract price or two contract papers is an offence the statutes cover, and a
        # landlord's unpaid taxes are a tenant's risk the lease and fraud acts speak of
        unless=("다운계약", "업계약", "이중계약", "계약서를두", "계약서두", "체납", "미납", "완납", "납세증명",
                # a price reported lower or higher than paid is a false report (부동산 거래신고법)
                "낮춰서신고", "낮춰신고", "낮게신고", "높여서신고", "높여신고", "높게신고", "거짓신고", "거짓으로신고",
                "허위신고", "허위로신고",
                # a contract paper written with a price other than the real one (금액을 다르게 쓰자)
                "실제금액이랑다르게", "실제금액과다르게", "실제가격이랑다르게", "실제가격과다르게", "금액을다르게",
                "가격을다르게", "금액다르게", "두개쓰", "두장쓰",
                # a second contract paper written lower or higher than the real price
                "실제보다낮게", "실제보다높게", "실제보다싸게", "실거래보다낮게", "하나더쓰", "하나더작성", "낮게쓰",
                "낮춰쓰", "높게쓰", "높여쓰",
                # the same said in English (a lower price written in the reported contract)
                "lowerprice", "higherprice", "loweramount", "higheramount", "underreport", "under-report",
                "downcontract", "down-contract", "falseprice", "fakeprice", "pricelowerthan", "lessthanwepaid",
                # the landlord's unpaid taxes, asked in English (the lease act's 납세증명서)
                "unpaidtax", "backtax", "taxarrear", "owestax", "owetax", "owingtax", "delinquent", "taxclearance",
                "taxpaymentcertificate", "taxcertificate", "unpaidnationaltax", "unpaidlocaltax"),
    ),
    Uncovered(
        "subscription",
        ("청약", "특별공급", "특공", "가점", "분양권전매", "전매제한", "분양가상한제"),
        "주택 청약·분양 규칙",
        "주택법과 주택공급에 관한 규칙",
        "housing subscription and pre-sale rules",
        "the Housing Act and the Rules on Housing Supply",
        # a win that makes a tenant end the lease early ("청약 당첨돼서 나가야") asks the lease acts
        unless=("갱신청구", "갱신요구", "중도해지", "계약해지", "해지통지", "보증금반환", "보증금을돌려", "보증금돌려"),
    ),
    Uncovered(
        "redevelopment",
        (
            "재건축조합", "재개발", "분담금", "조합원", "관리처분", "초과이익", "환수금", "안전진단", "정비구역",
            "정비사업", "조합설립", "사업시행인가", "입주권", "이주비", "재건축연한", "재건축+연한", "재건축+통과",
            "재건축+조합", "재건축+추진", "redevelopment", "reconstruction+association", "reconstruction+union",
            "reconstruction+safety", "safety inspection", "safety diagnosis", "redevelopment+zone",
        ),
        "재건축·재개발 절차",
        "도시 및 주거환경정비법",
        "redevelopment and reconstruction procedures",
        "the Act on the Improvement of Urban Areas and Residential Environments",
        # a tenant told to leave for a rebuilding (갱신거절, 권리금) is the lease acts' question
        unless=(
            "갱신", "나가", "세입자", "임차인", "임대차", "권리금", "가게", "상가", "전세", "월세", "renew", "tenant",
            "evict", "lease", "moveout", "leave", "keymoney", "shop", "jeonse",
        ),
    ),
    Uncovered(
        "registration_deadline",
        (
            "이전등기+며칠", "이전등기+언제까지", "이전등기+기한", "이전등기+기간", "이전등기+과태료", "이전등기+벌금",
            "이전등기+늦", "이전등기+60일", "소유권등기+며칠", "소유권등기+언제까지", "소유권등기+기한",
            "소유권등기+과태료", "명의이전+며칠", "명의이전+언제", "명의이전+기한", "등기+며칠안", "이전등기+언제",
            "소유권등기+언제", "등기+잔금+언제", "등기+잔금+며칠", "등기+잔금+기한", "title transfer+deadline", "title transfer+how many days", "title transfer+how long",
            "title transfer+fine", "register+title+deadline", "register+title+how long", "register+title+fine",
            "register+ownership+deadline", "register+ownership+how long", "ownership registration+deadline",
            "transfer registration+deadline", "transfer registration+how long", "register+title+days",
            "register+ownership+days", "title transfer+days", "register+title+within", "register+ownership+within",
            "register+title+late", "register+ownership+late", "register+deed+days", "register+deed+deadline",
        ),
        "잔금 뒤 소유권이전등기를 신청해야 하는 기한과 늦었을 때의 과태료",
        "부동산등기 특별조치법",
        "the deadline for registering the transfer of ownership after paying the balance, and the fine for missing it",
        "the Act on Special Measures for the Registration of Real Estate (부동산등기 특별조치법)",
        overrides=True,  # no loaded statute sets this deadline; 민법 제186조 only says registration transfers
        unless=(
            "임차권", "전세권", "확정일자", "임차", "전입", "세입자", "등기부", "등본", "근저당", "가압류", "lease",
            "tenant", "jeonse", "mortgage",
        ),
    ),
    Uncovered(
        "loans",
        (
            "대출규제", "ltv", "dsr", "dti", "전세대출", "전세자금대출", "주담대", "버팀목", "디딤돌", "보금자리론",
            "beotimmok", "jeonse loan", "loan limit", "mortgage+rate", "mortgage+interest", "mortgage+limit",
            "mortgage+loan", "mortgage+qualify", "mortgage+approval", "mortgage+borrow",
            # a loan asked about as a loan (can I get one, how much, at what rate), in either language
            "대출+받을수", "대출+받을", "대출+금리", "대출+한도", "대출+이자", "대출+가능", "대출+나오",
            "get a loan", "take out a loan", "take a loan", "loan interest", "loan rate", "loan approval",
            "qualify for a loan", "eligible for a loan", "borrow from the bank", "borrow from a bank",
            # (whole phrases: a lone "interest" or "rate" is a word entries on late interest also speak of)
        ),
        "대출 한도와 대출 규제",
        "은행업감독규정 등 금융위원회 규정과 각 금융기관의 기준",
        "loan limits and lending rules",
        "the Financial Services Commission's supervisory regulations and each lender's criteria",
        # the fraud act's own loans for victims (저리 대출 지원) and a loan ahead of the deposit are in the statutes
        unless=(
            "전세사기", "피해자", "피해주택", "fraud", "victim", "근저당", "우선변제", "경매", "auction", "priority",
            "aheadof", "beforemydeposit", "mydepositfirst",
        ),
    ),
    Uncovered(
        "guarantee_insurance_terms",
        (
            "보증보험+가입", "보증보험+조건", "보증보험+한도", "보증보험+몇", "보증보험+%", "hug+가입", "hug+조건",
            # what the insurance costs (보험료, 보증료): the insurer's tariff
            "보증보험+보험료", "반환보증+보험료", "반환보증+보증료", "보증보험+보증료", "hug+보증료", "hug+보험료",
            "premium+guarantee", "premium+insurance", "premium+hug",
            "허그+가입", "반환보증+조건", "guarantee+insurance",
            # who qualifies for the insurer's deposit-return guarantee, asked in English
            "return guarantee+qualify", "return guarantee+eligible", "return guarantee+reject", "hug+qualify",
            "hug+eligible", "hug+reject", "hug+approval", "hug+approved",
        ),
        "전세보증금 반환보증(보증보험)의 가입 조건과 한도",
        "주택도시보증공사(HUG)·한국주택금융공사·서울보증보험의 보증 규정",
        "deposit-return guarantee insurance conditions and limits",
        "the guarantee rules of HUG, HF and SGI",
        overrides=True,  # joining terms are the insurer's rules; the statutes only mention the insurers
        unless=("전세사기", "피해자", "우선변제", "경매"),  # insured tenants' rights the statutes do state
    ),
    Uncovered(
        "guarantee_insurance",
        ("전세보증보험", "보증보험", "반환보증+가입", "hug", "허그", "sgi"),
        "전세보증금 반환보증(보증보험)의 가입 조건",
        "주택도시보증공사(HUG)·한국주택금융공사·서울보증보험의 보증 규정",
        "deposit-return guarantee insurance conditions",
        "the guarantee rules of HUG, HF and SGI",
    ),
    Uncovered(
        "building_rules",
        (
            "불법건축", "위반건축", "불법증축", "건축법", "베란다+확장", "발코니+확장", "증축", "용도변경", "건축허가",
            "building permit", "building code", "split+units",
        ),
        "위반건축물과 건축 기준",
        "건축법",
        "illegal buildings and building standards",
        "the Building Act",
    ),
    Uncovered(
        "apartment_management",
        (
            "층간소음", "장기수선충당금", "입주자대표", "관리사무소",
            # how a complex sets or raises its running costs (관리비) is its own rules' matter
            "관리비+인상+아파트", "관리비+올리+아파트", "관리비+올려+아파트", "관리비+단지", "gwanribi",
            "management fee+apartment complex", "maintenance fee+apartment complex",
        ),
        "공동주택 관리(층간소음, 장기수선충당금, 관리비, 관리규약)",
        "공동주택관리법과 각 단지의 관리규약",
        "apartment-complex management (noise between floors, long-term repair reserves, management fees)",
        "the Multi-Family Housing Management Act and each complex's bylaws",
        overrides=True,  # the lease statutes' mediation and repair rules are not the complex's rules
        # a shop's fee breakdown (상가법 제19조의2) and what a broker must explain are the acts' own
        unless=("상가", "가게", "점포", "중개", "shop", "store", "commercial", "broker", "agent", "realtor"),
    ),
    Uncovered(
        "auction_procedure",
        ("입찰", "낙찰받", "경매+참여", "경매+절차", "명도소송", "배당요구"),
        "경매 절차(입찰, 배당요구, 명도)",
        "민사집행법과 법원경매정보 안내",
        "court auction procedure (bidding, distribution claims, eviction)",
        "the Civil Execution Act",
        # a victim's right to buy first at the auction, or to have it put off, is the fraud act's own
        unless=("우선매수", "먼저매수", "먼저살수", "경매유예", "경매를유예", "경매정지", "매각기일연기"),
        unless_terms=("우선매수", "유예", "정지"),
    ),
    Uncovered(
        "court_costs",
        (
            "인지대", "인지액", "인지료", "송달료", "소송비용", "소송비", "변호사비", "변호사선임비", "수임료",
            "법무사비", "court fee", "filing fee", "lawyer fee", "attorney fee", "legal costs",
        ),
        "소송·지급명령에 드는 법원 비용(인지대, 송달료)과 변호사 보수",
        "민사소송 등 인지법, 민사소송비용법과 대법원 전자소송·법원 안내",
        "court costs (stamp fees, service fees) and lawyers' fees",
        "the Civil Procedure Stamp Act, the Civil Procedure Costs Act and the courts' e-filing guide",
        overrides=True,  # the statutes here name the procedures, never what the court charges
        # the registration order's own costs are the landlord's to bear (주택임대차보호법 제3조의3 ⑧)
        unless=("임차권등기",),
        figure_beats_unless=True,  # …but how much the court charges for it is no statute's figure
    ),
    Uncovered(
        "registration_costs",
        (
            "등기비용", "등기비", "이전등기+비용", "이전등기+얼마", "법무사+비용", "법무사+수수료", "법무사+얼마",
            "법무사+보수", "등록면허세", "국민주택채권", "registration fee", "registration cost", "judicial scrivener",
        ),
        "소유권이전등기 비용(등록면허세·국민주택채권 매입·법무사 보수)",
        "지방세법·주택도시기금법과 대한법무사협회의 보수 기준",
        "ownership-registration costs (registration tax, housing bonds, scrivener's fees)",
        "the Local Tax Act, the Housing and Urban Fund Act and the Korea Judicial Scriveners' Association's fee rules",
        overrides=True,  # the statutes here never state these fees; an entry on lease registration costs is no answer
        unless=("임차권등기",),  # the registration order's own costs are the landlord's (제3조의3 ⑧)
    ),
    Uncovered(
        "housing_subsidies",
        (
            "월세지원", "월세+지원금", "청년월세", "청년+지원금", "주거급여", "주거+지원금", "이사비+지원", "rent subsidy",
            "housing allowance", "housing benefit", "youth rent",
        ),
        "청년 월세 지원·주거급여 같은 정부·지자체 주거 지원 사업의 자격과 금액",
        "국토교통부·지방자치단체의 사업 공고와 주거급여법",
        "government and local housing subsidies (youth rent support, housing benefit)",
        "the Ministry of Land's and local governments' programme notices and the Housing Benefit Act",
        # the fraud act's own support for victims is in the statutes here
        unless=("전세사기", "피해자", "피해주택", "fraud"),
    ),
    Uncovered(
        "mediation_fee_amount",
        (
            "분쟁조정+수수료", "조정신청+수수료", "조정+신청+수수료", "조정위원회+수수료", "분쟁조정+비용",
            "조정+신청+비용", "조정+신청비", "조정신청비", "mediation+fee", "mediation+cost", "mediation+charge",
        ),
        "주택임대차분쟁조정 신청 수수료의 금액",
        "주택임대차보호법 시행령 별표 2(수수료)",
        "the amount of the housing lease dispute mediation fee",
        "table 2 (별표 2) of the Enforcement Decree of the Housing Lease Protection Act",
        # 제33조 says the fee is 별표 2's and who is exempt or refunded; the amounts table is not loaded
        overrides=True,
        unless=("상가", "가게", "점포", "shop", "store", "commercial"),
        figure_only=True,
        context="housing_mediation_fee",
    ),
    Uncovered(
        "base_rate",
        (
            # the rate's value now, not the rule that names it ("기준금리에 몇 % 더해요?" asks the rule)
            "기준금리+지금", "기준금리+현재", "기준금리+요즘", "기준금리+최근", "기준금리+오늘", "기준금리+올해",
            "기준금리+이번달", "기준금리+알려", "base rate+now", "base rate+current", "base rate+currently",
            "base rate+today", "base rate+latest", "base rate+these days", "base rate+at the moment",
            "base rate+this year", "base rate+this month",
        ),
        "현재 한국은행 기준금리 수치",
        "한국은행이 발표하는 기준금리(한국은행 누리집)",
        "the Bank of Korea's current base rate",
        "the Bank of Korea's own announcements (its website)",
        # the statutes name the base rate in the conversion cap (시행령 제9조), never its current value
        overrides=True,
        unless=("더하", "더한", "더해", "플러스", "plus", "added"),
        context="housing_rent_conversion_rate",
    ),
    Uncovered(
        "immigration",
        (
            "비자", "체류자격", "체류기간", "출입국", "visa", "immigration", "residence permit", "stay permit",
        ),
        "외국인의 체류자격(비자)과 그에 따른 허가",
        "출입국관리법과 출입국·외국인청 안내",
        "visas and residence status for foreigners",
        "the Immigration Act and the Korea Immigration Service",
        overrides=True,  # whether a visa allows something is immigration law; the lease acts never say
        # what a foreign tenant or buyer does under the acts here (fixed date, deposit, fraud, buying land)
        unless=(
            "확정일자", "전입", "보증금", "전세사기", "취득", "토지", "매수", "우선변제", "경매", "fixeddate",
            "movein", "deposit", "fraud", "buyland", "buyahouse", "buyhouse", "auction", "priority",
        ),
    ),
    Uncovered(
        "court_duration",
        (
            "소송+얼마나+걸", "소송+기간+얼마", "소송+몇달", "소송+몇개월", "재판+얼마나+걸", "재판+몇달", "재판+몇개월",
            "lawsuit+how long", "court case+how long", "trial+how long", "lawsuit+take", "sue+how long",
        ),
        "소송이나 재판에 걸리는 기간",
        "법원의 사건 처리 현황(대법원 사법연감·전자소송 안내)",
        "how long a lawsuit or trial takes",
        "the courts' caseload statistics (Supreme Court judicial yearbook, e-filing guide)",
        overrides=True,  # the acts name the procedures, never how long a court takes
        # the mediation committee's own time limit (조정 기간) and a small claim's procedure are in the acts
        unless=("조정", "mediation", "지급명령"),
    ),
    Uncovered(
        "court_cases",
        (
            "판례", "대법원", "사건번호", "판결+사건", "판결+번호", "선고+사건", "supreme court", "case number",
            "precedent", "case law", "court ruling", "court decision",
        ),
        "법원 판례(판결 내용, 사건번호)",
        "대법원 종합법률정보와 법원 판결문 검색",
        "court precedents (rulings and case numbers)",
        "the Supreme Court's case-law database and court judgment search",
        overrides=True,  # we hold statutes only: a ruling asked for is not in them
        unless=("확정판결", "집행권원", "판결문을받", "승소"),  # a judgment the tenant holds is the acts' topic
    ),
    Uncovered(
        "private_rental_housing",
        (
            "임대사업자+등록", "임대사업자+해야", "주택임대사업", "등록임대", "민간임대", "rental business",
            "registered landlord", "rental housing business", "landlord+register as",
        ),
        "등록 임대사업자의 의무(임대료 증액 제한 등)",
        "민간임대주택에 관한 특별법",
        "duties of registered rental-housing businesses",
        "the Special Act on Private Rental Housing",
        overrides=True,  # registering (its benefits and duties) is that act's; the acts here only name it
        unless=("신고", "확정일자", "보증금", "전세사기", "경매"),  # a tenant's rights the acts here do state
    ),
)  # fmt: skip


_CUE_WORD = re.compile(r"[0-9a-z가-힣'%]+")  # a title's brackets and dots are no part of its words


def _words(text: str, compounds: frozenset[str] = frozenset()) -> tuple[tuple[str, ...], ...]:
    """A cue's words, each with the statute words it stands for that no other word of the cue
    already gives ("보증금 안 돌려줘": 돌려줘 stands for 반환, not for 보증금 again); one-syllable
    words and filler are left out. Two words written apart that together are one of `compounds`
    (the index's own words) are read as that word."""
    tokens = _CUE_WORD.findall(text.lower())
    joined: list[str] = []
    for token in tokens:  # "최우선 변제" is the one word 최우선변제 the index knows, not two
        if joined and reduce_word(joined[-1] + token) in compounds:
            joined[-1] += token
        else:
            joined.append(token)
    stems = []
    for raw in joined:
        stem = reduce_word(raw)
        if stem and stem not in _FILLER and (len(stem) >= 2 or "가" <= stem <= "힣"):
            stems.append((stem, tuple(t.replace(" ", "") for t in reduce_question(raw).terms)))
    words = []
    for index, (stem, statute) in enumerate(stems):
        others = {s for i, (other, terms) in enumerate(stems) if i != index for s in (other, *terms)}
        words.append((stem, *(t for t in statute if t not in others and t != stem)))
    return tuple(words)


def _law_of(issue: LegalIssue) -> str:
    law = issue.refs[0].law
    for suffix in ("시행령", "시행규칙"):
        law = law.removesuffix(suffix)
    return law


@cache
def _entries(issues: tuple[LegalIssue, ...]) -> tuple[tuple[_Entry, ...], dict[str, float]]:
    """Entries with their cues read once, and each word's weight: rarer across entries → heavier."""
    entries = []
    document_frequency: dict[str, int] = {}
    texts = [c for issue in issues for c in (*issue.cues, issue.title)]
    compounds = frozenset(w[0] for c in texts for w in _words(c) if len(w[0]) >= 3)
    for issue in issues:
        cues = tuple(_Cue(c, _words(c, compounds)) for c in (*issue.cues, issue.title))
        bag = frozenset(part for c in cues for w in c.words for part in w if len(part) >= 2)
        kept = tuple(c for c in cues if c.words)
        entries.append(_Entry(issue, kept, _law_of(issue), bag, _anchors(kept)))
        for word in bag:
            document_frequency[word] = document_frequency.get(word, 0) + 1
    total = max(len(issues), 1)
    weights = {stem: math.log(1.0 + total / df) for stem, df in document_frequency.items()}
    return tuple(entries), weights


def _anchors(cues: tuple[_Cue, ...]) -> tuple[tuple[str, ...], ...]:
    """The words at least ANCHOR_SHARE of an entry's cues (and its title) are written with — 확정일자
    for "재계약 때 확정일자 다시 받기" — with the statute words they stand for. A question that has
    none of them is about something else the entry only touches (재계약 with a rent increase)."""
    if len(cues) < ANCHOR_MIN_CUES:
        return ()
    counts: dict[str, int] = {}
    forms: dict[str, tuple[str, ...]] = {}
    for cue in cues:
        for word in {w[0]: w for w in cue.words if len(w[0]) >= 2 and w[0] not in _LIGHT}.values():
            counts[word[0]] = counts.get(word[0], 0) + 1
            forms.setdefault(word[0], word)
    return tuple(forms[w] for w, n in counts.items() if n >= ANCHOR_SHARE * len(cues))


@cache
def _plain(stem: str) -> str:
    """A cue word with tense undone, as the question's plain stems are (밀렸 → 밀리); never shorter
    than two syllables, so it cannot be found everywhere."""
    plain = plain_stem(stem)
    return plain if len(plain) >= 2 else stem


@cache
def _pairs(word: str) -> frozenset[str]:
    return frozenset(word[i : i + 2] for i in range(len(word) - 1))


# Last syllables of the verb stems cues are written with (바뀌, 밀리, 고치, 돌려주, 떼이, 내): such a
# cue word is found in any of its forms (바뀐, 밀렸, 고쳐). Nouns ending so (수리, 이사) are left
# alone where a form would be another word: 사기 and 이하 never stand for 사긴, 이해.
_VERB_SYLLABLES = frozenset("리뀌치주우되내이키히")


_VERB_ADNOMINAL = frozenset("리뀌치주되내")  # 올릴 → 올리, 바뀐 → 바뀌, 돌려줄 → 돌려주, 된 → 되
_N_OR_L = (4, 8)  # ㄴ, ㄹ finals


@cache
def _verb_forms(stem: str) -> tuple[str, ...]:
    """A cue word's verb forms: a stem ending like a verb (밀리) in all its forms; a cue written with
    an adnominal ending (올릴, 바뀐) by its dictionary stem's forms."""
    if len(stem) < 2 or not "가" <= stem[-1] <= "힣":
        return (stem,)
    code = ord(stem[-1]) - 0xAC00
    if code % 28 in _N_OR_L:
        bare = chr(0xAC00 + code - code % 28)
        if bare in _VERB_ADNOMINAL:
            return (stem, *verb_forms(stem[:-1] + bare))
    return verb_forms(stem) if stem[-1] in _VERB_SYLLABLES else (stem,)


def statute_parts(reduced: ReducedQuestion) -> frozenset[str]:
    """Shorter words that stand for a statute word of the question: the words of a several-word
    phrase (주택 임대차 계약의 신고 → 임대차, 신고) and the start or end of a compound that is most of
    it (계약갱신 → 갱신). 등기 is no part of 임차권등기명령 in that sense."""
    parts = set(reduced.term_words)
    for term in reduced.term_set:
        for size in range(max(2, (len(term) + 1) // 2), len(term)):
            parts.update((term[:size], term[-size:]))
    return frozenset(parts)


@cache
def _shape(stem: str) -> tuple[str, tuple[str, ...], frozenset[str], re.Pattern[str] | None]:
    """What a cue word is looked for as, worked out once: its tense-undone form, its other verb
    forms, its syllable pairs (a longer Hangul word) and, for a number, a pattern at a digit edge."""
    number = re.compile(rf"(?<![0-9]){re.escape(stem)}") if stem[:1].isdigit() else None
    pairs = _pairs(stem) if len(stem) >= 3 and "가" <= stem[0] <= "힣" else frozenset()
    return _plain(stem), _verb_forms(stem)[1:], pairs, number


def _holds_term(stem: str, terms: frozenset[str]) -> bool:
    """A cue compound most of which is a statute word of the question (수선의무 for 수선, 확정일자부여
    for 확정일자): the question says the same thing without the compound's tail."""
    return any(
        len(t) >= 2 and 2 * len(t) >= len(stem) and (stem.startswith(t) or stem.endswith(t)) for t in terms
    )


def _found(
    word: tuple[str, ...],
    text: str,
    terms: frozenset[str],
    pairs: frozenset[str],
    parts: frozenset[str] = frozenset(),
) -> float:
    """How surely a cue word is in the question: 1 when written there (its stem, its stem with tense
    undone, or another of its verb forms, inside the text) or produced whole by the thesaurus; less
    when only a statute word it stands for is, or it is part of one (statute_parts), or when most of
    a longer word's syllable pairs are there (보조원 for 중개보조원, a typo such as 확정일짜)."""
    stem, *statute = word
    plain, forms, own, number = _shape(stem)
    if number is not None:  # 4년 is not in 24년, 5% is not in 15%
        return 1.0 if number.search(text) else 0.0
    if stem in text or stem in terms or plain in text or any(form in text for form in forms):
        return 1.0
    if stem in parts or any(s in terms or s in text for s in statute) or _holds_term(stem, terms):
        return ALTERNATIVE_WEIGHT
    if own and len(own & pairs) >= PAIRS_NEEDED * len(own):
        return PAIRS_CREDIT
    return 0.0


def _apart(found: list[tuple[tuple[str, ...], float]], text: str) -> list[tuple[tuple[str, ...], float]]:
    """Cue words each found in a place of their own: a word written only inside another found word
    of the same cue (중개 inside 공인중개사, 임대 inside 임대인) is that word, not a second match."""
    kept = []
    for word, how in found:
        stem = word[0]
        hosts = [w[0] for w, _ in found if w[0] != stem and stem in w[0] and w[0] in text]
        if hosts and how == 1.0:
            rest = text
            for host in hosts:
                rest = rest.replace(host, "|")
            if stem not in rest and _plain(stem) not in rest:
                continue
        kept.append((word, how))
    return kept


def _cue_score(
    cue: _Cue, found_in_question: Callable[[tuple[str, ...]], float], text: str, weights: dict[str, float]
) -> float:
    found = [(w, found_in_question(w)) for w in cue.words]
    found = [(w, how) for w, how in found if how > 0]
    if not found:
        return 0.0
    if len(found) > 1:
        found = _apart(found, text)
    if all(len(w[0]) == 1 or w[0] in _LIGHT for w, _ in found):
        return 0.0  # "새", "안", "경우" alone say nothing
    score = sum(_credit(w[0], how, weights) for w, how in found)
    if len(found) == len(cue.words):
        return score + WHOLE_BONUS * (len(found) - 1)  # a several-word cue found whole is strong evidence
    # a cue found in part counts by how much of its meaning is there (its words' weights), so one
    # missing light word costs little and a missing main word much
    share = score / sum(_word_weight(w[0], weights) for w in cue.words)
    return PARTIAL_SCALE * score * share**PARTIAL_POWER


def _credit(word: str, how: float, weights: dict[str, float]) -> float:
    """What one found cue word adds: its weight by how surely it was found; a rare cue word met only
    through a common statute word is no rarer than that word."""
    if how == ALTERNATIVE_WEIGHT and len(word) > 1 and word not in _LIGHT:
        return how * min(weights.get(word, 1.0), ALTERNATIVE_CAP)
    return how * _word_weight(word, weights)


def _subject_factor(entry_law: str, subjects: tuple[str, ...]) -> float:
    """Entries of the question's law first; a shop entry for a housing question (or the reverse)
    falls far behind, the 민법 (the general rule) only a little. A question may have more than one
    subject ("상가 복비": brokerage and shop); an entry of any of them is of its law."""
    if not subjects:
        if entry_law == COMMERCIAL:
            return 0.45
        if entry_law == FRAUD:
            return 0.4  # a fraud-relief rule answers only a question that speaks of fraud
        return 1.0
    if entry_law in subjects:
        return 1.15
    if entry_law == CIVIL:
        return 0.85
    if COMMERCIAL in subjects and entry_law == HOUSING:
        return 0.4
    return 0.55


# The 민법's general lease rules that 주택임대차보호법 replaces for a home (the special act governs):
# for a question about a home's lease these entries yield to the act's entry on the same rule.
CODE_RULES_THE_HOME_ACT_REPLACES = frozenset(
    (
        "civil_implied_renewal",  # 민법 제639조 → 주택임대차보호법 제6조·제6조의2
        "civil_open_term_notice",  # 민법 제635조 → 주택임대차보호법 제4조 (2년)
    )
)
HOME_ACT_YIELD = 0.4  # such an entry's score for a home question
# …and those the shop act replaces for a shop's lease (3기 arrears in 제10조의8, not the 민법's 2기;
# its own implied renewal in 제10조 ④): for a shop question they yield the same way.
CODE_RULES_THE_SHOP_ACT_REPLACES = frozenset(
    (
        "civil_rent_arrears_termination",  # 민법 제640조 → 상가건물 임대차보호법 제10조의8
        "civil_implied_renewal",  # 민법 제639조 → 상가건물 임대차보호법 제10조 ④
    )
)
# Entries whose rule does not fit a question that gives this statute word as the reason: rent cut
# because part of the home cannot be used (멸실) is the 민법 제627조's, not the economic-change rule.
RULE_FOR_ANOTHER_REASON: Mapping[str, frozenset[str]] = {
    "housing_rent_adjustment": frozenset(("멸실",)),
    "commercial_rent_decrease": frozenset(("멸실",)),
    # damages from someone's faulty building (윗집 배관) is no rent cut the tenant asks the landlord for
    "civil_structure_defect_damage": frozenset(("감액",)),
    # a defect found long after the purchase asks how long the claim may wait (제582조), not what it is
    "civil_seller_defect_liability": frozenset(("기간",)),
    # the fixed sum paid ahead of everyone (보증금 중 일정액, 최우선) is 제8조's / 제14조's, not the ranked
    # repayment a fixed date gives
    "housing_priority_repayment": frozenset(("보증금중일정액",)),
    "commercial_priority_repayment": frozenset(("보증금중일정액",)),
}
OTHER_REASON_YIELD = 0.45
# Damage from someone else's building (윗집 누수, the unit above) is the 민법 제758조's; a leak in the
# rented home that the landlord will not fix, with no neighbour named, is the landlord's repair duty.
NEIGHBOUR_WORDS = (
    "윗집", "위층", "윗층", "아랫집", "옆집", "이웃", "옆건물", "upstairs", "neighbo", "above", "nextdoor",
    "nexthouse", "downstairs", "below",
)  # fmt: skip
NEIGHBOUR_DAMAGE_ENTRY = "civil_structure_defect_damage"
NO_NEIGHBOUR_YIELD = 0.6
# Money already paid past the cap and claimed back ("올려서 냈는데 돌려받을 수", "이미 낸 돈 반환") asks
# for the refund rule (제10조의2), not the cap a raise still being asked for meets (제7조).
PAID_BACK_WORDS = ("반환", "돌려받", "이미낸", "냈는데", "낸돈", "줬는데", "refund", "paidback", "getitback")
INCREASE_CAP_ENTRY = "housing_rent_increase_cap"
PAID_BACK_YIELD = 0.6
# A raise asked for at renewal ("재계약하면서 3천 올려달래요", "10% more rent when we renew") asks how
# much the rent may rise (제7조 and its decree's cap), not about the renewal right itself.
RAISE_AT_RENEWAL_YIELDS = frozenset(("housing_renewal_request", "housing_renewal_terms"))
RAISE_AT_RENEWAL_YIELD = 0.7
# A ground for refusing renewal (housing_refusal_*) answers a question about renewal or being told to
# leave; a question that speaks of neither (subletting while away) is about the rule itself.
REFUSAL_GROUND_PREFIX = "housing_refusal_"
RENEWAL_WORDS = frozenset(("계약갱신", "갱신거절", "갱신요구", "갱신", "재계약", "갱신거절의통지"))
# Ending the lease (해지) is about renewal only when the question also speaks of the lease's end or of
# leaving: "몰래 에어비앤비 돌렸는데 계약 해지 되죠?" asks to end it now (민법 제629조), not to refuse renewal.
END_OF_TERM_WORDS = ("만기", "만료", "끝나", "끝날", "기간끝", "연장", "나가라", "내보내", "비워")
REFUSAL_GROUND_YIELD = 0.6
# Being away for a while ("해외 6개월 나가있는 동안", "출장 나가서 사는 동안") is no leaving of the home.
AWAY_WORDS = ("나가있", "나가서살", "나가살", "나가사는", "나가지내", "나가서지내")


def reduce_away(compact: str) -> str:
    """The question's compact text with the words for being away a while taken out."""
    for word in AWAY_WORDS:
        compact = compact.replace(word, "")
    return compact


# A question that names the tenant's renewal right (갱신요구권) and asks by when asks about that right
# (제6조의3), not about the notice either side gives before expiry (제6조).
RENEWAL_RIGHT_WORDS = (
    "갱신요구", "갱신청구", "갱신권", "연장권", "연장요구", "갱신해달라", "연장해달라", "renewalright",
    "requestrenewal", "renewalrequest", "asktorenew",
)  # fmt: skip
NOTICE_TIMING = "housing_renewal_notice_timing"
RENEWAL_RIGHT_YIELD = 0.7
# A lease already extended (자동으로 연장된 상태, 갱신요구권 써서 연장했는데) that the tenant wants to end
# early asks how an extended lease ends, not how it got extended: the termination entries come first.
EXTENDED_WORDS = (
    "연장된", "연장됐", "연장했", "연장되었", "연장돼", "연장되어", "갱신된", "갱신됐", "갱신했", "갱신되었", "갱신돼",
    "갱신되어", "연장된상태", "연장해놓", "연장받았", "연장받고", "갱신해놓", "auto-renewed", "renewed",
)  # fmt: skip
# A lease that simply ran on because both sides let the end pass in silence ("둘 다 아무 말 안 해서 그냥
# 계속 살고 있는데", "it just kept going") was renewed by implication (제6조), not by the tenant's request:
# leaving it is 제6조의2's, not the termination of a lease renewed on request (제6조의3 ④).
SILENT_RENEWAL_WORDS = (
    "아무말안해서", "아무말안했", "아무말안하고", "아무말없어서", "아무말없었", "연락없이지나",
    "그냥계속살", "계속살고있", "keptgoing", "kepton", "carriedon", "rolledover", "rollover",
    "continuedautomatically", "automaticallycontinued", "justcontinued", "stillgoing", "saidanything",
    "saidaword", "saidnothing",
)  # fmt: skip
IMPLIED_RENEWAL_ENDING = "housing_implied_renewal_termination"
SILENT_ENDING_BOOST = 1.8  # silence and leaving together name that rule more surely than "연장된" does
LEAVING_WORDS = (
    "나가",
    "이사",
    "중도",
    "해지",
    "빼고",
    "moveout",
    "movingout",
    "leave",
    "terminat",
    "endthelease",
    # asking whether one is bound to stay on is asking to leave ("stuck for another 2 years?")
    "stuckfor",
    "staythefull",
    "stayanother",
    "anothertwoyears",
    "another2years",
    "2년다채워",
    "2년더살아야",
)
ENDING_AN_EXTENDED_LEASE = frozenset(
    ("housing_implied_renewal_termination", "housing_renewed_lease_termination")
)
EXTENDED_ENDING_BOOST = 1.4
# …and the rules on how it got extended or how long a first term runs yield
HOW_IT_WAS_EXTENDED = frozenset(
    (
        "housing_implied_renewal",
        "housing_renewal_request",
        "housing_minimum_term",
        "civil_implied_renewal",  # the 민법's own renewal (제639조) is how it got extended, too
        # "위약금 물어야 하나" when leaving an extended lease asks whether it may be ended at will
        # (제6조의2), not what an agreed penalty is (민법 제398조)
        "civil_liquidated_damages",
    )
)
EXTENDED_HOW_YIELD = 0.7
# Checking a landlord's taxes before signing ("계약 전에 체납 세금 확인") asks what the landlord must
# show (주택임대차보호법 제3조의7), not how a victim's home's taxes are split or deferred afterwards.
BEFORE_SIGNING_WORDS = ("계약전", "계약하기전", "들어가기전", "beforeisign", "beforesigning", "beforewesign")
TAXES_AFTER_THE_LOSS = frozenset(("fraud_landlord_tax_apportionment", "fraud_tax_sale_suspension"))
# A tenant who must move out while the deposit is still unpaid ("새 집 잔금 때문에 이사해야 하는데 보증금을
# 못 받았어요", "I need to move out for a new job") asks how to keep the deposit's protection after
# leaving: the lease registration order (제3조의3), not the rule that the lease lasts until repayment.
MUST_MOVE_WORDS = (
    "이사가야", "이사해야", "이사를가야", "이사나가야", "이사가면", "이사를해야", "이사가게", "이사갈", "이사하면",
    "나가야", "전입옮", "moveout", "movingout", "havetomove", "needtomove", "mustmove", "movefor", "relocat",
    "movetoanother", "movingfor",
    # the new home's move-in date coming, or taking the 전입 away from the old home
    "입주날", "입주일", "새집입주", "새집으로", "새집에들어", "이삿날", "이사날", "전입빼", "전입을빼", "주소옮",
    "주소빼", "주소를옮", "주소를빼", "전입신고옮", "movingdate",
)  # fmt: skip
UNPAID_DEPOSIT_ENTRY = "housing_deposit_return"
# …nor how the priority and the opposability it would keep arise in the first place
# (nor the handover the priority payout waits for: a tenant who must leave unpaid keeps the priority by
# the registration order, which is what such a question asks)
HOW_RIGHTS_ARISE = frozenset(
    ("housing_priority_repayment", "housing_opposability", "housing_handover_before_payout")
)
# A tenant who asks to stay on until the deposit is paid ("돈 받을 때까지 안 나가도 되죠", "refuse to leave
# until I'm paid") asks whether handing the home back waits for the deposit (민법 제536조, 동시이행), not
# only that the lease lasts until repayment.
HOLD_OUT_WORDS = (
    "안나가", "안나갈", "안비워", "안비우", "안빼도", "집을안비", "집안비", "못나가겠", "refusetoleave",
    "refusetomoveout", "stayuntil", "won'tleave", "wontleave", "notleaveuntil", "notmoveoutuntil",
    "handbackthekeys",
)  # fmt: skip
SIMULTANEOUS_RETURN_ENTRY = "civil_lease_deposit_simultaneous"
HOLD_OUT_YIELD = 0.75
HOLD_OUT_BOOST = 1.2
REGISTRATION_ORDER_ENTRY = "housing_lease_registration_order"
MUST_MOVE_YIELD = 0.75
MUST_MOVE_BOOST = 1.2
# A landlord who will pay only once the tenant has moved out ("짐 빼고 나가면 준대요. 제가 먼저 나가야
# 돼요?", "he'll pay after I move out") asks whether handing the home back must come first — the
# 동시이행 of 민법 제536조 and the lease lasting until repayment (제4조 ②) — not how to keep the deposit's
# protection when one has to move for one's own reasons (the registration order).
FIRST_OUT_WORDS = (
    "먼저나가", "먼저나갈", "먼저이사", "먼저빼", "먼저비워", "나가면준", "나가면돌려", "나가야준", "나가야돌려",
    "빼면준", "빼면돌려", "빼고나가면", "비우면준", "비우면돌려", "이사가면준", "이사가면돌려", "이사하면준",
    "moveoutfirst", "leavefirst", "vacatefirst", "afterimoveout", "afterimove", "onceimoveout", "onceimove",
    "onlyafterimove", "untilimoveout", "afterwemoveout", "oncewemoveout", "afteryoumoveout", "onceyoumoveout",
)  # fmt: skip
# Whether the act covers a lease at all ("is my lease even covered", "적용 대상인가요") with a "cap" that is
# the act's threshold, not a raise: the entries on the cap on a raise yield unless a raise is asked for.
COVERAGE_WORDS = (
    "covered", "apply", "applies", "coverme", "coverour", "covermy", "적용되", "적용받", "적용대상", "적용이되",
    "보호대상", "보호받을수있", "해당되",
)  # fmt: skip
RAISE_WORDS = (
    "올려", "올리", "올린", "올릴", "인상", "증액", "달래", "달라", "raise", "increase", "hike", "goup", "moreren",
    "higherrent", "morefor",
    # the raise cap named by its figure or as the rent's cap ("5% 제한 적용돼요?", "does the rent cap apply")
    "5%", "5프로", "5퍼", "오프로", "percent", "rentcap", "임대료상한", "월세상한", "인상률",
)  # fmt: skip
INCREASE_CAP_ENTRIES = frozenset(("housing_rent_increase_cap", "commercial_rent_increase_cap"))
COVERAGE_YIELD = 0.6
# A former tenant refused renewal for the owner's own use who asks to see the home's lease now (열람,
# 확인해볼 수) asks for the lease information (시행령 제5조·제6조), not yet for damages (제6조의3 ⑤).
LOOK_UP_WORDS = (
    "열람", "확인해볼", "확인할수", "확인가능", "볼수있", "알아볼", "lookup", "checkthelease", "seethelease",
    "checkwho", "findoutwho",
)  # fmt: skip
DAMAGES_WORDS = ("손해배상", "배상", "compensat", "damages")
OWNER_MOVE_IN_DAMAGES = "housing_owner_move_in_damages"
# Words that make a question one about a home's lease (a shop, a 전세권 or a named 민법 is not).
HOME_LEASE_WORDS = (
    "집주인", "세입자", "전세", "월세", "원룸", "투룸", "빌라", "아파트", "오피스텔", "주택", "우리집",
    "house", "apartment", "landlord", "jeonse", "flat",
)  # fmt: skip


def home_lease_question(reduced: ReducedQuestion, subjects: tuple[str, ...]) -> bool:
    """Whether the question is about a home's lease, so 주택임대차보호법 (not the 민법) governs it."""
    if COMMERCIAL in subjects or CIVIL in subjects:
        return False
    compact = reduced.compact.replace("전세권", "")
    return any(word in compact for word in HOME_LEASE_WORDS)


def match_issues(
    question: str | ReducedQuestion,
    issues: tuple[LegalIssue, ...] | None = None,
    limit: int = 3,
    statutes: Mapping[tuple[str, int, int], str] | None = None,
) -> list[IssueMatch]:
    """The entries a question is about, best first, with their scores (zero-score entries left out).

    `statutes` ((law, article, sub) → body) lets the text channel read the statute text each entry
    quotes; without it the title, cues and answer are read."""
    reduced = reduce_question(question) if isinstance(question, str) else question
    issues = issues if issues is not None else all_issues()
    entries, weights = _entries(issues)
    statute_items = tuple(sorted((statutes or {}).items()))
    index = _text_index(issues, statute_items)
    weights = _bounded_weights(issues, index)
    figures = _figure_entries(issues, statute_items) if asks_figure(reduced) else (False,) * len(issues)
    raw_text = _text_scores(index, text_tokens(reduced))
    top_text = max(max(raw_text, default=0.0), TEXT_FLOOR)
    text_scores = [TEXT_NORMALISE * t / top_text for t in raw_text]
    text, terms, parts = reduced.text, reduced.term_set, statute_parts(reduced)
    pairs = frozenset(p for part in text.split("|") for p in _pairs(part))
    seen: dict[tuple[str, ...], float] = {}  # the same cue word recurs across entries: looked for once

    def found_in_question(word: tuple[str, ...]) -> float:
        if word not in seen:
            seen[word] = _found(word, text, terms, pairs, parts)
        return seen[word]

    # the question's own words and statute words, for the word-overlap part of the score
    question_words = frozenset(w for w in reduced.stems if len(w) >= 2 and w not in _FILLER) | terms
    subjects = subject_laws(reduced)
    home = home_lease_question(reduced, subjects)
    # "해외 나가있는 동안" (away for a while) is no leaving of the home
    leaving_text = reduce_away(reduced.compact)
    renewal = bool(RENEWAL_WORDS & terms) or any(w in leaving_text for w in ("갱신", "재계약", "나가"))
    renewal = renewal or ("해지" in terms and any(w in reduced.compact for w in END_OF_TERM_WORDS))
    right_named = any(w in reduced.compact for w in RENEWAL_RIGHT_WORDS)
    silent = any(w in reduced.compact for w in SILENT_RENEWAL_WORDS)
    ending_extended = (silent or any(w in reduced.compact for w in EXTENDED_WORDS)) and (
        "해지" in terms or any(w in reduced.compact for w in LEAVING_WORDS)
    )
    neighbour = any(w in reduced.compact for w in NEIGHBOUR_WORDS)
    paid_back = "증액" in terms and any(w in reduced.compact for w in PAID_BACK_WORDS)
    must_move = "보증금" in terms and any(w in reduced.compact for w in MUST_MOVE_WORDS)
    hold_out = "보증금" in terms and any(w in reduced.compact for w in HOLD_OUT_WORDS)
    look_up = (
        "실제거주" in terms
        and any(w in reduced.compact for w in LOOK_UP_WORDS)
        and not any(w in reduced.compact for w in DAMAGES_WORDS)
    )
    first_out = "보증금" in terms and any(w in reduced.compact for w in FIRST_OUT_WORDS)
    if first_out:
        must_move, hold_out = False, True
    coverage = any(w in reduced.compact for w in COVERAGE_WORDS) and not any(
        w in reduced.compact for w in RAISE_WORDS
    )
    before_signing = any(w in reduced.compact for w in BEFORE_SIGNING_WORDS)
    scored: list[IssueMatch] = []
    for entry, text_score, raw, figure in zip(entries, text_scores, raw_text, figures, strict=True):
        best, best_cue, others = 0.0, "", 0.0
        for cue in entry.cues:
            score = _cue_score(cue, found_in_question, text, weights)
            if score > best:
                others += best
                best, best_cue = score, cue.text
            else:
                others += score
        overlap = sum(_word_weight(w, weights) for w in entry.bag & question_words)
        if best <= 0 and overlap <= 0 and text_score <= 0:
            continue
        cues = best + OTHER_CUES_WEIGHT * min(others, 2 * best) + BAG_WEIGHT * overlap
        factor = _subject_factor(entry.law, subjects)
        if home and entry.issue.key in CODE_RULES_THE_HOME_ACT_REPLACES:
            factor *= HOME_ACT_YIELD
        if COMMERCIAL in subjects and entry.issue.key in CODE_RULES_THE_SHOP_ACT_REPLACES:
            factor *= HOME_ACT_YIELD
        if RULE_FOR_ANOTHER_REASON.get(entry.issue.key, frozenset()) & terms:
            factor *= OTHER_REASON_YIELD
        if "증액" in terms and entry.issue.key in RAISE_AT_RENEWAL_YIELDS:
            factor *= RAISE_AT_RENEWAL_YIELD
        if entry.issue.key == NOTICE_TIMING and right_named:
            factor *= RENEWAL_RIGHT_YIELD
        if entry.issue.key.startswith(REFUSAL_GROUND_PREFIX) and not renewal:
            factor *= REFUSAL_GROUND_YIELD
        if entry.issue.key == NEIGHBOUR_DAMAGE_ENTRY and "임대인" in terms and not neighbour:
            factor *= NO_NEIGHBOUR_YIELD
        if paid_back and entry.issue.key == INCREASE_CAP_ENTRY:
            factor *= PAID_BACK_YIELD
        if must_move and (entry.issue.key == UNPAID_DEPOSIT_ENTRY or entry.issue.key in HOW_RIGHTS_ARISE):
            factor *= MUST_MOVE_YIELD
        elif must_move and entry.issue.key == REGISTRATION_ORDER_ENTRY:
            factor *= MUST_MOVE_BOOST
        elif must_move and not hold_out and entry.issue.key == SIMULTANEOUS_RETURN_ENTRY:
            factor *= MUST_MOVE_YIELD  # leaving for one's own reasons is no holding the home back
        if first_out and entry.issue.key == REGISTRATION_ORDER_ENTRY:
            factor *= MUST_MOVE_YIELD
        if hold_out and entry.issue.key == UNPAID_DEPOSIT_ENTRY:
            factor *= HOLD_OUT_YIELD
        elif hold_out and entry.issue.key == SIMULTANEOUS_RETURN_ENTRY:
            factor *= HOLD_OUT_BOOST
        if look_up and entry.issue.key == OWNER_MOVE_IN_DAMAGES:
            factor *= COVERAGE_YIELD
        if coverage and entry.issue.key in INCREASE_CAP_ENTRIES:
            factor *= COVERAGE_YIELD
        if before_signing and entry.issue.key in TAXES_AFTER_THE_LOSS:
            factor *= OTHER_REASON_YIELD
        if figure:
            factor *= FIGURE_BOOST
        if ending_extended and silent and entry.issue.key in ENDING_AN_EXTENDED_LEASE:
            factor *= SILENT_ENDING_BOOST if entry.issue.key == IMPLIED_RENEWAL_ENDING else EXTENDED_HOW_YIELD
        elif ending_extended and entry.issue.key in ENDING_AN_EXTENDED_LEASE:
            factor *= EXTENDED_ENDING_BOOST
        elif ending_extended and entry.issue.key in HOW_IT_WAS_EXTENDED:
            factor *= EXTENDED_HOW_YIELD
        if entry.anchors and not any(found_in_question(a) for a in entry.anchors):
            cues *= ANCHOR_MISSING
            text_score *= ANCHOR_TEXT_MISSING
        total = (cues + text_score) * factor
        scored.append(
            IssueMatch(
                entry.issue,
                round(total, 3),
                best_cue,
                round(cues * factor, 3),
                round(raw, 3),
                round(best * factor, 3),
            )
        )
    scored.sort(key=lambda m: -m.score)
    return scored[:limit]


def _bigrams(text: str) -> set[str]:
    compact = "".join(text.split())
    return {compact[i : i + 2] for i in range(len(compact) - 1)}


def closest_titles(question: ReducedQuestion, issues: tuple[LegalIssue, ...], n: int = 3) -> list[str]:
    """Titles of the `n` entries nearest the question, to offer when nothing answers it: scored
    entries first, then by shared syllable pairs with the entry's title and cues."""
    titles = [m.issue.title for m in match_issues(question, issues, limit=n)]
    if len(titles) < n:
        grams = _bigrams(question.compact) | _bigrams("".join(question.terms))

        def overlap(issue: LegalIssue) -> float:
            return len(grams & _bigrams(" ".join((issue.title, *issue.cues)))) / (1 + len(issue.cues))

        for issue in sorted(issues, key=overlap, reverse=True):
            if issue.title not in titles:
                titles.append(issue.title)
            if len(titles) >= n:
                break
    return titles[:n]


def statute_terms(question: str) -> frozenset[str]:
    """The statute words the thesaurus reads in a question, spaces removed (월차임전환, 해지 …)."""
    return reduce_question(question).term_set


_SENTENCE_END = re.compile(r"[.?!;。…\n]+|ㅠ+|ㅜ+")


def uncovered_topic(question: str | ReducedQuestion) -> Uncovered | None:
    """The kind of question the loaded statutes do not answer, if this is one."""
    found = uncovered_words(question)
    return found[0] if found else None


def uncovered_words(question: str | ReducedQuestion) -> tuple[Uncovered, tuple[str, ...]] | None:
    """The kind of question the loaded statutes do not answer, if this is one, with the words of
    the question that say so (취득세, 청약 …)."""
    reduced = reduce_question(question) if isinstance(question, str) else question
    # Parts are looked for inside single words (상가점포 must not read as 가점), 전세금 is no 세금 (tax),
    # and marks such as % are looked for in the whole text.
    stems = [stem for stem in reduced.stems if stem != "전세금"]
    compact = reduced.compact.replace("전세금", "")

    words = [_english_forms(stem) for stem in reduced.stems]

    def present(part: str) -> bool:
        if re.search("[가-힣]", part):
            return any(part in stem for stem in stems)
        if part.isascii() and part.replace(" ", "").isalpha():
            return _english_phrase(part.split(), words)
        return part in compact

    # the parts of a several-part cue are said of one thing: in one sentence, not one in the story
    # and one in the question ("복비도 들었고요. … 얼마나 받을 수 있어요?" asks no fee rate)
    sentences = [part for part in _SENTENCE_END.split(reduced.compact) if part]

    def together(parts: list[str]) -> bool:
        return len(parts) == 1 or any(all(p in sentence for p in parts) for sentence in sentences)

    figure = asks_figure(reduced)
    terms = reduced.term_set
    for topic in UNCOVERED:
        if topic.figure_only and not figure:
            continue
        answered = any(word in compact for word in topic.unless) or bool(terms & set(topic.unless_terms))
        if answered and not (topic.figure_beats_unless and figure):
            continue
        hits = [
            cue
            for cue in topic.cues
            if all(present(part) for part in cue.split("+")) and (reduced.english or together(cue.split("+")))
        ]
        if hits:
            return topic, tuple(part for cue in hits for part in cue.split("+") if part not in "+%")
    return None


def _english_forms(word: str) -> frozenset[str]:
    """An English word and its singular ("taxes" → tax, "loans" → loan)."""
    forms = {word}
    if len(word) > 3 and word.endswith("s"):
        forms.update((word[:-1], word[:-2] if word.endswith("es") else word[:-1]))
    return frozenset(forms)


def _english_phrase(phrase: list[str], words: list[frozenset[str]]) -> bool:
    """Whether the question has these English words whole and in a row: hug is no part of huge,
    nor get of budget."""
    size = len(phrase)
    return any(all(phrase[j] in words[i + j] for j in range(size)) for i in range(len(words) - size + 1))


UNFAMILIAR_ENTRIES = 2  # a question word in at most this many entries is one the index barely knows


def unfamiliar_words(
    question: ReducedQuestion,
    issue: LegalIssue,
    issues: tuple[LegalIssue, ...],
    statutes: Mapping[tuple[str, int, int], str],
) -> tuple[str, ...]:
    """Words of the question the index barely knows and the matched entry never uses — 휴업 in "중개업
    잠깐 쉬려면 휴업 신고해야 하나요?" matched to the entry on short stays: the question may be about an
    article no entry covers (the statute search is asked whether one is titled so)."""
    index = _text_index(issues, tuple(sorted(statutes.items())))
    rare = []
    phrases = thesaurus_phrases(question)
    for stem in dict.fromkeys(question.stems):
        if len(stem) < 2 or not "가" <= stem[0] <= "힣" or stem in _FILLER or stem in _LIGHT:
            continue
        if reduce_question(stem).terms or any(stem in phrase for phrase in phrases):
            continue  # an everyday word or phrase the thesaurus knows (허락 → 동의) is no unknown topic
        if index.frequency.get("w:" + plain_stem(stem), 0) <= UNFAMILIAR_ENTRIES:
            rare.append(stem)
    if not rare:
        return ()
    own = _pairs(_compact_document(issue, statutes))
    # a compound whose parts the entry uses (분쟁조정위원회 beside 조정위원회) is no new word to it
    return tuple(w for w in rare if len(_pairs(w) & own) < PAIRS_NEEDED * len(_pairs(w)))


def _compact_document(issue: LegalIssue, statutes: Mapping[tuple[str, int, int], str]) -> str:
    bodies = " ".join(statutes.get((r.law, r.article, r.sub), "") for r in issue.refs)
    return "".join(" ".join((issue.title, *issue.cues, issue.answer, bodies)).lower().split())


def mentions(issue: LegalIssue, words: tuple[str, ...], statutes: Mapping[tuple[str, int, int], str]) -> bool:
    """Whether an entry speaks of any of `words` itself (its title, cues, answer or quoted statute
    text): such a question is about that entry although it also names a topic we do not cover."""
    compact = _compact_document(issue, statutes)
    return any(len(word) >= 2 and word in compact for word in words)
