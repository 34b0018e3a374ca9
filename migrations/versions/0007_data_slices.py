"""data_slices: who owns each (시군구, month, kind) of the transaction tables

`budongsan load-data` records the slices its files fill as source 'snapshot'; `budongsan sync-molit`
replaces a slice with the MOLIT OpenAPI's rows and records it as 'molit-api', after which load-data
leaves that slice alone (backend/data_import/slices.py). Slices of data loaded before this revision
are recorded as 'snapshot' here, so `budongsan db` shows them at once.

Revision ID: 0007_data_slices
Revises: 0006_langgraph_runs
Create Date: 2026-12-07 15:00:00
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0007_data_slices"
down_revision: str | None = "0006_langgraph_runs"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.execute(
        """
        CREATE TABLE data_slices (
            sigungu_code text NOT NULL,
            month date NOT NULL,
            kind text NOT NULL,
            source text NOT NULL,
            rows integer NOT NULL,
            loaded_at timestamptz NOT NULL DEFAULT now(),
            synced_at timestamptz,
            CONSTRAINT pk_data_slices PRIMARY KEY (sigungu_code, month, kind),
            CONSTRAINT ck_data_slices_kind CHECK (kind IN ('trade', 'rent')),
            CONSTRAINT ck_data_slices_source CHECK (source IN ('snapshot', 'molit-api')),
            CONSTRAINT ck_data_slices_month CHECK (extract(day FROM month) = 1)
        )
        """
    )
    for table, kind in (("apt_trades", "trade"), ("apt_rents", "rent")):
        op.execute(
            "INSERT INTO data_slices (sigungu_code, month, kind, source, rows) "
            f"SELECT sigungu_code, date_trunc('month', contract_date)::date, '{kind}', 'snapshot', count(*) "
            f"FROM {table} GROUP BY 1, 2"
        )


def downgrade() -> None:
    op.execute("DROP TABLE data_slices")
