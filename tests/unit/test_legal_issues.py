"""Every issue-index entry is held to the statute files: the article and its quoted 항/호 exist, and
every number its plain answer states appears in the quoted text. Nothing is said that the statutes
do not say."""

from __future__ import annotations

import re
from functools import cache

import pytest

from agents.tools.legal_issues import ArticleRef, LegalIssue, all_issues
from agents.tools.statute_text import clause_texts, item_lines
from backend.data_import.statutes import parse_statute
from tests.conftest import data_dir

ISSUES = all_issues()
_CITATION = re.compile(r"\([^()]*제\s?\d+조[^()]*\)\s*[.。]?\s*$")
_ARTICLE_NAMES = re.compile(r"제\s?\d+조(?:의\s?\d+)?|제\s?\d+항|제\s?\d+호|[①-⑳]")
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")


@cache
def statutes() -> dict[tuple[str, int, int], str]:
    """(law name without spaces, article, sub) → body, from every statute file in the data folder."""
    bodies: dict[tuple[str, int, int], str] = {}
    for path in sorted((data_dir() / "law").glob("*.md")):
        for row in parse_statute(path.name, path.read_text(encoding="utf-8")).as_dicts():
            key = (row["law_name"].replace(" ", ""), row["article_no"], row["article_sub"])
            bodies[key] = row["body"]
    return bodies


def quoted_text(ref: ArticleRef) -> str:
    body = statutes().get((ref.law, ref.article, ref.sub))
    assert body is not None, f"{ref.law} 제{ref.article}조의{ref.sub} is not in the statute files"
    clauses = clause_texts(body)
    wanted = ref.clauses or tuple(clauses)
    missing = [c for c in wanted if c not in clauses]
    assert not missing, f"{ref.law} 제{ref.article}조(의{ref.sub}) has no 항 {missing}"
    parts = [clauses[c] for c in wanted]
    if ref.items:
        assert len(wanted) == 1, "items narrow exactly one quoted 항"
        lines = item_lines(parts[0])
        absent = [i for i in ref.items if i not in lines]
        assert not absent, f"{ref.law} 제{ref.article}조 항 {wanted[0]} has no 호 {absent}"
    return "\n".join(parts)


def numbers_stated(answer: str) -> set[str]:
    """Digits the answer states as facts: its closing citation and article/항/호 names are not facts."""
    body = _ARTICLE_NAMES.sub(" ", _CITATION.sub("", answer))
    return {n.replace(",", "") for n in _NUMBER.findall(body)}


def test_the_index_covers_the_questions_people_ask() -> None:
    assert len(ISSUES) >= 80
    keys = [issue.key for issue in ISSUES]
    assert len(keys) == len(set(keys)), "issue keys are unique"


@pytest.mark.parametrize("issue", ISSUES, ids=lambda issue: issue.key)
def test_entry_is_backed_by_the_statute_text(issue: LegalIssue) -> None:
    assert issue.refs and issue.cues and issue.answer.strip() and issue.title.strip()
    quoted = "\n".join(quoted_text(ref) for ref in issue.refs)
    evidence = {n.replace(",", "") for n in _NUMBER.findall(quoted)}
    unbacked = numbers_stated(issue.answer) - evidence
    assert not unbacked, f"{issue.key}: numbers {sorted(unbacked)} are not in the quoted text"
    if issue.answer_en:
        unbacked_en = numbers_stated(issue.answer_en) - evidence
        assert not unbacked_en, f"{issue.key} (en): numbers {sorted(unbacked_en)} are not in the quoted text"
    for _, ref in issue.next_steps:
        quoted_text(ref)
