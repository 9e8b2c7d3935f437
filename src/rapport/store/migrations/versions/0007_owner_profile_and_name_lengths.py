"""owner profile and name lengths

The owner's profile (`rapport me`): the name drafts sign with and an e-mail address, beside the organisation that
was already there. Each part of a contact's name may be as long as the whole name (rapport.domain.limits.NAME), so
that every name input accepts is stored, backed up and restored.

Revision ID: 0007
Revises: 0004
Create Date: 2026-12-01 03:40:00

"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision: str = "0007"
down_revision: str | Sequence[str] | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# column: its length before this revision
_NAME_PARTS = {"prefix": 100, "given_name": 200, "middle_name": 200, "family_name": 200, "suffix": 100}
_NAME = 300


def upgrade() -> None:
    """Upgrade schema."""
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.add_column(sa.Column("display_name", sa.String(length=_NAME), server_default="", nullable=False))
        batch_op.add_column(sa.Column("email", sa.String(length=320), server_default="", nullable=False))
    with op.batch_alter_table("contacts", schema=None) as batch_op:
        for column, before in _NAME_PARTS.items():
            batch_op.alter_column(
                column,
                existing_type=sa.String(length=before),
                type_=sa.String(length=_NAME),
                existing_nullable=False,
                existing_server_default="",
            )


def downgrade() -> None:
    """Downgrade schema."""
    with op.batch_alter_table("contacts", schema=None) as batch_op:
        for column, before in _NAME_PARTS.items():
            batch_op.alter_column(
                column,
                existing_type=sa.String(length=_NAME),
                type_=sa.String(length=before),
                existing_nullable=False,
                existing_server_default="",
            )
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.drop_column("email")
        batch_op.drop_column("display_name")
