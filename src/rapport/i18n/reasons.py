"""Reasons in words, the same in the terminal and on the pages: why two people are worth introducing (quoting what
matched), and why a new face fits a group."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rapport.domain.groups import Why
    from rapport.domain.model import Reason
    from rapport.i18n import Translator


def _quote(t: Translator, texts: list[Any]) -> str:
    return ", ".join(t("intros.quote", text=str(x)) for x in texts)


def _found(t: Translator, found: list[dict[str, str]]) -> str:
    return ", ".join(
        t("intros.found", text=t("intros.quote", text=f["text"]), field=t(f"intros.field.{f['field']}")) for f in found
    )


def introduction(t: Translator, reason: Reason) -> str:
    """One reason for an introduction in words, quoting what matched."""
    f: dict[str, Any] = reason.facts
    if f["reason"] == "interests":
        return t(reason.code, first=f["first"], second=f["second"], topics=_quote(t, f["topics"]))
    return t(
        reason.code, first=f["first"], second=f["second"], wanted=_quote(t, f["wanted"]), found=_found(t, f["found"])
    )


def new_face(t: Translator, why: Why) -> str:
    """Why a new face fits a group, naming up to two members like them."""
    members = ", ".join(why.members[:2]) + (f" +{len(why.members) - 2}" if len(why.members) > 2 else "")
    return t(f"meetup.why.{why.code}", what=why.what, members=members)
