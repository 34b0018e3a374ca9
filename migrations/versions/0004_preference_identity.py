"""preferences: a stable preference_id across corrections, budgets per deal type

Every `user_preferences` row stays (it becomes one version of a preference) with its id, value,
confidence, provenance and validity window. Two columns are added:

* `preference_id`: the stable id the API hands out. Rows of one preference share it; it is the id
  of one of its rows (for existing data the newest row's, so listed ids do not change), so any id
  ever handed out — a current or a closed row's — still resolves to its preference.
* `deal_type`: which deal type a budget belongs to (매매 price cap ≠ 전세 deposit cap ≠ 월세 deposit
  and rent caps). For existing budgets it is read from the same row's message (one deal word),
  else that message's conversation slots, else the deal_type preference valid at the time, else
  'unknown' (kept as its own budget).

Grouping old rows into preferences: single-valued keys by (user, key, deal type); regions by value,
and a region a user corrected (closed at the instant a `source='user'` row began) joins the
corrected row's preference. Downgrade drops both columns; as the old model allowed one current row
per single-valued key, the older of several current budgets are closed when the newest began.

Revision ID: 0004_preference_identity
Revises: 0003_recall_index
Create Date: 2026-11-28 10:00:00
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from alembic import op

revision: str = "0004_preference_identity"
down_revision: str | None = "0003_recall_index"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

BUDGET_KEYS = ("budget_max_manwon", "budget_min_manwon", "monthly_rent_max_manwon")
DEAL_TYPE_CHECK = (
    "(key IN ('budget_max_manwon', 'budget_min_manwon', 'monthly_rent_max_manwon')) = (deal_type IS NOT NULL) "
    "AND (deal_type IS NULL OR deal_type IN ('매매', '전세', '월세', 'unknown'))"
)

# A row inserted without a preference_id starts its own preference (tools, bulk loads).
PREFERENCE_ID_FN = """
CREATE OR REPLACE FUNCTION user_preferences_own_preference() RETURNS trigger AS $$
BEGIN
    NEW.preference_id := coalesce(NEW.preference_id, NEW.id);
    RETURN NEW;
END
$$ LANGUAGE plpgsql
"""
PREFERENCE_ID_TRIGGER = (
    "CREATE TRIGGER user_preferences_own_preference BEFORE INSERT ON user_preferences "
    "FOR EACH ROW EXECUTE FUNCTION user_preferences_own_preference()"
)

# Deal words of a message; exactly one kind must occur for the message to name the budget's deal.
_JEONSE, _WOLSE, _MAEMAE = "전세|전셋", "월세|월셋", "매매|매수|구매|구입"
ROWS_WITH_HINTS = sa.text(
    f"""
SELECT p.id, p.user_id, p.key, p.value, p.source, p.valid_from, p.valid_to,
  CASE
    WHEN p.key = 'monthly_rent_max_manwon' THEN '월세'
    WHEN p.key IN ('budget_max_manwon', 'budget_min_manwon') THEN coalesce(
      (SELECT CASE
                WHEN (c.content ~ '{_JEONSE}')::int + (c.content ~ '{_WOLSE}')::int
                     + (c.content ~ '{_MAEMAE}')::int <> 1 THEN NULL
                WHEN c.content ~ '{_JEONSE}' THEN '전세'
                WHEN c.content ~ '{_WOLSE}' THEN '월세'
                ELSE '매매' END
       FROM chat_messages c JOIN chat_sessions s ON s.session_id = c.session_id
       WHERE c.id = p.source_message_id AND s.user_id = p.user_id),
      (SELECT m.slots ->> 'deal_type' FROM conversation_memories m
       WHERE m.user_id = p.user_id AND m.message_id = p.source_message_id
         AND m.slots ->> 'deal_type' IN ('매매', '전세', '월세')
       ORDER BY m.id DESC LIMIT 1),
      (SELECT d.value #>> '{{}}' FROM user_preferences d
       WHERE d.user_id = p.user_id AND d.key = 'deal_type' AND d.valid_from <= p.valid_from
         AND (d.valid_to IS NULL OR d.valid_to > p.valid_from)
         AND d.value #>> '{{}}' IN ('매매', '전세', '월세')
       ORDER BY d.valid_from DESC, d.id DESC LIMIT 1),
      'unknown')
  END AS deal_type
FROM user_preferences p
ORDER BY p.user_id, p.valid_from, p.id
"""
)


class _Groups:
    """Union-find over row ids: rows that end up in one group are one preference."""

    def __init__(self) -> None:
        self.parent: dict[int, int] = {}

    def find(self, row_id: int) -> int:
        self.parent.setdefault(row_id, row_id)
        while self.parent[row_id] != row_id:
            self.parent[row_id] = self.parent[self.parent[row_id]]
            row_id = self.parent[row_id]
        return row_id

    def join(self, a: int, b: int) -> None:
        self.parent[self.find(a)] = self.find(b)


def _newest(rows: list[dict[str, Any]]) -> dict[str, Any]:
    """The row whose id the preference takes: its current row, else its latest."""
    return max(rows, key=lambda r: (r["valid_to"] is None, r["valid_from"], r["id"]))


def assign_preferences(rows: list[dict[str, Any]]) -> dict[int, tuple[int, str | None]]:
    """row id -> (preference_id, deal_type) for one database's rows (see module docstring)."""
    deal: dict[int, str | None] = {r["id"]: r["deal_type"] for r in rows}
    groups = _Groups()
    closed_at: dict[tuple[Any, str, dt.datetime], int] = {}
    for row in rows:  # ordered by user, valid_from, id
        groups.find(row["id"])
        if row["valid_to"] is not None:
            closed_at[(row["user_id"], row["key"], row["valid_to"])] = row["id"]
    for row in rows:  # a user correction: its row began the instant the corrected row closed
        corrected = closed_at.get((row["user_id"], row["key"], row["valid_from"]))
        if row["source"] == "user" and corrected is not None and corrected != row["id"]:
            if row["key"] in BUDGET_KEYS:
                deal[row["id"]] = deal[corrected]  # a corrected budget keeps its deal type
            groups.join(corrected, row["id"])
    by_identity: dict[tuple[Any, ...], int] = {}
    for row in rows:
        value = row["value"] if row["key"] == "region" else None
        identity = (row["user_id"], row["key"], deal[row["id"]], repr(value))
        first = by_identity.setdefault(identity, row["id"])
        groups.join(row["id"], first)
    members: dict[int, list[dict[str, Any]]] = {}
    for row in rows:
        members.setdefault(groups.find(row["id"]), []).append(row)
    out: dict[int, tuple[int, str | None]] = {}
    for group in members.values():
        # One current row per preference: an extra current row (only writers that skipped the lock
        # could make one) stays current as a preference of its own.
        current = sorted(
            (r for r in group if r["valid_to"] is None), key=lambda r: (r["valid_from"], r["id"])
        )
        for extra in current[:-1]:
            out[extra["id"]] = (extra["id"], deal[extra["id"]])
        rest = [r for r in group if r not in current[:-1]]
        pid = _newest(rest)["id"]
        for row in rest:
            out[row["id"]] = (pid, deal[row["id"]])
    return out


def upgrade() -> None:
    op.add_column("user_preferences", sa.Column("preference_id", sa.BigInteger(), nullable=True))
    op.add_column("user_preferences", sa.Column("deal_type", sa.Text(), nullable=True))
    bind = op.get_bind()
    rows = [dict(r) for r in bind.execute(ROWS_WITH_HINTS).mappings()]
    assigned = assign_preferences(rows)
    if assigned:
        bind.execute(
            sa.text("UPDATE user_preferences SET preference_id = :pid, deal_type = :deal WHERE id = :id"),
            [{"id": row_id, "pid": pid, "deal": deal} for row_id, (pid, deal) in assigned.items()],
        )
    op.alter_column("user_preferences", "preference_id", nullable=False)
    op.execute(PREFERENCE_ID_FN)
    op.execute(PREFERENCE_ID_TRIGGER)
    op.create_check_constraint("ck_user_preferences_deal_type", "user_preferences", DEAL_TYPE_CHECK)
    op.drop_index(
        "uq_user_preferences_current",
        table_name="user_preferences",
        postgresql_where=sa.text("valid_to IS NULL"),
    )
    op.create_index("ix_user_preferences_user_preference", "user_preferences", ["user_id", "preference_id"])
    op.create_index(
        "uq_user_preferences_one_current",
        "user_preferences",
        ["preference_id"],
        unique=True,
        postgresql_where=sa.text("valid_to IS NULL"),
    )
    op.create_index(
        "uq_user_preferences_current_region",
        "user_preferences",
        ["user_id", "value"],
        unique=True,
        postgresql_where=sa.text("valid_to IS NULL AND key = 'region'"),
    )


def downgrade() -> None:
    op.drop_index(
        "uq_user_preferences_current_region",
        table_name="user_preferences",
        postgresql_where=sa.text("valid_to IS NULL AND key = 'region'"),
    )
    op.drop_index(
        "uq_user_preferences_one_current",
        table_name="user_preferences",
        postgresql_where=sa.text("valid_to IS NULL"),
    )
    op.drop_index("ix_user_preferences_user_preference", table_name="user_preferences")
    # The old model keeps one current row per single-valued key: the newest stays current.
    op.execute(
        """
UPDATE user_preferences p SET valid_to = newer.valid_from
FROM (SELECT id, user_id, key, valid_from,
             row_number() OVER (PARTITION BY user_id, key ORDER BY valid_from DESC, id DESC) AS nth
      FROM user_preferences WHERE valid_to IS NULL AND key <> 'region') newer
WHERE p.valid_to IS NULL AND p.key <> 'region' AND p.user_id = newer.user_id AND p.key = newer.key
  AND newer.nth = 1 AND p.id <> newer.id
"""
    )
    op.create_index(
        "uq_user_preferences_current",
        "user_preferences",
        ["user_id", "key", "value"],
        unique=True,
        postgresql_where=sa.text("valid_to IS NULL"),
    )
    op.drop_constraint("ck_user_preferences_deal_type", "user_preferences", type_="check")
    op.execute("DROP TRIGGER IF EXISTS user_preferences_own_preference ON user_preferences")
    op.execute("DROP FUNCTION IF EXISTS user_preferences_own_preference()")
    op.drop_column("user_preferences", "deal_type")
    op.drop_column("user_preferences", "preference_id")
