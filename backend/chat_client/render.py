"""How `budongsan chat` draws things, with rich (already installed through typer; importing
`rich.markdown` costs ~40–70 ms, once per client start).

Answers are the Markdown subset of docs/CONTRACTS.md ("Answer text wire format"). While a turn streams,
the newest lines of the raw text show in a live preview that disappears when the answer is complete; the
answer is then printed once, rendered (headings, lists, bold, quotes, tables). A single newline inside a
paragraph is a line break, as on the web page.
"""

from __future__ import annotations

import datetime as dt
from types import TracebackType
from typing import Any

from rich.console import Console
from rich.live import Live
from rich.markdown import Markdown
from rich.table import Table
from rich.text import Text

STEP_MARKS = {"in_progress": "▸", "failed": "✗", "skipped": "–"}
APPROVAL_HINT = "승인: /approve   수정: /modify 고칠 내용 (예: /modify 보증금 2억으로)   거절: /reject"
CLARIFY_HINT = "답을 입력하세요. 새 질문을 하면 이 질문은 넘어갑니다."


def answer_markdown(text: str) -> Markdown:
    """The answer as rich Markdown, with soft line breaks kept as breaks (`breaks: true` on the page)."""
    markdown = Markdown(text, hyperlinks=True)
    for token in markdown.parsed:
        for child in token.children or ():
            if child.type == "softbreak":
                child.type = "hardbreak"
    return markdown


class Screen:
    def __init__(self, console: Console | None = None) -> None:
        self.console = console or Console(highlight=False, soft_wrap=False)

    def info(self, text: str) -> None:
        self.console.print(Text(text, style="dim"))

    def note(self, text: str) -> None:
        self.console.print(Text(text, style="cyan"))

    def error(self, text: str) -> None:
        self.console.print(Text(text, style="bold red"))

    def answer(self, text: str) -> None:
        self.console.print(answer_markdown(text))
        self.console.print()

    def pending(self, kind: str) -> None:
        self.note(APPROVAL_HINT if kind == "contract_approval" else CLARIFY_HINT)

    def chats(self, items: list[dict[str, Any]], current: str | None) -> None:
        if not items:
            self.info("대화가 아직 없습니다. 질문을 입력하면 새 대화가 시작됩니다.")
            return
        table = Table(show_header=True, header_style="bold", box=None, pad_edge=False)
        for column in ("#", "제목", "메시지", "마지막 활동"):
            table.add_column(column)
        for number, chat in enumerate(items, 1):
            mark = "*" if chat["session_id"] == current else ""
            table.add_row(
                f"{mark}{number}", chat["title"], str(chat["message_count"]), _when(chat["updated_at"])
            )
        self.console.print(table)

    def transcript(self, messages: list[dict[str, Any]]) -> None:
        """The chat's active branch (the server lists only that one); a question asked again from the
        same point elsewhere (a fork) is marked with its place among the alternatives, e.g. (2/3)."""
        for message in messages:
            if message["role"] == "user":
                branch = message.get("branch")
                mark = f" ({branch['index']}/{branch['count']})" if branch else ""
                self.console.print(Text(f"나: {message['content']}{mark}", style="bold"))
            else:
                self.answer(message["content"])


class TurnView:
    """One turn on the screen: progress steps as lines, the streamed text as a live preview."""

    def __init__(self, console: Console) -> None:
        self.console = console
        self.text = ""
        self._live: Live | None = None

    def __enter__(self) -> TurnView:
        if self.console.is_terminal:
            self._live = Live(self._preview(), console=self.console, transient=True, refresh_per_second=10)
            self._live.start()
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        if self._live is not None:
            self._live.stop()
            self._live = None

    def step(self, step: dict[str, Any]) -> None:
        mark = STEP_MARKS.get(str(step.get("status")))
        if mark is None:  # pending / completed: the next step or the answer shows it
            return
        label = step.get("description") or step.get("task") or "단계"
        self.console.print(Text(f"  {mark} {label}", style="dim"))

    def token(self, text: str) -> None:
        self.text += text
        if self._live is not None:
            self._live.update(self._preview())

    def _preview(self) -> Text:
        room = max(3, self.console.height - 4)
        lines = self.text.splitlines()[-room:] if self.text else ["…"]
        return Text("\n".join(lines), style="dim")


def _when(iso: str) -> str:
    try:
        moment = dt.datetime.fromisoformat(iso).astimezone()
    except ValueError:
        return iso
    return f"{moment:%Y-%m-%d %H:%M}"
