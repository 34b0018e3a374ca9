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
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache, lru_cache

from agents.domain.legal_terms import (
    CIVIL,
    COMMERCIAL,
    FRAUD,
    HOUSING,
    ReducedQuestion,
    plain_stem,
    reduce_question,
    reduce_word,
    subject_law,
)
from agents.tools.legal_issues import ArticleRef, LegalIssue, all_issues
from agents.tools.statute_text import clause_texts, item_lines

# An entry at or above this score answers the question; below it the full-text search is tried.
ANSWER_SCORE = 2.2
PARTIAL_WEIGHT = 0.35  # a cue found only in part
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


@dataclass(frozen=True)
class IssueMatch:
    issue: LegalIssue
    score: float
    cue: str  # the cue that matched best
    cue_score: float = 0.0  # the score from the cues alone (the text channel left out)
    text_score: float = 0.0  # the text channel's own BM25 score, before normalising


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


UNCOVERED: tuple[Uncovered, ...] = (
    Uncovered(
        "brokerage_fee_rates",
        (
            "중개보수+얼마", "중개보수+요율", "중개보수+몇", "중개보수+%", "중개보수+퍼", "중개보수+상한",
            "중개보수+최대", "복비+얼마", "복비+요율", "복비+몇", "복비+%", "복비+퍼", "복비+상한", "복비+최대",
            "중개수수료+얼마", "중개수수료+요율", "중개수수료+몇", "중개수수료+최대",
        ),
        "주택 중개보수의 구체적인 요율과 한도액",
        "공인중개사법 시행규칙 별표 1과 각 시·도의 중개보수 조례",
        "the actual brokerage-fee rates and caps for homes",
        "table 1 (별표 1) of the Enforcement Rule of the Licensed Real Estate Agents Act and each city's or "
        "province's ordinance",
        overrides=True,
        # 주택 외 (상가·토지) 보수, 거래금액 계산, 지급시기, 초과 수수료는 시행규칙 제20조 등에 있다
        unless=("상가", "점포", "가게", "토지", "오피스텔", "사무실", "거래금액", "언제", "사례", "초과", "더받"),
    ),
    Uncovered(
        "taxes",
        (
            "취득세", "양도세", "양도소득세", "재산세", "종부세", "종합부동산세", "보유세", "증여세", "상속세",
            "임대소득세", "세율", "세금", "비과세", "tax",
        ),
        "부동산 세금(취득세·양도소득세·재산세 등)",
        "지방세법, 소득세법, 종합부동산세법 등 세법과 국세청·지방자치단체 안내",
        "real-estate taxes",
        "the tax acts (Local Tax Act, Income Tax Act, Comprehensive Real Estate Holding Tax Act)",
        unless=("다운계약", "업계약"),  # a false contract price is a reporting offence the statutes cover
    ),
    Uncovered(
        "subscription",
        ("청약", "특별공급", "특공", "가점", "분양권전매", "전매제한"),
        "주택 청약·분양 규칙",
        "주택법과 주택공급에 관한 규칙",
        "housing subscription and pre-sale rules",
        "the Housing Act and the Rules on Housing Supply",
    ),
    Uncovered(
        "redevelopment",
        ("재건축조합", "재개발", "분담금", "조합원", "관리처분"),
        "재건축·재개발 절차",
        "도시 및 주거환경정비법",
        "redevelopment and reconstruction procedures",
        "the Act on the Improvement of Urban Areas and Residential Environments",
    ),
    Uncovered(
        "loans",
        ("대출규제", "ltv", "dsr", "dti", "전세대출", "전세자금대출", "주담대"),
        "대출 한도와 대출 규제",
        "은행업감독규정 등 금융위원회 규정과 각 금융기관의 기준",
        "loan limits and lending rules",
        "the Financial Services Commission's supervisory regulations and each lender's criteria",
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
        ("불법건축", "위반건축", "불법증축", "건축법"),
        "위반건축물과 건축 기준",
        "건축법",
        "illegal buildings and building standards",
        "the Building Act",
    ),
    Uncovered(
        "apartment_management",
        ("층간소음", "장기수선충당금", "입주자대표", "관리사무소"),
        "공동주택 관리(층간소음, 장기수선충당금, 관리규약)",
        "공동주택관리법과 각 단지의 관리규약",
        "apartment-complex management (noise between floors, long-term repair reserves)",
        "the Multi-Family Housing Management Act and each complex's bylaws",
    ),
    Uncovered(
        "auction_procedure",
        ("입찰", "낙찰받", "경매+참여", "경매+절차", "명도소송", "배당요구"),
        "경매 절차(입찰, 배당요구, 명도)",
        "민사집행법과 법원경매정보 안내",
        "court auction procedure (bidding, distribution claims, eviction)",
        "the Civil Execution Act",
    ),
    Uncovered(
        "private_rental_housing",
        ("임대사업자+등록", "등록임대", "민간임대"),
        "등록 임대사업자의 의무(임대료 증액 제한 등)",
        "민간임대주택에 관한 특별법",
        "duties of registered rental-housing businesses",
        "the Special Act on Private Rental Housing",
    ),
)  # fmt: skip


def _words(text: str) -> tuple[tuple[str, ...], ...]:
    """A cue's words, each with the statute words it stands for that no other word of the cue
    already gives ("보증금 안 돌려줘": 돌려줘 stands for 반환, not for 보증금 again); one-syllable
    words and filler are left out."""
    stems = []
    for raw in text.lower().split():
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
    for issue in issues:
        cues = tuple(_Cue(c, _words(c)) for c in (*issue.cues, issue.title))
        bag = frozenset(part for c in cues for w in c.words for part in w if len(part) >= 2)
        entries.append(_Entry(issue, tuple(c for c in cues if c.words), _law_of(issue), bag))
        for word in bag:
            document_frequency[word] = document_frequency.get(word, 0) + 1
    total = max(len(issues), 1)
    weights = {stem: math.log(1.0 + total / df) for stem, df in document_frequency.items()}
    return tuple(entries), weights


@cache
def _plain(stem: str) -> str:
    """A cue word with tense undone, as the question's plain stems are (밀렸 → 밀리); never shorter
    than two syllables, so it cannot be found everywhere."""
    plain = plain_stem(stem)
    return plain if len(plain) >= 2 else stem


def _pairs(word: str) -> frozenset[str]:
    return frozenset(word[i : i + 2] for i in range(len(word) - 1))


def _found(word: tuple[str, ...], text: str, terms: frozenset[str], pairs: frozenset[str]) -> float:
    """How surely a cue word is in the question: 1 when written there (its stem, or its stem with
    tense undone, inside the text) or produced whole by the thesaurus; less when only a statute word
    it stands for is (등기 is never found inside 임차권등기명령), or when most of a longer word's
    syllable pairs are there (보조원 for 중개보조원, a typo such as 확정일짜)."""
    stem, *statute = word
    if stem in text or stem in terms or _plain(stem) in text:
        return 1.0
    if any(s in terms or s in text for s in statute):
        return ALTERNATIVE_WEIGHT
    if len(stem) >= 3 and "가" <= stem[0] <= "힣":
        own = _pairs(stem)
        if len(own & pairs) >= PAIRS_NEEDED * len(own):
            return PAIRS_CREDIT
    return 0.0


def _cue_score(
    cue: _Cue, text: str, terms: frozenset[str], pairs: frozenset[str], weights: dict[str, float]
) -> float:
    found = [(w, _found(w, text, terms, pairs)) for w in cue.words]
    found = [(w, how) for w, how in found if how > 0]
    if not found:
        return 0.0
    # a rare cue word met only through a common statute word is no rarer than that word
    score = sum(
        SYLLABLE_WEIGHT
        if len(w[0]) == 1
        else how * min(weights.get(w[0], 1.0), ALTERNATIVE_CAP)
        if how == ALTERNATIVE_WEIGHT
        else how * weights.get(w[0], 1.0)
        for w, how in found
    )
    if all(len(w[0]) == 1 for w, _ in found):
        return 0.0  # "새", "안" alone say nothing
    if len(found) == len(cue.words):
        return score + WHOLE_BONUS * (len(found) - 1)  # a several-word cue found whole is strong evidence
    return PARTIAL_WEIGHT * score * len(found) / len(cue.words)


def _subject_factor(entry_law: str, subject: str | None, question: ReducedQuestion) -> float:
    """Entries of the question's law first; a shop entry for a housing question (or the reverse)
    falls far behind, the 민법 (the general rule) only a little."""
    if subject is None:
        if entry_law == COMMERCIAL:
            return 0.45
        if entry_law == FRAUD:
            return 0.4  # a fraud-relief rule answers only a question that speaks of fraud
        return 1.0
    if entry_law == subject:
        return 1.15
    if entry_law == CIVIL:
        return 0.85
    if subject == COMMERCIAL and entry_law == HOUSING:
        return 0.4
    return 0.55


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
    index = _text_index(issues, tuple(sorted((statutes or {}).items())))
    weights = _bounded_weights(issues, index)
    raw_text = _text_scores(index, text_tokens(reduced))
    top_text = max(max(raw_text, default=0.0), TEXT_FLOOR)
    text_scores = [TEXT_NORMALISE * t / top_text for t in raw_text]
    text, terms = reduced.text, reduced.term_set
    pairs = frozenset(p for part in text.split("|") for p in _pairs(part))
    # the question's own words and statute words, for the word-overlap part of the score
    question_words = frozenset(w for w in reduced.stems if len(w) >= 2 and w not in _FILLER) | terms
    subject = subject_law(reduced)
    scored: list[IssueMatch] = []
    for entry, text_score, raw in zip(entries, text_scores, raw_text, strict=True):
        best, best_cue, others = 0.0, "", 0.0
        for cue in entry.cues:
            score = _cue_score(cue, text, terms, pairs, weights)
            if score > best:
                others += best
                best, best_cue = score, cue.text
            else:
                others += score
        overlap = sum(weights[w] for w in entry.bag & question_words)
        if best <= 0 and overlap <= 0 and text_score <= 0:
            continue
        cues = best + OTHER_CUES_WEIGHT * min(others, 2 * best) + BAG_WEIGHT * overlap
        factor = _subject_factor(entry.law, subject, reduced)
        total = (cues + text_score) * factor
        scored.append(
            IssueMatch(entry.issue, round(total, 3), best_cue, round(cues * factor, 3), round(raw, 3))
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

    def present(part: str) -> bool:
        if re.search("[가-힣]", part):
            return any(part in stem for stem in stems)
        return part in compact

    for topic in UNCOVERED:
        if any(word in compact for word in topic.unless):
            continue
        hits = [cue for cue in topic.cues if all(present(part) for part in cue.split("+"))]
        if hits:
            return topic, tuple(part for cue in hits for part in cue.split("+") if part not in "+%")
    return None


def mentions(issue: LegalIssue, words: tuple[str, ...], statutes: Mapping[tuple[str, int, int], str]) -> bool:
    """Whether an entry speaks of any of `words` itself (its title, cues, answer or quoted statute
    text): such a question is about that entry although it also names a topic we do not cover."""
    bodies = " ".join(statutes.get((r.law, r.article, r.sub), "") for r in issue.refs)
    compact = "".join(" ".join((issue.title, *issue.cues, issue.answer, bodies)).lower().split())
    return any(len(word) >= 2 and word in compact for word in words)
