"""Give first: the favour balance, and when it asks me to give before taking."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rapport.domain.reciprocity import in_debt, owes_first

from ._support import contact

counts = st.integers(min_value=0, max_value=1000)


@pytest.mark.parametrize(
    ("given_", "received", "balance", "owes", "debt"),
    [
        (0, 0, 0, True, False),
        (3, 1, 2, False, False),
        (1, 3, -2, True, True),
        (2, 2, 0, True, False),
        (1, 0, 1, False, False),
    ],
)
def test_balance_is_given_minus_received_and_decides_owing_and_debt(
    given_: int, received: int, balance: int, owes: bool, debt: bool
) -> None:
    someone = contact(given=given_, received=received)
    assert someone.balance == balance
    assert owes_first(someone) is owes
    assert in_debt(someone) is debt


def test_open_asks_do_not_count_in_the_balance() -> None:
    assert contact(given=1, received=1, open_asks=5).balance == 0


@given(counts, counts)
def test_i_owe_first_unless_i_gave_more_than_i_received(given_: int, received: int) -> None:
    someone = contact(given=given_, received=received)
    assert (someone.balance < 0) == (given_ < received)
    assert owes_first(someone) == (given_ <= received)
    assert in_debt(someone) == (given_ < received)
    if in_debt(someone):
        assert owes_first(someone)
