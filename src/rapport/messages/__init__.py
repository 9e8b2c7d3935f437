"""Messages: checks on what the owner writes to a contact (how personal is it?)."""

from rapport.messages.check import GOOD_FROM, WEIGHTS, CheckResult, Element, Facts, check, detect_language

__all__ = ["GOOD_FROM", "WEIGHTS", "CheckResult", "Element", "Facts", "check", "detect_language"]
