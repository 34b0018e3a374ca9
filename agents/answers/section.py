"""The unit every answer type produces: a titled block of the answer text."""

from __future__ import annotations

Section = dict[str, str]
