from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from nscl.core.numbers import MalformedNumber, format_vn_number, format_vn_percent, parse_vn_number
from nscl.core.text import search_key


@pytest.mark.parametrize("text,value", [
    ("6.370", Decimal("6370")), ("1.350", Decimal("1350")), ("95,79", Decimal("95.79")),
    ("228.400.000", Decimal("228400000")), ("0", Decimal(0)), ("1191", Decimal(1191)),
    ("-20", Decimal(-20)), ("", None), ("  ", None),
])
def test_parse_vietnamese_numbers(text, value):
    assert parse_vn_number(text) == value


@pytest.mark.parametrize("text", ["20.00.000", "1.5", "1,2,3", "12a", "1.3500", ".5"])
def test_malformed_numbers_are_refused_not_guessed(text):
    with pytest.raises(MalformedNumber):
        parse_vn_number(text)


def test_format_as_officials_write():
    assert format_vn_number(Decimal("6370")) == "6.370"
    assert format_vn_number(Decimal("14755")) == "14.755"
    assert format_vn_number(Decimal("95.7912"), 2) == "95,79"
    assert format_vn_percent(Decimal("0.9579")) == "95,79%"
    assert format_vn_number(Decimal("-20")) == "-20"


@given(st.decimals(min_value=-10**12, max_value=10**12, places=3, allow_nan=False))
def test_format_then_parse_round_trips(value):
    assert parse_vn_number(format_vn_number(value)) == value


def test_search_key_ignores_diacritics():
    assert search_key("Quảng Ngãi") == "quang ngai"
    assert search_key("Đắk Lắk", "Sở KH&CN") == "dak lak so kh&cn"
    assert search_key("  THÀNH   phố  Hồ Chí Minh ") == "thanh pho ho chi minh"
