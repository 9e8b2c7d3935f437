"""digests

The daily digest (`rapport digest send`): one row per owner and local day on which the agenda went out by e-mail,
written once the mail server accepted it, so that a second run the same day sends nothing.

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-01 10:50:00

"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision: str = "0016"
down_revision: str | Sequence[str] | None = "0015"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Upgrade schema."""
    op.create_table(
        "digests",
        sa.Column("owner_id", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("address", sa.String(length=320), nullable=False),
        sa.Column("actions", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["owner_id"], ["users.id"], name=op.f("fk_digests_owner_id_users"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("owner_id", "day", name=op.f("pk_digests")),
    )


def downgrade() -> None:
    """Downgrade schema."""
    op.drop_table("digests")
