"""snoozes

"Not now" on an agenda action (the web page's 3, 7 or 14 days): the action of that kind for that contact stays off
the agenda until the moment stored; gone with a forgotten contact.

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-01 07:50:00

"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision: str = "0013"
down_revision: str | Sequence[str] | None = "0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Upgrade schema."""
    op.create_table(
        "snoozes",
        sa.Column("owner_id", sa.Integer(), nullable=False),
        sa.Column("contact_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("until", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["owner_id"], ["users.id"], name=op.f("fk_snoozes_owner_id_users"), ondelete="CASCADE"),
        sa.ForeignKeyConstraint(
            ["contact_id"], ["contacts.id"], name=op.f("fk_snoozes_contact_id_contacts"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("contact_id", "kind", name=op.f("pk_snoozes")),
    )
    op.create_index(op.f("ix_snoozes_owner_id_until"), "snoozes", ["owner_id", "until"], unique=False)


def downgrade() -> None:
    """Downgrade schema."""
    op.drop_index(op.f("ix_snoozes_owner_id_until"), table_name="snoozes")
    op.drop_table("snoozes")
