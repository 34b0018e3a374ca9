"""accounts and sessions: sign-in throttling counters; a report of look-alike emails

* `rate_limit_keys`: fixed-window counters for callers that are not a user yet (sign-in and sign-up
  attempts per hashed email and per hashed client address), UNLOGGED like `rate_limit_windows`, with
  an expiry per window so a periodic sweep can drop windows whose key is never hit again.
* Emails are normalized from now on (NFKC, invisible characters removed, lower case; backend/auth.py
  `normalize_email`). Accounts stored before may collide under that rule (`ｍｉｎｊｉ@…` and
  `minji@…`) or not be in normalized form. This migration only REPORTS them, as warnings in the
  migration log naming user ids: it never merges, rewrites or drops an account, since only their
  owners can tell which is real. They all keep signing in (a login tries the stored spelling too).

Revision ID: 0005_account_sessions
Revises: 0004_preference_identity
Create Date: 2026-12-06 12:00:00
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from backend.auth import email_problem, normalize_email

revision: str = "0005_account_sessions"
down_revision: str | None = "0004_preference_identity"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

log = logging.getLogger("budongsan.migrations")


def upgrade() -> None:
    op.execute(
        """
        CREATE UNLOGGED TABLE rate_limit_keys (
            key text NOT NULL,
            bucket text NOT NULL,
            window_start timestamptz NOT NULL,
            expires_at timestamptz NOT NULL,
            hits integer NOT NULL,
            CONSTRAINT pk_rate_limit_keys PRIMARY KEY (key, bucket, window_start)
        )
        """
    )
    op.execute("CREATE INDEX ix_rate_limit_keys_expires_at ON rate_limit_keys (expires_at)")
    report_email_collisions(op.get_bind())


def downgrade() -> None:
    op.execute("DROP TABLE IF EXISTS rate_limit_keys")


def email_report(rows: Sequence[tuple[object, str]]) -> tuple[dict[str, list[str]], list[str], list[str]]:
    """(normalized email → user ids sharing it, for groups of two or more; ids stored in another
    spelling than the normalized one; ids whose normalized email would not register today)."""
    groups: dict[str, list[str]] = defaultdict(list)
    unnormalized, invalid = [], []
    for user_id, email in rows:
        normalized = normalize_email(email)
        groups[normalized].append(str(user_id))
        if normalized != email:
            unnormalized.append(str(user_id))
        if email_problem(normalized) is not None:
            invalid.append(str(user_id))
    return {k: sorted(v) for k, v in groups.items() if len(v) > 1}, sorted(unnormalized), sorted(invalid)


def report_email_collisions(conn: sa.Connection) -> None:
    rows = conn.execute(sa.text("SELECT id, email FROM users WHERE email IS NOT NULL ORDER BY id")).all()
    collisions, unnormalized, invalid = email_report([(r.id, r.email) for r in rows])
    for number, ids in enumerate(collisions.values(), start=1):
        # Ids only: the addresses stay out of logs (look them up by id).
        log.warning(
            "email collision %d: users %s share one normalized email (kept, not merged)",
            number,
            ", ".join(ids),
        )
    if unnormalized:
        log.warning(
            "%d users have an email not in normalized form (kept as stored): %s",
            len(unnormalized),
            ", ".join(unnormalized),
        )
    if invalid:
        log.warning(
            "%d users have an email that would not register today (kept): %s",
            len(invalid),
            ", ".join(invalid),
        )
    log.info("email report: %d users, %d collision groups", len(rows), len(collisions))
