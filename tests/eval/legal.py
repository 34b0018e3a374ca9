"""Scores a legal evaluation set (tests/eval/legal_*.json) against the real product, over HTTP.

Each question is asked in a new chat of one user, through the app exactly as tests/eval/harness.py
drives it (offline planner, `today` fixed). A question is right when the first law source of the
answer's structured_data.sources is one of its `expected` articles; for a question the statutes do
not answer (`answerable: false`) it is right when no article is presented (no law source) and the
text says the statutes do not cover it.

Usage:
    python -m tests.eval.legal tests/eval/legal_dev.json [--database-url SERVER | --loaded-database-url DB]
        [--failures N] [--json out.json]

A set whose name contains `heldout` is held back: only aggregate scores are ever printed or written.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import json
import re
import secrets
import sys
import tempfile
import uuid
from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import httpx
from pydantic import SecretStr

from backend.db import DatabaseUrl, EmbeddedPostgres
from backend.settings import Settings
from tests.eval.harness import FixedTodayGraph, fresh_loaded_database, harness_settings
from tests.integration.api_support import API, api_settings, client_for, new_session, running_app, sign_up

HELDOUT = "heldout"
# How an answer says the statutes we hold do not cover the question (agents/answers/law.py).
NOT_COVERED = ("법령 자료에 없", "관련 조문을 찾지 못했", "do not cover", "no statute article")
# What kind of legal answer a text is, by its own words (agents/answers/law.py, agents/tools/law.py).
ANSWER_KINDS = (
    ("closest", ("가장 가까운 조문", "closest statute text")),
    ("uncovered", ("법령 자료에 없", "do not cover")),
    ("none", ("관련 조문을 찾지 못했",)),
)
_ARTICLE = re.compile(r"제\s*(\d{1,4})\s*조(?:\s*의\s*(\d{1,3}))?")
_HANGUL = re.compile(r"[가-힣]")
_MARKUP = re.compile(r"\*\*|\\\.|\\-")


# --- the set file ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Question:
    id: str
    text: str
    expected: tuple[tuple[str, int, int], ...]  # (law without spaces, article, sub)
    answerable: bool
    english: bool


def article_key(law: str, article: str | int, sub: int = 0) -> tuple[str, int, int]:
    """("주택임대차보호법 시행령", "제2조의3") → ("주택임대차보호법시행령", 2, 3)."""
    if isinstance(article, int):
        return "".join(law.split()), article, sub
    match = _ARTICLE.search(article)
    if match is None:
        raise ValueError(f"not an article: {article!r}")
    return "".join(law.split()), int(match.group(1)), int(match.group(2) or 0)


def _expected(value: Any) -> tuple[str, int, int]:
    """One expected article: "주택임대차보호법 제3조의3" or {"law": …, "article": "제3조의3"}."""
    if isinstance(value, dict):
        return article_key(value["law"], value["article"], int(value.get("sub", 0)))
    match = _ARTICLE.search(value)
    if match is None:
        raise ValueError(f"expected article {value!r} names no 제N조")
    return article_key(value[: match.start()].strip(), value[match.start() :])


def load_legal_set(path: Path) -> tuple[str, str | None, list[Question]]:
    """(name, today, questions); fails with one sentence when the file or its shape is wrong."""
    if not path.is_file():
        raise FileNotFoundError(f"legal evaluation set {path} does not exist")
    doc = json.loads(path.read_text(encoding="utf-8"))
    items = doc if isinstance(doc, list) else doc.get("questions") or doc.get("cases") or doc.get("items")
    if not items:
        raise ValueError(f"legal evaluation set {path} has no questions")
    name = path.stem if isinstance(doc, list) else doc.get("name", path.stem)
    today = None if isinstance(doc, list) else doc.get("today")
    questions = []
    for index, item in enumerate(items, start=1):
        text = item.get("question") or item.get("user") or item.get("text")
        if not text:
            raise ValueError(f"{path}: question {index} has no text")
        expected = tuple(_expected(v) for v in item.get("expected") or ())
        answerable = bool(item.get("answerable", True))
        if answerable and not expected:
            raise ValueError(f"{path}: answerable question {index} lists no expected article")
        lang = item.get("lang") or item.get("language")
        english = lang == "en" if lang else not _HANGUL.search(text)
        questions.append(Question(str(item.get("id", index)), text, expected, answerable, english))
    return name, today, questions


# --- one question ----------------------------------------------------------------------------------


@dataclass
class Scored:
    id: str
    question: str
    answerable: bool
    english: bool
    right: bool
    expected: list[str]
    got: str | None  # the first law source, "law 제N조"
    mode: str  # answer / closest / uncovered / none
    lead: str
    markup: bool  # `**` or backslash escapes in the text
    english_lead: bool | None  # English question: the first sentence is English
    status: int = 200
    notes: list[str] = field(default_factory=list)


def _first_law(structured: dict[str, Any]) -> tuple[tuple[str, int, int], str] | None:
    for source in structured.get("sources") or []:
        if source.get("type") == "law":
            label = f"{source['law_name']} {source['article']}"
            return article_key(source["law_name"], source["article"]), label
    return None


def _lead(content: str) -> str:
    """The first line of the answer that is not a heading."""
    for line in content.splitlines():
        line = line.strip().lstrip("#■ ").strip()
        if line and line not in ("법률 답변", "Legal answer"):
            return line
    return ""


def score_answer(q: Question, status: int, content: str, structured: dict[str, Any]) -> Scored:
    first = _first_law(structured) if status == 200 else None
    lead = _lead(content)
    if q.answerable:
        right = first is not None and first[0] in q.expected
    else:
        right = first is None and any(phrase in content for phrase in NOT_COVERED)
    mode = next((kind for kind, phrases in ANSWER_KINDS if any(p in content for p in phrases)), "answer")
    return Scored(
        id=q.id,
        question=q.text,
        answerable=q.answerable,
        english=q.english,
        right=right,
        expected=[f"{law} 제{no}조" + (f"의{sub}" if sub else "") for law, no, sub in q.expected],
        got=first[1] if first else None,
        mode=mode,
        lead=lead[:200],
        markup=bool(_MARKUP.search(content)),
        english_lead=(not _HANGUL.search(lead.split("(")[0])) if q.english else None,
        status=status,
        notes=[] if status == 200 else [content[:200]],
    )


async def ask(
    client: httpx.AsyncClient, headers: dict[str, str], session_id: str, text: str
) -> tuple[int, str, dict]:
    response = await client.post(
        f"{API}/chat/sessions/{session_id}/messages", json={"content": text}, headers=headers
    )
    if response.status_code != 200:
        return response.status_code, response.text[:500], {}
    message = response.json()["assistant_message"]
    return 200, message.get("content") or "", message.get("structured_data") or {}


# --- a whole set -----------------------------------------------------------------------------------


@dataclass
class LegalScore:
    name: str
    results: list[Scored]

    def aggregates(self) -> dict[str, Any]:
        r = self.results
        answerable = [s for s in r if s.answerable]
        unanswerable = [s for s in r if not s.answerable]
        english = [s for s in r if s.english]

        def rate(items: list[Scored]) -> float:
            return sum(s.right for s in items) / len(items) if items else 1.0

        return {
            "name": self.name,
            "questions": len(r),
            "right_article_first": rate(r),
            "answerable": len(answerable),
            "answerable_right": rate(answerable),
            "unanswerable": len(unanswerable),
            "unanswerable_right": rate(unanswerable),
            "english": len(english),
            "english_right": rate(english),
            "english_lead_in_english": sum(bool(s.english_lead) for s in english),
            "answers_with_markup": sum(s.markup for s in r),
            "kinds": dict(Counter(s.mode for s in r)),
            "http_errors": sum(s.status != 200 for s in r),
        }


async def score_legal_set(
    name: str, today: str | None, questions: list[Question], db_url: DatabaseUrl, base: Settings
) -> LegalScore:
    """Every question asked in a new chat of one new user, against a migrated, loaded database."""
    settings = api_settings(
        base,
        db_url,
        memory_worker_enabled=False,
        rate_limit_per_minute=0,
        llm_provider="offline",
        jwt_secret=SecretStr(secrets.token_urlsafe(48)),
        log_level="WARNING",
    )
    factory = FixedTodayGraph(dt.date.fromisoformat(today) if today else dt.date.today(), memory=False)
    results = []
    async with running_app(settings, graph_factory=factory) as app, client_for(app) as client:
        account = await sign_up(client, f"legal-{uuid.uuid4().hex[:8]}@example.com")
        for q in questions:
            session_id = await new_session(client, account, title=q.id)
            status, content, structured = await ask(client, account.headers, session_id, q.text)
            results.append(score_answer(q, status, content, structured))
    return LegalScore(name, results)


# --- reporting -------------------------------------------------------------------------------------


def format_aggregates(agg: dict[str, Any]) -> str:
    return "\n".join(
        [
            f"legal set '{agg['name']}': {agg['questions']} questions",
            f"  right article cited first      {100 * agg['right_article_first']:5.1f}%",
            f"  answerable                     {100 * agg['answerable_right']:5.1f}%  (of {agg['answerable']})",
            f"  not answerable, said so        {100 * agg['unanswerable_right']:5.1f}%  (of {agg['unanswerable']})",
            f"  English questions right        {100 * agg['english_right']:5.1f}%  (of {agg['english']}; "
            f"{agg['english_lead_in_english']} with an English lead)",
            f"  answer kinds: {agg['kinds']}",
            f"  answers with markup: {agg['answers_with_markup']}, HTTP errors: {agg['http_errors']}",
        ]
    )


def format_failures(score: LegalScore, limit: int) -> str:
    if HELDOUT in score.name:
        raise ValueError("the held-back set's questions are never printed")
    wrong = [s for s in score.results if not s.right][:limit]
    lines = [f"first {len(wrong)} failure(s):"] if wrong else []
    for s in wrong:
        want = ", ".join(s.expected) if s.answerable else "(not covered)"
        lines.append(f"- {s.id}: {s.question}\n    expected {want}; got {s.got}\n    lead: {s.lead[:120]}")
    return "\n".join(lines)


async def _run(path: Path, server: DatabaseUrl | None, loaded: DatabaseUrl | None) -> LegalScore:
    name, today, questions = load_legal_set(path)
    settings = harness_settings()
    if loaded is not None:
        return await score_legal_set(name, today, questions, loaded, settings)
    assert server is not None
    from tests.conftest import drop_database

    print(f"loading the data into a fresh database on {server.redacted} ...", file=sys.stderr)
    url, db_name = await fresh_loaded_database(server, settings)
    try:
        return await score_legal_set(name, today, questions, url, settings)
    finally:
        await drop_database(server, db_name)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Score a legal evaluation set against the product over HTTP.")
    ap.add_argument("set", type=Path, help="legal evaluation set JSON (tests/eval/legal_dev.json)")
    ap.add_argument("--database-url", help="server where a fresh database is created (default: embedded)")
    ap.add_argument("--loaded-database-url", help="an already migrated and loaded database to use as is")
    ap.add_argument("--failures", type=int, default=20, help="print the first N failures (never for heldout)")
    ap.add_argument("--json", type=Path, dest="json_out", help="write scores (and per-question detail) here")
    args = ap.parse_args(argv)
    if args.loaded_database_url or args.database_url:
        server = DatabaseUrl.parse(args.database_url) if args.database_url else None
        loaded = DatabaseUrl.parse(args.loaded_database_url) if args.loaded_database_url else None
        score = asyncio.run(_run(args.set, server, loaded))
    else:
        with tempfile.TemporaryDirectory(prefix="budongsan-legal-pg-") as tmp:
            embedded = EmbeddedPostgres(Path(tmp))
            try:
                score = asyncio.run(_run(args.set, embedded.url, None))
            finally:
                embedded.stop()
    aggregates = score.aggregates()
    print(format_aggregates(aggregates))
    held = HELDOUT in score.name
    if not held and args.failures > 0:
        print(format_failures(score, args.failures))
    if args.json_out is not None:
        out: dict[str, Any] = {"aggregates": aggregates}
        if not held:
            out["questions"] = [asdict(s) for s in score.results]
        args.json_out.write_text(json.dumps(out, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
