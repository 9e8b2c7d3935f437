"""owner profile and name lengths

The owner's profile (`rapport me`): the name drafts sign with and an e-mail address, beside the organisation that
was already there. Each part of a contact's name may be as long as the whole name (rapport.domain.limits.NAME), so
that every name input accepts is stored, backed up and restored.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-01 03:40:00

"""

from collections.abc import Callable, Sequence

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision: str = "0007"
down_revision: str | Sequence[str] | None = "0006"
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
    _name_lengths(lambda before: (before, _NAME))


def downgrade() -> None:
    """Downgrade schema."""
    _name_lengths(lambda before: (_NAME, before))
    # not in batch mode: on SQLite that copies the table, and dropping the old one would delete every row of the
    # owner (ON DELETE CASCADE); SQLite drops a column in place since 3.35
    op.drop_column("users", "email")
    op.drop_column("users", "display_name")


def _name_lengths(lengths: Callable[[int], tuple[int, int]]) -> None:
    """Change the length of the name parts, (old, new) = lengths(length before this revision).

    Not on SQLite: it keeps text of any length in a VARCHAR column, and changing a column type there means copying
    the table, whose DROP would delete (ON DELETE CASCADE) every row that refers to a contact."""
    if op.get_bind().dialect.name == "sqlite":
        return
    for column, before in _NAME_PARTS.items():
        old, new = lengths(before)
        op.alter_column(
            "contacts",
            column,
            existing_type=sa.String(length=old),
            type_=sa.String(length=new),
            existing_nullable=False,
            existing_server_default="",
        )
