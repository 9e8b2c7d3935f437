"""The short ways of `rapport.services.checked` give exactly what the full checks of `inputs` give."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from rapport.errors import InputError
from rapport.services import checked, inputs


def _outcome(check, *args):  # type: ignore[no-untyped-def]
    try:
        return check(*args)
    except InputError as error:
        return ("refused", error.code, error.facts)


_LOCAL = st.text(alphabet="abcXYZ019._+-!%'", min_size=0, max_size=70)
_LABEL = st.text(alphabet="abzAZ09-", min_size=0, max_size=66)
_TLD = st.sampled_from(["ch", "COM", "de", "test", "local", "localhost", "arpa", "c1", "x", "onion", "museum", "123"])


@st.composite
def _addresses(draw: st.DrawFn) -> str:
    labels = draw(st.lists(_LABEL, min_size=0, max_size=4))
    domain = ".".join([*labels, draw(_TLD)])
    text = f"{draw(_LOCAL)}@{domain}"
    return draw(st.sampled_from([text, text.upper(), f" {text} ", text + "\xa0", text.replace("@", "@@", 1)]))


@settings(max_examples=3000, deadline=None)
@given(_addresses())
def test_an_address_is_normalised_or_refused_as_by_the_full_check(text: str) -> None:
    assert _outcome(checked.email, text) == _outcome(inputs.email, text)


def test_long_and_plain_addresses_alike() -> None:
    for text in [
        "anna.muster@bluewin.ch",
        "Anna.Muster@Example.CH",
        "a" * 64 + "@example.ch",
        "a" * 65 + "@example.ch",
        "x@" + "b" * 63 + ".ch",
        "x@" + "b" * 64 + ".ch",
        "x@" + ".".join(["b" * 60] * 4) + ".ch",
        "x@sub.example.test",
        "first--last@example.ch",
        "x@exa--mple.ch",
        ".x@example.ch",
        "x.@example.ch",
        "x@-example.ch",
    ]:
        assert _outcome(checked.email, text) == _outcome(inputs.email, text), text


_PATH = st.text(alphabet="abc-019/?#=_ \xa0%", min_size=0, max_size=20)


@settings(max_examples=2000, deadline=None)
@given(
    st.sampled_from(
        [
            "https://www.linkedin.com/",
            "https://linkedin.com/",
            "http://www.linkedin.com/",
            " https://www.linkedin.com/",
            "https://www.xing.com/",
            "www.linkedin.com/",
        ]
    ),
    _PATH,
    st.sampled_from(["linkedin", "xing"]),
)
def test_a_profile_url_is_kept_or_refused_as_by_the_full_check(start: str, path: str, site: str) -> None:
    text = start + path
    assert _outcome(checked.profile_url, text, site) == _outcome(inputs.profile_url, text, site)
