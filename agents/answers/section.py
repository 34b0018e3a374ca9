"""The unit every answer type produces: a titled block of the answer text (docs/CONTRACTS.md,
"Answer text wire format")."""

from __future__ import annotations

from typing import NotRequired, TypedDict


class Section(TypedDict):
    """`title` becomes a `## title` heading; `content` is wire-format text without a heading;
    `lead` (optional) is the sentence that answers the question, put first in the answer."""

    title: str
    content: str
    lead: NotRequired[str]
