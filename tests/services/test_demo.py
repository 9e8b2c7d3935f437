from conftest import make_context


def test_x():
    assert make_context
