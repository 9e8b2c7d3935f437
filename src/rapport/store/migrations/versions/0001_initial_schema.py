"""initial schema

Revision ID: 0001
Revises:
Create Date: 2026-11-26 08:46:16.505851

"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision: str = "0001"
down_revision: str | Sequence[str] | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Upgrade schema."""

    op.create_table(
        "users",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("organisation", sa.String(length=300), server_default="", nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_users")),
        sa.UniqueConstraint("name", name=op.f("uq_users_name")),
    )
    op.create_table(
        "circles",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("owner_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=50), nullable=False),
        sa.Column("cadence_days", sa.Integer(), nullable=True),
        sa.Column("capacity", sa.Integer(), nullable=True),
        sa.Column("half_life_days", sa.Integer(), nullable=False),
        sa.Column("rank", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["owner_id"], ["users.id"], name=op.f("fk_circles_owner_id_users"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_circles")),
        sa.UniqueConstraint("owner_id", "name", name=op.f("uq_circles_owner_id_name")),
    )
    op.create_table(
        "contacts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("owner_id", sa.Integer(), nullable=False),
        sa.Column("display_name", sa.String(length=300), nullable=False),
        sa.Column("search_key", sa.String(length=700), nullable=False),
        sa.Column("prefix", sa.String(length=100), server_default="", nullable=False),
        sa.Column("given_name", sa.String(length=200), server_default="", nullable=False),
        sa.Column("middle_name", sa.String(length=200), server_default="", nullable=False),
        sa.Column("family_name", sa.String(length=200), server_default="", nullable=False),
        sa.Column("suffix", sa.String(length=100), server_default="", nullable=False),
        sa.Column("organisation", sa.String(length=300), server_default="", nullable=False),
        sa.Column("job_title", sa.String(length=300), server_default="", nullable=False),
        sa.Column("address", sa.Text(), server_default="", nullable=False),
        sa.Column("how_met", sa.Text(), server_default="", nullable=False),
        sa.Column("looking_for", sa.Text(), server_default="", nullable=False),
        sa.Column("offers", sa.Text(), server_default="", nullable=False),
        sa.Column("circle", sa.String(length=50), nullable=False),
        sa.Column("archived", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("interaction_count", sa.Integer(), server_default="0", nullable=False),
        sa.Column("in_person_count", sa.Integer(), server_default="0", nullable=False),
        sa.Column("first_met_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("first_met_place", sa.String(length=500), server_default="", nullable=False),
        sa.Column("last_touch_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("last_real_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("last_mine_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("strength", sa.Float(), server_default="0", nullable=False),
        sa.Column("strength_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("given_count", sa.Integer(), server_default="0", nullable=False),
        sa.Column("received_count", sa.Integer(), server_default="0", nullable=False),
        sa.Column("open_asks", sa.Integer(), server_default="0", nullable=False),
        sa.ForeignKeyConstraint(
            ["owner_id"], ["users.id"], name=op.f("fk_contacts_owner_id_users"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_contacts")),
    )
    with op.batch_alter_table("contacts", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_contacts_owner_id_circle"), ["owner_id", "circle"], unique=False)
        batch_op.create_index(batch_op.f("ix_contacts_owner_id_search_key"), ["owner_id", "search_key"], unique=False)

    op.create_table(
        "interactions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("owner_id", sa.Integer(), nullable=False),
        sa.Column("occurred_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("channel", sa.String(length=20), nullable=False),
        sa.Column("initiator", sa.String(length=10), nullable=False),
        sa.Column("summary", sa.Text(), server_default="", nullable=False),
        sa.Column("place", sa.String(length=500), server_default="", nullable=False),
        sa.ForeignKeyConstraint(
            ["owner_id"], ["users.id"], name=op.f("fk_interactions_owner_id_users"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_interactions")),
    )
    with op.batch_alter_table("interactions", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_interactions_owner_id_occurred_at"), ["owner_id", "occurred_at"], unique=False
        )

    op.create_table(
        "contact_emails",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("owner_id", sa.Integer(), nullable=False),
        sa.Column("contact_id", sa.Integer(), nullable=False),
        sa.Column("address", sa.String(length=320), nullable=False),
        sa.Column("label", sa.String(length=100), server_default="", nullable=False),
        sa.ForeignKeyConstraint(
            ["contact_id"], ["contacts.id"], name=op.f("fk_contact_emails_contact_id_contacts"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["owner_id"], ["users.id"], name=op.f("fk_contact_emails_owner_id_users"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_contact_emails")),
    )
    with op.batch_alter_table("contact_emails", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_contact_emails_contact_id"), ["contact_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_contact_emails_owner_id_address"), ["owner_id", "address"], unique=False)

    op.create_table(
        "contact_interests",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("owner_id", sa.Integer(), nullable=False),
        sa.Column("contact_id", sa.Integer(), nullable=False),
        sa.Column("topic", sa.String(length=200), nullable=False),
        sa.ForeignKeyConstraint(
            ["contact_id"], ["contacts.id"], name=op.f("fk_contact_interests_contact_id_contacts"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["owner_id"], ["users.id"], name=op.f("fk_contact_interests_owner_id_users"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_contact_interests")),
        sa.UniqueConstraint("contact_id", "topic", name=op.f("uq_contact_interests_contact_id_topic")),
    )
    with op.batch_alter_table("contact_interests", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_contact_interests_owner_id_topic"), ["owner_id", "topic"], unique=False)

    op.create_table(
        "contact_phones",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("owner_id", sa.Integer(), nullable=False),
        sa.Column("contact_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.String(length=40), nullable=False),
        sa.Column("label", sa.String(length=100), server_default="", nullable=False),
        sa.ForeignKeyConstraint(
            ["contact_id"], ["contacts.id"], name=op.f("fk_contact_phones_contact_id_contacts"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["owner_id"], ["users.id"], name=op.f("fk_contact_phones_owner_id_users"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_contact_phones")),
    )
    with op.batch_alter_table("contact_phones", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_contact_phones_contact_id"), ["contact_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_contact_phones_owner_id_number"), ["owner_id", "number"], unique=False)

    op.create_table(
        "contact_tags",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("owner_id", sa.Integer(), nullable=False),
        sa.Column("contact_id", sa.Integer(), nullable=False),
        sa.Column("tag", sa.String(length=100), nullable=False),
        sa.ForeignKeyConstraint(
            ["contact_id"], ["contacts.id"], name=op.f("fk_contact_tags_contact_id_contacts"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["owner_id"], ["users.id"], name=op.f("fk_contact_tags_owner_id_users"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_contact_tags")),
        sa.UniqueConstraint("contact_id", "tag", name=op.f("uq_contact_tags_contact_id_tag")),
    )
    with op.batch_alter_table("contact_tags", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_contact_tags_owner_id_tag"), ["owner_id", "tag"], unique=False)

    op.create_table(
        "contact_urls",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("owner_id", sa.Integer(), nullable=False),
        sa.Column("contact_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("url", sa.String(length=1000), nullable=False),
        sa.ForeignKeyConstraint(
            ["contact_id"], ["contacts.id"], name=op.f("fk_contact_urls_contact_id_contacts"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["owner_id"], ["users.id"], name=op.f("fk_contact_urls_owner_id_users"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_contact_urls")),
    )
    with op.batch_alter_table("contact_urls", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_contact_urls_contact_id"), ["contact_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_contact_urls_owner_id_kind_url"), ["owner_id", "kind", "url"], unique=False
        )

    op.create_table(
        "events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("owner_id", sa.Integer(), nullable=False),
        sa.Column("contact_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=30), nullable=False),
        sa.Column("happened_on", sa.Date(), nullable=False),
        sa.Column("text", sa.Text(), server_default="", nullable=False),
        sa.Column("source", sa.String(length=100), server_default="", nullable=False),
        sa.ForeignKeyConstraint(
            ["contact_id"], ["contacts.id"], name=op.f("fk_events_contact_id_contacts"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(["owner_id"], ["users.id"], name=op.f("fk_events_owner_id_users"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_events")),
    )
    with op.batch_alter_table("events", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_events_contact_id"), ["contact_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_events_owner_id_happened_on"), ["owner_id", "happened_on"], unique=False)

    op.create_table(
        "favours",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("owner_id", sa.Integer(), nullable=False),
        sa.Column("contact_id", sa.Integer(), nullable=False),
        sa.Column("direction", sa.String(length=10), nullable=False),
        sa.Column("kind", sa.String(length=30), nullable=False),
        sa.Column("occurred_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("note", sa.Text(), server_default="", nullable=False),
        sa.ForeignKeyConstraint(
            ["contact_id"], ["contacts.id"], name=op.f("fk_favours_contact_id_contacts"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(["owner_id"], ["users.id"], name=op.f("fk_favours_owner_id_users"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_favours")),
    )
    with op.batch_alter_table("favours", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_favours_contact_id_occurred_at"), ["contact_id", "occurred_at"], unique=False
        )

    op.create_table(
        "interaction_contacts",
        sa.Column("interaction_id", sa.Integer(), nullable=False),
        sa.Column("contact_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["contact_id"],
            ["contacts.id"],
            name=op.f("fk_interaction_contacts_contact_id_contacts"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["interaction_id"],
            ["interactions.id"],
            name=op.f("fk_interaction_contacts_interaction_id_interactions"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("interaction_id", "contact_id", name=op.f("pk_interaction_contacts")),
    )
    with op.batch_alter_table("interaction_contacts", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_interaction_contacts_contact_id_interaction_id"),
            ["contact_id", "interaction_id"],
            unique=False,
        )

    op.create_table(
        "notes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("owner_id", sa.Integer(), nullable=False),
        sa.Column("contact_id", sa.Integer(), nullable=False),
        sa.Column("written_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["contact_id"], ["contacts.id"], name=op.f("fk_notes_contact_id_contacts"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(["owner_id"], ["users.id"], name=op.f("fk_notes_owner_id_users"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_notes")),
    )
    with op.batch_alter_table("notes", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_notes_contact_id_written_at"), ["contact_id", "written_at"], unique=False)

    op.create_table(
        "yearly_dates",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("owner_id", sa.Integer(), nullable=False),
        sa.Column("contact_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("label", sa.String(length=200), server_default="", nullable=False),
        sa.Column("month", sa.Integer(), nullable=False),
        sa.Column("day", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=True),
        sa.Column("month_day", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["contact_id"], ["contacts.id"], name=op.f("fk_yearly_dates_contact_id_contacts"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["owner_id"], ["users.id"], name=op.f("fk_yearly_dates_owner_id_users"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_yearly_dates")),
    )
    with op.batch_alter_table("yearly_dates", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_yearly_dates_contact_id"), ["contact_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_yearly_dates_owner_id_month_day"), ["owner_id", "month_day"], unique=False)


def downgrade() -> None:
    """Downgrade schema."""

    with op.batch_alter_table("yearly_dates", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_yearly_dates_owner_id_month_day"))
        batch_op.drop_index(batch_op.f("ix_yearly_dates_contact_id"))

    op.drop_table("yearly_dates")
    with op.batch_alter_table("notes", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_notes_contact_id_written_at"))

    op.drop_table("notes")
    with op.batch_alter_table("interaction_contacts", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_interaction_contacts_contact_id_interaction_id"))

    op.drop_table("interaction_contacts")
    with op.batch_alter_table("favours", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_favours_contact_id_occurred_at"))

    op.drop_table("favours")
    with op.batch_alter_table("events", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_events_owner_id_happened_on"))
        batch_op.drop_index(batch_op.f("ix_events_contact_id"))

    op.drop_table("events")
    with op.batch_alter_table("contact_urls", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_contact_urls_owner_id_kind_url"))
        batch_op.drop_index(batch_op.f("ix_contact_urls_contact_id"))

    op.drop_table("contact_urls")
    with op.batch_alter_table("contact_tags", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_contact_tags_owner_id_tag"))

    op.drop_table("contact_tags")
    with op.batch_alter_table("contact_phones", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_contact_phones_owner_id_number"))
        batch_op.drop_index(batch_op.f("ix_contact_phones_contact_id"))

    op.drop_table("contact_phones")
    with op.batch_alter_table("contact_interests", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_contact_interests_owner_id_topic"))

    op.drop_table("contact_interests")
    with op.batch_alter_table("contact_emails", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_contact_emails_owner_id_address"))
        batch_op.drop_index(batch_op.f("ix_contact_emails_contact_id"))

    op.drop_table("contact_emails")
    with op.batch_alter_table("interactions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_interactions_owner_id_occurred_at"))

    op.drop_table("interactions")
    with op.batch_alter_table("contacts", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_contacts_owner_id_search_key"))
        batch_op.drop_index(batch_op.f("ix_contacts_owner_id_circle"))

    op.drop_table("contacts")
    op.drop_table("circles")
    op.drop_table("users")
