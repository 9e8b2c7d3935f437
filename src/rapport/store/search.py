"""Finding contacts by a word of their name, organisation, tags or notes (the web page's search as you type)."""

from __future__ import annotations

from sqlalchemy import Connection, exists, func, or_, select

from rapport.store.schema import contacts, notes, tags


def matching_ids(conn: Connection, owner_id: int, folded: str, lowered: str) -> set[int]:
    """Ids of the owner's contacts whose folded name contains `folded`, or whose organisation, a tag or a note
    contains `lowered` (case aside)."""
    query = select(contacts.c.id).where(
        contacts.c.owner_id == owner_id,
        or_(
            contacts.c.search_key.contains(folded, autoescape=True),
            func.lower(contacts.c.display_name).contains(lowered, autoescape=True),
            func.lower(contacts.c.organisation).contains(lowered, autoescape=True),
            exists().where(
                tags.c.contact_id == contacts.c.id, func.lower(tags.c.tag).contains(lowered, autoescape=True)
            ),
            exists().where(
                notes.c.contact_id == contacts.c.id, func.lower(notes.c.text).contains(lowered, autoescape=True)
            ),
        ),
    )
    return {int(i) for i in conn.execute(query).scalars()}
