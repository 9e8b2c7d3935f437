"""The calendar subscription: `/calendar/<token>.ics` serves what `rapport export ics` writes to whoever knows the
secret address (a calendar app subscribes to it); any other token answers 404, as if there were nothing there."""

from __future__ import annotations

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import Response

from rapport.web.pages import language, store_of

router = APIRouter()


@router.api_route("/calendar/{token}.ics", methods=["GET", "HEAD"], include_in_schema=False)
def feed(request: Request, token: str) -> Response:
    from rapport.services import calendar_feed

    store = store_of(request)
    if request.app.state.multi_user:  # nobody logs in to a calendar feed: the token says whose it is
        from rapport.web.app import store_for

        owner = calendar_feed.owner_of(token)
        found = store_for(request.app.state.store, owner) if owner is not None else None
        if found is None:
            raise HTTPException(status_code=404)
        store = found[0]
    lang = language(request)
    with store.unit_of_work() as (ctx, conn):
        if not calendar_feed.opens(ctx, conn, token):
            raise HTTPException(status_code=404)
        text = calendar_feed.feed(ctx, conn, lang=lang)
    return Response(
        text if request.method == "GET" else b"",
        media_type="text/calendar; charset=utf-8",
        headers={"Cache-Control": "private, no-store", "Content-Disposition": 'inline; filename="rapport.ics"'},
    )
