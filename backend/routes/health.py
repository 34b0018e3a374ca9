"""Operations endpoints: liveness, readiness and Prometheus metrics (outside /api/v1)."""

from __future__ import annotations

from fastapi import APIRouter, Response

from backend.deps import MetricsDep, ReadinessDep, SettingsDep
from backend.errors import ApiError
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


@router.get(
    "/metrics",
    summary="Prometheus metrics of this process",
    response_class=Response,
    responses={200: {"content": {"text/plain": {"schema": {"type": "string"}}}}},
)
async def metrics(registry: MetricsDep) -> Response:
    body, content_type = registry.render()
    return Response(body, media_type=content_type)
