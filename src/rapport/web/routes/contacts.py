"""Contacts (search as you type; filters by circle, tag, rusting, never met in person) and one contact's page
(profile, notes, timeline, ledger, news and dates, drafts, strength over time)."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response

from rapport.web import chart
from rapport.web.pages import render, store_of, translator

router = APIRouter()


@router.get("/contacts")
def listing(
    request: Request, q: str = "", circle: str = "", tag: str = "", rusting: str = "", never_met: str = ""
) -> Response:
    from rapport.services import people, search

    with store_of(request).unit_of_work() as (ctx, conn):
        rows = search.search(
            ctx, conn, q, circle or None, tag or None, rusting=bool(rusting), never_met=bool(never_met)
        )
        circles = [c.name for c in ctx.circles(conn)]
        tags = people.tags(ctx, conn)
    return render(
        request,
        "contacts.html",
        block="results",
        rows=rows,
        q=q,
        circle=circle,
        circles=circles,
        tag=tag,
        tags=tags,
        rusting=bool(rusting),
        never_met=bool(never_met),
    )


@router.get("/contacts/{contact_id}")
def contact(request: Request, contact_id: int, sent: str = "") -> Response:
    from rapport.services import drafting, people
    from rapport.store.reads import day as as_day

    t = translator(request)
    with store_of(request).unit_of_work() as (ctx, conn):
        prof = people.profile(ctx, conn, f"#{contact_id}")
        kinds = drafting.kinds_for(ctx, conn, f"#{contact_id}")
        series = people.strength_over_time(ctx, conn, f"#{contact_id}")
    dates = [
        {
            "label": d["label"] or t("date." + d["kind"]),
            "when": t.yearly(d["date"].month, d["date"].day, d["date"].year),
        }
        for d in prof["dates"]
    ]
    news = [
        {"on": t.date(as_day(e["happened_on"])), "kind": t.term("news", e["kind"]), "text": e["text"] or ""}
        for e in prof["events"]
    ]
    return render(
        request,
        "contact.html",
        person=prof,
        dates=dates,
        news=news,
        drafts=[(k, t.term("message", k)) for k in kinds],
        chart=chart.strength(series, t),
        status_message=t("web.today.sent") if sent else "",
    )
