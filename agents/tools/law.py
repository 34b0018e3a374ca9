"""Statute search over law_articles: keyword + full-text ranking, and exact lookup by 법명 + 조문.

Korean words arrive glued to particles ("갱신요구권은") and compounds ("전세계약갱신") that the
'simple' tsvector cannot split, so the query is turned into keywords first: particles stripped,
known terms found inside compounds, colloquial terms mapped to statute wording (갱신요구권 → 계약갱신
요구). Articles are then ranked by keyword hits (title hits count more, rare keywords weigh more),
the prefix full-text rank of the `search` column, and a bonus when every word of the question is
present (websearch_to_tsquery). The law the question is about (주택임대차보호법 for housing leases)
is preferred.
"""

from __future__ import annotations

import re
from typing import Any

from sqlalchemy import text

from agents.domain.law_names import SEARCH_ALIASES
from agents.domain.legal_terms import CIVIL, asks_figure, reduce_question, reduce_word, subject_law
from agents.domain.particles import STATUTE_PARTICLES, strip_particle
from agents.domain.units import clip
from agents.tools.legal_issues import ArticleRef, LegalIssue, all_issues
from agents.tools.legal_issues.match import (
    ANSWER_SCORE,
    answers,
    closest_titles,
    figure_ref,
    match_issues,
    mentions,
    uncovered_words,
    unfamiliar_words,
)
from agents.tools.models import LawArticle, LawArticleHit, LawCitation, LawQuote, LegalAnswer, LegalStep
from agents.tools.statute_text import CIRCLED, clause_texts, item_lines
from agents.tools.transactions import Db, connect

HOUSING_LEASE_LAW = "주택임대차보호법"
MAX_KEYWORDS = 24

_ARTICLE_COLUMNS = (
    """law_name, kind, article_no, article_sub, title, body, chapter, effective_date, source_url"""
)

# Names are compared without spaces: the data has "상가건물 임대차보호법", people write it glued.
GET_ARTICLE_SQL = f"""
SELECT {_ARTICLE_COLUMNS}
FROM law_articles
WHERE replace(law_name, ' ', '') = ANY(CAST(:names AS text[]))
  AND (CAST(:kind AS text) IS NULL OR kind = :kind)
  AND article_no = :article_no AND article_sub = :article_sub
ORDER BY (kind = '법률') DESC, law_name
LIMIT 1
"""

SEARCH_SQL = """
WITH kw AS (
    SELECT k.word, lower(k.word) AS word_lc, k.weight
    FROM unnest(CAST(:words AS text[]), CAST(:weights AS float8[])) AS k(word, weight)
),
docs AS (
    -- Lower-cased once per article: ILIKE '%word%' on Korean text lower-cases the whole body again
    -- for every word and was ~90% of this query's time (up to 160 ms a call under load).
    SELECT id, law_name, kind, title, body, search,
           lower(coalesce(title, '')) AS title_lc, lower(body) AS body_lc
    FROM law_articles
    WHERE CAST(:law_prefix AS text) IS NULL OR replace(law_name, ' ', '') LIKE :law_prefix
),
hits AS (
    SELECT d.id, kw.word, kw.weight,
           strpos(d.title_lc, kw.word_lc) > 0 AS in_title,
           (length(d.body_lc) - length(replace(d.body_lc, kw.word_lc, ''))) / length(kw.word) AS occurrences
    FROM docs d
    JOIN kw ON strpos(d.title_lc, kw.word_lc) > 0 OR strpos(d.body_lc, kw.word_lc) > 0
),
idf AS (
    SELECT word, ln((SELECT count(*) FROM docs)::float8 / count(DISTINCT id)) + 1.0 AS idf
    FROM hits
    GROUP BY word
),
keyword_score AS (
    SELECT h.id,
           array_agg(DISTINCT h.word) AS matched,
           sum(h.weight * i.idf * (CASE WHEN h.in_title THEN 3.0 ELSE 0.0 END
                                   + CASE WHEN h.occurrences > 0 THEN 1.0 ELSE 0.0 END
                                   + 0.3 * least(h.occurrences, 5))) AS score
    FROM hits h
    JOIN idf i USING (word)
    GROUP BY h.id
),
text_score AS (
    SELECT id,
           ts_rank_cd(search, to_tsquery('simple', :prefix_query)) AS rank,
           search @@ websearch_to_tsquery('simple', :raw_query) AS all_words
    FROM docs
    WHERE search @@ to_tsquery('simple', :prefix_query)
)
SELECT a.law_name, a.kind, a.article_no, a.article_sub, a.title, a.body, a.chapter, a.effective_date,
       a.source_url,
       coalesce(k.matched, CAST(ARRAY[] AS text[])) AS matched,
       (coalesce(k.score, 0) + 5.0 * coalesce(t.rank, 0) + CASE WHEN t.all_words THEN 5.0 ELSE 0.0 END)
         * CASE WHEN replace(a.law_name, ' ', '') LIKE CAST(:preferred AS text) THEN 1.5 ELSE 1.0 END
         * CASE WHEN a.kind = '법률' THEN 1.2 ELSE 1.0 END AS score
FROM law_articles a
LEFT JOIN keyword_score k ON k.id = a.id
LEFT JOIN text_score t ON t.id = a.id
WHERE k.id IS NOT NULL OR t.id IS NOT NULL
ORDER BY score DESC, a.law_name, a.article_no, a.article_sub
LIMIT :limit
"""

# --- vocabulary ------------------------------------------------------------------------------------

# Words that make a question a housing-lease question (→ prefer 주택임대차보호법).
LEASE_TERMS = (
    "전세", "월세", "임대차", "임차", "임대인", "세입자", "집주인", "보증금", "갱신", "확정일자",
    "대항력", "우선변제", "차임", "전입", "묵시", "계약기간", "임대료", "소액임차",
)  # fmt: skip

# Legal terms worth finding inside a longer glued word ("전세계약갱신" → 전세, 계약, 갱신).
TERMS = (
    "임대차", "임차인", "임대인", "보증금", "차임", "전세", "월세", "계약", "갱신", "해지", "대항력",
    "확정일자", "중개보수", "중개", "등기", "경매", "우선변제", "임차권", "주민등록", "주택", "상가",
    "권리금", "증액", "감액", "기간", "반환", "수리", "수선", "손해배상", "위약금", "계약금", "해제", "연체",
    "전대", "신고", "원상회복",
)  # fmt: skip

STOPWORDS = frozenset(
    (
        "몇", "번", "수", "있어", "있나", "있나요", "있는", "있을까", "없어", "어떻게", "뭐", "뭐야", "무엇",
        "알려줘", "알려주세요", "설명", "설명해줘", "해줘", "궁금", "궁금해", "관련", "법", "법률", "조항",
        "내용", "경우", "되나", "되나요", "하나요", "가능", "가능해", "얼마", "언제", "왜", "최대", "쓸",
        "할", "대해", "대해서", "뭔가요", "인가요", "뜻", "의미", "질문", "좀", "그", "이거", "어떤",
        "최소", "얼마나", "누가", "되면", "쓰면", "하면", "해야", "하는", "때", "점", "년", "개월", "어떻게",
        "있어요", "있나", "없나", "어떡", "어떡해", "어떡하", "해요", "하나", "건가", "건가요", "거야", "인데",
        "그런데", "근데", "지금", "이번", "저는", "제가", "우리", "저희", "이런", "그냥", "혹시", "정말", "진짜",
        "되는", "되나", "돼요", "아니", "맞나", "맞아", "맞나요", "받을", "받으", "받나", "한테", "계속",
    )
)  # fmt: skip

_ARTICLE_REF = re.compile(r"(?:제\s*)?(?<!\d)(\d{1,4})\s*조(?:\s*의\s*(\d{1,4}))?")
_LABEL = re.compile(r"^제?\s*(\d{1,4})\s*(?:조\s*)?(?:(?:의|-|_)\s*(\d{1,4}))?$")  # on a stripped label
_WORD = re.compile(r"[가-힣]+|[a-z]+|\d+")
_SPACE_OR_NUL = re.compile(r"[\s\x00]+")
_SPACES = re.compile(r"\s+")


# --- helpers ---------------------------------------------------------------------------------------


def parse_article_label(label: str) -> tuple[int, int]:
    """ "6의3", "제6조의3", "6조의3", "6-3" → (6, 3); "6", "제6조" → (6, 0). ValueError otherwise."""
    match = _LABEL.match(label.strip())
    if match is None:
        raise ValueError(f"not an article number: {label!r}")
    return int(match.group(1)), int(match.group(2) or 0)


def article_label(article_no: int, article_sub: int = 0) -> str:
    return f"제{article_no}조의{article_sub}" if article_sub else f"제{article_no}조"


def compact_law_name(name: str) -> str:
    compact = _SPACE_OR_NUL.sub("", name)
    return SEARCH_ALIASES.get(compact, compact)


def keywords(query: str) -> dict[str, float]:
    """Search keywords with weights: the question's stems (particles and verb endings off) and the
    statute words the thesaurus gives them count fully, terms merely found inside a longer glued
    word count less. English words count only through the thesaurus (the statutes are Korean)."""
    found: dict[str, float] = {}

    def add(word: str, weight: float) -> None:
        word = word.strip().lower()
        if len(word) >= 2 and word not in STOPWORDS and found.get(word, 0.0) < weight:
            found[word] = weight

    # "제6조의3" is looked up directly by search_articles; its pieces are not keywords.
    text_ = _ARTICLE_REF.sub(" ", clip(query).lower())
    reduced = reduce_question(text_)
    for raw in _WORD.findall(text_):
        if raw.isdigit() or raw.isascii() or raw in STOPWORDS:
            continue
        word = reduce_word(raw)
        if word in SEARCH_ALIASES or strip_particle(raw, STATUTE_PARTICLES) in SEARCH_ALIASES:
            continue  # a law's name selects the law; it is not a keyword inside articles
        add(word, 1.0)
        if len(word) > 3:
            for term in TERMS:
                if term in word and term != word:
                    add(term, 0.6)
    for term in reduced.terms:
        add(term, 1.0)
    return dict(list(found.items())[:MAX_KEYWORDS])


def preferred_law(query: str, law_name: str | None) -> str | None:
    """The law a question is about: named explicitly, by subject (legal_terms.subject_law), or
    주택임대차보호법 for leases."""
    if law_name:
        return compact_law_name(law_name)
    compact = _SPACES.sub("", query)
    for alias, law in SEARCH_ALIASES.items():
        if alias in compact:
            return law
    subject = subject_law(reduce_question(query))
    if subject is not None:
        return subject
    if "전세권" in compact:
        return CIVIL
    if any(term in compact for term in LEASE_TERMS):
        return HOUSING_LEASE_LAW
    return None


def _prefix_query(words: list[str]) -> str:
    """'갱신:* | 계약갱신:*': each keyword's words as tsquery prefixes (keywords hold only [가-힣a-z0-9 ])."""
    parts = {part for word in words for part in word.split() if len(part) >= 2}
    return " | ".join(f"{part}:*" for part in sorted(parts))


def _law(row: Any) -> dict[str, Any]:
    return {
        "law_name": row.law_name,
        "kind": row.kind,
        "article_no": row.article_no,
        "article_sub": row.article_sub,
        "article": article_label(row.article_no, row.article_sub),
        "title": row.title,
        "body": row.body,
        "chapter": row.chapter,
        "effective_date": row.effective_date,
        "source_url": row.source_url,
    }


def _like_prefix(name: str) -> str:
    return name.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


# --- tools -----------------------------------------------------------------------------------------


async def get_article(
    db: Db, law_name: str, article_no: int, article_sub: int = 0, kind: str | None = "법률"
) -> LawArticle | None:
    """One article by law and number, e.g. ("주택임대차보호법", 6, 3) → 제6조의3; None if absent.

    For kind 시행령/시행규칙 the law's own name is accepted too ("주택임대차보호법" + 시행령).
    """
    base = compact_law_name(law_name)
    for suffix in ("시행령", "시행규칙"):
        if base.endswith(suffix) and kind == "법률":
            kind = suffix  # "주택임대차보호법 시행령" names the decree itself
    names = [base] + [base + suffix for suffix in ("시행령", "시행규칙") if kind in (None, suffix)]
    params = {"names": names, "kind": kind, "article_no": article_no, "article_sub": article_sub}
    async with connect(db) as conn:
        row = (await conn.execute(text(GET_ARTICLE_SQL), params)).first()
    return None if row is None else LawArticle(**_law(row))


async def search_articles(
    db: Db, query: str, law_name: str | None = None, limit: int = 5
) -> list[LawArticleHit]:
    """Articles that answer `query`, best first. An article the question cites ("제6조의3") comes first."""
    limit = max(1, min(int(limit), 20))
    query = clip(query.replace("\x00", ""))  # Postgres text cannot hold NUL
    weighted = keywords(query)
    preferred = preferred_law(" ".join([query, *weighted]), law_name)
    hits: list[LawArticleHit] = []
    cited = _ARTICLE_REF.search(query)
    if cited:
        law = preferred or HOUSING_LEASE_LAW  # a bare "제6조의3" in a housing chat means the lease law
        article = await get_article(db, law, int(cited.group(1)), int(cited.group(2) or 0), kind=None)
        if article is not None:
            hits.append(LawArticleHit(**article.model_dump(), score=1000.0, matched=[cited.group(0).strip()]))
    if not weighted:
        return hits
    words = list(weighted)
    params = {
        "words": words,
        "weights": [weighted[w] for w in words],
        "law_prefix": _like_prefix(compact_law_name(law_name)) if law_name else None,
        "prefix_query": _prefix_query(words),
        "raw_query": query,
        "preferred": _like_prefix(preferred) if preferred else "",
        "limit": limit + len(hits),
    }
    async with connect(db) as conn:
        rows = (await conn.execute(text(SEARCH_SQL), params)).all()
    seen = {(h.law_name, h.kind, h.article_no, h.article_sub) for h in hits}
    for row in rows:
        if (row.law_name, row.kind, row.article_no, row.article_sub) not in seen:
            hits.append(
                LawArticleHit(**_law(row), score=round(float(row.score), 3), matched=sorted(row.matched))
            )
    return hits[:limit]


# --- legal answers -------------------------------------------------------------------------------

QUOTE_CHARS = 700  # one quoted 항 at most; a long one is cut with "…"
ARTICLE_QUOTE_CHARS = 1400  # all quoted 항 of one article together
UNCOVERED_UNLESS_SCORE = 12.0  # an entry whose cues match this well answers despite such a topic
TITLED_UNLESS_SCORE = 12.0  # …and despite a rare word of the story that some article's title holds
CLOSEST_MIN_SCORE = 6.0  # a full-text hit weaker than this is no article about the question
CLOSEST_MIN_MATCHED = 2  # …and it must share at least this many keywords with the question

REFS_SQL = f"""
SELECT {_ARTICLE_COLUMNS}
FROM law_articles a
JOIN unnest(CAST(:laws AS text[]), CAST(:numbers AS int[]), CAST(:subs AS int[])) AS r(law, no, sub)
  ON replace(a.law_name, ' ', '') = r.law AND a.article_no = r.no AND a.article_sub = r.sub
"""


def _citation(article: LawArticle) -> LawCitation:
    return LawCitation(**article.model_dump(exclude={"body", "chapter"}))


def _clause_label(numbers: tuple[int, ...] | list[int]) -> str:
    return "·".join(CIRCLED[n - 1] for n in numbers if 0 < n <= len(CIRCLED))


def _cut(text_: str, limit: int) -> str:
    return text_ if len(text_) <= limit else text_[:limit].rstrip() + "…"


def quote(article: LawArticle, clauses: tuple[int, ...] = (), items: tuple[int, ...] = ()) -> LawQuote:
    """The named 항 (all when none are named) of an article as plain text; `items` keeps only those
    호 of a single 항 (its opening sentence stays)."""
    texts = clause_texts(article.body)
    wanted = [c for c in (clauses or tuple(texts)) if c in texts]
    parts = []
    for number in wanted:
        clause = texts[number]
        if items and len(wanted) == 1:
            lines = item_lines(clause)
            head = clause.split("\n", 1)[0]
            clause = "\n".join([head, *(lines[i] for i in items if i in lines)])
        parts.append(_cut(clause, QUOTE_CHARS))
    label = _clause_label(wanted) if clauses and 0 not in texts else ""
    return LawQuote(
        law_name=article.law_name,
        article=article.article,
        title=article.title,
        clauses=label,
        text=_cut("\n".join(parts), ARTICLE_QUOTE_CHARS),
    )


async def _articles_for(db: Db, refs: list[ArticleRef]) -> dict[tuple[str, int, int], LawArticle]:
    """The loaded articles the refs name, by (law without spaces, article, sub)."""
    keys = list(dict.fromkeys((r.law, r.article, r.sub) for r in refs))
    params = {"laws": [k[0] for k in keys], "numbers": [k[1] for k in keys], "subs": [k[2] for k in keys]}
    async with connect(db) as conn:
        rows = (await conn.execute(text(REFS_SQL), params)).all()
    found = {}
    for row in rows:
        article = LawArticle(**_law(row))
        found[(compact_law_name(row.law_name), row.article_no, row.article_sub)] = article
    return found


def _issue_answer(
    issue: LegalIssue,
    english: bool,
    loaded: dict[tuple[str, int, int], LawArticle],
    first: ArticleRef | None = None,
) -> LegalAnswer | None:
    """The entry's answer, its quoted 항 and its next steps; None when its governing article is not
    loaded (an answer is never given without the text behind it). `first`, one of its refs, is cited
    first: the decree article that states the figure a question asks for."""
    quotes: list[LawQuote] = []
    citations: list[LawCitation] = []
    refs = issue.refs if first is None else (first, *(r for r in issue.refs if r != first))
    for ref in refs:
        article = loaded.get((ref.law, ref.article, ref.sub))
        if article is None:
            if not quotes:
                return None
            continue
        quotes.append(quote(article, ref.clauses, ref.items))
        citations.append(_citation(article))
    steps = []
    for step_text, ref in issue.next_steps:
        article = loaded.get((ref.law, ref.article, ref.sub))
        if article is None:
            continue  # a step is offered only where a loaded article provides for it
        steps.append(
            LegalStep(
                text=step_text,
                law_name=article.law_name,
                article=article.article,
                clauses=_clause_label(ref.clauses),
            )
        )
        citations.append(_citation(article))
    unique = list({(c.law_name, c.kind, c.article): c for c in citations}.values())
    return LegalAnswer(
        mode="issue",
        english=english,
        lead=(issue.answer_en or issue.answer) if english else issue.answer,
        issue_key=issue.key,
        quotes=quotes,
        next_steps=steps,
        articles=unique,
    )


def best_clause(article: LawArticle, weighted: dict[str, float]) -> tuple[int, ...]:
    """The 항 of an article that shares most with the question's keywords (() for an article
    without numbered 항)."""
    texts = clause_texts(article.body)
    if 0 in texts:
        return ()

    def score(number: int) -> float:
        clause = texts[number].lower()
        return sum(w * min(clause.count(word), 3) for word, w in weighted.items())

    best = max(texts, key=lambda n: (score(n), -n))
    return (best,)


def _closest_lead(hit: LawArticle, clauses: tuple[int, ...], english: bool) -> str:
    name = f"「{hit.law_name}」 {hit.article}" + (f"({hit.title})" if hit.title else "")
    label = f" {_clause_label(clauses)}" if clauses else ""
    if english:
        return (
            "No curated answer matches this question; the closest statute text found is "
            f"{name}{label}. It may not answer your exact situation."
        )
    return (
        f"질문에 꼭 맞는 안내는 찾지 못했고, 가장 가까운 조문은 {name}{label}입니다. "
        "이 조문이 질문의 상황을 그대로 다루지 않을 수 있어요."
    )


async def legal_answer(
    db: Db,
    query: str,
    law_name: str | None = None,
    article: str | None = None,
    search_query: str | None = None,
) -> LegalAnswer:
    """A statute question answered: a matched issue-index entry first, then an article the question
    names, then the closest article of the full-text search, else nothing (with issues to choose).
    A question the loaded statutes cannot answer says where its answer lives.

    `search_query` replaces the question's words for the full-text search only (a term's statute
    wording)."""
    query = clip(query.replace("\x00", ""))
    reduced = reduce_question(query)
    english = reduced.english
    issues = all_issues()
    statutes = await _quoted_bodies(db, issues)
    matches = match_issues(reduced, issues, limit=3, statutes=statutes)
    top = matches[0] if matches else None
    found = uncovered_words(reduced)
    # A topic we do not cover wins over an entry that matched weakly, or over a middling one when
    # none of the best entries speaks of it (양도세 in a question that also says 집 팔면); entries
    # that speak of that very word (보증보험 in the fraud-victim exclusions) answer.
    if found is not None and (
        top is None
        or top.cue_score < 2 * ANSWER_SCORE
        or found[0].overrides
        or (
            top.cue_score < UNCOVERED_UNLESS_SCORE
            and not any(mentions(m.issue, found[1], statutes) for m in matches)
        )
    ):
        uncovered = found[0]
        return LegalAnswer(
            mode="uncovered",
            english=english,
            lead=_uncovered_context(uncovered.context, issues, statutes, english),
            uncovered_what=uncovered.what_en if english else uncovered.what,
            uncovered_where=uncovered.where_en if english else uncovered.where,
        )

    cited = await _cited_article(db, query, law_name, article)
    if cited is not None:
        governing = [i for i in issues if (i.refs[0].law, i.refs[0].article, i.refs[0].sub) == cited[0]]
        ranked = match_issues(reduced, tuple(governing), limit=1, statutes=statutes) if governing else []
        if ranked:  # the question also says what it asks about the article: that entry answers it
            first = figure_ref(ranked[0].issue, statutes, reduced) if asks_figure(reduced) else None
            answer = await _answer_from_issue(db, ranked[0].issue, english, first)
            if answer is not None:
                return answer
        hit = cited[1]
        return LegalAnswer(
            mode="cited",
            english=english,
            lead=_cited_lead(hit, english),
            quotes=[quote(hit)],
            articles=[_citation(hit)],
        )

    if top is not None and answers(top):
        # a rare word of the story (지방 in "부모님은 지방에 사시고") may sit in some title (지방세의 안분);
        # only an entry matched weakly gives way to such an article
        weak = top.cue_score < TITLED_UNLESS_SCORE
        unfamiliar = unfamiliar_words(reduced, top.issue, issues, statutes) if weak else ()
        titled = await _titled_article(db, query, unfamiliar, top.issue, law_name) if unfamiliar else None
        if titled is not None:  # "휴업 신고" is 공인중개사법 제21조(휴업 또는 폐업의 신고), no entry's topic
            clauses = best_clause(titled, keywords(query))
            return LegalAnswer(
                mode="closest",
                english=english,
                lead=_closest_lead(titled, clauses, english),
                quotes=[quote(titled, clauses)],
                articles=[_citation(titled)],
            )
        first = figure_ref(top.issue, statutes, reduced) if asks_figure(reduced) else None
        answer = await _answer_from_issue(db, top.issue, english, first)
        if answer is not None:
            return answer

    weighted = keywords(search_query or query)
    hits = await search_articles(db, search_query or query, law_name=law_name, limit=1) if weighted else []
    if hits and hits[0].score >= CLOSEST_MIN_SCORE and len(hits[0].matched) >= CLOSEST_MIN_MATCHED:
        hit = hits[0]
        clauses = best_clause(hit, weighted)
        return LegalAnswer(
            mode="closest",
            english=english,
            lead=_closest_lead(hit, clauses, english),
            quotes=[quote(hit, clauses)],
            articles=[_citation(hit)],
        )
    return LegalAnswer(mode="none", english=english, lead="", suggestions=closest_titles(reduced, issues))


def _uncovered_context(
    key: str,
    issues: tuple[LegalIssue, ...],
    statutes: dict[tuple[str, int, int], str],
    english: bool,
) -> str:
    """The rule around a figure the statutes leave to a table or publication we do not hold (조정
    수수료 면제·환급 around 별표 2's amounts; the conversion cap around today's base rate): the entry's
    own checked answer, which names its article in the text. Empty when there is none or its governing
    article is not loaded. The answer cites no article as its source: the figure asked is not in it."""
    issue = next((i for i in issues if i.key == key), None) if key else None
    if issue is None or (issue.refs[0].law, issue.refs[0].article, issue.refs[0].sub) not in statutes:
        return ""
    return (issue.answer_en or issue.answer) if english else issue.answer


TITLED_HITS = 3  # the statute search's best hits looked at for an article titled with the question's word


async def _titled_article(
    db: Db, query: str, words: tuple[str, ...], issue: LegalIssue, law_name: str | None
) -> LawArticleHit | None:
    """An article the statute search ranks high whose title has a word of the question the matched
    entry never uses: that article, not the entry, is what the question is about. None when the
    entry's own article is that hit."""
    own = {(r.law, r.article, r.sub) for r in issue.refs}
    hits = await search_articles(db, query, law_name=law_name, limit=TITLED_HITS)
    for hit in hits:
        if (
            hit.score < CLOSEST_MIN_SCORE
            or (compact_law_name(hit.law_name), hit.article_no, hit.article_sub) in own
        ):
            continue
        if set(words) & title_words(hit.title or ""):
            return hit
    return None


def title_words(title: str) -> frozenset[str]:
    """An article title's words without their particles: 휴업 and 정정 are words of "휴업 또는 폐업의
    신고" and "…내용의 정정 및 변경", while 지방 is no word of "지방세의 안분" (only part of 지방세)."""
    return frozenset(reduce_word(word) for word in _WORD.findall(title.lower()))


async def _quoted_bodies(db: Db, issues: tuple[LegalIssue, ...]) -> dict[tuple[str, int, int], str]:
    """The loaded body of every article the index quotes, so the matcher can read the statute's own
    words for each entry (a question worded like the law finds the entry that quotes it)."""
    loaded = await _articles_for(db, [ref for issue in issues for ref in issue.refs])
    return {key: article.body for key, article in loaded.items()}


async def _answer_from_issue(
    db: Db, issue: LegalIssue, english: bool, first: ArticleRef | None = None
) -> LegalAnswer | None:
    refs = [*issue.refs, *(ref for _, ref in issue.next_steps)]
    return _issue_answer(issue, english, await _articles_for(db, refs), first)


async def _cited_article(
    db: Db, query: str, law_name: str | None, article: str | None
) -> tuple[tuple[str, int, int], LawArticle] | None:
    """The article the question names ("제6조의3", or the planner's law/article slots)."""
    if article:
        try:
            number, sub = parse_article_label(article)
        except ValueError:
            number, sub = 0, 0
    else:
        cited = _ARTICLE_REF.search(query)
        if cited is None:
            return None
        number, sub = int(cited.group(1)), int(cited.group(2) or 0)
    law = compact_law_name(law_name) if law_name else preferred_law(query, None) or HOUSING_LEASE_LAW
    found = await get_article(db, law, number, sub, kind=None) if number else None
    if found is None:
        return None
    return (compact_law_name(found.law_name), found.article_no, found.article_sub), found


def _cited_lead(article: LawArticle, english: bool) -> str:
    name = f"「{article.law_name}」 {article.article}" + (f"({article.title})" if article.title else "")
    return f"{name} reads as follows." if english else f"{name}의 내용입니다."


async def contract_articles(db: Db, query: str, limit: int = 3) -> LegalAnswer:
    """The articles a lease checklist rests on (no question to answer: a list, each with its most
    relevant 항)."""
    weighted = keywords(query)
    hits = await search_articles(db, query, limit=limit)
    return LegalAnswer(
        mode="list",
        english=False,
        lead="",
        quotes=[quote(h, best_clause(h, weighted)) for h in hits],
        articles=[_citation(h) for h in hits],
    )
