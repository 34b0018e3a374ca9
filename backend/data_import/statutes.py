"""Statute Markdown (legalize-kr format) → law_articles records, one per 조 of the main text.

A file is YAML frontmatter, then `## 제N장` chapters and `##### 제N조 (제목)` / `##### 제N조의M (제목)`
articles, then `## 부칙`. 부칙 (supplementary provisions) are not loaded: each amendment's 부칙 restarts at
제1조, so they would collide with the main articles and answer no user question.

kind is derived from the frontmatter, not the file name, and always one of 법률/시행령/시행규칙/규칙:
법령구분 법률 → 법률; a title ending in 시행령 → 시행령 (대통령령) and in 시행규칙 → 시행규칙 (부령);
any other decree or ministerial rule (e.g. the 법무부령 확정일자 규칙) → 규칙.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from backend.data_import.base import DataFileError, ParsedFile

LAW_COLUMNS = (
    "law_name",
    "kind",
    "article_no",
    "article_sub",
    "title",
    "body",
    "chapter",
    "effective_date",
    "promulgated_date",
    "source_url",
    "source_file",
)

_HEADING = re.compile(r"^(#{1,6})\s+(.*)$")  # the text is rstripped by the caller
_ARTICLE = re.compile(r"^제(\d{1,4})조(?:의(\d{1,4}))?\s*(?:\((.*)\))?$")
_CHAPTER = re.compile(r"^제\d{1,4}장(\s|$)")
_PART = re.compile(r"^제\d{1,4}편(\s|$)")

_FRONTMATTER_FENCE = "---"


@dataclass(frozen=True)
class StatuteMeta:
    law_name: str
    kind: str
    effective_date: dt.date | None
    promulgated_date: dt.date | None
    source_url: str | None


@dataclass
class _Article:
    number: int
    sub: int
    title: str | None
    chapter: str | None
    line: int
    lines: list[str] = field(default_factory=list)


def statute_kind(category: str, title: str) -> str:
    """법령구분 + 제목 → 법률 / 시행령 / 시행규칙 / 규칙 (see the module docstring)."""
    compact = title.replace(" ", "")
    if compact.endswith("시행령"):
        return "시행령"
    if compact.endswith("시행규칙"):
        return "시행규칙"
    if category == "법률":
        return "법률"
    return "규칙"


def read_frontmatter(name: str, lines: list[str]) -> tuple[dict[str, tuple[str, int]], int]:
    """Top-level `key: scalar` pairs with their line numbers, and the index of the first body line.

    Only scalars are read (lists such as 소관부처/첨부파일 are skipped): that is all we store, and it keeps
    PyYAML out of the dependencies.
    """
    if not lines or lines[0].strip() != _FRONTMATTER_FENCE:
        raise DataFileError(name, "expected YAML frontmatter starting with ---", 1)
    values: dict[str, tuple[str, int]] = {}
    for index in range(1, len(lines)):
        line = lines[index]
        if line.strip() == _FRONTMATTER_FENCE:
            return values, index + 1
        if not line or line[0] in " \t-#":
            continue
        key, colon, value = line.partition(":")
        if colon:
            values[key.strip()] = (_unquote(value.strip()), index + 1)
    raise DataFileError(name, "frontmatter is not closed by ---", 1)


def _unquote(value: str) -> str:
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
        return value[1:-1]
    return value


def statute_meta(name: str, values: dict[str, tuple[str, int]]) -> StatuteMeta:
    def required(key: str) -> str:
        if not values.get(key, ("", 0))[0]:
            raise DataFileError(name, f"frontmatter has no {key}", 1)
        return values[key][0]

    def date(key: str) -> dt.date | None:
        text, line = values.get(key, ("", 0))
        if not text:
            return None
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            raise DataFileError(name, f"{key}: {text!r} is not a date YYYY-MM-DD", line) from None

    title = required("제목")
    return StatuteMeta(
        law_name=title,
        kind=statute_kind(required("법령구분"), title),
        effective_date=date("시행일자"),
        promulgated_date=date("공포일자"),
        source_url=values.get("출처", ("", 0))[0] or None,
    )


def parse_statute(name: str, text: str) -> ParsedFile:
    """All main-text articles of one statute file, or DataFileError (nothing of the file is loaded)."""
    lines = text.splitlines()
    values, body_start = read_frontmatter(name, lines)
    meta = statute_meta(name, values)
    parsed = ParsedFile("law_articles", LAW_COLUMNS, "statute-markdown")
    first_line: dict[tuple[int, int], int] = {}
    for article in _articles(name, lines, body_start):
        key = (article.number, article.sub)
        if key in first_line:
            raise DataFileError(
                name, f"{_label(*key)} appears twice (first on line {first_line[key]})", article.line
            )
        first_line[key] = article.line
        parsed.records.append(
            (
                meta.law_name,
                meta.kind,
                article.number,
                article.sub,
                article.title,
                "\n".join(article.lines).strip(),
                article.chapter,
                meta.effective_date,
                meta.promulgated_date,
                meta.source_url,
                name,
            )
        )
    if not parsed.records:
        raise DataFileError(name, "no '##### 제N조' article headings found")
    return parsed


def _label(number: int, sub: int) -> str:
    return f"제{number}조의{sub}" if sub else f"제{number}조"


def _articles(name: str, lines: list[str], start: int) -> list[_Article]:
    """Splits the body at headings; an article runs until the next heading of any level."""
    articles: list[_Article] = []
    chapter: str | None = None
    current: _Article | None = None
    for index in range(start, len(lines)):
        heading = _HEADING.match(lines[index])
        if heading is None:
            if current is not None:
                current.lines.append(lines[index])
            continue
        current = None
        level, text = len(heading.group(1)), heading.group(2).rstrip()
        if level == 2 and text.startswith("부칙"):
            break
        if level == 5:
            current = _article(name, text, chapter, index + 1)
            articles.append(current)
        elif level == 2 and _CHAPTER.match(text):
            chapter = text
        elif level == 1 and _PART.match(text):
            chapter = None  # a new 편 (민법) starts its own 제1장
    return articles


def _article(name: str, heading: str, chapter: str | None, line: int) -> _Article:
    match = _ARTICLE.match(heading)
    if match is None:
        expected = "'제N조 (제목)' or '제N조의M (제목)'"
        raise DataFileError(name, f"article heading {heading!r} is not {expected}", line)
    number, sub, title = match.groups()
    return _Article(int(number), int(sub or 0), (title or "").strip() or None, chapter, line)
