"""The one number parser: both notations decided per file, ASCII digits only, bounds per kind of
quantity with the limit in the message; formatting that never raises."""

import datetime as dt
from decimal import Decimal

import pytest
from django.template import Context, Template
from hypothesis import given, settings
from hypothesis import strategies as st

from nscl.core.numbers import (
    COUNT,
    GRDP,
    INTL,
    MONEY,
    QUANTITY,
    SHARE,
    VN,
    MalformedNumber,
    NumberOutOfRange,
    NumberReader,
    decide,
    format_number,
    format_vn_number,
    format_vn_percent,
    parse_number,
    parse_vn_number,
)
from nscl.core.tests.hypothesis_counts import counted
from nscl.core.text import search_key


@pytest.mark.parametrize("text,value", [
    ("6.370", Decimal("6370")), ("1.350", Decimal("1350")), ("95,79", Decimal("95.79")),
    ("228.400.000", Decimal("228400000")), ("0", Decimal(0)), ("1191", Decimal(1191)),
    ("-20", Decimal(-20)), ("", None), ("  ", None), ("−20", Decimal(-20)),
])
def test_parse_vietnamese_numbers(text, value):
    assert parse_vn_number(text) == value


@pytest.mark.parametrize("text", ["20.00.000", "1.5", "1,2,3", "12a", "1.3500", ".5", "²",
                                  "١٢٣", "1E400", "NaN", "Infinity", "0x10", "1_000"])
def test_malformed_numbers_are_refused_not_guessed(text):
    with pytest.raises(MalformedNumber):
        parse_vn_number(text)


@pytest.mark.parametrize("text,value", [
    ("927547.5625", Decimal("927547.5625")), ("1,234,567.5", Decimal("1234567.5")),
    ("0.5", Decimal("0.5")), ("1234", Decimal(1234))])
def test_parse_international_numbers(text, value):
    assert parse_number(text, style=INTL) == value


def test_cells_that_are_numbers_dates_or_infinite():
    assert parse_number(0.1) == Decimal("0.1") and parse_number(7) == 7
    for value in (float("inf"), float("nan"), Decimal("Infinity")):
        with pytest.raises(MalformedNumber, match="hữu hạn"):
            parse_number(value)
    for value in (dt.date(2024, 3, 15), dt.datetime(2024, 3, 15, 8), dt.time(8, 30)):
        with pytest.raises(MalformedNumber, match="ngày tháng"):
            parse_number(value)
    with pytest.raises(MalformedNumber):
        parse_number(True)


def test_the_notation_is_decided_from_unambiguous_values():
    assert decide(["1.234.567", "1.350", "20"]).style == VN
    assert decide(["927547.5625", "1.350"]).style == INTL
    assert decide(["1,5", "1,234"]).style == VN
    undecided = decide(["1.350", "6.370"])
    assert not undecided.decided and undecided.style == VN and undecided.ambiguous
    assert decide(["228.400"], integral=True).decided  # whole đồng: only one reading
    mixed = decide(["1.234.567", "2.345.678", "1.5"])
    assert mixed.style == VN and mixed.conflicts == ["1.5"]


def test_an_ambiguous_value_is_a_note_saying_which_reading_was_used():
    reader = NumberReader(["1.350", "6.370"])
    assert reader.parse("1.350") == 1350
    [note] = reader.notes()
    assert "“1.350” (và 1 số khác) có thể đọc theo hai cách" in note
    assert "số nguyên 1350" in note
    assert NumberReader(["1.350", "0,5"]).notes() == []


@pytest.mark.parametrize("kind,text,scale,unit,limit", [
    (MONEY, "10.000.000.000.000.000", 10**6, "triệu đồng", "1.000.000.000 triệu đồng"),
    (MONEY, "1" + "0" * 21, 1, "", "1.000.000.000.000.000 đồng"),
    (GRDP, "1" + "0" * 30, 1, "", "1.000.000.000.000.000"),
    (COUNT, "10000000000", 1, "", "1.000.000.000"),
])
def test_numbers_beyond_their_kind_are_refused_with_the_limit(kind, text, scale, unit, limit):
    with pytest.raises(NumberOutOfRange) as caught:
        parse_number(text, kind=kind, scale=scale, unit=unit)
    assert f"tối đa {limit}" in caught.value.message


def test_kinds_refuse_negatives_fractions_and_shares_above_one():
    with pytest.raises(NumberOutOfRange, match="không được âm"):
        parse_number("-5", kind=MONEY)
    with pytest.raises(NumberOutOfRange, match="số nguyên"):
        parse_number("2,5", kind=COUNT)
    with pytest.raises(NumberOutOfRange):
        parse_number("1,5", kind=SHARE)
    assert parse_number("12,5", kind=QUANTITY) == Decimal("12.5")
    assert parse_number("228.400.000 đồng", kind=MONEY) == 228400000


def test_format_as_officials_write():
    assert format_vn_number(Decimal("6370")) == "6.370"
    assert format_vn_number(Decimal("14755")) == "14.755"
    assert format_vn_number(Decimal("95.7912"), 2) == "95,79"
    assert format_vn_percent(Decimal("0.9579")) == "95,79%"
    assert format_vn_number(Decimal("-20")) == "-20"
    assert format_number(Decimal("1234567.5"), style=INTL) == "1,234,567.5"


@pytest.mark.parametrize("value", [Decimal("1e28"), Decimal("1e40"), Decimal("123456789e30"),
                                   Decimal("NaN"), Decimal("Infinity"), Decimal("-Infinity"),
                                   float("nan"), float("inf"), 10**40, "abc"])
def test_formatting_never_raises(value):
    format_vn_number(value)
    format_vn_number(value, 2)
    format_vn_percent(value)
    Template("{% load vn %}{{ v|vn_number }}{{ v|vn_number:2 }}{{ v|vn_percent }}").render(
        Context({"v": value}))


def test_huge_numbers_are_written_out():
    assert format_vn_number(Decimal("1e30")) == "1" + ".000" * 10
    assert format_vn_number(Decimal("1e28"), 2) == "10" + ".000" * 9 + ",00"
    assert format_vn_number(Decimal("NaN")) == "—" and format_vn_number(float("inf")) == "∞"


@settings(max_examples=200, deadline=None)
@given(st.decimals(min_value=-10**14, max_value=10**14, places=3, allow_nan=False),
       st.sampled_from([VN, INTL]))
@counted("numbers")
def test_format_then_parse_round_trips_in_both_notations(value, style):
    assert parse_number(format_number(value, style=style), style=style) == value


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="0123456789.,- ²٣", max_size=14))
@counted("numbers")
def test_any_text_is_a_number_or_a_clear_refusal(text):
    for style in (VN, INTL):
        try:
            value = parse_number(text, style=style, kind=MONEY)
        except MalformedNumber as exc:
            assert exc.message
        else:
            assert value is None or (value.is_finite() and 0 <= value <= Decimal("1e15"))


def test_search_key_ignores_diacritics():
    assert search_key("Quảng Ngãi") == "quang ngai"
    assert search_key("Đắk Lắk", "Sở KH&CN") == "dak lak so kh&cn"
    assert search_key("  THÀNH   phố  Hồ Chí Minh ") == "thanh pho ho chi minh"
