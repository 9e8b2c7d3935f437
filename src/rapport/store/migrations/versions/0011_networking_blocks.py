"""networking blocks

Fixed weekly blocks of networking time (`rapport time add "Tue 12:00-13:00" --kind lunch`): a weekday and a
local wall-clock span in the user's time zone, and what the block is for.

Revision ID: 0011
Revises: 0008
Create Date: 2026-12-01 06:40:00

"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision: str = "0011"
down_revision: str | Sequence[str] | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Upgrade schema."""
    op.create_table(
        "networking_blocks",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("owner_id", sa.Integer(), nullable=False),
        sa.Column("weekday", sa.Integer(), nullable=False),
        sa.Column("start_time", sa.String(length=5), nullable=False),
        sa.Column("end_time", sa.String(length=5), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["owner_id"], ["users.id"], name=op.f("fk_networking_blocks_owner_id_users"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_networking_blocks")),
    )
    op.create_index(
        op.f("ix_networking_blocks_owner_id_weekday"), "networking_blocks", ["owner_id", "weekday"], unique=False
    )


def downgrade() -> None:
    """Downgrade schema."""
    op.drop_index(op.f("ix_networking_blocks_owner_id_weekday"), table_name="networking_blocks")
    op.drop_table("networking_blocks")
