"""groups

Recurring groups (`rapport group create NAME --every monthly`): a name unique per owner, a rhythm and a topic; their
members (gone with a forgotten contact); and their meetups, each a planned meeting linked to its group.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-01 07:05:00

"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision: str = "0012"
down_revision: str | Sequence[str] | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Upgrade schema."""
    op.create_table(
        "groups",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("owner_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("name_key", sa.String(length=200), nullable=False),
        sa.Column("rhythm", sa.String(length=20), nullable=False),
        sa.Column("topic", sa.String(length=200), server_default="", nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["owner_id"], ["users.id"], name=op.f("fk_groups_owner_id_users"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_groups")),
        sa.UniqueConstraint("owner_id", "name_key", name=op.f("uq_groups_owner_id_name_key")),
    )
    op.create_table(
        "group_members",
        sa.Column("group_id", sa.Integer(), nullable=False),
        sa.Column("contact_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["contact_id"], ["contacts.id"], name=op.f("fk_group_members_contact_id_contacts"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["group_id"], ["groups.id"], name=op.f("fk_group_members_group_id_groups"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("group_id", "contact_id", name=op.f("pk_group_members")),
    )
    op.create_index(
        op.f("ix_group_members_contact_id_group_id"), "group_members", ["contact_id", "group_id"], unique=False
    )
    op.create_table(
        "group_meetups",
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("group_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["meeting_id"],
            ["planned_meetings.id"],
            name=op.f("fk_group_meetups_meeting_id_planned_meetings"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["group_id"], ["groups.id"], name=op.f("fk_group_meetups_group_id_groups"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("meeting_id", name=op.f("pk_group_meetups")),
    )
    op.create_index(
        op.f("ix_group_meetups_group_id_meeting_id"), "group_meetups", ["group_id", "meeting_id"], unique=False
    )


def downgrade() -> None:
    """Downgrade schema."""
    op.drop_index(op.f("ix_group_meetups_group_id_meeting_id"), table_name="group_meetups")
    op.drop_table("group_meetups")
    op.drop_index(op.f("ix_group_members_contact_id_group_id"), table_name="group_members")
    op.drop_table("group_members")
    op.drop_table("groups")
