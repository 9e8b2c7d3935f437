"""import sources and duplicates

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-26 09:14:39.207809

"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision: str = "0002"
down_revision: str | Sequence[str] | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Upgrade schema."""

    op.create_table(
        "contact_field_sources",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("owner_id", sa.Integer(), nullable=False),
        sa.Column("contact_id", sa.Integer(), nullable=False),
        sa.Column("field", sa.String(length=50), nullable=False),
        sa.Column("source", sa.String(length=200), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["contact_id"],
            ["contacts.id"],
            name=op.f("fk_contact_field_sources_contact_id_contacts"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["owner_id"], ["users.id"], name=op.f("fk_contact_field_sources_owner_id_users"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_contact_field_sources")),
        sa.UniqueConstraint("contact_id", "field", name=op.f("uq_contact_field_sources_contact_id_field")),
    )
    op.create_table(
        "distinct_people",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("owner_id", sa.Integer(), nullable=False),
        sa.Column("first_id", sa.Integer(), nullable=False),
        sa.Column("second_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["first_id"], ["contacts.id"], name=op.f("fk_distinct_people_first_id_contacts"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["owner_id"], ["users.id"], name=op.f("fk_distinct_people_owner_id_users"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["second_id"], ["contacts.id"], name=op.f("fk_distinct_people_second_id_contacts"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_distinct_people")),
        sa.UniqueConstraint(
            "owner_id", "first_id", "second_id", name=op.f("uq_distinct_people_owner_id_first_id_second_id")
        ),
    )
    op.create_table(
        "imported_records",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("owner_id", sa.Integer(), nullable=False),
        sa.Column("contact_id", sa.Integer(), nullable=False),
        sa.Column("source", sa.String(length=50), nullable=False),
        sa.Column("record_key", sa.String(length=500), nullable=False),
        sa.Column("digest", sa.String(length=64), nullable=False),
        sa.Column("imported_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["contact_id"], ["contacts.id"], name=op.f("fk_imported_records_contact_id_contacts"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["owner_id"], ["users.id"], name=op.f("fk_imported_records_owner_id_users"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_imported_records")),
        sa.UniqueConstraint(
            "owner_id", "source", "record_key", name=op.f("uq_imported_records_owner_id_source_record_key")
        ),
    )
    with op.batch_alter_table("imported_records", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_imported_records_contact_id"), ["contact_id"], unique=False)

    with op.batch_alter_table("contact_emails", schema=None) as batch_op:
        batch_op.add_column(sa.Column("source", sa.String(length=200), server_default="", nullable=False))

    with op.batch_alter_table("contact_phones", schema=None) as batch_op:
        batch_op.add_column(sa.Column("source", sa.String(length=200), server_default="", nullable=False))

    with op.batch_alter_table("contact_urls", schema=None) as batch_op:
        batch_op.add_column(sa.Column("source", sa.String(length=200), server_default="", nullable=False))

    with op.batch_alter_table("contacts", schema=None) as batch_op:
        batch_op.add_column(sa.Column("connected_on", sa.Date(), nullable=True))

    with op.batch_alter_table("interactions", schema=None) as batch_op:
        batch_op.add_column(sa.Column("source_key", sa.String(length=500), nullable=True))
        batch_op.create_unique_constraint(batch_op.f("uq_interactions_owner_id_source_key"), ["owner_id", "source_key"])

    with op.batch_alter_table("notes", schema=None) as batch_op:
        batch_op.add_column(sa.Column("source", sa.String(length=200), server_default="", nullable=False))

    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.add_column(sa.Column("linkedin_export_on", sa.Date(), nullable=True))

    with op.batch_alter_table("yearly_dates", schema=None) as batch_op:
        batch_op.add_column(sa.Column("source", sa.String(length=200), server_default="", nullable=False))


def downgrade() -> None:
    """Downgrade schema."""

    with op.batch_alter_table("yearly_dates", schema=None) as batch_op:
        batch_op.drop_column("source")

    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.drop_column("linkedin_export_on")

    with op.batch_alter_table("notes", schema=None) as batch_op:
        batch_op.drop_column("source")

    with op.batch_alter_table("interactions", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("uq_interactions_owner_id_source_key"), type_="unique")
        batch_op.drop_column("source_key")

    with op.batch_alter_table("contacts", schema=None) as batch_op:
        batch_op.drop_column("connected_on")

    with op.batch_alter_table("contact_urls", schema=None) as batch_op:
        batch_op.drop_column("source")

    with op.batch_alter_table("contact_phones", schema=None) as batch_op:
        batch_op.drop_column("source")

    with op.batch_alter_table("contact_emails", schema=None) as batch_op:
        batch_op.drop_column("source")

    with op.batch_alter_table("imported_records", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_imported_records_contact_id"))

    op.drop_table("imported_records")
    op.drop_table("distinct_people")
    op.drop_table("contact_field_sources")
