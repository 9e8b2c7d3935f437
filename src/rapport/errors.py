"""One root error. Each kind knows its exit code (and, for the web app, its HTTP status); its text is a message
code with facts, so that the interface can say it in the user's language."""

from __future__ import annotations


class RapportError(Exception):
    exit_code = 1
    http_status = 400

    def __init__(self, code: str, **facts: object) -> None:
        super().__init__(code)
        self.code = code
        self.facts = facts


class InputError(RapportError):
    """Something the user typed is not valid (a date, an e-mail, a channel)."""

    exit_code = 2
    http_status = 422


class NotFound(RapportError):
    exit_code = 3
    http_status = 404


class Ambiguous(RapportError):
    """A name fits several contacts; the facts list the candidates."""

    exit_code = 2
    http_status = 409


class Refused(RapportError):
    """A rule says no (a full circle); the facts say how to proceed."""

    exit_code = 4
    http_status = 409


class StoreError(RapportError):
    """The database is missing, unreachable or in an unexpected state."""

    exit_code = 5
    http_status = 503
