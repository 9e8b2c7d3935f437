"""Failed logins: ten in a row are allowed, then each try waits, the wait doubling with each further failure up to
an hour; a success clears the count; an account's and an address's counts are kept apart."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st

from rapport.domain.login import Attempts

T0 = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
KEYS = ("account:julia", "address:203.0.113.9")


def _fail(attempts: Attempts, times: int, at: datetime = T0) -> None:
    for _ in range(times):
        attempts.failed(KEYS, at)


def test_ten_failures_in_a_row_are_free_the_eleventh_try_waits_a_minute() -> None:
    attempts = Attempts()
    _fail(attempts, 9)
    assert attempts.wait(KEYS, T0) == timedelta(0)
    _fail(attempts, 1)
    assert attempts.wait(KEYS, T0) == timedelta(minutes=1)
    assert attempts.wait(KEYS, T0 + timedelta(seconds=59)) == timedelta(seconds=1)
    assert attempts.wait(KEYS, T0 + timedelta(minutes=1)) == timedelta(0)


def test_each_further_failure_doubles_the_wait_up_to_an_hour() -> None:
    attempts = Attempts()
    _fail(attempts, 11)
    assert attempts.wait(KEYS, T0) == timedelta(minutes=2)
    _fail(attempts, 5)
    assert attempts.wait(KEYS, T0) == timedelta(minutes=60)
    _fail(attempts, 30)
    assert attempts.wait(KEYS, T0) == timedelta(hours=1)


def test_a_success_clears_the_count() -> None:
    attempts = Attempts()
    _fail(attempts, 10)
    attempts.succeeded(KEYS)
    _fail(attempts, 9)
    assert attempts.wait(KEYS, T0) == timedelta(0)


def test_one_key_waiting_makes_the_try_wait() -> None:
    attempts = Attempts()
    for _ in range(10):
        attempts.failed(("account:julia", "address:198.51.100.1"), T0)
    # from another address, the same account waits; another account from a fresh address does not
    assert attempts.wait(("account:julia", "address:203.0.113.9"), T0) == timedelta(minutes=1)
    assert attempts.wait(("account:urs", "address:203.0.113.9"), T0) == timedelta(0)
    assert attempts.wait(("account:urs", "address:198.51.100.1"), T0) == timedelta(minutes=1)


@given(st.integers(min_value=0, max_value=200), st.integers(min_value=0, max_value=10_000))
def test_the_wait_never_grows_with_time_and_never_exceeds_an_hour(failures: int, seconds: int) -> None:
    attempts = Attempts()
    _fail(attempts, failures)
    now, later = T0 + timedelta(seconds=seconds), T0 + timedelta(seconds=seconds + 1)
    assert timedelta(0) <= attempts.wait(KEYS, later) <= attempts.wait(KEYS, now) <= timedelta(hours=1)
    assert (attempts.wait(KEYS, T0) > timedelta(0)) == (failures >= 10)


def test_a_first_login_that_succeeds_needs_no_failure_before_it() -> None:
    attempts = Attempts()
    attempts.succeeded(KEYS)  # nothing on record: nothing to clear, no error
    assert attempts.wait(KEYS, T0) == timedelta(0)


def test_a_flood_of_addresses_makes_the_oldest_forgotten_first_and_not_before_memory_is_full() -> None:
    from rapport.domain.login import ALLOWED, REMEMBERED

    attempts = Attempts()
    julia = ("account:julia",)
    for _ in range(ALLOWED + 1):
        attempts.failed(julia, T0)
    for n in range(REMEMBERED - 1):  # memory full, julia included
        attempts.failed((f"address:{n}",), T0)
    assert attempts.wait(julia, T0) > timedelta(0)
    attempts.failed(("address:one-more",), T0)  # one too many: the oldest (julia) is forgotten
    assert attempts.wait(julia, T0) == timedelta(0)
    for _ in range(ALLOWED + 1):
        attempts.failed(("address:newest",), T0)
    assert attempts.wait(("address:newest",), T0) > timedelta(0)  # the newest is remembered
