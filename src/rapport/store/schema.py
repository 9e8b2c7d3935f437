"""The tables. Every row belongs to an owner, so one schema serves one person on a laptop or many on a server.

Each contact row carries the running summary of its interactions and favours (the columns after `updated_at`),
kept up to date by the services, so that the agenda reads one row per contact and never the history.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    PrimaryKeyConstraint,
    String,
    Table,
    Text,
    UniqueConstraint,
    false,
)
from sqlalchemy.types import TypeDecorator

from rapport.domain import limits

metadata = MetaData(
    naming_convention={
        "ix": "ix_%(table_name)s_%(column_0_N_name)s",
        "uq": "uq_%(table_name)s_%(column_0_N_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)


class Moment(TypeDecorator[datetime]):
    """A point in time, stored in UTC and always read back timezone-aware (SQLite keeps no zone)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("refusing to store a time without a time zone")
        utc = value.astimezone(UTC)
        return utc.replace(tzinfo=None) if dialect.name == "sqlite" else utc

    def process_result_value(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def _owner() -> Column[int]:
    return Column("owner_id", Integer, ForeignKey("users.id", ondelete="CASCADE"), nullable=False)


def _contact() -> Column[int]:
    return Column("contact_id", Integer, ForeignKey("contacts.id", ondelete="CASCADE"), nullable=False)


users = Table(
    "users",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("name", String(200), nullable=False, unique=True),  # the account (LOCAL_OWNER on a one-person store)
    # the owner's profile (`rapport me`): how drafts sign, and where the owner works
    Column("display_name", String(limits.NAME), nullable=False, server_default=""),
    Column("organisation", String(limits.ORGANISATION), nullable=False, server_default=""),
    Column("email", String(limits.EMAIL), nullable=False, server_default=""),
    Column("created_at", Moment, nullable=False),
    Column("linkedin_export_on", Date),  # the newest LinkedIn export imported, to tell news from old data
    # server mode (`rapport user add`): the argon2 hash of the password (NULL: cannot log in, as the local owner),
    # and when the account was disabled (NULL: active)
    Column("password_hash", String(200)),
    Column("disabled_at", Moment),
)

#: Personal access tokens for the API and assistants: only a hash of each is kept (the token is shown once).
api_tokens = Table(
    "api_tokens",
    metadata,
    Column("id", Integer, primary_key=True),
    _owner(),
    Column("label", String(100), nullable=False, server_default=""),
    Column("token_hash", String(64), nullable=False),  # SHA-256 of the token, hex
    Column("shown", String(40), nullable=False),  # the token's first characters, to tell tokens apart in a list
    Column("read_only", Boolean, nullable=False, server_default=false()),
    Column("created_at", Moment, nullable=False),
    Column("last_used_at", Moment),
    Column("revoked_at", Moment),
    # the token names its owner, so that it is found on the owner's shard (docs/scaling.md)
    UniqueConstraint("owner_id", "token_hash"),
)

#: A person's own settings on a shared server (language, time zone, budget, …): they override the server's.
user_settings = Table(
    "user_settings",
    metadata,
    _owner(),
    Column("key", String(40), nullable=False),
    Column("value", String(200), nullable=False),
    PrimaryKeyConstraint("owner_id", "key"),
)

circles = Table(
    "circles",
    metadata,
    Column("id", Integer, primary_key=True),
    _owner(),
    Column("name", String(limits.CIRCLE), nullable=False),
    Column("cadence_days", Integer),
    Column("capacity", Integer),
    Column("half_life_days", Integer, nullable=False),
    Column("rank", Integer, nullable=False),
    UniqueConstraint("owner_id", "name"),
)

contacts = Table(
    "contacts",
    metadata,
    Column("id", Integer, primary_key=True),
    _owner(),
    Column("display_name", String(limits.NAME), nullable=False),
    Column("search_key", String(limits.SEARCH_KEY), nullable=False),
    Column("prefix", String(limits.NAME), nullable=False, server_default=""),
    Column("given_name", String(limits.NAME), nullable=False, server_default=""),
    Column("middle_name", String(limits.NAME), nullable=False, server_default=""),
    Column("family_name", String(limits.NAME), nullable=False, server_default=""),
    Column("suffix", String(limits.NAME), nullable=False, server_default=""),
    Column("organisation", String(limits.ORGANISATION), nullable=False, server_default=""),
    Column("job_title", String(limits.JOB_TITLE), nullable=False, server_default=""),
    Column("address", Text, nullable=False, server_default=""),
    Column("how_met", Text, nullable=False, server_default=""),
    Column("looking_for", Text, nullable=False, server_default=""),
    Column("offers", Text, nullable=False, server_default=""),
    Column("connected_on", Date),  # LinkedIn's "Connected On"
    # The job the newest LinkedIn export showed, and that export's day: news compare LinkedIn with LinkedIn, and an
    # older export never overwrites a newer one (organisation and job_title may come from anywhere).
    Column("linkedin_organisation", String(300), nullable=False, server_default=""),
    Column("linkedin_title", String(300), nullable=False, server_default=""),
    Column("linkedin_as_of", Date),
    Column("address_form", String(10), nullable=False, server_default=""),  # "du", "Sie", or "" (language default)
    Column("circle", String(limits.CIRCLE), nullable=False),
    Column("archived", Boolean, nullable=False, server_default=false()),
    Column("created_at", Moment, nullable=False),
    Column("updated_at", Moment, nullable=False),
    # running summary of the interactions (see rapport.domain.strength.with_interaction)
    Column("interaction_count", Integer, nullable=False, server_default="0"),
    Column("in_person_count", Integer, nullable=False, server_default="0"),
    Column("first_met_at", Moment),
    Column("first_met_place", String(limits.PLACE), nullable=False, server_default=""),
    Column("last_touch_at", Moment),
    Column("last_real_at", Moment),
    Column("last_mine_at", Moment),
    Column("first_real_at", Moment),
    Column("last_in_person_at", Moment),
    Column("strength", Float, nullable=False, server_default="0"),
    Column("strength_at", Moment),
    # running summary of the favour ledger
    Column("given_count", Integer, nullable=False, server_default="0"),
    Column("received_count", Integer, nullable=False, server_default="0"),
    Column("open_asks", Integer, nullable=False, server_default="0"),
    Index(None, "owner_id", "circle"),
    Index(None, "owner_id", "search_key"),
)

emails = Table(
    "contact_emails",
    metadata,
    Column("id", Integer, primary_key=True),
    _owner(),
    _contact(),
    Column("address", String(limits.EMAIL), nullable=False),
    Column("label", String(limits.LABEL), nullable=False, server_default=""),
    Column("source", String(limits.SOURCE), nullable=False, server_default=""),
    Index(None, "owner_id", "address"),
    Index(None, "contact_id"),
)

phones = Table(
    "contact_phones",
    metadata,
    Column("id", Integer, primary_key=True),
    _owner(),
    _contact(),
    Column("number", String(limits.PHONE), nullable=False),  # E.164 where it could be parsed, else as typed
    Column("label", String(limits.LABEL), nullable=False, server_default=""),
    Column("source", String(limits.SOURCE), nullable=False, server_default=""),
    Index(None, "owner_id", "number"),
    Index(None, "contact_id"),
)

urls = Table(
    "contact_urls",
    metadata,
    Column("id", Integer, primary_key=True),
    _owner(),
    _contact(),
    Column("kind", String(20), nullable=False),  # linkedin, xing, web
    Column("url", String(limits.URL), nullable=False),
    Column("source", String(limits.SOURCE), nullable=False, server_default=""),
    Index(None, "owner_id", "kind", "url"),
    Index(None, "contact_id"),
)

tags = Table(
    "contact_tags",
    metadata,
    Column("id", Integer, primary_key=True),
    _owner(),
    _contact(),
    Column("tag", String(limits.TAG), nullable=False),
    UniqueConstraint("contact_id", "tag"),
    Index(None, "owner_id", "tag"),
)

interests = Table(
    "contact_interests",
    metadata,
    Column("id", Integer, primary_key=True),
    _owner(),
    _contact(),
    Column("topic", String(limits.TOPIC), nullable=False),
    UniqueConstraint("contact_id", "topic"),
    Index(None, "owner_id", "topic"),
)

yearly_dates = Table(
    "yearly_dates",
    metadata,
    Column("id", Integer, primary_key=True),
    _owner(),
    _contact(),
    Column("kind", String(20), nullable=False),  # birthday, anniversary
    Column("label", String(limits.DATE_LABEL), nullable=False, server_default=""),
    Column("month", Integer, nullable=False),
    Column("day", Integer, nullable=False),
    Column("year", Integer),
    Column("month_day", Integer, nullable=False),
    Column("source", String(limits.SOURCE), nullable=False, server_default=""),
    Index(None, "owner_id", "month_day"),
    Index(None, "contact_id"),
)

notes = Table(
    "notes",
    metadata,
    Column("id", Integer, primary_key=True),
    _owner(),
    _contact(),
    Column("written_at", Moment, nullable=False),
    Column("text", Text, nullable=False),
    Column("source", String(limits.SOURCE), nullable=False, server_default=""),
    Column("kind", String(20), nullable=False, server_default=""),  # "did": what I did with their input
    Index(None, "contact_id", "written_at"),
)

interactions = Table(
    "interactions",
    metadata,
    Column("id", Integer, primary_key=True),
    _owner(),
    Column("occurred_at", Moment, nullable=False),
    Column("channel", String(20), nullable=False),
    Column("initiator", String(10), nullable=False),
    Column("summary", Text, nullable=False, server_default=""),
    Column("place", String(limits.PLACE), nullable=False, server_default=""),
    Column("source_key", String(500)),  # where an imported interaction came from, so re-imports add nothing
    Index(None, "owner_id", "occurred_at"),
    UniqueConstraint("owner_id", "source_key"),
)

participants = Table(
    "interaction_contacts",
    metadata,
    Column("interaction_id", Integer, ForeignKey("interactions.id", ondelete="CASCADE"), primary_key=True),
    Column("contact_id", Integer, ForeignKey("contacts.id", ondelete="CASCADE"), primary_key=True),
    Index(None, "contact_id", "interaction_id"),
)

favours = Table(
    "favours",
    metadata,
    Column("id", Integer, primary_key=True),
    _owner(),
    _contact(),
    Column("direction", String(10), nullable=False),
    Column("kind", String(30), nullable=False),
    Column("occurred_at", Moment, nullable=False),
    Column("note", Text, nullable=False, server_default=""),
    Index(None, "contact_id", "occurred_at"),
)

events = Table(
    "events",
    metadata,
    Column("id", Integer, primary_key=True),
    _owner(),
    _contact(),
    Column("kind", String(30), nullable=False),
    Column("happened_on", Date, nullable=False),
    Column("text", Text, nullable=False, server_default=""),
    Column("source", String(100), nullable=False, server_default=""),
    Column("recorded_at", Moment),  # when I learnt of it: a touch after this can be a congratulation
    Index(None, "owner_id", "happened_on"),
    Index(None, "contact_id"),
)

field_sources = Table(
    "contact_field_sources",
    metadata,
    Column("id", Integer, primary_key=True),
    _owner(),
    _contact(),
    Column("field", String(50), nullable=False),
    Column("source", String(limits.SOURCE), nullable=False),
    Column("updated_at", Moment, nullable=False),
    UniqueConstraint("contact_id", "field"),
)

imported_records = Table(
    "imported_records",
    metadata,
    Column("id", Integer, primary_key=True),
    _owner(),
    _contact(),
    Column("source", String(50), nullable=False),  # the format
    Column("record_key", String(500), nullable=False),  # the record's identity within the source
    Column("digest", String(64), nullable=False),  # of the record's content: unchanged records are skipped
    Column("imported_at", Moment, nullable=False),
    UniqueConstraint("owner_id", "source", "record_key"),
    Index(None, "contact_id"),
)

distinct_people = Table(
    "distinct_people",
    metadata,
    Column("id", Integer, primary_key=True),
    _owner(),
    Column("first_id", Integer, ForeignKey("contacts.id", ondelete="CASCADE"), nullable=False),
    Column("second_id", Integer, ForeignKey("contacts.id", ondelete="CASCADE"), nullable=False),
    UniqueConstraint("owner_id", "first_id", "second_id"),
)

# networking time: fixed weekly blocks (`rapport time add "Tue 12:00-13:00" --kind lunch`), on the user's wall clock
networking_blocks = Table(
    "networking_blocks",
    metadata,
    Column("id", Integer, primary_key=True),
    _owner(),
    Column("weekday", Integer, nullable=False),  # ISO: 1 Monday … 7 Sunday
    Column("start_time", String(5), nullable=False),  # "HH:MM", local wall-clock time in the user's time zone
    Column("end_time", String(5), nullable=False),
    Column("kind", String(20), nullable=False),  # lunch, coffee, call, desk
    Column("created_at", Moment, nullable=False),
    Index(None, "owner_id", "weekday"),
)

# introductions between two contacts (`rapport introduce`): asked first, then made or declined; never proposed again
introductions = Table(
    "introductions",
    metadata,
    Column("id", Integer, primary_key=True),
    _owner(),
    Column("first_id", Integer, ForeignKey("contacts.id", ondelete="CASCADE"), nullable=False),
    Column("second_id", Integer, ForeignKey("contacts.id", ondelete="CASCADE"), nullable=False),
    Column("status", String(10), nullable=False),  # pending, agreed, declined, made
    Column("reason", Text, nullable=False, server_default=""),
    Column("created_at", Moment, nullable=False),
    Column("updated_at", Moment, nullable=False),
    UniqueConstraint("owner_id", "first_id", "second_id"),
    Index(None, "second_id"),
)

# planned meetings (`rapport meet`): a meeting ahead, with one or several contacts, until it is done or cancelled
planned_meetings = Table(
    "planned_meetings",
    metadata,
    Column("id", Integer, primary_key=True),
    _owner(),
    Column("starts_at", Moment, nullable=False),
    Column("place", String(limits.PLACE), nullable=False, server_default=""),
    Column("topic", String(limits.TOPIC), nullable=False, server_default=""),
    Column("status", String(10), nullable=False, server_default="planned"),  # planned, done, cancelled
    Column("created_at", Moment, nullable=False),
    Index(None, "owner_id", "status", "starts_at"),
)

planned_participants = Table(
    "planned_meeting_contacts",
    metadata,
    Column("meeting_id", Integer, ForeignKey("planned_meetings.id", ondelete="CASCADE"), primary_key=True),
    Column("contact_id", Integer, ForeignKey("contacts.id", ondelete="CASCADE"), primary_key=True),
    Index(None, "contact_id", "meeting_id"),
)


# groups (`rapport group`): a recurring group with a rhythm, its members, and its meetups (planned meetings)
groups = Table(
    "groups",
    metadata,
    Column("id", Integer, primary_key=True),
    _owner(),
    Column("name", String(limits.GROUP), nullable=False),
    Column("name_key", String(limits.GROUP), nullable=False),  # the name folded: unique per owner
    Column("rhythm", String(20), nullable=False),  # weekly, monthly, quarterly
    Column("topic", String(limits.TOPIC), nullable=False, server_default=""),
    Column("created_at", Moment, nullable=False),
    UniqueConstraint("owner_id", "name_key"),
)

group_members = Table(
    "group_members",
    metadata,
    Column("group_id", Integer, ForeignKey("groups.id", ondelete="CASCADE"), primary_key=True),
    Column("contact_id", Integer, ForeignKey("contacts.id", ondelete="CASCADE"), primary_key=True),
    Index(None, "contact_id", "group_id"),
)

group_meetups = Table(
    "group_meetups",
    metadata,
    Column("meeting_id", Integer, ForeignKey("planned_meetings.id", ondelete="CASCADE"), primary_key=True),
    Column("group_id", Integer, ForeignKey("groups.id", ondelete="CASCADE"), nullable=False),
    Index(None, "group_id", "meeting_id"),
)

# ---------------------------------------------------------------------------------------- sharing articles
# An article (or any link) I shared with a contact: the same link is not proposed to them again.
shares = Table(
    "shares",
    metadata,
    Column("id", Integer, primary_key=True),
    _owner(),
    _contact(),
    Column("url_key", String(limits.URL), nullable=False),  # the link without tracking parameters, or "file:<sha256>"
    Column("url", String(limits.URL), nullable=False, server_default=""),
    Column("title", String(500), nullable=False, server_default=""),
    Column("shared_at", Moment, nullable=False),
    UniqueConstraint("contact_id", "url_key"),
    Index(None, "owner_id", "url_key"),
)

# RSS/Atom feeds whose new items `rapport feed scan` ranks contacts for.
feeds = Table(
    "feeds",
    metadata,
    Column("id", Integer, primary_key=True),
    _owner(),
    Column("url", String(limits.URL), nullable=False),
    Column("title", String(500), nullable=False, server_default=""),
    Column("added_at", Moment, nullable=False),
    Column("scanned_at", Moment),
    UniqueConstraint("owner_id", "url"),
)

# The items of a feed already seen by a scan (only newer ones are ranked).
feed_items = Table(
    "feed_items",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("feed_id", Integer, ForeignKey("feeds.id", ondelete="CASCADE"), nullable=False),
    Column("item_key", String(limits.URL), nullable=False),
    Column("seen_at", Moment, nullable=False),
    UniqueConstraint("feed_id", "item_key"),
)

# What the article rankers know of each contact: the stemmed words of its interests, notes, "looking for", job and
# organisation, and (semantic ranker) its embedding. A cache, rebuilt from the contacts: not backed up.
share_index = Table(
    "share_index",
    metadata,
    Column("id", Integer, primary_key=True),
    _owner(),
    _contact(),
    Column("digest", String(64), nullable=False),  # of the indexed text: a changed contact is indexed again
    Column("terms", Text, nullable=False, server_default=""),
    Column("vector", LargeBinary),  # float16 embedding of the same text, or null until the semantic ranker needs it
    UniqueConstraint("contact_id"),
    Index(None, "owner_id"),
)


# "not now" on an agenda action (the web page): that kind of action for that contact waits until `until`
snoozes = Table(
    "snoozes",
    metadata,
    _owner(),
    Column("contact_id", Integer, ForeignKey("contacts.id", ondelete="CASCADE"), primary_key=True),
    Column("kind", String(20), primary_key=True),  # an ActionKind value
    Column("until", Moment, nullable=False),
    Index(None, "owner_id", "until"),
)


# the daily digest: the local days on which the agenda went out by e-mail (written once the server accepted it)
digests = Table(
    "digests",
    metadata,
    Column("owner_id", Integer, ForeignKey("users.id", ondelete="CASCADE"), primary_key=True),
    Column("day", Date, primary_key=True),
    Column("sent_at", Moment, nullable=False),
    Column("address", String(limits.EMAIL), nullable=False),
    Column("actions", Integer, nullable=False),  # how many actions the mail listed
)


# one row: a counter every committed write raises in its own transaction (rapport.store.db), so that what is worked
# out from the store can be kept until the store changes; not data, so neither backed up nor exported
store_version = Table(
    "store_version",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("version", BigInteger, nullable=False),
)
