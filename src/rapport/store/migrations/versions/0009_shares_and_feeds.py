"""shares, feeds and the article index

The links shared with each contact (`rapport share`), so that a link is not proposed to them twice; the feeds
`rapport feed scan` reads and the items it has seen; and the article rankers' index of the contacts (stemmed words
and, for the semantic ranker, an embedding per contact), updated when a contact changes.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-01 06:40:00

"""

from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision: str = "0009"
down_revision: str | Sequence[str] | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _owned(table: str, contact: bool = True) -> list[Any]:
    """The owner column and, when `contact`, the contact column, with their named foreign keys."""
    items: list[Any] = [
        sa.Column("owner_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["owner_id"], ["users.id"], name=op.f(f"fk_{table}_owner_id_users"), ondelete="CASCADE"
        ),
    ]
    if contact:
        items += [
            sa.Column("contact_id", sa.Integer(), nullable=False),
            sa.ForeignKeyConstraint(
                ["contact_id"], ["contacts.id"], name=op.f(f"fk_{table}_contact_id_contacts"), ondelete="CASCADE"
            ),
        ]
    return items


def upgrade() -> None:
    """Upgrade schema."""
    op.create_table(
        "shares",
        sa.Column("id", sa.Integer(), nullable=False),
        *_owned("shares"),
        sa.Column("url_key", sa.String(length=1000), nullable=False),
        sa.Column("url", sa.String(length=1000), server_default="", nullable=False),
        sa.Column("title", sa.String(length=500), server_default="", nullable=False),
        sa.Column("shared_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_shares")),
        sa.UniqueConstraint("contact_id", "url_key", name=op.f("uq_shares_contact_id_url_key")),
    )
    op.create_index(op.f("ix_shares_owner_id_url_key"), "shares", ["owner_id", "url_key"], unique=False)
    op.create_table(
        "feeds",
        sa.Column("id", sa.Integer(), nullable=False),
        *_owned("feeds", contact=False),
        sa.Column("url", sa.String(length=1000), nullable=False),
        sa.Column("title", sa.String(length=500), server_default="", nullable=False),
        sa.Column("added_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("scanned_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_feeds")),
        sa.UniqueConstraint("owner_id", "url", name=op.f("uq_feeds_owner_id_url")),
    )
    op.create_table(
        "feed_items",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("feed_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["feed_id"], ["feeds.id"], name=op.f("fk_feed_items_feed_id_feeds"), ondelete="CASCADE"
        ),
        sa.Column("item_key", sa.String(length=1000), nullable=False),
        sa.Column("seen_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_feed_items")),
        sa.UniqueConstraint("feed_id", "item_key", name=op.f("uq_feed_items_feed_id_item_key")),
    )
    op.create_table(
        "share_index",
        sa.Column("id", sa.Integer(), nullable=False),
        *_owned("share_index"),
        sa.Column("digest", sa.String(length=64), nullable=False),
        sa.Column("terms", sa.Text(), server_default="", nullable=False),
        sa.Column("vector", sa.LargeBinary(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_share_index")),
        sa.UniqueConstraint("contact_id", name=op.f("uq_share_index_contact_id")),
    )
    op.create_index(op.f("ix_share_index_owner_id"), "share_index", ["owner_id"], unique=False)


def downgrade() -> None:
    """Downgrade schema."""
    op.drop_index(op.f("ix_share_index_owner_id"), table_name="share_index")
    op.drop_table("share_index")
    op.drop_table("feed_items")
    op.drop_table("feeds")
    op.drop_index(op.f("ix_shares_owner_id_url_key"), table_name="shares")
    op.drop_table("shares")
