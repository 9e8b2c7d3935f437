"""The 72-hour rule: a new acquaintance hears from me within three days of our first meeting.

Only a first meeting with someone new opens the window: not meeting again someone I already had real contact
with, nor someone I was connected with (an imported connection date) before we met.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta, tzinfo

from rapport.domain.dates import elapsed, hours_between, instant, later_by, local_day
from rapport.domain.model import ContactState, History

FOLLOW_UP_HOURS = 72
# An overdue follow-up stays on the agenda this long; after that it is a matter of keeping in touch.
OVERDUE_GRACE = timedelta(days=14)


@dataclass(frozen=True, slots=True)
class FollowUpWindow:
    met_at: datetime
    place: str
    closes_at: datetime

    def hours_left(self, now: datetime) -> float:
        return hours_between(now, self.closes_at)

    def overdue(self, now: datetime) -> bool:
        return instant(now) >= instant(self.closes_at)


def open_window(history: History, now: datetime, hours: int = FOLLOW_UP_HOURS) -> FollowUpWindow | None:
    """The follow-up window still waiting for my personal touch, if any.

    The first in-person meeting opens it; any personal touch I initiate after the meeting closes it. A window
    that closed unanswered more than OVERDUE_GRACE ago is no longer reported.
    """
    met = history.first_met_at
    if met is None or instant(met) > instant(now):
        return None
    if history.last_mine_at is not None and instant(history.last_mine_at) > instant(met):
        return None
    closes = later_by(met, timedelta(hours=hours))
    if elapsed(closes, now) > OVERDUE_GRACE:
        return None
    return FollowUpWindow(met_at=met, place=history.first_met_place, closes_at=closes)


def new_acquaintance(contact: ContactState, zone: tzinfo) -> bool:
    """Whether our first in-person meeting was also our first contact: no real interaction before it, and no
    connection (on LinkedIn, say) made on an earlier day."""
    history = contact.history
    met = history.first_met_at
    if met is None:
        return False
    if history.first_real_at is not None and instant(history.first_real_at) < instant(met):
        return False
    return contact.connected_on is None or contact.connected_on >= local_day(met, zone)


def follow_up_window(
    contact: ContactState, now: datetime, zone: tzinfo, hours: int = FOLLOW_UP_HOURS
) -> FollowUpWindow | None:
    """The 72-hour window of a new acquaintance, while it waits for my personal touch (see `open_window`)."""
    window = open_window(contact.history, now, hours)
    return window if window is not None and new_acquaintance(contact, zone) else None
