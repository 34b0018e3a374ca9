"""Statute search and exact article lookup over the loaded law_articles."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from agents.domain.particles import strip_particle
from agents.tools.law import (
    article_label,
    get_article,
    keywords,
    parse_article_label,
    preferred_law,
    search_articles,
)


@pytest.mark.parametrize(
    ("label", "parsed"),
    [
        ("6의3", (6, 3)),
        ("제6조의3", (6, 3)),
        ("6조의3", (6, 3)),
        ("제 6 조 의 3", (6, 3)),
        ("6-3", (6, 3)),
        ("6", (6, 0)),
        ("제618조", (618, 0)),
    ],
)
def test_parse_article_label(label, parsed):
    assert parse_article_label(label) == parsed


@pytest.mark.parametrize("label", ["", "의3", "제조", "six", "6의"])
def test_parse_article_label_rejects_non_numbers(label):
    with pytest.raises(ValueError):
        parse_article_label(label)


def test_article_label():
    assert (article_label(6, 3), article_label(3)) == ("제6조의3", "제3조")


def test_keywords_strip_particles_and_expand_colloquial_terms():
    found = keywords("갱신요구권은 몇 번 쓸 수 있어?")
    assert {"갱신요구권", "계약갱신", "갱신요구"} <= set(found)
    assert not {"몇", "번", "수", "있어"} & set(found)
    assert strip_particle("확정일자를") == "확정일자" and strip_particle("전세가") == "전세"
    assert strip_particle("이가") == "이가"  # never strips a word down to one syllable
    assert "보증금" in keywords("전세보증금반환")  # a known term found inside a glued compound


def test_housing_lease_questions_prefer_the_housing_law():
    assert preferred_law("전세 갱신요구권", None) == "주택임대차보호법"
    assert preferred_law("상가 갱신요구권", None) == "상가건물임대차보호법"
    assert preferred_law("복비 얼마", None) == "공인중개사법"
    assert preferred_law("오늘 날씨", None) is None
    assert preferred_law("아무거나", "상가건물 임대차보호법") == "상가건물임대차보호법"


async def test_renewal_right_finds_article_6_3_first(loaded_engine):
    hits = await search_articles(loaded_engine, "갱신요구권")
    top = hits[0]
    assert (top.law_name, top.kind, top.article, top.title) == (
        "주택임대차보호법",
        "법률",
        "제6조의3",
        "계약갱신 요구 등",
    )
    assert "1회에 한하여" in top.body
    assert top.source_url and top.effective_date is not None
    assert len(hits) <= 5


@pytest.mark.parametrize(
    ("question", "law", "article"),
    [
        ("전세 계약 갱신요구권 몇 번 쓸 수 있어?", "주택임대차보호법", "제6조의3"),
        ("계약갱신청구권을 쓰면 임대료는 얼마나 올릴 수 있나요", "주택임대차보호법", None),
        ("확정일자", "주택임대차보호법", "제3조의6"),
        ("대항력은 언제 생겨?", "주택임대차보호법", "제3조"),
        ("임차권등기명령 신청", "주택임대차보호법", "제3조의3"),
        ("묵시적갱신 되면 해지 가능?", "주택임대차보호법", None),
        ("상가 임대차 계약갱신 요구", "상가건물 임대차보호법", "제10조"),
        ("중개보수 한도", "공인중개사법", None),
        ("how many times can a tenant use the lease renewal right?", "주택임대차보호법", "제6조의3"),
        ("주택임대차보호법 제6조의3", "주택임대차보호법", "제6조의3"),
        ("월세 전환율", "주택임대차보호법", "제7조의2"),
        ("제3조의6 내용 알려줘", "주택임대차보호법", "제3조의6"),
        ("민법 제618조", "민법", "제618조"),
        ("전세계약 기간은 최소 몇 년?", "주택임대차보호법", "제4조"),
        ("전세 보증금 못 돌려받으면 어떻게 해?", "주택임대차보호법", "제3조의3"),
        ("묵시적 갱신", "주택임대차보호법", None),
        ("최우선변제 소액임차인", "주택임대차보호법", None),
    ],
)
async def test_questions_find_the_right_law(loaded_engine, question, law, article):
    hits = await search_articles(loaded_engine, question)
    assert hits, question
    assert hits[0].law_name.startswith(law)
    if article:
        assert hits[0].article == article


async def test_law_name_filter_restricts_results(loaded_engine):
    hits = await search_articles(loaded_engine, "계약갱신 요구", law_name="상가건물임대차보호법", limit=10)
    assert hits and all(h.law_name.startswith("상가건물 임대차보호법") for h in hits)


@pytest.mark.parametrize(
    "query", ["", "   ", "?!", "ㅋㅋㅋ", "😀😀", "'; DROP TABLE law_articles; --", "a\x00b"]
)
async def test_junk_queries_return_nothing_and_never_fail(loaded_engine, query):
    assert await search_articles(loaded_engine, query) == []
    async with loaded_engine.connect() as conn:
        assert await conn.scalar(text("SELECT count(*) FROM law_articles")) > 0


async def test_long_query_is_fine(loaded_engine):
    hits = await search_articles(loaded_engine, "보증금 " * 5000, limit=3)
    assert 0 < len(hits) <= 3


async def test_get_article_6_3(loaded_engine):
    article = await get_article(loaded_engine, "주택임대차보호법", *parse_article_label("6의3"))
    assert article is not None
    async with loaded_engine.connect() as conn:
        body = await conn.scalar(
            text(
                "SELECT body FROM law_articles WHERE law_name = '주택임대차보호법' AND kind = '법률'"
                " AND article_no = 6 AND article_sub = 3"
            )
        )
    assert (article.article, article.title, article.kind, article.body) == (
        "제6조의3",
        "계약갱신 요구 등",
        "법률",
        body,
    )


async def test_get_article_accepts_glued_names_aliases_and_decrees(loaded_engine):
    sanga = await get_article(loaded_engine, "상가건물임대차보호법", 10)
    assert sanga is not None and sanga.law_name == "상가건물 임대차보호법"
    assert (await get_article(loaded_engine, "주임법", 3)) is not None
    decree = await get_article(loaded_engine, "주택임대차보호법", 2, kind="시행령")
    assert decree is not None and decree.law_name == "주택임대차보호법 시행령"
    same = await get_article(loaded_engine, "주택임대차보호법 시행령", 2)
    assert same == decree
    civil = await get_article(loaded_engine, "민법", 618)
    assert civil is not None and civil.title == "임대차의 의의"


async def test_get_article_missing_is_none(loaded_engine):
    assert await get_article(loaded_engine, "주택임대차보호법", 999) is None
    assert await get_article(loaded_engine, "없는법", 1) is None
    assert await get_article(loaded_engine, "'; DROP TABLE law_articles; --", 1) is None
