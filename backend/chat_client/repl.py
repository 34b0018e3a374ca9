"""The prompt loop of `budongsan chat`: sign in, pick a chat, ask, answer what the assistant asks back.

A line is a question unless it starts with `/` (a command, `/help` lists them). While the assistant waits
on a clarifying question, the next line answers it; while a contract draft waits, `/approve`, `/modify
…` and `/reject` decide it (plain words work too: the server reads them the same way).
"""

from __future__ import annotations

import getpass
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from backend.chat_client.api import ApiError, ChatApi, ClientError, Event
from backend.chat_client.credentials import CredentialStore, Login
from backend.chat_client.render import Screen, TurnView

HELP = """명령:
  /chats              내 대화 목록
  /new [제목]          새 대화
  /open 번호|ID        대화 열기 (목록의 번호, 또는 ID 앞부분)
  /rename 제목         지금 대화의 이름 바꾸기
  /delete [번호]       대화 삭제 (묻고 나서)
  /approve  /modify 내용  /reject   기다리는 계약서 초안 승인·수정·거절
  /logout             로그아웃 (서버의 로그인도 끝냅니다)
  /quit               끝내기 (Ctrl-D; 로그인은 유지)
그 밖의 줄은 질문입니다."""

PROMPT = "질문> "
YES = frozenset({"y", "yes", "예", "네", "응"})
ANSWER_PROMPT = "답변> "


class Quit(Exception):
    """Leave the loop; `code` is the process exit code."""

    def __init__(self, code: int = 0) -> None:
        super().__init__(code)
        self.code = code


@dataclass
class Pending:
    id: str | None
    type: str


@dataclass
class ChatState:
    session_id: str | None = None
    title: str = ""
    pending: Pending | None = None
    listed: list[dict[str, Any]] = field(default_factory=list)


class ChatRepl:
    def __init__(
        self,
        api: ChatApi,
        store: CredentialStore,
        screen: Screen,
        *,
        email: str | None = None,
        read_line: Callable[[str], str] = input,
        read_secret: Callable[[str], str] = getpass.getpass,
    ) -> None:
        self.api = api
        self.store = store
        self.screen = screen
        self.email = email
        self.read_line = read_line
        self.read_secret = read_secret
        self.state = ChatState()

    # --- start ----------------------------------------------------------------------------------

    def run(self) -> int:
        try:
            self.api.check_server()
            self._sign_in()
            self.screen.info(f"{self.api.base_url} · /help 로 명령을 봅니다.")
            self._list_chats()
            while True:
                self._one_line()
        except Quit as done:
            return done.code

    def _sign_in(self) -> None:
        saved = self.store.get(self.api.base_url)
        if saved is not None:
            self.api.token = saved.token
            try:
                user = self.api.me()
            except ApiError as exc:
                if exc.status != 401:
                    raise
                self.store.forget(self.api.base_url)
                self.screen.note(f"저장된 로그인을 쓸 수 없습니다 ({exc.message}). 다시 로그인해 주세요.")
                self.email = self.email or saved.email
            else:
                self.screen.note(f"{user['email']}(으)로 로그인되어 있습니다.")
                return
        self._interactive_login()

    def _interactive_login(self) -> None:
        self.api.token = None
        for _ in range(3):
            email = self._ask("이메일: ", default=self.email).strip()
            password = self._secret("비밀번호: ")
            try:
                token = self.api.login(email, password)
            except ApiError as exc:
                if exc.status != 401:
                    self.screen.error(str(exc))
                    continue
                self.screen.error(str(exc))
                if not _yes(self._ask("이 이메일로 새 계정을 만들까요? [y/N] ")):
                    continue
                if not self._register(email, password):
                    continue
                token = self.api.login(email, password)
            self.store.put(self.api.base_url, Login(email, token))
            self.email = email
            self.screen.note(f"{email}(으)로 로그인했습니다.")
            return
        raise ClientError("로그인하지 못했습니다.")

    def _register(self, email: str, password: str) -> bool:
        if self._secret("비밀번호 확인: ") != password:
            self.screen.error("비밀번호가 서로 다릅니다.")
            return False
        try:
            self.api.register(email, password)
        except ApiError as exc:
            self.screen.error(str(exc))
            return False
        self.screen.note("계정을 만들었습니다.")
        return True

    def _ask(self, prompt: str, default: str | None = None) -> str:
        shown = f"{prompt.rstrip(': ')} [{default}]: " if default else prompt
        try:
            line = self.read_line(shown)
        except EOFError:
            raise Quit(1 if self.api.token is None else 0) from None
        return line or (default or "")

    def _secret(self, prompt: str) -> str:
        try:
            return self.read_secret(prompt)
        except EOFError:
            raise Quit(1) from None

    # --- the loop -------------------------------------------------------------------------------

    def _one_line(self) -> None:
        try:
            line = self.read_line(ANSWER_PROMPT if self.state.pending else PROMPT).strip()
        except EOFError:
            raise Quit(0) from None
        except KeyboardInterrupt:
            self.screen.console.print()
            return
        if not line:
            return
        try:
            if line.startswith("/"):
                self._command(line)
            else:
                self._ask_question(line)
        except ApiError as exc:
            if exc.status == 401:  # the login ended (logout elsewhere, password change, expiry)
                self.store.forget(self.api.base_url)
                self.screen.error(f"{exc.message} 다시 로그인해 주세요.")
                self._interactive_login()
            else:
                self.screen.error(str(exc))
        except ClientError as exc:
            self.screen.error(str(exc))

    def _command(self, line: str) -> None:
        name, _, rest = line.partition(" ")
        rest = rest.strip()
        match name.lower():
            case "/help" | "/?":
                self.screen.console.print(HELP, markup=False)
            case "/chats" | "/list":
                self._list_chats()
            case "/new":
                chat = self.api.new_chat(rest or None)
                self._switch(chat, show=False)
                self.screen.note(f"새 대화: {chat['title']}")
            case "/open" | "/switch":
                self._open(rest)
            case "/rename":
                self._rename(rest)
            case "/delete":
                self._delete(rest)
            case "/approve" | "/승인":
                self._resume("approve", None)
            case "/reject" | "/거절":
                self._resume("reject", None)
            case "/modify" | "/수정":
                if not rest:
                    self.screen.error("무엇을 고칠지 적어 주세요: /modify 보증금 2억으로")
                    return
                self._resume("modify", rest)
            case "/logout":
                self.api.logout()
                self.store.forget(self.api.base_url)
                self.screen.note("로그아웃했습니다 (이 로그인은 서버에서도 끝났습니다).")
                raise Quit(0)
            case "/quit" | "/exit" | "/q":
                raise Quit(0)
            case _:
                self.screen.error(f"알 수 없는 명령입니다: {name} (/help)")

    # --- chats ----------------------------------------------------------------------------------

    def _list_chats(self) -> None:
        self.state.listed = self.api.chats()
        self.screen.chats(self.state.listed, self.state.session_id)

    def _find(self, ref: str) -> dict[str, Any] | None:
        if ref.isdigit() and self.state.listed and 1 <= int(ref) <= len(self.state.listed):
            return self.state.listed[int(ref) - 1]
        if not ref:
            return None
        items = self.state.listed or self.api.chats()
        matches = [c for c in items if c["session_id"].startswith(ref)]
        return matches[0] if len(matches) == 1 else None

    def _open(self, ref: str) -> None:
        chat = self._find(ref)
        if chat is None:
            self.screen.error("그런 대화가 없습니다: /chats 의 번호를 적어 주세요.")
            return
        self._switch(chat, show=True)

    def _switch(self, chat: dict[str, Any], *, show: bool) -> None:
        self.state.session_id = chat["session_id"]
        self.state.title = chat["title"]
        self.state.pending = None
        if not show:
            return
        messages = self.api.transcript(chat["session_id"], limit=6)
        self.screen.note(f"대화: {chat['title']}")
        self.screen.transcript(messages)
        last = messages[-1] if messages else None
        waiting = (last or {}).get("structured_data") or {}
        if last and last["role"] == "assistant" and isinstance(waiting.get("interrupt"), dict):
            interrupt = waiting["interrupt"]
            self.state.pending = Pending(interrupt.get("id"), str(interrupt.get("type", "clarify")))
            self.screen.pending(self.state.pending.type)

    def _rename(self, title: str) -> None:
        if self.state.session_id is None:
            self.screen.error("열린 대화가 없습니다: 먼저 질문하거나 /open 하세요.")
            return
        if not title:
            self.screen.error("새 이름을 적어 주세요: /rename 분당 전세 알아보기")
            return
        chat = self.api.rename_chat(self.state.session_id, title)
        self.state.title = chat["title"]
        self.screen.note(f"이름을 바꿨습니다: {chat['title']}")

    def _delete(self, ref: str) -> None:
        chat = self._find(ref) if ref else self._current()
        if chat is None:
            self.screen.error("지울 대화가 없습니다: /chats 의 번호를 적어 주세요.")
            return
        answer = self._ask(f"'{chat['title']}' 대화를 지울까요? 되돌릴 수 없습니다. [y/N] ")
        if not _yes(answer):
            return
        self.api.delete_chat(chat["session_id"])
        if chat["session_id"] == self.state.session_id:
            self.state = ChatState(listed=self.state.listed)
        self.state.listed = [c for c in self.state.listed if c["session_id"] != chat["session_id"]]
        self.screen.note(f"지웠습니다: {chat['title']}")

    def _current(self) -> dict[str, Any] | None:
        if self.state.session_id is None:
            return None
        return {"session_id": self.state.session_id, "title": self.state.title}

    # --- turns ----------------------------------------------------------------------------------

    def _ask_question(self, text: str) -> None:
        if self.state.session_id is None:
            chat = self.api.new_chat()
            self._switch(chat, show=False)
        assert self.state.session_id is not None
        self._play(self.api.ask(self.state.session_id, text, uuid.uuid4()))

    def _resume(self, action: str, feedback: str | None) -> None:
        pending = self.state.pending
        if self.state.session_id is None or pending is None or pending.type != "contract_approval":
            self.screen.error("승인을 기다리는 계약서 초안이 없습니다.")
            return
        events = self.api.resume(self.state.session_id, action, feedback, pending.id, uuid.uuid4())
        self._play(events)

    def _play(self, events: Iterator[Event]) -> None:
        """Shows one turn as it happens; afterwards `state.pending` says whether the assistant waits."""
        view = TurnView(self.screen.console)
        ending: Event | None = None
        try:
            with view:
                for event in events:
                    if event.type == "step":
                        view.step(event.data.get("step") or {})
                    elif event.type == "token":
                        view.token(str(event.data.get("text", "")))
                    elif event.type in ("final", "interrupt", "error"):
                        ending = event
        except KeyboardInterrupt:
            self.screen.note("화면 출력만 멈췄습니다: 답은 서버에서 마저 만들어져 대화에 저장됩니다 (/open).")
            return
        if ending is None:
            self.screen.error(
                "답이 끝나기 전에 연결이 끊겼습니다: 답은 대화에 저장됩니다 (/open 으로 보세요)."
            )
            return
        if ending.type == "error":
            self.screen.error(str(ending.data.get("message") or ending.data.get("code")))
            return
        message = ending.data if ending.type == "final" else ending.data.get("assistant_message") or {}
        self.screen.answer(str(message.get("content", "")))
        structured = message.get("structured_data") or {}
        waiting = ending.data if ending.type == "interrupt" else structured.get("interrupt")
        if isinstance(waiting, dict) and waiting.get("type"):
            self.state.pending = Pending(waiting.get("id"), str(waiting["type"]))
            self.screen.pending(self.state.pending.type)
        else:
            self.state.pending = None


def _yes(answer: str) -> bool:
    return answer.strip().lower() in YES


def run_chat(url: str, email: str | None = None, store: CredentialStore | None = None) -> int:
    """`budongsan chat`: the exit code; every failure is one sentence on stderr, never a traceback."""
    import readline  # noqa: F401  (line editing and history for input())

    from rich.console import Console
    from rich.text import Text

    errors = Console(stderr=True, highlight=False, soft_wrap=True)  # one line, however narrow
    try:
        api = ChatApi(url)
    except ClientError as exc:
        errors.print(Text(str(exc), style="bold red"))
        return 2
    try:
        return ChatRepl(api, store or CredentialStore(), Screen(), email=email).run()
    except ClientError as exc:
        errors.print(Text(str(exc), style="bold red"))
        return 1
    except KeyboardInterrupt:
        return 130
    finally:
        api.close()
