"""Contacts (search as you type, filter by circle) and one contact's page (profile, notes, timeline, ledger)."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response

from rapport.web.pages import render, store_of

router = APIRouter()


@router.get("/contacts")
def listing(request: Request, q: str = "", circle: str = "") -> Response:
    from rapport.services import search

    with store_of(request).unit_of_work() as (ctx, conn):
        rows = search.search(ctx, conn, q, circle or None)
        circles = [c.name for c in ctx.circles(conn)]
    return render(request, "contacts.html", block="results", rows=rows, q=q, circle=circle, circles=circles)


@router.get("/contacts/{contact_id}")
def contact(request: Request, contact_id: int) -> Response:
    from rapport.services import people

    with store_of(request).unit_of_work() as (ctx, conn):
        prof = people.profile(ctx, conn, f"#{contact_id}")
    return render(request, "contact.html", person=prof)
