"""Settings: your profile (`rapport me`), the language (`rapport config set lang`), the circles (`rapport circle`),
the circle for new people (`rapport config set default_circle`) and the calendar subscription (`rapport
calendar-url`). Each form calls the same service as the command; a mistake
shows the page again with what was typed and one line saying what is wrong, and nothing is changed."""

from __future__ import annotations

from dataclasses import fields, replace
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response

from rapport.errors import InputError, RapportError
from rapport.i18n import Translator
from rapport.web.pages import LANG_COOKIE, LANGS, back_to, in_thread, render, store_of, translator

router = APIRouter()
PROFILE = ("name", "organisation", "email")
CIRCLE = ("name", "cadence", "capacity", "half_life")
# the command line's names of what was typed → the label of its field on this page
FIELDS = {
    "NAME": "web.settings.name",
    "--name": "web.settings.name",
    "--organisation": "web.settings.organisation",
    "--email": "web.settings.email",
    "--cadence": "web.settings.cadence",
    "--capacity": "web.settings.capacity",
    "--half-life": "web.settings.half_life",
}


def _line(t: Translator, exc: RapportError) -> str:
    """The mistake in one line of the page's language, naming the field as the page does."""
    facts = dict(exc.facts)
    if facts.get("field") in FIELDS:
        facts["field"] = t(FIELDS[str(facts["field"])])
    for key in ("value", "name"):
        if isinstance(facts.get(key), str):
            text = " ".join(str(facts[key]).split())
            facts[key] = text if len(text) <= 60 else text[:59] + "…"
    said = " ".join(t(exc.code, **facts).split())
    return said[:1].upper() + said[1:]


def _calendar_address(request: Request, token: str | None) -> str | None:
    from rapport.services import calendar_feed

    if token is None:
        return None
    return f"{request.url.scheme}://{request.headers.get('host', '127.0.0.1')}{calendar_feed.path_of(token)}"


def _page(request: Request, status: int = 200, **shown: Any) -> Response:
    from rapport.services import calendar_feed, owner, people

    with store_of(request).unit_of_work() as (ctx, conn):
        me = owner.owner(ctx, conn)
        circles = people.circles_overview(ctx, conn)
        token = calendar_feed.current(ctx, conn)
    values: dict[str, Any] = {
        "profile": {"name": me.name, "organisation": me.organisation, "email": me.email},
        "lang_setting": store_of(request).settings.lang,
        "default_circle": store_of(request).settings.default_circle,
        "langs": LANGS,
        "circles": circles,
        "new_circle": dict.fromkeys(CIRCLE, ""),
        "calendar": _calendar_address(request, token),
        "errors": {},
        "typed_circle": None,
        "status_message": None,
    }
    values.update(shown)
    response = render(request, "settings.html", status=status, **values)
    response.headers["Cache-Control"] = "no-store"  # the page shows the calendar's secret address
    return response


@router.get("/settings")
def settings(request: Request) -> Response:
    done = request.query_params.get("saved", "")
    message = translator(request)(f"web.settings.saved.{done}") if done in SAVED else None
    return _page(request, status_message=message)


SAVED = ("profile", "language", "circle", "default_circle", "calendar", "calendar_made")


@router.post("/settings/profile")
async def profile(request: Request) -> Response:
    form = await request.form()
    typed = {f: str(form.get(f, "")) for f in PROFILE}

    def work() -> None:
        from rapport.services import owner

        with store_of(request).unit_of_work() as (ctx, conn):
            owner.update(ctx, conn, name=typed["name"], organisation=typed["organisation"], email=typed["email"])

    try:
        await in_thread(work)
    except RapportError as exc:
        line = _line(translator(request), exc)
        return await in_thread(lambda: _page(request, 400, profile=typed, errors={"profile": line}))
    return back_to("/settings?saved=profile")


def _write_setting(request: Request, key: str, value: str | None) -> None:
    """Write one setting to the config file (as `rapport config set|unset` does), then use it on every page."""
    from rapport import config

    try:
        config.write_setting(key, value)
    except OSError:  # a config file or directory that cannot be written
        raise InputError("web.settings.unwritable", path=config.config_path()) from None
    store = store_of(request)
    default = next(f.default for f in fields(config.Settings) if f.name == key)
    written: dict[str, Any] = {key: config.read_file().get(key, default)}  # as written (normalised), else the default
    store.settings = replace(store.settings, **written)


@router.post("/settings/language")
async def language(request: Request) -> Response:
    form = await request.form()
    chosen = str(form.get("lang", "")).strip()
    try:
        if chosen and chosen not in LANGS:
            raise InputError("input.language", value=chosen)
        _write_setting(request, "lang", chosen or None)
    except RapportError as exc:
        line = _line(translator(request), exc)
        return await in_thread(lambda: _page(request, 400, errors={"language": line}))
    response = back_to("/settings?saved=language")
    if chosen:  # the choice made here wins over one made before with ?lang=
        response.set_cookie(LANG_COOKIE, chosen, httponly=True, samesite="strict", path="/")
    else:
        response.delete_cookie(LANG_COOKIE, path="/")
    return response


@router.post("/settings/default-circle")
async def default_circle(request: Request) -> Response:
    """The circle people added or met go into (`rapport config set default_circle`): one that exists."""
    form = await request.form()
    chosen = str(form.get("default_circle", "")).strip().lower()

    def work() -> None:
        from rapport.domain.model import ARCHIVED

        with store_of(request).unit_of_work() as (ctx, conn):
            names = [c.name for c in ctx.circles(conn) if c.name != ARCHIVED]
        if chosen not in names:
            raise InputError("input.circle", value=chosen, choices=names)
        _write_setting(request, "default_circle", chosen)

    try:
        await in_thread(work)
    except RapportError as exc:
        line = _line(translator(request), exc)
        return await in_thread(lambda: _page(request, 400, errors={"default_circle": line}))
    return back_to("/settings?saved=default_circle#circles")


def _days(t: Translator, text: str, field: str) -> int | None:
    """A whole number typed in a field ('' : leave it as it is)."""
    text = text.strip()
    if not text:
        return None
    if not (text.isascii() and text.isdigit()) or len(text) > 9:
        raise InputError("web.settings.not_a_number", field=t(FIELDS[field]), value=text)
    return int(text)


@router.post("/settings/circles")
async def circle(request: Request) -> Response:
    form = await request.form()
    typed = {f: str(form.get(f, "")) for f in CIRCLE}
    t = translator(request)

    def work() -> None:
        from rapport.services import people

        cadence = _days(t, typed["cadence"], "--cadence")
        capacity = _days(t, typed["capacity"], "--capacity")
        half_life = _days(t, typed["half_life"], "--half-life")
        with store_of(request).unit_of_work() as (ctx, conn):
            people.set_circle(ctx, conn, typed["name"], cadence, capacity, half_life)

    try:
        await in_thread(work)
    except RapportError as exc:
        line = _line(t, exc)
        new = form.get("new") == "1"
        return await in_thread(
            lambda: _page(
                request,
                400,
                errors={"new_circle" if new else "circle:" + typed["name"]: line},
                new_circle=typed if new else dict.fromkeys(CIRCLE, ""),
                typed_circle=None if new else typed,
            )
        )
    return back_to("/settings?saved=circle#circles")


@router.post("/settings/calendar")
async def calendar(request: Request) -> Response:
    """Make the calendar's secret address, or replace it (the old one answers 404 from then on)."""

    def work() -> bool:
        from rapport.services import calendar_feed

        with store_of(request).unit_of_work() as (ctx, conn):
            had_one = calendar_feed.current(ctx, conn) is not None
            calendar_feed.renew(ctx, conn)
        return had_one

    replaced = await in_thread(work)
    return back_to(f"/settings?saved={'calendar' if replaced else 'calendar_made'}#calendar")
