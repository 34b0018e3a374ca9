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
from agents.domain.particles import STATUTE_PARTICLES, strip_particle
from agents.domain.units import clip
from agents.tools.models import LawArticle, LawArticleHit
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

# A topic word → the law such a question is usually about (checked in this order).
TOPIC_LAWS: tuple[tuple[str, str], ...] = (
    ("상가", "상가건물임대차보호법"),
    ("권리금", "상가건물임대차보호법"),
    ("전세사기", "전세사기피해자지원및주거안정에관한특별법"),
    ("중개", "공인중개사법"),
    ("복비", "공인중개사법"),
    ("거래신고", "부동산거래신고등에관한법률"),
    ("실거래", "부동산거래신고등에관한법률"),
    ("전세권", "민법"),
)

# Words that make a question a housing-lease question (→ prefer 주택임대차보호법).
LEASE_TERMS = (
    "전세", "월세", "임대차", "임차", "임대인", "세입자", "집주인", "보증금", "갱신", "확정일자",
    "대항력", "우선변제", "차임", "전입", "묵시", "계약기간", "임대료", "소액임차",
)  # fmt: skip

# Colloquial term → how the statutes phrase it. Keys are also found inside longer compounds.
SYNONYMS: dict[str, tuple[str, ...]] = {
    "갱신요구권": ("계약갱신", "갱신요구"),
    "갱신청구권": ("계약갱신", "갱신요구"),
    "계약갱신청구권": ("계약갱신", "갱신요구"),
    "묵시적갱신": ("묵시적 갱신", "계약의 갱신"),
    "자동연장": ("계약의 갱신", "묵시적 갱신"),
    "최우선변제": ("보증금 중 일정액", "우선변제"),
    "소액임차인": ("보증금 중 일정액",),
    "우선변제권": ("우선변제",),
    "전입신고": ("주민등록", "대항력"),
    "복비": ("중개보수",),
    "중개수수료": ("중개보수",),
    "수수료": ("중개보수",),
    "계약기간": ("임대차기간",),
    "임대료인상": ("차임", "증액"),
    "월세인상": ("차임", "증액"),
    "전세금인상": ("증액", "차임 등의 증감"),
    "인상": ("증액",),
    "증액": ("증액",),
    "월세전환": ("월차임 전환",),
    "전월세전환": ("월차임 전환",),
    "세입자": ("임차인",),
    "집주인": ("임대인",),
    "임차권등기": ("임차권등기명령",),
    "보증금반환": ("보증금의 반환", "보증금"),
    "전세사기": ("전세사기피해자",),
    "임대료": ("차임",),
    "올리": ("증액",),
    "올릴": ("증액",),
    "올려": ("증액",),
    "전환율": ("월차임 전환", "산정률"),
    "기간": ("임대차기간",),
    "바뀌": ("양수인", "임대인의 지위를 승계"),
    "돌려받": ("보증금의 반환", "임차권등기명령"),
    "못받": ("보증금의 반환", "임차권등기명령"),
}

ENGLISH: dict[str, tuple[str, ...]] = {
    "renewal": ("계약갱신",),
    "renewals": ("계약갱신",),
    "renew": ("계약갱신",),
    "deposit": ("보증금",),
    "jeonse": ("전세",),
    "lease": ("임대차",),
    "tenant": ("임차인",),
    "landlord": ("임대인",),
    "commission": ("중개보수",),
    "brokerage": ("중개보수",),
    "broker": ("중개보수",),
    "rent": ("차임",),
    "priority": ("우선변제",),
    "registration": ("주민등록", "확정일자"),
    "fraud": ("전세사기피해자",),
}

# Legal terms worth finding inside a longer glued word ("전세계약갱신" → 전세, 계약, 갱신).
TERMS = (
    "임대차", "임차인", "임대인", "보증금", "차임", "전세", "월세", "계약", "갱신", "해지", "대항력",
    "확정일자", "중개보수", "중개", "등기", "경매", "우선변제", "임차권", "주민등록", "주택", "상가",
    "권리금", "증액", "감액", "기간", "반환", "수리", "손해배상", "위약금", "계약금", "해제",
)  # fmt: skip

STOPWORDS = frozenset(
    (
        "몇", "번", "수", "있어", "있나", "있나요", "있는", "있을까", "없어", "어떻게", "뭐", "뭐야", "무엇",
        "알려줘", "알려주세요", "설명", "설명해줘", "해줘", "궁금", "궁금해", "관련", "법", "법률", "조항",
        "내용", "경우", "되나", "되나요", "하나요", "가능", "가능해", "얼마", "언제", "왜", "최대", "쓸",
        "할", "대해", "대해서", "뭔가요", "인가요", "뜻", "의미", "질문", "좀", "그", "이거", "어떤",
        "최소", "얼마나", "누가", "되면", "쓰면", "하면", "해야", "하는", "때", "점", "년", "개월",
        "the", "a", "an", "of", "how", "many", "what", "is", "can", "i", "to", "in", "my", "do", "does",
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
    """Search keywords with weights: the question's words and their statute phrasings count fully,
    terms merely found inside a longer glued word count less."""
    found: dict[str, float] = {}

    def add(word: str, weight: float) -> None:
        word = word.strip().lower()
        if len(word) >= 2 and word not in STOPWORDS and found.get(word, 0.0) < weight:
            found[word] = weight

    # "제6조의3" is looked up directly by search_articles; its pieces are not keywords.
    for raw in _WORD.findall(_ARTICLE_REF.sub(" ", clip(query).lower())):
        if raw.isdigit() or raw in STOPWORDS:
            continue
        if raw.isascii():  # the statutes are Korean: an English word counts only through its translation
            for korean in ENGLISH.get(raw, ()):
                add(korean, 1.0)
            continue
        word = strip_particle(raw, STATUTE_PARTICLES)
        if word in SEARCH_ALIASES:
            continue  # a law's name selects the law; it is not a keyword inside articles
        add(word, 1.0)
        for key, phrases in SYNONYMS.items():
            if key in word:
                for phrase in phrases:
                    add(phrase, 1.0)
        if len(word) > 3:
            for term in TERMS:
                if term in word and term != word:
                    add(term, 0.6)
    return dict(list(found.items())[:MAX_KEYWORDS])


def preferred_law(query: str, law_name: str | None) -> str | None:
    """The law a question is about: named explicitly, by topic, or 주택임대차보호법 for leases."""
    if law_name:
        return compact_law_name(law_name)
    compact = _SPACES.sub("", query)
    for alias, law in SEARCH_ALIASES.items():
        if alias in compact:
            return law
    for topic, law in TOPIC_LAWS:
        if topic in compact:
            return law
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
