"""Circles: each circle's capacity and who is rusting, drawn as rings with a dot per person whose colour says how
recently you were in touch; the same as a table for screen readers and keyboards."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response

from rapport.domain.model import ARCHIVED
from rapport.web import rings
from rapport.web.pages import render, store_of

router = APIRouter()


@router.get("/circles")
def circles(request: Request) -> Response:
    from rapport.services import people

    with store_of(request).unit_of_work() as (ctx, conn):
        overview = people.circles_overview(ctx, conn)
        members = people.listing(ctx, conn)
        now = ctx.now
    drawn = rings.rings(overview, members, now)
    archived = next((c for c in overview if c["name"] == ARCHIVED), None)
    return render(
        request,
        "circles.html",
        rings=drawn,
        archived=archived,
        size=rings.SIZE,
        most=rings.MOST_DOTS,
        bands=[name for name, _most in rings.BANDS] + [rings.NEVER],
        now=now,
    )
