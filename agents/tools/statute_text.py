"""Statute article bodies as people read them: the loaded Markdown split into 항 and 호, markup removed.

law_articles.body keeps the source's Markdown (`**①**` before each 항, `1\\.` before each 호); answers
quote single 항 in plain text, so this is the one place that knows that markup.
"""

from __future__ import annotations

import re

CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
_CLAUSE_MARK = re.compile(r"^\*\*([①-⑳])\*\*\s?", re.MULTILINE)
_ITEM = re.compile(r"^(\d{1,3})\\?\.\s?", re.MULTILINE)
_ESCAPE = re.compile(r"\\([.\-*_()\[\]#>+!`])")
_BOLD = re.compile(r"\*\*([^*\n]{0,40})\*\*")
_BLANK_LINES = re.compile(r"\n{2,}")


def plain(markdown: str) -> str:
    """Markdown of an article body → plain text: no `**`, no backslash escapes, single line breaks."""
    text = _BOLD.sub(r"\1", markdown)
    text = _ESCAPE.sub(r"\1", text)
    lines = [line.strip() for line in text.splitlines()]
    return _BLANK_LINES.sub("\n", "\n".join(lines)).strip()


def clause_texts(body: str) -> dict[int, str]:
    """{항 number: plain text} of one article body; an article without numbered 항 is {0: its text}."""
    marks = list(_CLAUSE_MARK.finditer(body))
    if not marks:
        return {0: plain(body)}
    clauses: dict[int, str] = {}
    for index, mark in enumerate(marks):
        end = marks[index + 1].start() if index + 1 < len(marks) else len(body)
        number = CIRCLED.index(mark.group(1)) + 1
        clauses[number] = f"{mark.group(1)} " + plain(body[mark.end() : end])
    return clauses


def item_lines(clause: str) -> dict[int, str]:
    """{호 number: line} of one plain 항 text (lines that start with "1." …)."""
    items: dict[int, str] = {}
    for line in clause.splitlines():
        match = _ITEM.match(line)
        if match:
            items[int(match.group(1))] = line
    return items
