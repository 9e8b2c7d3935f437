"""planned meetings

A meeting ahead (`rapport meet`), with one or several contacts: when it starts (UTC), where, what about, and whether
it is still planned, took place or was cancelled. A contact's participations go with the contact (ON DELETE CASCADE).

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-01 06:40:00

"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision: str = "0008"
down_revision: str | Sequence[str] | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Upgrade schema."""
    op.create_table(
        "planned_meetings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("owner_id", sa.Integer(), nullable=False),
        sa.Column("starts_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("place", sa.String(length=500), server_default="", nullable=False),
        sa.Column("topic", sa.String(length=200), server_default="", nullable=False),
        sa.Column("status", sa.String(length=10), server_default="planned", nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["owner_id"], ["users.id"], name=op.f("fk_planned_meetings_owner_id_users"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_planned_meetings")),
    )
    op.create_index(
        op.f("ix_planned_meetings_owner_id_status_starts_at"),
        "planned_meetings",
        ["owner_id", "status", "starts_at"],
        unique=False,
    )
    op.create_table(
        "planned_meeting_contacts",
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("contact_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["contact_id"],
            ["contacts.id"],
            name=op.f("fk_planned_meeting_contacts_contact_id_contacts"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["meeting_id"],
            ["planned_meetings.id"],
            name=op.f("fk_planned_meeting_contacts_meeting_id_planned_meetings"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("meeting_id", "contact_id", name=op.f("pk_planned_meeting_contacts")),
    )
    op.create_index(
        op.f("ix_planned_meeting_contacts_contact_id_meeting_id"),
        "planned_meeting_contacts",
        ["contact_id", "meeting_id"],
        unique=False,
    )


def downgrade() -> None:
    """Downgrade schema."""
    op.drop_index(op.f("ix_planned_meeting_contacts_contact_id_meeting_id"), table_name="planned_meeting_contacts")
    op.drop_table("planned_meeting_contacts")
    op.drop_index(op.f("ix_planned_meetings_owner_id_status_starts_at"), table_name="planned_meetings")
    op.drop_table("planned_meetings")
