"""The web chat page: `/` serves index.html and `/static/*` its scripts, styles and icon.

Everything here is a plain file under backend/static (no build step). Responses carry a strict
Content-Security-Policy: scripts and styles only from this origin, no inline code, no framing, so a
message or title that slips past the page's text-only rendering still cannot run. Files are served
with `Cache-Control: no-cache` plus StaticFiles' ETag/Last-Modified: the browser revalidates (a cheap
304) on every load and never runs a stale module next to a new one after an upgrade.
"""

from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter, Request, Response
from starlette.staticfiles import StaticFiles

STATIC_DIR = Path(__file__).resolve().parent.parent / "static"

CONTENT_SECURITY_POLICY = "; ".join(
    (
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "connect-src 'self'",
        "font-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    )
)
UI_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Cache-Control": "no-cache",
}

router = APIRouter(include_in_schema=False)
_files = StaticFiles(directory=STATIC_DIR, check_dir=False)


def _with_ui_headers(response: Response) -> Response:
    response.headers.update(UI_HEADERS)
    return response


@router.api_route("/", methods=["GET", "HEAD"])
async def index(request: Request) -> Response:
    return _with_ui_headers(await _files.get_response("index.html", request.scope))


@router.api_route("/static/{path:path}", methods=["GET", "HEAD"])
async def static_file(path: str, request: Request) -> Response:
    """StaticFiles does the work: path traversal refused, ETag / If-None-Match → 304, HEAD."""
    return _with_ui_headers(await _files.get_response(path, request.scope))
