"""Week: the networking blocks of the seven days from today (or `?from=`), each filled with the agenda's actions as
`rapport week` fills them (services/networking_time.py); a week calendar on a wide screen, the days one below the
other on a phone."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response

from rapport.errors import InputError
from rapport.web.pages import render, store_of, translator

router = APIRouter()


def _day(t: Any, slots: list[Any], now: Any) -> list[dict[str, Any]]:
    from rapport.domain.networking_time import clock

    shown = []
    for slot in slots:
        busy = [
            {
                "start": f"{b.start.astimezone(slot.start.tzinfo):%H:%M}",
                "what": t("time.busy_what", about=b.what, names=", ".join(b.people)) if b.what else ", ".join(b.people),
            }
            for b in slot.busy
        ]
        planned = [
            {
                "contact_id": p.action.contact_id,
                "name": p.action.contact_name,
                "at": p.start.isoformat(),
                "start": f"{p.start:%H:%M}",
                "end": f"{p.end:%H:%M}",
                "what": t(f"time.do.{p.action.kind.value}.{p.fit.block.value}", name=p.action.contact_name),
                "reason": t.reason(p.action.reason, now),
            }
            for p in slot.planned
        ]
        shown.append(
            {
                "span": f"{clock(slot.block.span.start)}–{clock(slot.block.span.end)}",
                "start": slot.start,
                "kind": slot.block.kind.value,
                "kind_label": t.term("block", slot.block.kind.value),
                "busy": busy,
                "planned": planned,
                "free": slot.free,
            }
        )
    return shown


@router.get("/week")
def week(request: Request) -> Response:
    from rapport.domain.networking_time import week_days
    from rapport.services import networking_time

    t = translator(request)
    typed = request.query_params.get("from") or None
    with store_of(request).unit_of_work() as (ctx, conn):
        try:
            first = networking_time.first_day(ctx, typed)
        except InputError:  # a day before today, or no date: said without the command line's --from
            raise InputError("web.week.bad_from", value=(typed or "")[:60]) from None
        has_blocks = bool(networking_time.blocks(ctx, conn))
        plan = networking_time.week(ctx, conn, first, required=False)
        now = ctx.now
    today = t.local(now).date()
    days = [
        {
            "date": day,
            "weekday": t.weekday(day),
            "label": t.date(day, style="medium"),
            "today": day == today,
            "slots": _day(t, [s for s in plan.slots if s.day == day], now),
        }
        for day in week_days(plan.first_day)
    ]
    count = sum(len(s.planned) for s in plan.slots)
    first, last = plan.first_day, plan.first_day + timedelta(days=6)
    values: dict[str, Any] = {
        "title": t.plural("time.week_title", count, first=t.date(first), last=t.date(last)),
        "days": days,
        "has_blocks": has_blocks,
        "at_once": [
            {
                "contact_id": a.contact_id,
                "name": a.contact_name,
                "label": t("kind." + a.kind.value),
                "reason": t.reason(a.reason, now),
            }
            for a in plan.now
        ],
        "waiting": len(plan.waiting),
        "next": (plan.first_day + timedelta(days=7)).isoformat(),
        # the plan looks ahead only: back as far as today
        "previous": max(plan.first_day - timedelta(days=7), today).isoformat() if plan.first_day > today else None,
    }
    return render(request, "week.html", **values)
