"""Contract answers: the checklist draft after approval, or the note that it was rejected."""

from __future__ import annotations

from typing import Any

from agents.answers.section import Section


def contract_section(data: dict[str, Any]) -> Section:
    if data.get("status") == "rejected":
        return {
            "title": "계약서",
            "content": "요청에 따라 계약서 초안 작성을 취소했습니다. 문서는 만들지 않았습니다.",
        }
    doc = data["document"]
    lines = [doc["title"], *[f"- [{i['stage']}] {i['item']}" for i in doc["items"]]]
    if doc["special_terms"]:
        lines += ["특약 사항(요청 반영):", *[f"- {t}" for t in doc["special_terms"]]]
    if doc["laws"]:
        lines.append("근거 조문: " + ", ".join(f"「{a['law_name']}」 {a['article']}" for a in doc["laws"]))
    return {"title": "계약서 체크리스트", "content": "\n".join(lines)}
