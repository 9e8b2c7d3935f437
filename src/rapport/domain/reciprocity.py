"""Give first: the ledger's balance and what it asks of me."""

from __future__ import annotations

from rapport.domain.model import ContactState


def owes_first(contact: ContactState) -> bool:
    """Taking from this contact now would take before giving: the balance is zero or negative."""
    return contact.balance <= 0


def in_debt(contact: ContactState) -> bool:
    """I have received more from this contact than I gave: time to give something back."""
    return contact.balance < 0
