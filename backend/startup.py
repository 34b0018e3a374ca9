"""What a server says when it starts: where to open it, and loudly, when it has no data to answer from.

A server without transaction data works (and /readyz says `data: missing`), but every market question
gets "실거래 자료를 아직 불러오지 않았습니다": an operator must see that in the start-up output, not
discover it from users.
"""

from __future__ import annotations

import ipaddress
import logging
from pathlib import Path

from agents.tools.coverage import CoverageRegistry
from backend.data_import.loader import find_data_files

log = logging.getLogger("budongsan.startup")

LOAD_HINT = "load it with `budongsan load-data DIR` (or set BUDONGSAN_DATA_DIR)"


def data_folder_warning(folder: Path | None, default: Path) -> str | None:
    """One sentence when the data folder `serve` would load from is missing or holds no data files."""
    if folder is None:
        return f"WARNING: no data folder ({default} not found, BUDONGSAN_DATA_DIR not set): {LOAD_HINT}"
    if not folder.is_dir():
        return f"WARNING: data folder {folder} does not exist: {LOAD_HINT}"
    if not find_data_files(folder):
        return f"WARNING: data folder {folder} holds no transaction CSVs or statutes: {LOAD_HINT}"
    return None


def browse_urls(host: str, port: int, *, docs: bool) -> str:
    """The line a person reads first: the chat page, then the API docs and the terminal client."""
    base = f"http://{_browsable(host)}:{port}"
    parts = [f"chat: {base}/"]
    if docs:
        parts.append(f"API docs: {base}/docs")
    parts.append(f"terminal: budongsan chat --url {base}")
    return "  ·  ".join(parts)


def _browsable(host: str) -> str:
    """A host a browser can open: a wildcard address becomes loopback, IPv6 gets brackets."""
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return host  # a name such as localhost
    if address.is_unspecified:
        return "127.0.0.1" if address.version == 4 else "[::1]"
    return f"[{address}]" if address.version == 6 else str(address)


async def log_data_coverage(coverage: CoverageRegistry | None) -> None:
    """A warning when nothing is loaded, else one info line saying what the data covers."""
    if coverage is None:
        return
    try:
        current = await coverage.current()
    except Exception as exc:  # the database is checked by /readyz; this line must not stop a start
        log.warning("could not read the data coverage at start: %s", type(exc).__name__)
        return
    if current.empty:
        log.warning(
            "no transaction data loaded: every market question will be answered that the data is not "
            "loaded (/readyz says data: missing); %s",
            LOAD_HINT,
        )
        return
    log.info(
        "data loaded",
        extra={"coverage": f"{current.describe()}; statutes of {len(current.laws)} acts"},
    )
