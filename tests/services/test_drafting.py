"""Drafting from the store: the demo's Thomas gets Julia's note; kinds that do not apply are refused."""

from __future__ import annotations

import pytest

from rapport.errors import InputError
from rapport.services import demo, drafting, owner
from rapport.services.context import Context
from tests.conftest import make_context

DID_DE = "die Technik 1-2-4-All in meinem Teammeeting ausprobiert – die Ergebnisse waren sehr positiv"
DID_EN = "tried 1-2-4-All in my team meeting, with very good results"


def load(ctx: Context) -> None:
    with ctx.transaction() as conn:
        demo.load_demo(ctx, conn)


def test_thomas_gets_a_personal_follow_up(store_url: str) -> None:
    ctx = make_context(store_url, mail_from="Julia Baumann <julia@example.ch>")  # the name signs the drafts
    load(ctx)
    with ctx.transaction() as conn:
        de = drafting.draft(ctx, conn, "Thomas", lang="de-CH", did=DID_DE)
        noted = drafting.draft(ctx, conn, "Thomas", lang="de-CH")  # the demo noted what Julia did
        gap = drafting.draft(ctx, conn, "Reto", lang="de-CH", kind="thanks")  # what it led to is not noted: a gap
        en = drafting.draft(ctx, conn, "Thomas", lang="en", did=DID_EN)
        note = drafting.draft(ctx, conn, "Thomas", via="linkedin", lang="de-CH", did=DID_DE)
    assert de.kind == "follow-up" and de.check.score >= 90
    assert "am Dienstag" in de.text and "Design Thinking" in de.text and "Danke" in de.text
    # the next step is the talk Julia planned with Thomas (`rapport meet`), on its day 26 days ahead
    assert "am 22. Dezember bei «Design Thinking talk series: Prototyping services»?" in de.text
    assert "ß" not in de.text
    assert de.subject and de.to.startswith("thomas.keller@")
    assert noted.gaps == [] and noted.check.score >= 90 and "ausprobiert" in noted.text
    assert gap.gaps and "[" in gap.text and not gap.check.element("gaps").present
    assert en.check.score >= 90 and "on Tuesday" in en.text and en.subject
    assert len(note.text) <= 300 and note.subject is None and "linkedin.com" in note.to
    assert de.text.endswith("Julia Baumann") and note.text.endswith("Julia Baumann")
    ctx.close()


def test_without_the_owners_name_the_sign_off_is_a_gap(ctx: Context) -> None:
    load(ctx)  # the demo signs as Julia: take her name away
    with ctx.transaction() as conn:
        owner.update(ctx, conn, name="")
        assert drafting.owner_name(ctx, conn) is None
        draft = drafting.draft(ctx, conn, "Thomas", lang="en")
    assert draft.text.endswith("[your name]") and "[your name]" in draft.gaps


def test_defaults_variety_congrats_and_refusals(ctx: Context) -> None:
    load(ctx)
    with ctx.transaction() as conn:
        lukas = drafting.draft(ctx, conn, "Lukas Ammann", lang="en")
        assert lukas.kind == "congrats" and "promotion" in lukas.text
        names = ["Roger", "Esther", "Simone", "Michael Graf", "Karin", "Priska", "Marco", "Stefan", "Corinne", "Fabian"]
        openings = set()
        for name in names:
            d = drafting.draft(ctx, conn, name, kind="check-in", lang="en")
            first = d.text.split(",")[0].split()[0] + " " + d.text.split("\n\n")[1].split(".")[0]
            openings.add(first)
        assert len(openings) >= 5
        assert drafting.draft(ctx, conn, "Reto", kind="thanks", lang="de").kind == "thanks"
        with pytest.raises(InputError) as err:
            drafting.draft(ctx, conn, "Nina Vogt", kind="follow-up")
        assert err.value.code == "draft.no_meeting"
        for name, kind, code in (
            ("Martina", "congrats", "draft.no_news"),
            ("Reto", "ask", "draft.give_first"),
            ("Thomas", "poem", "draft.kind"),
        ):
            with pytest.raises(InputError) as err:
                drafting.draft(ctx, conn, name, kind=kind)
            assert err.value.code == code
