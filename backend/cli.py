"""The `budongsan` command line: serve, memory-worker, chat, migrate, load-data, sync-molit, import-sqlite,
db."""

from __future__ import annotations

import asyncio
import logging
import os
import signal
import sys
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

import typer
from sqlalchemy.engine import make_url

from backend.db import DatabaseConfigError, DatabaseUrl, database_url, engine_scope
from backend.settings import Settings, get_settings

if TYPE_CHECKING:
    from backend.replicas import ReadReplicas

app = typer.Typer(help="budongsan: Korean real-estate chat assistant backend", no_args_is_help=True)

T = TypeVar("T")
log = logging.getLogger("budongsan.cli")


def _fail(message: str) -> None:
    typer.secho(message, err=True, fg=typer.colors.RED)
    raise typer.Exit(code=1)


def _sigterm_exits() -> None:
    """SIGTERM raises SystemExit so `finally` blocks (stopping the embedded Postgres) run."""
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))


def _with_database(
    settings: Settings,
    work: Callable[[DatabaseUrl], Awaitable[T]],
    then: Callable[[DatabaseUrl], None] | None = None,
) -> T:
    """Runs `work` against the configured (or embedded) database; connection failures end in one line.

    `then` runs synchronously afterwards while the database is still up (uvicorn owns its own loop).
    """
    _sigterm_exits()
    try:
        with database_url(settings) as url:
            result = _run_reporting_db_errors(url, work)
            if then is not None:
                then(url)
            return result
    except DatabaseConfigError as exc:
        where = _configured_location(settings)
        _fail(f"cannot use database {where}: {exc}" if where else str(exc))
    raise AssertionError("unreachable")


def _configured_location(settings: Settings) -> str | None:
    """host:port/db of the configured URL, even one we refuse (e.g. mysql://), for error lines."""
    if settings.database_url is None:
        return None
    try:
        url = make_url(settings.database_url.get_secret_value().strip())
    except Exception:  # not a URL at all: there is no location to name
        return None
    port = f":{url.port}" if url.port else ""
    return f"{url.host or 'localhost'}{port}/{url.database or ''}"


def _run_reporting_db_errors(url: DatabaseUrl, work: Callable[[DatabaseUrl], Awaitable[T]]) -> T:
    from backend.data_import import DataFileError
    from backend.dberrors import connect_error_message

    try:
        return asyncio.run(work(url))
    except DataFileError as exc:
        _fail(str(exc))
    except Exception as exc:
        message = connect_error_message(url, exc)
        if message is None:
            raise
        _fail(message)
    raise AssertionError("unreachable")


@app.command()
def migrate() -> None:
    """Upgrade our schema to head and set up LangGraph's checkpoint tables (idempotent)."""
    from backend.migrate import head_revision
    from backend.migrate import migrate as run_migrate

    settings = get_settings()

    async def work(url: DatabaseUrl) -> None:
        async with engine_scope(url, settings) as engine:
            await run_migrate(engine, url)
        typer.echo(f"migrated {url.redacted} to {head_revision()}")

    _with_database(settings, work)


@app.command("load-data")
def load_data(
    directory: Annotated[Path | None, typer.Argument(help="data folder (default: ../shared/data)")] = None,
    quiet: Annotated[
        bool, typer.Option("--quiet", "-q", help="print nothing unless something fails")
    ] = False,
) -> None:
    """Load MOLIT transaction CSVs and statute Markdown into Postgres (idempotent).

    On a terminal each file is shown as it loads (name, rows, seconds) on stderr; the one-line summary
    goes to stdout. Not a terminal: only the summary. `--quiet`: nothing unless a file fails.
    """
    from backend.data_import import load_all

    settings = get_settings()
    folder = directory or settings.resolved_data_dir()
    if folder is None or not folder.is_dir():
        _fail(f"data folder not found: {folder or '../shared/data'} (pass DIR or set BUDONGSAN_DATA_DIR)")
    assert folder is not None

    async def work(url: DatabaseUrl) -> None:
        async with engine_scope(url, settings) as engine:
            report = await load_all(engine, folder, progress=not quiet and sys.stderr.isatty())
        if not quiet:
            typer.echo(report.summary())

    _with_database(settings, work)


@app.command("import-sqlite")
def import_sqlite(
    sessions_db: Annotated[Path | None, typer.Option(help="legacy SessionManager sessions.db")] = None,
    checkpoints_db: Annotated[Path | None, typer.Option(help="legacy LangGraph SqliteSaver database")] = None,
) -> None:
    """Copy a legacy SQLite sessions.db and/or LangGraph checkpoint DB into Postgres (idempotent)."""
    from backend.legacy_import import LegacyImportError, import_legacy

    if sessions_db is None and checkpoints_db is None:
        _fail("give --sessions-db and/or --checkpoints-db")
    settings = get_settings()

    async def work(url: DatabaseUrl) -> None:
        async with engine_scope(url, settings) as engine:
            try:
                report = await import_legacy(
                    engine, url, sessions_db=sessions_db, checkpoints_db=checkpoints_db
                )
            except LegacyImportError as exc:
                _fail(str(exc))
        typer.echo(report.summary())

    _with_database(settings, work)


@app.command()
def db() -> None:
    """Database status: URL (no password), migration revision vs head, row counts."""
    from backend.dbstatus import read_status
    from backend.home import has_cluster, where_we_looked
    from backend.replicas import ReadReplicas

    settings = get_settings()
    if settings.database_url is None:  # a status must not create a second, empty embedded database
        home = settings.home_explained()
        if not has_cluster(home.path):
            _fail(
                f"no embedded database at {where_we_looked(home)}: start `budongsan serve` once, "
                "or set BUDONGSAN_HOME (or DATABASE_URL) to the one you use"
            )
        typer.echo(home.describe())

    async def work(url: DatabaseUrl) -> None:
        async with engine_scope(url, settings) as engine:
            status = await read_status(engine, url)
            typer.echo(status.render())
            reads = ReadReplicas.from_settings(engine, settings)
            if reads is not None:  # checked as a serving process checks them before using one
                try:
                    for _ in range(REPLICA_CHECKS):  # a lag is known once a replica was seen caught up
                        await reads.check()
                        if all(r.lag_s is not None or r.state != "lagging" for r in reads.replicas):
                            break
                        await asyncio.sleep(0.5)
                    typer.echo(replica_lines(reads))
                finally:
                    await reads.stop()

    _with_database(settings, work)


REPLICA_CHECKS = 6


def replica_lines(reads: ReadReplicas) -> str:
    """`budongsan db`'s replica section: each one's state and lag, and where data reads would go."""
    status = reads.status()
    lines = [f"replicas   data reads go to {status['reads']} (max lag {reads.max_lag_s:g} s)"]
    for r, replica in zip(status["replicas"], reads.replicas, strict=True):
        lag = f"lag {r['lag_s']:g} s" if r["lag_s"] is not None else "lag unknown"
        behind = f", {replica.behind_bytes} bytes of WAL behind" if replica.behind_bytes else ""
        lines.append(f"  {r['replica']}  {r['state']}, {lag}{behind}")
    return "\n".join(lines)


@app.command("sync-molit")
def sync_molit(
    region: Annotated[
        list[str] | None,
        typer.Option("--region", help="5-digit LAWD_CD or 시군구 name ('강남구', '부산 중구'); repeatable"),
    ] = None,
    month_from: Annotated[str | None, typer.Option("--from", help="first contract month YYYYMM")] = None,
    month_to: Annotated[
        str | None, typer.Option("--to", help="last contract month YYYYMM (default: --from)")
    ] = None,
    kind: Annotated[str, typer.Option(help="trade (매매), rent (전월세) or all")] = "all",
    check: Annotated[
        bool, typer.Option("--check", help="verify the service key with one call, then stop")
    ] = False,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="print the calls it would make, then stop")
    ] = False,
) -> None:
    """Fetch apartment sales and 전월세 from the MOLIT OpenAPI (BUDONGSAN_MOLIT_SERVICE_KEY) into Postgres."""
    import datetime as dt

    from backend.data_import.molit_api import (
        KINDS,
        BadInput,
        MolitClient,
        MolitError,
        month_range,
        parse_month,
        planned_calls,
        resolve_region,
        sync_regions,
    )

    settings = get_settings()
    today = dt.date.today()
    try:
        places = [p for r in region or () for p in resolve_region(r)]
        if not places:
            raise BadInput("give at least one --region (a 5-digit LAWD_CD or a 시군구 name such as 강남구)")
        places = list({p.code: p for p in places}.values())
        if kind not in (*KINDS, "all"):
            raise BadInput(f"--kind {kind!r}: use trade, rent or all")
        kinds = list(KINDS) if kind == "all" else [kind]
        last_full = (today.replace(day=1) - dt.timedelta(days=1)).replace(day=1)
        first = parse_month(month_from, "--from") if month_from else last_full
        last = parse_month(month_to, "--to") if month_to else first
        months = month_range(first, last, today)
    except BadInput as exc:
        _fail(str(exc))
        return
    if dry_run:
        typer.echo(planned_calls(places, months, kinds))
        return
    key = settings.molit_service_key.get_secret_value() if settings.molit_service_key else ""
    if not key.strip():
        _fail(
            "BUDONGSAN_MOLIT_SERVICE_KEY is not set: get a 서비스키 on data.go.kr (아파트 매매/전월세 실거래가)"
        )

    def client() -> MolitClient:
        return MolitClient(key, settings.molit_base_url)

    if check:

        async def probe() -> None:
            async with client() as molit:
                try:
                    count = await molit.check(places[0].code, months[-1])
                except MolitError as exc:
                    _fail(f"key check failed: {exc}")
            typer.echo(
                f"key OK: MOLIT answered ({count:,} sales in {places[0].full_name} {months[-1]:%Y-%m})"
            )

        asyncio.run(probe())
        return

    def progress(line: str) -> None:
        typer.echo(line, err=True)

    async def work(url: DatabaseUrl) -> None:
        async with engine_scope(url, settings) as engine, client() as molit:
            report = await sync_regions(engine, molit, places, months, kinds, progress=progress)
        typer.echo(report.summary())
        if not report.ok:
            problems = [f"{key.code} {key.month:%Y-%m} {key.kind}: {why}" for key, why in report.failed]
            _fail("\n".join([*problems, *([report.stopped] if report.stopped else [])]))

    _with_database(settings, work)


@app.command()
def chat(
    url: Annotated[str, typer.Option(help="the server (any budongsan URL)")] = "http://127.0.0.1:8000",
    email: Annotated[str | None, typer.Option(help="sign in as this email")] = None,
) -> None:
    """Chat in the terminal (REST/SSE API): sign in, keep chats, answer questions and contract drafts."""
    from backend.chat_client.repl import run_chat

    raise typer.Exit(run_chat(url, email))


def uvicorn_options(settings: Settings) -> dict[str, Any]:
    """What `serve` tells uvicorn besides where to listen (tests/integration/test_api_holes.py builds a
    uvicorn Config from it). uvicorn has no header or body read timeout: see README "Behind a reverse proxy"."""
    return {
        "log_level": settings.log_level.lower(),
        # One log line per request: the app's JSON `request` line (backend/middleware.py), not uvicorn's too.
        "access_log": False,
        "timeout_graceful_shutdown": 30,
        # Client addresses are resolved by the app, from BUDONGSAN_TRUSTED_PROXIES only
        # (backend/throttle.py); uvicorn would otherwise believe X-Forwarded-For from 127.0.0.1.
        "proxy_headers": False,
        # Idle keep-alive connections are closed; beyond the limit of open connections or running requests
        # per process new requests get 503 instead of piling up (slow clients holding sockets).
        "timeout_keep_alive": settings.server_timeout_keep_alive_s,
        "limit_concurrency": settings.server_limit_concurrency or None,
        # A bigger WebSocket frame is refused (close 1009) before it is buffered.
        "ws_max_size": settings.ws_max_message_bytes,
    }


@app.command()
def serve(
    host: Annotated[str, typer.Option()] = "127.0.0.1",
    port: Annotated[int, typer.Option()] = 8000,
    workers: Annotated[int, typer.Option(min=1)] = 1,
    load: Annotated[bool, typer.Option(help="load the data folder when the tables are empty")] = True,
) -> None:
    """Migrate, load data if empty, and serve the API (uvicorn). Starts the embedded DB when no URL is set."""
    import uvicorn

    from backend.data_import import load_all, tables_are_empty
    from backend.migrate import migrate as run_migrate
    from backend.settings import DEFAULT_DATA_DIR
    from backend.signing import SecretRefused, serve_secret
    from backend.startup import browse_urls, data_folder_warning

    settings = get_settings()
    try:  # before the database starts: a refused secret costs nothing
        secret = serve_secret(settings)
    except SecretRefused as exc:
        _fail(str(exc))
    development = secret.mode == "development"
    typer.secho(secret.describe(), fg=typer.colors.YELLOW if development else None, bold=development)
    if settings.database_url is None:
        typer.echo(settings.home_explained().describe())
    if load and (warning := data_folder_warning(settings.resolved_data_dir(), DEFAULT_DATA_DIR)):
        typer.secho(warning, err=True, fg=typer.colors.YELLOW, bold=True)

    async def prepare(url: DatabaseUrl) -> DatabaseUrl:
        async with engine_scope(url, settings) as engine:
            await run_migrate(engine, url)
            folder = settings.resolved_data_dir()
            if load and folder is not None and folder.is_dir() and await tables_are_empty(engine):
                typer.echo(f"loading data from {folder} (first start) ...")
                report = await load_all(engine, folder, progress=sys.stderr.isatty())
                typer.echo(report.summary())
        return url

    def run(url: DatabaseUrl) -> None:
        # Workers are separate processes: they find the database through the environment.
        os.environ["BUDONGSAN_DATABASE_URL"] = url.libpq
        if secret.file is not None:  # the same secret in every worker (embedded: <home>/jwt_secret)
            os.environ["BUDONGSAN_JWT_SECRET_FILE"] = str(secret.file)
        get_settings.cache_clear()  # create_app (in this process when workers == 1) must see it
        typer.echo(f"serving on http://{host}:{port} with {workers} worker(s); database {url.redacted}")
        typer.secho(browse_urls(host, port, docs=settings.docs_enabled), bold=True)
        uvicorn.run(
            "backend.app:create_app",
            factory=True,
            host=host,
            port=port,
            workers=workers,
            **uvicorn_options(settings),
        )

    _with_database(settings, prepare, then=run)


MEMORY_WORKER_NEEDS_A_URL = (
    "budongsan memory-worker needs BUDONGSAN_DATABASE_URL (the API processes' database): the embedded "
    "Postgres runs only inside `budongsan serve`, whose own memory worker drains it"
)


@app.command("memory-worker")
def memory_worker() -> None:
    """Process the memory jobs alone, without HTTP, on BUDONGSAN_DATABASE_URL.

    Run the API with BUDONGSAN_MEMORY_WORKER_ENABLED=false and any number of these beside it (README
    "Running several nodes"). SIGTERM or Ctrl-C stops it after the job in hand.
    """
    from backend.app import build_memory_worker, configured_llm
    from backend.middleware import configure_logging
    from backend.migrate import current_revision

    settings = get_settings()
    if settings.database_url is None:
        _fail(MEMORY_WORKER_NEEDS_A_URL)
    configure_logging(settings.log_level)

    async def work(url: DatabaseUrl) -> None:
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGTERM, signal.SIGINT):
            loop.add_signal_handler(sig, stop.set)
        async with engine_scope(url, settings) as engine:
            if await current_revision(engine) is None:
                _fail(
                    f"database {url.where} has no schema: run `budongsan migrate` (or `budongsan serve`) first"
                )
            llm = configured_llm(settings)
            worker = build_memory_worker(engine, settings, llm)
            await worker.start()
            log.info(
                "memory worker started",
                extra={
                    "database": url.redacted,
                    "extractor": f"llm {settings.llm_provider}/{settings.llm_model}" if llm else "rules",
                    "batch_size": settings.memory_batch_size,
                    "poll_s": settings.memory_poll_s,
                    "pid": os.getpid(),
                },
            )
            try:
                await stop.wait()
            finally:
                await worker.stop(settings.shutdown_grace_s)  # the job in hand is finished and committed
            log.info("memory worker stopped", extra={"processed": worker.processed})

    _with_database(settings, work)


if __name__ == "__main__":
    app()
