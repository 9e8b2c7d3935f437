"""Draft a personal message to one contact: load what is known, choose the kind, compose and check it.

Default kind: a follow-up while the 72-hour window after the first meeting is open; else a congratulation when
there is news (or a birthday) in the news window; else a check-in. Kinds that do not apply are refused with an
InputError (codes and texts in `rapport.messages.wording.ERRORS`). The default language is the settings' language,
"de" meaning Swiss German ("de-CH": the product's home).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection

from rapport.domain.followup import follow_up_window
from rapport.domain.model import Occasion, YearlyDate
from rapport.domain.news import occasion_congratulation
from rapport.errors import InputError
from rapport.i18n import term_key
from rapport.messages.check import KIND_ALIASES, CheckResult
from rapport.messages.drafts import (
    CHANNELS,
    KINDS,
    LANGS,
    Draft,
    DraftFacts,
    Favour,
    LastContact,
    Meeting,
    News,
    check_draft,
    compose,
)
from rapport.services import owner, people
from rapport.services.context import Context
from rapport.services.journal import Logged
from rapport.store import activity
from rapport.store import contacts as store
from rapport.store.reads import day as as_day
from rapport.store.reads import moment as as_moment

_LANG_ALIASES = {"de-ch": "de-CH", "de_ch": "de-CH", "de-de": "de", "de_de": "de", "en-gb": "en", "en-us": "en"}


def _lang(ctx: Context, lang: str | None) -> str:
    if lang is None:
        return "de-CH" if ctx.settings.language() == "de" else "en"
    if lang in LANGS:
        return lang
    key = lang.strip().lower()
    if key in _LANG_ALIASES:
        return _LANG_ALIASES[key]
    raise InputError("draft.lang", value=lang, choices=", ".join(LANGS))


def _news(ctx: Context, prof: dict[str, Any]) -> News | None:
    today = ctx.now.astimezone(ctx.zone).date()
    window = ctx.settings.news_window_days
    found: list[tuple[int, News]] = []
    for event in prof["events"]:
        on = as_day(event["happened_on"])
        if abs((on - today).days) <= window:
            found.append((abs((on - today).days), News(str(event["kind"]), str(event["text"] or ""), on)))
    for yearly in prof["dates"]:
        if yearly["kind"] != "birthday":
            continue
        when: YearlyDate = yearly["date"]
        congrats = occasion_congratulation(Occasion(prof["id"], "birthday", "", when), today, window)
        if congrats is not None:
            found.append((abs(congrats.days_from_today), News("birthday", "", congrats.on)))
    found.sort(key=lambda item: item[0])
    return found[0][1] if found else None


def facts_of(ctx: Context, conn: Connection, typed_name: str) -> tuple[DraftFacts, dict[str, Any]]:
    """The draft facts of one contact, and the stored profile they come from."""
    prof = people.profile(ctx, conn, typed_name)
    row = store.contact_row(conn, ctx.owner_id, prof["id"])
    address_form = str(getattr(row, "address_form", "") or "")
    met = as_moment(prof["first_met_at"])
    # "since we last spoke": the last real exchange (a like is none), never one still to come
    real = as_moment(prof["last_real_at"])
    last = None
    if real is not None and real <= ctx.now:
        summary = next(
            (str(i["summary"] or "") for i in prof["interactions"] if as_moment(i["occurred_at"]) == real), ""
        )
        last = LastContact(real, summary)
    favour = next(
        (Favour(str(f["kind"]), str(f["note"] or "")) for f in prof["ledger"] if f["direction"] == "received"), None
    )
    urls = [u for u in prof["urls"] if "linkedin." in u] + [u for u in prof["urls"] if "xing." in u] + prof["urls"]
    facts = DraftFacts(
        first_name=str(prof["given_name"] or prof["name"]),
        family_name=str(prof["family_name"] or ""),
        prefix=str(prof["prefix"] or ""),
        address_form=address_form,
        met_at=met,
        place=str(prof["first_met_place"] or ""),
        topics=list(prof["interests"]),
        notes=[str(n["text"]) for n in prof["notes"] if n["kind"] != "next"],
        looking_for=str(prof["looking_for"] or ""),
        news=_news(ctx, prof),
        favour=favour,
        last=last,
        profile_url=urls[0] if urls else "",
        email=prof["emails"][0] if prof["emails"] else "",
        next_event=next((str(n["text"]) for n in prof["notes"] if n["kind"] == "next"), None),
        meeting=_meeting(ctx, conn, int(prof["id"])),
        offers=str(prof["offers"] or ""),
        asks=[str(f["note"] or "") for f in prof["ledger"] if f["direction"] == "asked" and f["note"]],
        sender=owner_name(ctx, conn) or "",
    )
    return facts, prof


def _meeting(ctx: Context, conn: Connection, contact_id: int) -> Meeting | None:
    """The next meeting planned with the contact that has not begun yet."""
    from rapport.services import meetings

    found = meetings.next_with(ctx, conn, contact_id)
    return Meeting(found.starts_at, found.topic, found.place) if found is not None else None


def owner_name(ctx: Context, conn: Connection) -> str | None:
    """The owner's name for a draft's sign-off: the profile's name (`rapport me --name`), else the name in the
    configured From address ("Julia Baumann <julia@example.ch>"), else None (the draft leaves a marked gap)."""
    from email.utils import parseaddr

    name = owner.signature(ctx, conn)[0].strip()
    return name or parseaddr(str(ctx.settings.mail_from or ""))[0].strip() or None


def draft_kind(typed: str) -> str:
    """The kind of draft a typed name means, in either language ("Gratulation" is "congrats")."""
    key = typed.strip().lower()
    key = term_key("message", key) or KIND_ALIASES.get(key, key)
    if key not in KINDS:
        raise InputError("draft.kind", value=typed, choices=list(KINDS))
    return key


def draft_via(typed: str) -> str:
    """The channel a typed name means, in either language ("E-Mail" is "email")."""
    key = term_key("via", typed) or typed.strip().lower()
    if key not in CHANNELS:
        raise InputError("draft.via", value=typed, choices=list(CHANNELS))
    return key


def draft(
    ctx: Context,
    conn: Connection,
    typed_name: str,
    kind: str | None = None,
    via: str = "email",
    lang: str | None = None,
    did: str | None = None,
    limit: int = 300,
) -> Draft:
    """A checked draft of a personal message to one contact; `kind` and `via` as typed in either language."""
    kind = None if kind is None else draft_kind(kind)
    channel = draft_via(via)
    language = _lang(ctx, lang)
    facts, prof = facts_of(ctx, conn, typed_name)
    name = str(prof["name"])
    state = next(store.states(conn, ctx.owner_id, ids=[prof["id"]], include_archived=True))
    if kind is None:
        if follow_up_window(state, ctx.now, ctx.zone, ctx.settings.follow_up_hours) is not None:
            kind = "follow-up"
        elif facts.news is not None:
            kind = "congrats"
        else:
            kind = "check-in"
    refused = _refusal(ctx, kind, facts, state.balance, name)
    if refused is not None:
        raise refused
    if did is None and kind in ("follow-up", "check-in", "thanks"):
        since = facts.met_at if kind == "follow-up" else None
        did = _did_in(language, activity.did_notes(conn, int(str(prof["id"])), since))
    return compose(facts, kind, channel, language, did, ctx.now, ctx.zone, limit=limit)


def _refusal(ctx: Context, kind: str, facts: DraftFacts, balance: int, name: str) -> InputError | None:
    """Why a draft of `kind` cannot be written for this contact (None: it can)."""
    if kind == "follow-up" and facts.met_at is None:
        return InputError("draft.no_meeting", name=name)
    if kind == "congrats" and facts.news is None:
        return InputError("draft.no_news", name=name, days=ctx.settings.news_window_days)
    if kind == "thanks" and facts.favour is None:
        return InputError("draft.no_favour", name=name)
    if kind == "ask" and balance <= 0:
        return InputError("draft.give_first", name=name, balance=balance)
    return None


def kinds_for(ctx: Context, conn: Connection, typed_name: str) -> list[str]:
    """The kinds of draft that can be written for this contact now (as `draft` would accept them)."""
    facts, prof = facts_of(ctx, conn, typed_name)
    state = next(store.states(conn, ctx.owner_id, ids=[prof["id"]], include_archived=True))
    return [k for k in KINDS if _refusal(ctx, k, facts, state.balance, str(prof["name"])) is None]


def _did_in(language: str, noted: list[str]) -> str | None:
    """The newest note of what I did with their input written in the draft's language (a draft does not switch
    language mid-sentence; without one, the draft keeps a marked gap)."""
    from rapport.messages import detect_language

    wanted = language.split("-")[0]
    return next((text for text in noted if detect_language(text) == wanted), None)


def check_text(
    ctx: Context,
    conn: Connection,
    typed_name: str,
    text: str,
    kind: str,
    via: str = "email",
    lang: str | None = None,
    limit: int = 300,
) -> CheckResult:
    """How personal a draft edited by hand is: the check `draft` gives the text it wrote, on the same facts."""
    from rapport.services import inputs
    from rapport.services.checking import MAX_MESSAGE

    chosen = draft_kind(kind)
    channel = draft_via(via)
    language = _lang(ctx, lang)
    written = inputs.text(text, "TEXT", limit=MAX_MESSAGE)
    facts, _prof = facts_of(ctx, conn, typed_name)
    return check_draft(written, facts, chosen, channel, language, ctx.zone, limit)


# how a draft sent on a channel is logged (`rapport log --via …`)
LOGGED_VIA = {"email": "email", "linkedin": "linkedin", "linkedin-message": "linkedin", "xing": "xing"}


def mark_sent(
    ctx: Context, conn: Connection, typed_name: str, kind: str, via: str = "email", subject: str | None = None
) -> Logged:
    """A draft sent by hand, recorded as `rapport send` records a sent e-mail (my interaction on its channel, the
    subject as its summary) — a congratulation also as given, as `rapport log … --about news` does."""
    from rapport.services import journal

    chosen = draft_kind(kind)
    channel = draft_via(via)
    return journal.log(
        ctx,
        conn,
        [typed_name],
        via=LOGGED_VIA[channel],
        summary=(subject or "").strip() or None,
        about="news" if chosen == "congrats" else None,
    )
