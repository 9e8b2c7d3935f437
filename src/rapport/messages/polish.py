"""Optional writing help from a language model: rephrase a draft without losing or inventing anything.

Never on by default: `LlmSettings.from_env` returns None unless both RAPPORT_LLM_URL and RAPPORT_LLM_MODEL are set,
and then nothing is ever sent. The endpoint is any OpenAI-compatible chat API (Ollama, llama.cpp, a hosted one).

The model's answer is only used when it passes three guards, otherwise rapport keeps the owner's own draft and says
why (a reason code):

* the personalisation check (`check_fn`) finds every element the draft had (greeting, moment, topic, what I did,
  thanks, dated proposal, no stock phrases, no gaps, length) and every gap like "[…]" is still there unchanged;
* it invents nothing: no number, weekday or month name, and no capitalised name that appears in neither the draft
  nor the facts summary (a simple rule; a false alarm only costs the polish, never a wrong fact);
* it stays within the character limit.

The API key is sent only in the Authorization header; it is never logged, never in a reason and not in `repr`.
"""

from __future__ import annotations

import json
import logging
import re
import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

import httpx

from rapport.messages import phrases as P
from rapport.messages.check import CheckResult

log = logging.getLogger(__name__)

ENV_URL = "RAPPORT_LLM_URL"
ENV_MODEL = "RAPPORT_LLM_MODEL"
ENV_KEY = "RAPPORT_LLM_API_KEY"
_SUFFIX = "/chat/completions"

#: Reason codes when rapport falls back to the original draft.
UNREACHABLE = "polish.unreachable"
TIMEOUT = "polish.timeout"
REJECTED = "polish.rejected"  # the endpoint answered with an HTTP error status (e.g. 401, 404, 500)
GARBAGE = "polish.garbage"
LOST_ELEMENT = "polish.lost_element"
INVENTED = "polish.invented"
TOO_LONG = "polish.too_long"
REASONS = (UNREACHABLE, TIMEOUT, REJECTED, GARBAGE, LOST_ELEMENT, INVENTED, TOO_LONG)


@dataclass(frozen=True)
class LlmSettings:
    """Where the writing help lives. `url` is the API base ("http://127.0.0.1:11434/v1") or its chat endpoint."""

    url: str
    model: str
    api_key: str | None = field(default=None, repr=False)
    timeout: float = 20.0

    @property
    def endpoint(self) -> str:
        base = self.url.strip().rstrip("/")
        if base.endswith(_SUFFIX):
            base = base[: -len(_SUFFIX)]
        return base + _SUFFIX

    @classmethod
    def from_env(cls, environ: Mapping[str, str]) -> LlmSettings | None:
        url = (environ.get(ENV_URL) or "").strip()
        model = (environ.get(ENV_MODEL) or "").strip()
        if not url or not model:
            return None
        key = (environ.get(ENV_KEY) or "").strip() or None
        return cls(url=url, model=model, api_key=key)


@dataclass(frozen=True)
class Polished:
    """`text` is what to use: the model's version when `polished`, else the original with a `reason` code."""

    text: str
    polished: bool
    reason: str | None = None
    #: For logs and `--verbose`: what exactly went wrong (an element name, an invented word, a status). Never secret.
    detail: str | None = None


# --- the prompt -------------------------------------------------------------------------------------------------

_SYSTEM = {
    "de": (
        "Du überarbeitest eine persönliche Nachricht an einen Kontakt, damit sie natürlicher und flüssiger klingt. "
        "Verwende AUSSCHLIESSLICH die Angaben aus dem Entwurf und aus den gegebenen Fakten; erfinde keine Namen, "
        "Daten, Zahlen, Orte oder Ereignisse. Behalte unbedingt: die Anrede mit Namen, den gemeinsamen Moment "
        "(wann/wo man sich getroffen hat), das Thema, was ich mit dem Input gemacht habe, den konkreten Dank und "
        "den Vorschlag für ein nächstes Treffen mit Datum. Lücken in eckigen Klammern wie [ … ] lässt du genau so "
        "stehen. Schreibe auf Deutsch, in derselben Anredeform (du/Sie) wie der Entwurf, ohne Floskeln. "
        "Antworte nur mit dem überarbeiteten Text, ohne Erklärung."
    ),
    "en": (
        "You polish a personal message to a contact so that it reads more naturally. Use ONLY the information in "
        "the draft and in the given facts; never invent names, dates, numbers, places or events. You must keep: the "
        "greeting by name, the shared moment (when/where we met), the topic, what I did with their input, the "
        "specific thanks, and the proposal of a next meeting with its date. Leave gaps in square brackets like "
        "[ … ] exactly as they are. Write in English, without stock phrases. Reply with the polished text only, "
        "no explanation."
    ),
}
_USER = {
    "de": "Kanal: {channel}\n{limit}Fakten:\n{facts}\n\nEntwurf:\n{text}",
    "en": "Channel: {channel}\n{limit}Facts:\n{facts}\n\nDraft:\n{text}",
}
_LIMIT = {"de": "Höchstens {n} Zeichen.\n", "en": "At most {n} characters.\n"}


def build_messages(text: str, facts_summary: str, lang: str, channel: str, limit: int | None) -> list[dict[str, str]]:
    lg = "de" if (lang or "").lower().startswith("de") else "en"
    user = _USER[lg].format(
        channel=channel,
        limit=_LIMIT[lg].format(n=limit) if limit is not None else "",
        facts=facts_summary.strip() or "-",
        text=text,
    )
    return [{"role": "system", "content": _SYSTEM[lg]}, {"role": "user", "content": user}]


# --- reading the answer -----------------------------------------------------------------------------------------

_THINK = re.compile(r"^\s*<think>.*?</think>", re.DOTALL | re.IGNORECASE)
_FENCE = re.compile(r"^```[\w-]*\n(.*)\n```$", re.DOTALL)
_QUOTES = {'"': '"', "“": "”", "„": "“", "«": "»", "'": "'"}


def _content(body: bytes) -> str | None:
    """choices[0].message.content as a clean string, or None when the answer is not that."""
    try:
        data = json.loads(body)
        content = data["choices"][0]["message"]["content"]
    except (ValueError, KeyError, IndexError, TypeError):
        return None
    if not isinstance(content, str):
        return None
    content = _THINK.sub("", content).strip()  # reasoning models (e.g. via Ollama) may prepend their thoughts
    m = _FENCE.match(content)
    if m:
        content = m.group(1).strip()
    if len(content) >= 2 and _QUOTES.get(content[0]) == content[-1]:
        content = content[1:-1].strip()
    return content or None


# --- the invention guard ----------------------------------------------------------------------------------------

_NUMBER = re.compile(r"\d+")
_TOKEN = re.compile(r"[^\W\d_][\w'’-]*", re.UNICODE)
_CALENDAR = {w.lower() for lg in ("de", "en") for w in P.WEEKDAYS[lg] + P.MONTHS[lg]}
_SENTENCE_END = re.compile(r"[.!?:;\n–—]\s*$")
#: German nouns are capitalised; after these (or an inflected adjective) a capitalised word is a noun, not a name.
_DE_BEFORE_NOUN = re.compile(
    r"^(?:d(?:er|ie|as|en|em|es)|ein(?:e|er|em|en|es)?|kein\w*|mein\w*|dein\w*|sein\w*|ihr\w*|unser\w*|euer|eur\w*|"
    r"dies\w*|jed\w*|all\w*|viel\w*|zum|zur|im|am|vom|beim|ins|ans)$"
)
_DE_ADJECTIVE = re.compile(r"^\w{2,}(?:e|en|em|er|es)$")  # "nächsten Vortrag", "tollen Input"
#: Capitalised words a rephrasing may add without adding a fact (greetings, closings, pronouns).
_HARMLESS = {
    "de": {"liebe", "lieber", "hallo", "hi", "guten", "tag", "grüße", "grüsse", "gruß", "gruss", "viele", "beste",
           "herzliche", "freundliche", "sie", "ihr", "ihnen", "ihre", "ihren", "ihrem", "ich", "du", "danke",
           "vielen", "dank", "herzlichen", "bis", "bald"},
    "en": {"dear", "hi", "hello", "best", "kind", "warm", "regards", "wishes", "thanks", "thank", "many", "cheers",
           "sincerely", "yours", "i", "i'm", "i've", "i'd", "i'll", "looking", "see", "you", "all", "talk", "soon"},
}  # fmt: skip


def _norm(s: str) -> str:
    s = unicodedata.normalize("NFKC", s).lower().replace("ß", "ss")
    return s.replace("ä", "a").replace("ö", "o").replace("ü", "u").replace("ae", "a").replace("oe", "o")


def _known(word: str, source: set[str], exact: bool = False) -> bool:
    """Is `word` among the source words: the same word or (unless `exact`) one with the same first five letters?"""
    w = _norm(word).strip("'’-")
    if w in source:
        return True
    return not exact and len(w) >= 5 and any(s.startswith(w[:5]) for s in source)  # "Teammeetings", "Ergebnis"


def invented(result: str, draft: str, facts_summary: str, lang: str) -> list[str]:
    """What `result` says that neither `draft` nor `facts_summary` does: numbers, weekdays/months, names."""
    source_raw = f"{draft}\n{facts_summary}"
    source = {_norm(t).strip("'’-") for t in _TOKEN.findall(source_raw)}
    known_numbers = set(_NUMBER.findall(source_raw))
    found: list[str] = [n for n in _NUMBER.findall(result) if n not in known_numbers]
    lg = "de" if (lang or "").lower().startswith("de") else "en"
    stop = P.STOPWORDS.get(lg, set()) | _HARMLESS[lg]
    prev = ""
    for m in _TOKEN.finditer(result):
        word = m.group(0)
        low = word.lower()
        before = result[: m.start()]
        sentence_start = not before.strip() or bool(_SENTENCE_END.search(before))
        if low in _CALENDAR:
            if not _known(word, source, exact=True):
                found.append(word)
        elif word[0].isupper() and not sentence_start and low not in stop and not _known(word, source):
            p = prev.lower()
            article = bool(_DE_BEFORE_NOUN.match(p)) or (bool(_DE_ADJECTIVE.match(p)) and p not in stop)
            noun = lg == "de" and prev[:1].islower() and article
            if not noun:
                found.append(word)
        prev = word
    return list(dict.fromkeys(found))


# --- polish -----------------------------------------------------------------------------------------------------


def _gaps(text: str) -> list[str]:
    return [m.group(0) for p in P.GAPS for m in p.finditer(text)]


def polish(
    text: str,
    facts_summary: str,
    lang: str,
    channel: str,
    limit: int | None,
    settings: LlmSettings,
    check_fn: Callable[[str], CheckResult],
    transport: httpx.BaseTransport | None = None,
) -> Polished:
    """Ask the model to rephrase `text`; use its answer only when it keeps, invents and exceeds nothing."""

    def fallback(reason: str, detail: str | None = None) -> Polished:
        log.info("writing help not used: %s (%s)", reason, detail or "-")
        return Polished(text=text, polished=False, reason=reason, detail=detail)

    headers = {"Content-Type": "application/json"}
    if settings.api_key:
        headers["Authorization"] = f"Bearer {settings.api_key}"
    payload = {
        "model": settings.model,
        "messages": build_messages(text, facts_summary, lang, channel, limit),
        "temperature": 0.3,
    }
    log.debug("asking the writing help at %s (model %s)", settings.endpoint, settings.model)
    try:
        with httpx.Client(transport=transport, timeout=settings.timeout) as client:
            response = client.post(settings.endpoint, json=payload, headers=headers)
    except httpx.TimeoutException as e:
        return fallback(TIMEOUT, type(e).__name__)
    except (httpx.HTTPError, httpx.InvalidURL) as e:  # connection refused, DNS, bad URL, protocol errors
        return fallback(UNREACHABLE, type(e).__name__)
    if response.status_code >= 400:
        return fallback(REJECTED, f"HTTP {response.status_code}")
    result = _content(response.content)
    if result is None:
        return fallback(GARBAGE)

    if limit is not None and len(result) > limit:
        return fallback(TOO_LONG, f"{len(result)} > {limit}")
    lost = [g for g in _gaps(text) if g not in result]
    if lost:
        return fallback(LOST_ELEMENT, "gap " + ", ".join(lost))
    before, after = check_fn(text), check_fn(result)
    kept = {e.name for e in after.elements if e.present}
    lost = [e.name for e in before.elements if e.present and e.name not in kept]
    if lost:
        return fallback(LOST_ELEMENT, ", ".join(lost))
    new = invented(result, text, facts_summary, lang)
    if new:
        return fallback(INVENTED, ", ".join(new[:5]))
    return Polished(text=result, polished=True)
