"""How many times a login may fail: after ALLOWED failures in a row for one account (or from one address), the next
attempt waits, and each further failure doubles the wait, up to LONGEST. A success clears the count."""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass
from datetime import datetime, timedelta

#: Failed logins in a row that are allowed before any wait.
ALLOWED = 10
#: The wait after the first failure too many; it doubles with each further one.
FIRST_WAIT = timedelta(minutes=1)
LONGEST = timedelta(hours=1)
#: Keys remembered at most (the oldest are forgotten first), so that a flood of addresses cannot fill the memory.
REMEMBERED = 100_000


@dataclass
class _Record:
    failures: int
    last: datetime


class Attempts:
    """Failed logins per key ("account:julia", "address:203.0.113.9"), in the server's memory."""

    def __init__(self) -> None:
        self._records: OrderedDict[str, _Record] = OrderedDict()

    def wait(self, keys: tuple[str, ...], now: datetime) -> timedelta:
        """How long any of `keys` must still wait before its next attempt (zero: it may try now)."""
        longest = timedelta(0)
        for key in keys:
            record = self._records.get(key)
            if record is None or record.failures < ALLOWED:
                continue
            waited = now - record.last
            longest = max(longest, _wait_after(record.failures) - waited)
        return longest

    def failed(self, keys: tuple[str, ...], now: datetime) -> None:
        for key in keys:
            record = self._records.pop(key, None) or _Record(0, now)
            self._records[key] = _Record(record.failures + 1, now)
        while len(self._records) > REMEMBERED:
            self._records.popitem(last=False)

    def succeeded(self, keys: tuple[str, ...]) -> None:
        for key in keys:
            self._records.pop(key, None)


def _wait_after(failures: int) -> timedelta:
    """The wait once `failures` attempts in a row have failed: none up to ALLOWED, then FIRST_WAIT, doubling."""
    if failures < ALLOWED:
        return timedelta(0)
    wait: timedelta = FIRST_WAIT * 2 ** min(failures - ALLOWED, 20)
    return min(LONGEST, wait)
