"""LLM provider factory. Offline (None) is the default: the assistant then uses the rule-based
NLU and templated answers, so it works with no key and no network."""

from __future__ import annotations

from dataclasses import dataclass

from langchain_core.language_models import BaseChatModel


class LlmConfigError(RuntimeError):
    pass


@dataclass(frozen=True)
class LlmConfig:
    provider: str = "offline"  # offline | openai | anthropic
    model: str | None = None
    base_url: str | None = None  # any OpenAI-compatible server: vLLM, Ollama, llama.cpp …
    api_key: str | None = None
    temperature: float = 0.0
    timeout_s: float = 60.0


def make_llm(config: LlmConfig) -> BaseChatModel | None:
    """Builds the chat model; provider packages are optional extras, imported only when chosen."""
    provider = config.provider.lower()
    if provider in ("", "offline", "none"):
        return None
    if not config.model:
        raise LlmConfigError(f"BUDONGSAN_LLM_MODEL is required for provider '{provider}'")
    if provider == "openai":
        try:
            from langchain_openai import ChatOpenAI
        except ImportError as exc:
            raise LlmConfigError("install the extra: pip install 'budongsan[openai]'") from exc
        return ChatOpenAI(
            model=config.model,
            base_url=config.base_url,
            api_key=config.api_key or "not-needed",  # local servers accept any key
            temperature=config.temperature,
            timeout=config.timeout_s,
            streaming=True,
        )
    if provider == "anthropic":
        try:
            from langchain_anthropic import ChatAnthropic
        except ImportError as exc:
            raise LlmConfigError("install the extra: pip install 'budongsan[anthropic]'") from exc
        return ChatAnthropic(
            model_name=config.model,
            api_key=config.api_key,
            base_url=config.base_url,
            temperature=config.temperature,
            timeout=config.timeout_s,
            streaming=True,
        )
    raise LlmConfigError(f"unknown LLM provider '{provider}' (offline, openai, anthropic)")
