"""Operations endpoints: liveness, readiness and Prometheus metrics (outside /api/v1).

Metrics tell request rates per route, turn latencies and running turns: useful to an attacker timing
others' use, so `/metrics` is off (404) unless `BUDONGSAN_METRICS_TOKEN` is set, and then answers only a
scraper that sends that token as a bearer token. Each worker keeps its own registry (backend/metrics.py),
so there is no separate port to firewall instead.
"""

from __future__ import annotations

import hmac
from typing import Annotated

from fastapi import APIRouter, Header, Response

from backend.deps import MetricsDep, ReadinessDep, SettingsDep
from backend.errors import ApiError, unauthorized
from backend.schemas import HealthOut, ReadyOut, error_responses

router = APIRouter(tags=["ops"])


@router.get("/healthz", response_model=HealthOut, summary="The process is up (no dependencies checked)")
async def healthz() -> HealthOut:
    return HealthOut(status="ok")


@router.get(
    "/readyz",
    response_model=ReadyOut,
    responses=error_responses(503),
    summary="Ready for traffic: database reachable, migrations at head, checkpoint tables present",
)
async def readyz(probe: ReadinessDep, settings: SettingsDep) -> ReadyOut:
    result = await probe.check()
    if not result.ready:
        raise ApiError(
            503,
            "not_ready",
            "서비스가 아직 준비되지 않았습니다.",
            {"checks": result.checks},
            headers={"Retry-After": str(settings.retry_after_s)},
        )
    return ReadyOut(status="ready", checks=result.checks)


def require_metrics_token(settings: SettingsDep, authorization: str | None) -> None:
    """404 while metrics are off; 401 unless `Authorization: Bearer <BUDONGSAN_METRICS_TOKEN>`."""
    if settings.metrics_token is None or not settings.metrics_token.get_secret_value():
        raise ApiError(
            404,
            "not_found",
            "지표(metrics)가 꺼져 있습니다. BUDONGSAN_METRICS_TOKEN을 설정하면 켜집니다.",
            {"resource": "metrics"},
        )
    scheme, _, presented = (authorization or "").partition(" ")
    expected = settings.metrics_token.get_secret_value().encode()
    if scheme.lower() != "bearer" or not hmac.compare_digest(presented.strip().encode(), expected):
        raise unauthorized("지표를 읽으려면 BUDONGSAN_METRICS_TOKEN을 Bearer 토큰으로 보내야 합니다.")


@router.get(
    "/metrics",
    summary="Prometheus metrics of this process (off unless BUDONGSAN_METRICS_TOKEN is set; bearer token)",
    response_class=Response,
    responses={
        200: {"content": {"text/plain": {"schema": {"type": "string"}}}},
        **error_responses(401, 404),
    },
)
async def metrics(
    registry: MetricsDep,
    settings: SettingsDep,
    authorization: Annotated[str | None, Header(include_in_schema=False)] = None,
) -> Response:
    require_metrics_token(settings, authorization)
    body, content_type = registry.render()
    return Response(body, media_type=content_type)
