"""The owner's profile: who is using rapport. Drafts sign with the name; the agenda's dormant ties count a contact
at another organisation as "works elsewhere". Kept in the store (the users row), so that a backup carries it."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Connection

from rapport.domain import limits
from rapport.services import inputs
from rapport.services.context import Context
from rapport.store import contacts as store


@dataclass(frozen=True)
class Owner:
    name: str  # how drafts sign ("" when not given)
    organisation: str
    email: str

    def as_json(self) -> dict[str, str]:
        return {"name": self.name, "organisation": self.organisation, "email": self.email}


def owner(ctx: Context, conn: Connection) -> Owner:
    """The owner's profile as stored ('' for what was never given)."""
    return Owner(**store.owner_profile(conn, ctx.owner_id))


def update(
    ctx: Context, conn: Connection, name: str | None = None, organisation: str | None = None, email: str | None = None
) -> Owner:
    """Change the given parts (None: leave as it is, "": clear); every value is checked before anything is written."""
    values: dict[str, str] = {}
    if name is not None:
        values["name"] = inputs.name(name, field="--name") if name.strip() else ""
    if organisation is not None:
        values["organisation"] = inputs.text(organisation, "--organisation", limit=limits.ORGANISATION)
    if email is not None:
        values["email"] = inputs.email(email) if email.strip() else ""
    if values:
        store.save_owner_profile(conn, ctx.owner_id, **values)
    return owner(ctx, conn)


def signature(ctx: Context, conn: Connection) -> tuple[str, str]:
    """The owner's display name and e-mail address, for signing and sending ('' where not given)."""
    me = owner(ctx, conn)
    return me.name, me.email
