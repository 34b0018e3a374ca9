"""Prometheus metrics, one registry per app instance (and so per worker process).

Each uvicorn worker exposes its own numbers; a scraper that hits the workers through one port sees one
of them at a time. That is the accepted trade-off here: no shared multiprocess directory to manage.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    generate_latest,
)

_LATENCY_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30)
_TURN_BUCKETS = (0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 20, 30, 60, 120)


@dataclass
class Metrics:
    registry: CollectorRegistry = field(default_factory=CollectorRegistry)

    def __post_init__(self) -> None:
        r = self.registry
        self.requests = Counter(
            "budongsan_http_requests",
            "HTTP requests by route template",
            ["method", "route", "status"],
            registry=r,
        )
        self.request_latency = Histogram(
            "budongsan_http_request_duration_seconds",
            "HTTP request latency by route template (streams: until the response is complete)",
            ["method", "route"],
            buckets=_LATENCY_BUCKETS,
            registry=r,
        )
        self.turn_latency = Histogram(
            "budongsan_turn_duration_seconds",
            "One chat turn, from acknowledgement to stored answer, by intent and outcome",
            ["intent", "outcome"],
            buckets=_TURN_BUCKETS,
            registry=r,
        )
        self.turns_rejected = Counter(
            "budongsan_turns_rejected", "Turns refused before running, by reason", ["reason"], registry=r
        )
        self.active_streams = Gauge(
            "budongsan_active_streams", "Open SSE and WebSocket streams", ["transport"], registry=r
        )
        self.running_turns = Gauge("budongsan_running_turns", "Turns running in this process", registry=r)

    def render(self) -> tuple[bytes, str]:
        return generate_latest(self.registry), CONTENT_TYPE_LATEST
