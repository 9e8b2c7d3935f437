"""meeting summaries and when news was learnt

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-01 03:40:00

The agenda tells a first meeting from meeting someone again (first_real_at), proposes meeting in person by how
long ago the last meeting was (last_in_person_at), and counts a congratulation only after I could know of the news
(events.recorded_at). Both summaries are filled from the stored interactions; news recorded before has no time.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision: str = "0005"
down_revision: str | Sequence[str] | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_OF_CONTACT = (
    "FROM interactions i JOIN interaction_contacts p ON p.interaction_id = i.id WHERE p.contact_id = contacts.id"
)


def upgrade() -> None:
    """Upgrade schema."""
    with op.batch_alter_table("contacts", schema=None) as batch_op:
        batch_op.add_column(sa.Column("first_real_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column("last_in_person_at", sa.DateTime(timezone=True), nullable=True))
    with op.batch_alter_table("events", schema=None) as batch_op:
        batch_op.add_column(sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=True))
    op.execute(
        "UPDATE contacts SET "
        f"first_real_at = (SELECT MIN(i.occurred_at) {_OF_CONTACT} AND i.channel <> 'social'), "
        f"last_in_person_at = (SELECT MAX(i.occurred_at) {_OF_CONTACT} AND i.channel IN ('in-person', 'group'))"
    )


def downgrade() -> None:
    """Downgrade schema."""
    with op.batch_alter_table("events", schema=None) as batch_op:
        batch_op.drop_column("recorded_at")
    with op.batch_alter_table("contacts", schema=None) as batch_op:
        batch_op.drop_column("last_in_person_at")
        batch_op.drop_column("first_real_at")
