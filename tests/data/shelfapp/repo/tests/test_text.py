from shelf.utils.text import estimate_reading_time


def test_minimum_one_minute():
    assert estimate_reading_time(10) == 1


def test_rounds_up():
    assert estimate_reading_time(461, 230) == 3
