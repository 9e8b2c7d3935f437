"""The checks of `inputs` for the values an import carries by the thousand, with a short way for the plain forms.

A plain address (`anna.muster@example.ch`) or a LinkedIn profile URL exactly as LinkedIn writes it is recognised
with one regular expression and normalised as the full check would; anything else goes to the full check in
`inputs`. Either way the result, or the refusal, is the same (tests compare both on generated values).
"""

from __future__ import annotations

import re

from rapport.services import inputs

# Dot-separated atoms of common characters, @, then at least two labels of letters, digits and inner hyphens; the
# top-level domain letters only. Quoted parts, comments, IP literals, internationalised names and everything rarer
# take the full check.
_PLAIN_EMAIL = re.compile(
    r"[A-Za-z0-9_+-]+(?:\.[A-Za-z0-9_+-]+)*@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}"
)
_SPECIAL_USE = frozenset(("arpa", "invalid", "local", "localhost", "onion", "test"))  # RFC 6761 and the like
_LINKEDIN = "https://www.linkedin.com/"


def email(text: str) -> str:
    """As `inputs.email`: the address normalised (the domain in lower case), or InputError."""
    if _PLAIN_EMAIL.fullmatch(text) and len(text) <= 254 and "--" not in text:
        local, _, domain = text.rpartition("@")
        domain = domain.lower()
        if len(local) <= 64 and domain.rsplit(".", 1)[1] not in _SPECIAL_USE:
            return f"{local}@{domain}"
    return inputs.email(text)


def profile_url(text: str, site: str) -> str:
    """As `inputs.profile_url`: a LinkedIn URL as LinkedIn exports it is already in the stored form."""
    if (
        site == "linkedin"
        and text.startswith(_LINKEDIN)
        and len(text) > len(_LINKEDIN)
        and text[-1] != "/"
        and not text[-1].isspace()
        and "?" not in text
        and "#" not in text
    ):
        return text
    return inputs.profile_url(text, site)
