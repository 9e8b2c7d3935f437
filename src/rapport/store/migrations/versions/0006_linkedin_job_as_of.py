"""the job each contact's newest LinkedIn export showed, and that export's day

Revision ID: 0006
Revises: 0004
Create Date: 2026-12-01 03:40:00

Contacts that came from LinkedIn before keep their current organisation and title as what LinkedIn showed (that is
what news were compared with until now), as of the owner's newest LinkedIn export.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision: str = "0006"
down_revision: str | Sequence[str] | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Upgrade schema."""

    with op.batch_alter_table("contacts", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("linkedin_organisation", sa.String(length=300), server_default="", nullable=False)
        )
        batch_op.add_column(sa.Column("linkedin_title", sa.String(length=300), server_default="", nullable=False))
        batch_op.add_column(sa.Column("linkedin_as_of", sa.Date(), nullable=True))
    op.execute(
        """
        UPDATE contacts SET
            linkedin_organisation = organisation,
            linkedin_title = job_title,
            linkedin_as_of = (SELECT users.linkedin_export_on FROM users WHERE users.id = contacts.owner_id)
        WHERE EXISTS (
            SELECT 1 FROM imported_records
            WHERE imported_records.contact_id = contacts.id AND imported_records.source = 'linkedin'
        )
        """
    )


def downgrade() -> None:
    """Downgrade schema."""

    with op.batch_alter_table("contacts", schema=None) as batch_op:
        batch_op.drop_column("linkedin_as_of")
        batch_op.drop_column("linkedin_title")
        batch_op.drop_column("linkedin_organisation")
