"""Series files as provinces and international databases write them, and the ones that cannot be
read: every failure a clear message, never a 500 or thousands of messages."""

import csv
import io
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nscl.core.numbers import INTL, VN, format_number
from nscl.core.tests import crafted
from nscl.core.tests.hypothesis_counts import counted
from nscl.core.textfiles import encode_cp1258
from nscl.productivity.series import SeriesError, check, read_series

HEADER = "Năm;GRDP;Đầu tư;Lao động"


def test_an_international_export_with_decimal_points_is_read():
    text = "year,GRDP,investment,labour\n2020,927547.5625,3000.25,520.5\n2021,951234.125,3100,525\n"
    read = read_series("gso.csv", text.encode())
    assert read.rows[0].output == Decimal("927547.5625") and read.rows[1].labour == 525
    assert read.notes == []


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "cp1258"])
def test_encodings_and_delimiters(encoding):
    for delimiter in (";", "\t"):
        text = f"Năm{delimiter}GRDP{delimiter}Vốn{delimiter}Lao động\n" \
               f"2020{delimiter}1.234,5{delimiter}3.000{delimiter}500\n"
        data = encode_cp1258(text) if encoding == "cp1258" else text.encode(encoding)
        assert encoding != "cp1258" or b"\xcc" in data or b"\xec" in data  # combining marks
        read = read_series("x.csv", data)
        assert read.rows[0].output == Decimal("1234.5") and read.rows[0].capital == 3000


def test_headers_in_english_or_without_diacritics():
    text = "YEAR;Real GDP;Capital stock;Employment;Labour share\n2020;100;300;50;0,6\n"
    row = read_series("x.csv", text.encode()).rows[0]
    assert (row.output, row.capital, row.labour, row.labour_share) == (100, 300, 50,
                                                                       Decimal("0.6"))


def test_an_ambiguous_file_says_how_it_was_read():
    read = read_series("x.csv", f"{HEADER}\n2020;1.234;300;50\n".encode())
    assert read.rows[0].output == 1234 and "đã đọc theo cách Việt Nam" in read.notes[0]


def test_a_span_from_year_1_to_20000_is_one_clear_error():
    with pytest.raises(SeriesError) as caught:
        read_series("x.csv", f"{HEADER}\n1;100;30;50\n20000;110;31;51\n".encode())
    assert len(caught.value.messages) == 2
    assert all("không hợp lệ (bốn chữ số, từ 1900 đến 2100)" in m for m in caught.value.messages)
    with pytest.raises(SeriesError) as caught:
        read_series("x.csv", f"{HEADER}\n1900;100;30;50\n2100;110;31;51\n".encode())
    assert caught.value.messages == ["Số liệu trải từ năm 1900 đến năm 2100, quá 100 năm cho "
                                     "phép."]


def test_gaps_are_reported_as_ranges():
    rows = read_series("x.csv", f"{HEADER}\n2000;100;30;50\n2030;110;31;51\n".encode()).rows
    with pytest.raises(SeriesError) as caught:
        check(rows)
    assert "Thiếu số liệu năm 2001–2029." in caught.value.messages


def test_a_grdp_of_10_to_the_30_is_refused_with_the_limit():
    with pytest.raises(SeriesError, match="vượt giới hạn cho phép"):
        read_series("x.csv", f"{HEADER}\n2020;1{'0' * 30};30;50\n".encode())


@pytest.mark.parametrize("name,content,message", [
    ("x.csv", b"", "trống"),
    ("x.csv", "Năm\n2020\n2021\n".encode(), "chỉ có một cột"),
    ("x.csv", b"\x81\x8d\x8f\x90\x9d\xff\xfe\x00\x00", "Không đọc được tệp"),
    ("x.xlsx", crafted.corrupt_sheet(), "không phải là bảng tính Excel"),
    ("x.xlsx", crafted.billion_laughs(), "DTD"),
    ("x.xlsx", b"not a zip", "không phải là bảng tính Excel"),
    ("x.csv", "GRDP;Lao động\n100;50\n".encode(), "Cần các cột"),
])
def test_unreadable_files_are_clear_errors(name, content, message):
    with pytest.raises(SeriesError) as caught:
        read_series(name, content)
    assert message in " ".join(caught.value.messages)


def test_the_import_page_refuses_a_broken_file_with_a_message(client, users, soc_trang):
    from io import BytesIO
    client.force_login(users["vanphong.cantho"])
    upload = BytesIO(crafted.corrupt_sheet())
    upload.name = "hong.xlsx"
    page = client.post(f"/nang-suat/ke-hoach/{soc_trang.pk}/nhap/", {"file": upload},
                       follow=True)
    assert page.status_code == 200 and "không phải là bảng tính Excel" in page.content.decode()


@st.composite
def series_files(draw):
    n = draw(st.integers(1, 12))
    start = draw(st.integers(1990, 2080))
    values = [(start + i,
               Decimal(draw(st.integers(1, 10**9))) / (10 ** draw(st.integers(0, 4))),
               Decimal(draw(st.integers(1, 10**7))) / 10,
               Decimal(draw(st.integers(1, 10**6))) / 100) for i in range(n)]
    style = draw(st.sampled_from([VN, INTL]))
    encoding = draw(st.sampled_from(["utf-8-sig", "utf-16", "cp1258"]))
    delimiter = ";" if style == VN else draw(st.sampled_from([",", "\t"]))
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\n")
    writer.writerow(["Năm", "GRDP", "Đầu tư", "Lao động"])
    writer.writerows([[str(y)] + [_written(v, style) for v in rest] for y, *rest in values])
    text = out.getvalue()
    return (encode_cp1258(text) if encoding == "cp1258" else text.encode(encoding)), values


def _written(value: Decimal, style: str) -> str:
    # a decimal point or comma always, so neither notation can read the value another way
    text = format_number(value, style=style)
    mark = "," if style == VN else "."
    return text if mark in text else text + mark + "0"


@settings(max_examples=60, deadline=None)
@given(series_files())
@counted("productivity series")
def test_a_series_written_in_either_notation_and_encoding_reads_back_identically(drawn):
    content, values = drawn
    rows = read_series("x.csv", content).rows
    assert [(r.year, r.output, r.investment, r.labour) for r in rows] == values
