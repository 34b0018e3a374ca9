"""`/docs`: Swagger UI served from this origin, with no CDN and no third-party script.

FastAPI's own page loads Swagger UI from a CDN: blank without internet, and a script from elsewhere running
on the origin that holds the users' tokens. Here the page and every asset come from this server: Swagger
UI's files from the `fastapi-offline` package (it ships them; only its files are used), the few lines that
start it from backend/static/swagger/init.js. The page's Content-Security-Policy allows scripts, styles,
fonts and requests from 'self' only (images also as data: URIs, which Swagger UI's stylesheet uses).
"""

from __future__ import annotations

import html
from importlib.resources import files
from pathlib import Path

from fastapi import APIRouter, Request, Response
from fastapi.responses import HTMLResponse
from starlette.staticfiles import StaticFiles

from backend.errors import not_found

DOCS_CONTENT_SECURITY_POLICY = "; ".join(
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
DOCS_HEADERS = {
    "Content-Security-Policy": DOCS_CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Cache-Control": "no-cache",  # revalidated (a cheap 304) so an upgrade never mixes versions
}
OWN_DIR = Path(__file__).resolve().parent.parent / "static" / "swagger"
# The only files /docs/assets/ serves, and where each lives (the package also holds ReDoc, unused here).
VENDORED_ASSETS = ("swagger-ui-bundle.js", "swagger-ui.css", "favicon.png")
OWN_ASSETS = ("init.js",)


def swagger_ui_dir() -> Path:
    return Path(str(files("fastapi_offline") / "static"))


def docs_page(title: str, openapi_url: str, assets_url: str) -> str:
    title, openapi_url, assets_url = (html.escape(part) for part in (title, openapi_url, assets_url))
    return f"""<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{title}</title>
<link rel="icon" type="image/png" href="{assets_url}/favicon.png">
<link rel="stylesheet" href="{assets_url}/swagger-ui.css">
</head>
<body>
<div id="swagger-ui" data-openapi-url="{openapi_url}"></div>
<script src="{assets_url}/swagger-ui-bundle.js"></script>
<script src="{assets_url}/init.js"></script>
</body>
</html>
"""


def docs_router(title: str, openapi_url: str, docs_url: str = "/docs") -> APIRouter:
    """The page and its assets; mounted by `create_app` only when the docs are enabled."""
    router = APIRouter(include_in_schema=False)
    vendored = StaticFiles(directory=swagger_ui_dir())
    own = StaticFiles(directory=OWN_DIR)
    assets = {name: vendored for name in VENDORED_ASSETS} | {name: own for name in OWN_ASSETS}

    @router.get(docs_url)
    async def swagger_ui(request: Request) -> HTMLResponse:
        root = request.scope.get("root_path", "")
        page = docs_page(f"{title} - Swagger UI", f"{root}{openapi_url}", f"{root}{docs_url}/assets")
        return HTMLResponse(page, headers=DOCS_HEADERS)

    @router.api_route(docs_url + "/assets/{name}", methods=["GET", "HEAD"])
    async def docs_asset(name: str, request: Request) -> Response:
        """StaticFiles does the serving (ETag / If-None-Match → 304, HEAD); unlisted names are 404."""
        source = assets.get(name)
        if source is None:
            raise not_found("docs_asset")
        response = await source.get_response(name, request.scope)
        response.headers.update(DOCS_HEADERS)
        return response

    return router
