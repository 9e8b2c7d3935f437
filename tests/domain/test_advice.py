"""The agenda's advice is right: first meetings, congratulations, neglected core contacts, meeting in person,
ranking by value, and old connections never contacted."""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta

from rapport.domain.agenda import AgendaRules, agenda, proposals
from rapport.domain.followup import follow_up_window, new_acquaintance
from rapport.domain.model import Action, ActionKind, Channel, ContactState, EventKind, Initiator, News

from ._support import NOW, ZURICH, contact, history_of, touch, zurich

RULES = AgendaRules(zone=ZURICH)


def action_for(
    someone: ContactState, news: list[News] | None = None, now: datetime = NOW, **more: object
) -> Action | None:
    found = proposals([someone], [], news or [], now, RULES, **more)  # type: ignore[arg-type]
    return found.get(someone.id)


# --- first meetings are first meetings --------------------------------------------------------------------------

MET = NOW - timedelta(hours=20)


def test_meeting_someone_new_opens_the_72_hour_window() -> None:
    someone = contact(1, history=history_of(touch(MET, Channel.IN_PERSON, place="Kaufleuten")))
    found = action_for(someone)
    assert found is not None and found.kind is ActionKind.FOLLOW_UP


def test_meeting_again_someone_i_have_known_for_years_opens_no_window() -> None:
    history = history_of(
        touch(NOW - timedelta(days=900), Channel.EMAIL),
        touch(NOW - timedelta(days=400), Channel.CALL, Initiator.THEM),
        touch(MET, Channel.IN_PERSON, place="Kaufleuten"),
    )
    someone = contact(1, created_at=NOW - timedelta(days=1000), history=history)
    assert not new_acquaintance(someone, ZURICH)
    found = action_for(someone)
    assert found is None or found.kind is not ActionKind.FOLLOW_UP


def test_a_group_meetup_with_someone_who_wrote_to_me_before_opens_no_window() -> None:
    history = history_of(touch(NOW - timedelta(days=30), Channel.EMAIL, Initiator.THEM), touch(MET, Channel.GROUP))
    assert follow_up_window(contact(1, history=history), NOW, ZURICH) is None


def test_a_like_before_the_meeting_is_no_real_contact_so_the_window_opens() -> None:
    history = history_of(touch(NOW - timedelta(days=30), Channel.SOCIAL), touch(MET, Channel.IN_PERSON))
    assert follow_up_window(contact(1, history=history), NOW, ZURICH) is not None


def test_an_imported_connection_from_before_the_meeting_opens_no_window() -> None:
    history = history_of(touch(MET, Channel.IN_PERSON))
    long_ago = contact(1, history=history, connected_on=date(2019, 4, 2))
    same_day = contact(2, history=history, connected_on=MET.astimezone(ZURICH).date())
    assert follow_up_window(long_ago, NOW, ZURICH) is None
    assert follow_up_window(same_day, NOW, ZURICH) is not None  # connected at the event itself: still new


# --- congratulations count when I could know of the news --------------------------------------------------------

RECORDED = NOW - timedelta(days=1)


def new_job(on: date, recorded_at: datetime | None = RECORDED) -> News:
    return News(1, EventKind.NEW_JOB, on, "Head of Design, Acme", recorded_at)


def test_a_touch_before_i_learnt_of_the_news_clears_nothing() -> None:
    someone = contact(1, history=history_of(touch(RECORDED - timedelta(hours=3), Channel.EMAIL)))
    found = action_for(someone, [new_job(NOW.date() - timedelta(days=3))])
    assert found is not None and found.kind is ActionKind.CONGRATULATE


def test_a_touch_after_i_learnt_of_the_news_is_the_congratulation() -> None:
    someone = contact(1, history=history_of(touch(RECORDED + timedelta(hours=2), Channel.EMAIL)))
    found = action_for(someone, [new_job(NOW.date() - timedelta(days=3))])
    assert found is None or found.kind is not ActionKind.CONGRATULATE


def test_congratulating_before_a_new_job_starts_counts() -> None:
    starts = NOW.date() + timedelta(days=5)
    before = contact(1, history=history_of(touch(RECORDED - timedelta(hours=3), Channel.EMAIL)))
    after = contact(1, history=history_of(touch(RECORDED + timedelta(hours=1), Channel.CALL)))
    pending = action_for(before, [new_job(starts)])
    assert pending is not None and pending.kind is ActionKind.CONGRATULATE
    assert action_for(after, [new_job(starts)]) is None


def test_a_recorded_congratulation_counts_even_from_before_the_news_was_recorded() -> None:
    someone = contact(1)
    news = [new_job(NOW.date() - timedelta(days=2))]
    just_before = {1: RECORDED - timedelta(days=2)}
    a_year_ago = {1: NOW - timedelta(days=365)}
    assert action_for(someone, news, congratulated=just_before) is None
    stale = action_for(someone, news, congratulated=a_year_ago)
    assert stale is not None and stale.kind is ActionKind.CONGRATULATE


# --- a neglected core contact stays at the top ------------------------------------------------------------------


def test_a_neglected_core_contact_does_not_drop_when_it_turns_dormant() -> None:
    last = zurich(2024, 11, 20, 12)
    history = history_of(*(touch(last - timedelta(days=30 * i), Channel.IN_PERSON) for i in range(6)))
    core = contact(1, "Martina Frei", circle="core", created_at=last - timedelta(days=400), history=history)
    # an active contact that is due too, less valuable than Martina by every measure
    other_history = history_of(touch(last, Channel.EMAIL))
    other = contact(2, "Anna Aebi", circle="active", created_at=last - timedelta(days=400), history=other_history)
    priorities = []
    for days_silent in (700, 729, 731, 800, 1000):
        now = last + timedelta(days=days_silent)
        day = agenda([core, other], [], [], now, RULES)
        assert day[0].contact_name == "Martina Frei", days_silent
        priorities.append(day[0].priority)
    assert priorities[2] >= priorities[1]  # turning dormant on day 730 lowers nothing


# --- meet in person: in-person recency for the circle ------------------------------------------------------------


def core_contact(*touches: tuple[int, Channel, Initiator]) -> ContactState:
    history = history_of(*(touch(NOW - timedelta(days=d), ch, who) for d, ch, who in touches))
    return contact(1, circle="core", created_at=NOW - timedelta(days=1000), history=history)


MONTHLY_CALLS = tuple((d, Channel.CALL, Initiator.ME) for d in range(5, 400, 25))


def test_a_core_contact_not_seen_in_person_for_a_year_is_proposed_a_meeting() -> None:
    someone = core_contact((420, Channel.IN_PERSON, Initiator.ME), *MONTHLY_CALLS)
    found = action_for(someone)
    assert found is not None and found.kind is ActionKind.MEET
    assert found.reason.code == "meet"


def test_a_core_contact_met_in_person_half_a_year_ago_needs_no_meeting() -> None:
    assert action_for(core_contact((180, Channel.IN_PERSON, Initiator.ME), *MONTHLY_CALLS)) is None


def test_a_group_meetup_counts_as_seeing_each_other() -> None:
    assert action_for(core_contact((100, Channel.GROUP, Initiator.THEM), *MONTHLY_CALLS)) is None


def test_two_inbound_recruiter_emails_do_not_ask_for_a_meeting() -> None:
    recruiter = core_contact((2, Channel.EMAIL, Initiator.THEM), (1, Channel.EMAIL, Initiator.THEM))
    found = action_for(recruiter)
    assert found is None or found.kind is not ActionKind.MEET
    old_recruiter = core_contact((400, Channel.EMAIL, Initiator.THEM), (3, Channel.EMAIL, Initiator.THEM))
    found = action_for(old_recruiter)
    assert found is None or found.kind is not ActionKind.MEET


def test_a_core_contact_known_only_online_for_over_a_year_is_proposed_a_first_meeting() -> None:
    found = action_for(core_contact((420, Channel.LINKEDIN, Initiator.THEM), *MONTHLY_CALLS))
    assert found is not None and found.kind is ActionKind.MEET
    assert found.reason.code == "meet.never"


# --- the day's list is the most valuable, not the first in the alphabet -----------------------------------------


def rusting_network(seed: int = 7) -> tuple[list[ContactState], set[int]]:
    """993 rusting contacts named 'Adrian A…' and seven that beat each of them on every measure (circle, strength,
    how far past the rhythm, favours exchanged), named 'Zora Z…'."""
    rng = random.Random(seed)
    contacts: list[ContactState] = []
    for i in range(993):
        circle, cadence = rng.choice((("core", 30), ("active", 90), ("wider", 365)))
        last = NOW - timedelta(days=rng.randint(cadence + 1, 699))
        favours = rng.randint(0, 1)
        contacts.append(
            contact(
                i,
                f"Adrian A{i:03d}",
                circle=circle,
                created_at=NOW - timedelta(days=2000),
                history=history_of(touch(last, Channel.EMAIL)),
                given=favours,
                received=favours,
            )
        )
    valuable = set()
    for i in range(1000, 1007):
        last = NOW - timedelta(days=100 + i % 7)
        meetings = (touch(last - timedelta(days=k), Channel.IN_PERSON) for k in range(10))
        contacts.append(
            contact(
                i,
                f"Zora Z{i}",
                circle="core",
                created_at=NOW - timedelta(days=2000),
                history=history_of(*meetings),
                given=2,
                received=2,
            )
        )
        valuable.add(i)
    return contacts, valuable


def test_with_a_thousand_rusting_contacts_the_day_holds_the_most_valuable() -> None:
    contacts, valuable = rusting_network()
    day = agenda(contacts, [], [], NOW, RULES)
    assert all(a.kind is ActionKind.KEEP_IN_TOUCH for a in day)
    assert {a.contact_id for a in day} == valuable


def test_each_measure_of_value_ranks_a_contact_higher() -> None:
    base = NOW - timedelta(days=60)

    def priority(someone: ContactState) -> float:
        found = action_for(someone)
        assert found is not None and found.kind is ActionKind.KEEP_IN_TOUCH
        return found.priority

    plain = contact(
        1, circle="active", created_at=NOW - timedelta(days=900), history=history_of(touch(base - timedelta(days=40)))
    )
    stronger = contact(
        1,
        circle="active",
        created_at=NOW - timedelta(days=900),
        history=history_of(*(touch(base - timedelta(days=40 + k), Channel.IN_PERSON) for k in range(4))),
    )
    more_overdue = contact(
        1, circle="active", created_at=NOW - timedelta(days=900), history=history_of(touch(base - timedelta(days=80)))
    )
    exchanged = contact(
        1,
        circle="active",
        created_at=NOW - timedelta(days=900),
        history=history_of(touch(base - timedelta(days=40))),
        given=2,
        received=2,
    )
    assert priority(stronger) > priority(plain)
    assert priority(more_overdue) > priority(plain)
    assert priority(exchanged) > priority(plain)


def test_equal_contacts_take_turns_day_by_day_instead_of_by_name() -> None:
    added = NOW - timedelta(days=100)
    same = [contact(i, f"Contact {i:04d}", circle="active", created_at=added) for i in range(1000)]
    today = [a.contact_name for a in agenda(same, [], [], NOW, RULES)]
    tomorrow = [a.contact_name for a in agenda(same, [], [], NOW + timedelta(days=1), RULES)]
    assert len(today) == len(tomorrow) == RULES.budget
    assert today != sorted(a.name for a in same)[: RULES.budget]
    assert set(today) != set(tomorrow)
    assert today == [a.contact_name for a in agenda(same, [], [], NOW + timedelta(hours=2), RULES)]  # stable all day


# --- an old connection never contacted is a dormant tie ----------------------------------------------------------


def test_a_connection_from_2013_never_contacted_is_a_dormant_tie() -> None:
    imported = contact(
        1, circle="wider", created_at=NOW - timedelta(days=2), connected_on=date(2013, 5, 2), organisation="Nordstern"
    )
    found = action_for(imported)
    assert found is not None and found.kind is ActionKind.RECONNECT
    assert found.reason.code == "reconnect.connected"
    assert found.reason.facts["year"] == 2013


def test_a_recent_connection_never_contacted_is_not_dormant() -> None:
    imported = contact(
        1, circle="wider", created_at=NOW - timedelta(days=2), connected_on=NOW.date() - timedelta(days=200)
    )
    assert action_for(imported) is None
