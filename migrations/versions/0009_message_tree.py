"""Forks: the transcript becomes a tree, and each answer names its turn-boundary checkpoint

* `chat_messages.parent_id`: the message this one follows (NULL for a chat's first message). Every
  existing chat becomes one linear branch: each message's parent is the message stored before it in the
  same chat. A fork's first question hangs under an older answer, so one message can have several
  children. Children go with their parent (ON DELETE CASCADE); indexed for the walk down and the cascade.
* `chat_messages.checkpoint_id`: on an answer (or a waiting question), the LangGraph checkpoint the turn
  ended on, so a client's fork point (`checkpoint_id` of a run) maps to a transcript node and back.
* `chat_sessions.active_leaf_id`: the last message of the branch the chat shows (no foreign key: it is a
  pointer the code keeps right, and a chat deletion must not have to update the row it deletes). Every
  insert makes the new message the active leaf (the bookkeeping trigger), and a message inserted without a
  parent continues the active leaf (a new BEFORE trigger), so writers that know nothing of branches —
  legacy import, plain INSERTs — keep building one linear chat.

Downgrade drops the three columns: every message stays, branches then read as one chat ordered by id.

Revision ID: 0009_message_tree
Revises: 0008_run_events
Create Date: 2026-12-08 09:00:00
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0009_message_tree"
down_revision: str | None = "0008_run_events"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# The bookkeeping function of 0001, plus the active leaf.
BOOKKEEPING_WITH_LEAF = """
CREATE OR REPLACE FUNCTION chat_messages_bookkeeping() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE chat_sessions SET
        message_count = message_count + 1,
        last_message = left(NEW.content, 200),
        updated_at = greatest(updated_at, NEW.created_at),
        active_leaf_id = NEW.id,
        title = CASE
            WHEN NEW.role = 'user' AND NOT title_is_custom AND title = '새 대화'
                 AND btrim(NEW.content) <> ''
            THEN left(regexp_replace(btrim(NEW.content), '\\s+', ' ', 'g'), 40)
            ELSE title
        END
    WHERE session_id = NEW.session_id;
    RETURN NEW;
END
$$
"""

BOOKKEEPING_0001 = """
CREATE OR REPLACE FUNCTION chat_messages_bookkeeping() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE chat_sessions SET
        message_count = message_count + 1,
        last_message = left(NEW.content, 200),
        updated_at = greatest(updated_at, NEW.created_at),
        title = CASE
            WHEN NEW.role = 'user' AND NOT title_is_custom AND title = '새 대화'
                 AND btrim(NEW.content) <> ''
            THEN left(regexp_replace(btrim(NEW.content), '\\s+', ' ', 'g'), 40)
            ELSE title
        END
    WHERE session_id = NEW.session_id;
    RETURN NEW;
END
$$
"""

DEFAULT_PARENT_FN = """
CREATE FUNCTION chat_messages_default_parent() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.parent_id IS NULL THEN
        SELECT active_leaf_id INTO NEW.parent_id FROM chat_sessions WHERE session_id = NEW.session_id;
    END IF;
    RETURN NEW;
END
$$
"""

DEFAULT_PARENT_TRIGGER = """
CREATE TRIGGER chat_messages_default_parent BEFORE INSERT ON chat_messages
FOR EACH ROW EXECUTE FUNCTION chat_messages_default_parent()
"""


def upgrade() -> None:
    op.execute(
        "ALTER TABLE chat_messages ADD COLUMN parent_id bigint "
        "REFERENCES chat_messages (id) ON DELETE CASCADE"
    )
    op.execute("ALTER TABLE chat_messages ADD COLUMN checkpoint_id text")
    op.execute("ALTER TABLE chat_sessions ADD COLUMN active_leaf_id bigint")
    # One linear branch per chat, in the order the messages were stored.
    op.execute(
        """
        UPDATE chat_messages m SET parent_id = chain.previous
        FROM (
            SELECT id, lag(id) OVER (PARTITION BY session_id ORDER BY id) AS previous FROM chat_messages
        ) AS chain
        WHERE chain.id = m.id AND chain.previous IS NOT NULL
        """
    )
    op.execute(
        """
        UPDATE chat_sessions c SET active_leaf_id = last.id
        FROM (SELECT session_id, max(id) AS id FROM chat_messages GROUP BY session_id) AS last
        WHERE last.session_id = c.session_id
        """
    )
    op.execute("CREATE INDEX ix_chat_messages_parent_id ON chat_messages (parent_id)")
    op.execute(BOOKKEEPING_WITH_LEAF)
    op.execute(DEFAULT_PARENT_FN)
    op.execute(DEFAULT_PARENT_TRIGGER)


def downgrade() -> None:
    op.execute("DROP TRIGGER IF EXISTS chat_messages_default_parent ON chat_messages")
    op.execute("DROP FUNCTION IF EXISTS chat_messages_default_parent()")
    op.execute(BOOKKEEPING_0001)
    op.execute("DROP INDEX IF EXISTS ix_chat_messages_parent_id")
    op.execute("ALTER TABLE chat_sessions DROP COLUMN IF EXISTS active_leaf_id")
    op.execute("ALTER TABLE chat_messages DROP COLUMN IF EXISTS checkpoint_id")
    op.execute("ALTER TABLE chat_messages DROP COLUMN IF EXISTS parent_id")
