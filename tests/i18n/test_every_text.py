"""Every catalog entry renders in both languages with sample values, and every counted noun has the plural forms
its language needs, chosen by Babel's plural rule."""

from __future__ import annotations

import re
import string
from zoneinfo import ZoneInfo

import pytest
from babel.core import Locale

from rapport.i18n import TERMS, Translator, term_key
from rapport.i18n.catalog import CATALOGS, EN
from rapport.services import inputs

ZURICH = ZoneInfo("Europe/Zurich")
LEFTOVER = re.compile(r"[{}]")
SAMPLE_TERMS = {
    "circle": "core", "favour": "referral", "news": "new-job", "channel": "email", "message": "congrats",
    "via": "linkedin-message",
}  # fmt: skip


def _fields(template: str) -> list[tuple[str, str]]:
    return [(name, spec or "") for _, name, spec, _ in string.Formatter().parse(template) if name is not None]


def _samples(t: Translator, template: str, count: int) -> dict[str, object]:
    """A value for every placeholder, of the kind its format asks for: a stored term, a count, a signed number."""
    facts: dict[str, object] = {}
    for name, spec in _fields(template):
        if spec in TERMS:
            facts[name] = SAMPLE_TERMS[spec]
        elif (spec and t.has_plural(spec)) or spec.endswith("d") or name in ("n", "count"):
            facts[name] = count
        else:
            facts[name] = f"<{name}>"
    return facts


BASES = sorted(key.removesuffix(".one") for key in EN if key.endswith(".one"))


@pytest.mark.parametrize("lang", sorted(CATALOGS))
@pytest.mark.parametrize("key", sorted(EN))
def test_every_entry_renders_with_sample_values(lang: str, key: str) -> None:
    t = Translator(lang, ZURICH)
    template = t.catalog[key]
    for count in (0, 1, 2, 21):
        facts = _samples(t, template, count)
        text = t(key, **facts)
        assert not LEFTOVER.search(text), (key, text)
        for name, spec in _fields(template):  # every fact shows, translated when it is a stored term
            if spec in TERMS:
                assert t.catalog[f"term.{spec}.{facts[name]}"] in text, (key, text)
            elif not isinstance(facts[name], int):
                assert str(facts[name]) in text, (key, text)


@pytest.mark.parametrize("lang", sorted(CATALOGS))
@pytest.mark.parametrize("base", BASES)
def test_every_counted_noun_has_the_forms_its_language_needs(lang: str, base: str) -> None:
    t = Translator(lang, ZURICH)
    rule = Locale.parse(t.locale).plural_form
    needed = set(rule.tags) | {"other"}
    forms = {key.removeprefix(base + ".") for key in t.catalog if key.rsplit(".", 1)[0] == base}
    assert forms == needed, (lang, base, forms)
    for n in (0, 1, 2, 21):
        chosen = t.catalog[f"{base}.{rule(n)}"]
        text = t.plural(base, n, **{k: v for k, v in _samples(t, chosen, n).items() if k != "n"})
        assert not LEFTOVER.search(text)
        if "{n}" in chosen:
            assert re.search(rf"\b{n}\b", text), (base, n, text)


@pytest.mark.parametrize(
    ("lang", "key", "facts", "expected"),
    [
        ("de", "export.contacts", {"count": 1, "file": "a.vcf"}, "1 Kontakt nach a.vcf exportiert."),
        ("de", "export.contacts", {"count": 21, "file": "a.vcf"}, "21 Kontakte nach a.vcf exportiert."),
        ("de", "export.contacts", {"count": 0, "file": "a.vcf"}, "0 Kontakte nach a.vcf exportiert."),
        ("en", "export.contacts", {"count": 1, "file": "a.vcf"}, "1 contact exported to a.vcf."),
        ("en", "export.contacts", {"count": 2, "file": "a.vcf"}, "2 contacts exported to a.vcf."),
        ("de", "import.older_kept", {"count": 1}, "1 Kontakt: neuere"),
        ("de", "backup.done", {"contacts": 1, "rows": 3, "file": "f"}, "Sicherung von 1 Kontakt und 3 Datensätzen"),
        ("en", "backup.done", {"contacts": 1, "rows": 1, "file": "f"}, "Backup of 1 contact and 1 row"),
        ("de", "days", {"days": 1}, "1 Tag"),
        ("de", "days", {"days": 30}, "30 Tage"),
        ("en", "days", {"days": 1}, "1 day"),
        ("de", "due.now", {}, "jetzt fällig"),
    ],
)
def test_counted_texts_read_right(lang: str, key: str, facts: dict[str, object], expected: str) -> None:
    assert Translator(lang, ZURICH)(key, **facts).startswith(expected)


@pytest.mark.parametrize(
    ("hours", "de", "en"),
    [(72, "seit 3 Tagen", "3 days"), (30, "seit 30 Stunden", "30 hours"), (1, "seit 1 Stunde", "1 hour")],
)
def test_an_overdue_follow_up_counts_in_the_right_case(hours: int, de: str, en: str) -> None:
    from datetime import UTC, datetime

    from rapport.domain.model import Reason

    reason = Reason("follow_up.overdue", {"hours_over": hours, "met_at": datetime(2026, 11, 20, 7, tzinfo=UTC)})
    now = datetime(2026, 11, 26, 9, tzinfo=ZURICH)
    assert f"ist {de} überfällig" in Translator("de", ZURICH).reason(reason, now)
    assert f"is {en} overdue" in Translator("en", ZURICH).reason(reason, now)


def test_a_circle_reason_names_the_circle_in_the_language() -> None:
    from datetime import UTC, datetime

    from rapport.domain.model import Reason

    facts = {"circle": "core", "cadence": 30, "last_at": datetime(2026, 9, 7, 9, tzinfo=UTC)}
    now = datetime(2026, 11, 26, 9, tzinfo=ZURICH)
    german = Translator("de", ZURICH).reason(Reason("keep_in_touch", facts), now)
    assert german.startswith("Kreis Kern (alle 30 Tage)")
    english = Translator("en", ZURICH).reason(Reason("keep_in_touch", facts), now)
    assert english.startswith("Core circle (every 30 days)")
    daily = Translator("de", ZURICH).reason(Reason("keep_in_touch", {**facts, "cadence": 1}), now)
    assert "(jeden Tag)" in daily


@pytest.mark.parametrize("kind", TERMS)
def test_every_term_is_typed_in_either_language_and_shown_in_each(kind: str) -> None:
    keys = {key.removeprefix(f"term.{kind}.") for key in EN if key.startswith(f"term.{kind}.")}
    assert keys
    for key in keys:
        for lang, catalog in CATALOGS.items():
            label = catalog[f"term.{kind}.{key}"]
            assert term_key(kind, label) == key, (lang, label)
            assert term_key(kind, label.upper()) == key
            assert Translator(lang, ZURICH).term(kind, key) == label
    assert Translator("de", ZURICH).term("circle", "my own circle") == "my own circle"  # the user's name for it


def test_every_stored_value_has_a_term() -> None:
    from rapport.domain.model import DEFAULT_CIRCLES, Channel, EventKind, FavourKind

    for kind, values in (
        ("channel", [c.value for c in Channel]),
        ("favour", [f.value for f in FavourKind]),
        ("news", [e.value for e in EventKind]),
        ("circle", [c.name for c in DEFAULT_CIRCLES]),
    ):
        for value in values:
            for catalog in CATALOGS.values():
                assert f"term.{kind}.{value}" in catalog, (kind, value)


@pytest.mark.parametrize(
    ("typed", "parse", "expected"),
    [
        ("Kern", inputs.circle_name, "core"),
        ("aktiv", inputs.circle_name, "active"),
        ("WEITER", inputs.circle_name, "wider"),
        ("archiviert", inputs.circle_name, "archived"),
        ("my-own", inputs.circle_name, "my-own"),
        ("Empfehlung", lambda s: inputs.favour_kind(s).value, "referral"),
        ("stellenhinweis", lambda s: inputs.favour_kind(s).value, "job-lead"),
        ("job lead", lambda s: inputs.favour_kind(s).value, "job-lead"),
        ("Neue Stelle", lambda s: inputs.event_kind(s).value, "new-job"),
        ("medienauftritt", lambda s: inputs.event_kind(s).value, "media"),
        ("Videoanruf", lambda s: inputs.channel(s).value, "video"),
        ("E-Mail", lambda s: inputs.channel(s).value, "email"),
        ("persönlich", lambda s: inputs.channel(s).value, "in-person"),
    ],
)
def test_typed_terms_in_either_language_mean_the_stored_key(typed: str, parse: object, expected: str) -> None:
    assert callable(parse)
    assert parse(typed) == expected


def test_an_unknown_kind_lists_the_choices_in_the_users_language() -> None:
    from rapport.errors import InputError

    with pytest.raises(InputError) as refused:
        inputs.channel("brieftaube")
    german = Translator("de", ZURICH)(refused.value.code, **refused.value.facts)
    assert "Videoanruf" in german and "E-Mail" in german and "video" not in german.split("möglich sind:")[1]


@pytest.mark.parametrize(("parse", "typed"), [("draft_kind", "gedicht"), ("draft_via", "brieftaube")])
def test_an_unknown_kind_of_draft_or_channel_lists_the_choices_in_the_users_language(parse: str, typed: str) -> None:
    from rapport.errors import InputError
    from rapport.services import drafting

    with pytest.raises(InputError) as refused:
        getattr(drafting, parse)(typed)
    german = Translator("de", ZURICH)(refused.value.code, **refused.value.facts).split("möglich sind:")[1]
    english = Translator("en", ZURICH)(refused.value.code, **refused.value.facts).split("choose one of:")[1]
    assert german != english
    assert "congrats" not in german and "email" not in german and ("Gratulation" in german or "E-Mail" in german)
    assert "congrats" in english or "email" in english


@pytest.mark.parametrize(
    ("typed", "expected"),
    [("monatlich", "monthly"), ("Wöchentlich", "weekly"), ("VIERTELJÄHRLICH", "quarterly"), ("monthly", "monthly")],
)
def test_a_groups_rhythm_is_typed_in_either_language_and_shown_in_each(typed: str, expected: str) -> None:
    from rapport.services.groups import rhythm_of

    assert rhythm_of(typed).value == expected
    assert Translator("de", ZURICH).term("rhythm", expected) == CATALOGS["de"][f"term.rhythm.{expected}"]
    assert Translator("en", ZURICH).term("rhythm", typed) == expected
