"""Finding contacts by a word of their name, organisation, tags or notes (the web page's search as you type)."""

from __future__ import annotations

from sqlalchemy import Connection, func, or_, select

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
            # each searched once (not once for every contact)
            contacts.c.id.in_(
                select(tags.c.contact_id).where(func.lower(tags.c.tag).contains(lowered, autoescape=True))
            ),
            contacts.c.id.in_(
                select(notes.c.contact_id).where(func.lower(notes.c.text).contains(lowered, autoescape=True))
            ),
        ),
    )
    return {int(i) for i in conn.execute(query).scalars()}
