"""Dormant ties: old contacts worth reconnecting with, the valuable ones first.

Levin, Walter & Murnighan (2011): reconnections pay off most with people who bring novelty (we spent little
time together, they work elsewhere) and who were willing to help — not the comfortable ones people pick.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta

from rapport.domain.model import ContactState
from rapport.domain.text import fold

DORMANT_AFTER = timedelta(days=730)


def dormant_since(contact: ContactState, now: datetime, after: timedelta = DORMANT_AFTER) -> datetime | None:
    """The last real interaction, when it is at least `after` ago; None otherwise.

    With no interaction at all, the day we connected counts (an old colleague connected in 2013 and not heard
    from since is a dormant tie); with neither, there is no tie to reconnect.
    """
    last = contact.history.last_real_at
    if last is None and contact.connected_on is not None:
        last = datetime.combine(contact.connected_on, time(), tzinfo=now.tzinfo)
    if last is None or now - last < after:
        return None
    return last


def reconnection_value(contact: ContactState, my_organisation: str = "") -> float:
    """0..1: novelty (little shared history, another organisation) and willingness to help (favours to me)."""
    shared = contact.history.interaction_count
    little_history = 1.0 / (1.0 + shared / 3.0)
    elsewhere = 1.0 if not my_organisation or fold(contact.organisation) != fold(my_organisation) else 0.0
    helped = min(contact.received, 3) / 3.0
    return 0.4 * little_history + 0.2 * elsewhere + 0.4 * helped
