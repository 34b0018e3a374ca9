"""Legal answers: the statute articles found for the question."""

from __future__ import annotations

from typing import Any

from agents.answers.section import Section

LAW_BODY_CHARS = 1200


def law_section(data: dict[str, Any]) -> Section:
    articles = data.get("articles") or []
    if not articles:
        return {
            "title": "관련 법 조문",
            "content": "관련 조문을 찾지 못했습니다. 질문을 조금 더 구체적으로 해 주세요.",
        }
    parts = []
    for i, a in enumerate(articles):
        heading = f"「{a['law_name']}」 {a['article']}" + (f"({a['title']})" if a.get("title") else "")
        body = a["body"] if i == 0 else a["body"][:300] + ("…" if len(a["body"]) > 300 else "")
        if len(body) > LAW_BODY_CHARS:
            body = body[:LAW_BODY_CHARS] + "…"
        parts.append(f"{heading}\n{body}")
    return {"title": "관련 법 조문", "content": "\n\n".join(parts)}
