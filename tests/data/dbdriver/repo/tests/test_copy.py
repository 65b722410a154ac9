from quarry.copy import _encode_copy_row


def test_null_and_plain_values():
    assert _encode_copy_row((1, None, "a")) == b"1\t\\N\ta\n"


def test_tab_and_newline_escaped():
    assert _encode_copy_row(("a\tb", "c\nd")) == b"a\\tb\tc\\nd\n"


def test_bool_and_bytes():
    assert _encode_copy_row((True, b"\x01\xff")) == b"t\t\\\\x01ff\n"
