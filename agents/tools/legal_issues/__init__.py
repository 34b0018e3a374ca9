"""The curated legal issue index: the questions people actually ask, each mapped to its article(s).

One module per law family; ALL_ISSUES is every entry, governing article first in each.
"""

from __future__ import annotations

import importlib

from agents.tools.legal_issues.types import ArticleRef, LegalIssue

FAMILIES = ("housing", "commercial", "civil", "brokerage", "transactions", "fraud")


def all_issues() -> tuple[LegalIssue, ...]:
    """Every entry of every family module present (each module exposes ISSUES)."""
    issues: list[LegalIssue] = []
    for family in FAMILIES:
        try:
            module = importlib.import_module(f"agents.tools.legal_issues.{family}")
        except ModuleNotFoundError as exc:
            if exc.name != f"agents.tools.legal_issues.{family}":
                raise
            continue
        issues.extend(module.ISSUES)
    return tuple(issues)


__all__ = ["FAMILIES", "ArticleRef", "LegalIssue", "all_issues"]
