"""Text and CSV files as provinces send them: UTF-8 with or without a byte-order mark, UTF-16
(what Excel writes as "Unicode text"), or Windows-1258 (the Vietnamese Windows code page, whose
letters arrive decomposed); separated by commas, semicolons or tabs."""

import csv
import unicodedata
from io import StringIO

from django.utils.translation import gettext as _

ENCODINGS = ("utf-8", "utf-16", "cp1258")


class TextFileError(ValueError):
    """A file that cannot be decoded or split into columns; the message is for the user."""


def decode(content: bytes, *, label: str = "") -> tuple[str, str]:
    """The text of a file and the encoding it was read in (NFC, so “ệ” is one character)."""
    if not content.strip(b"\x00\r\n\t \xef\xbb\xbf\xff\xfe"):
        raise TextFileError(_("Tệp “%(name)s” trống.") % {"name": label})
    if content.startswith(b"\xef\xbb\xbf"):
        text, encoding = content[3:].decode("utf-8", errors="strict"), "utf-8-sig"
    elif content.startswith((b"\xff\xfe", b"\xfe\xff")):
        text, encoding = _strict(content, "utf-16", label), "utf-16"
    elif _looks_utf16(content):
        encoding = "utf-16-le" if content[1:2] == b"\x00" else "utf-16-be"
        text = _strict(content, encoding, label)
    else:
        try:
            text, encoding = content.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            try:
                text, encoding = content.decode("cp1258"), "cp1258"
            except UnicodeDecodeError as exc:
                raise TextFileError(_(
                    "Không đọc được tệp “%(name)s”: không phải văn bản UTF-8, UTF-16 hay "
                    "Windows-1258.") % {"name": label}) from exc
    if "\x00" in text:
        raise TextFileError(_("Tệp “%(name)s” không phải là tệp văn bản.") % {"name": label})
    return unicodedata.normalize("NFC", text), encoding


def _looks_utf16(content: bytes) -> bool:
    head = content[:200]
    return len(head) >= 4 and (head[1::2].count(0) > len(head) * 0.4
                               or head[0::2].count(0) > len(head) * 0.4)


def _strict(content: bytes, encoding: str, label: str) -> str:
    try:
        return content.decode(encoding)
    except UnicodeDecodeError as exc:
        raise TextFileError(_("Không đọc được tệp “%(name)s” (mã hóa %(enc)s bị hỏng).")
                            % {"name": label, "enc": encoding.upper()}) from exc


def sniff_delimiter(lines: list[str]) -> str:
    """Tab, then semicolon, then comma: the first that splits every sample line into the same
    number (at least two) of columns. A semicolon file may hold decimal commas (`927,5`) and a
    comma file decimal points, so the split must be consistent, not merely present."""
    for delimiter in ("\t", ";", ","):
        try:
            widths = {len(row) for row in csv.reader(lines, delimiter=delimiter)}
        except csv.Error:
            continue
        if len(widths) == 1 and widths.pop() >= 2:
            return delimiter
    return max(",;\t", key=lambda d: lines[0].count(d) if lines else 0)


def read_csv(content: bytes, *, label: str = "", max_rows: int = 100_000,
             max_columns: int = 200) -> list[list[str]]:
    """Rows of a CSV file whose delimiter (`,` `;` tab) is sniffed from its first lines."""
    text, _encoding = decode(content, label=label)
    lines = [line for line in text.splitlines() if line.strip()]
    if not lines:
        raise TextFileError(_("Tệp “%(name)s” trống.") % {"name": label})
    delimiter = sniff_delimiter(lines[:20])
    try:
        rows = []
        for row in csv.reader(StringIO(text), delimiter=delimiter):
            if len(row) > max_columns:
                raise TextFileError(_("Tệp “%(name)s” có quá nhiều cột (tối đa %(n)s).")
                                    % {"name": label, "n": max_columns})
            rows.append(row)
            if len(rows) > max_rows:
                raise TextFileError(_("Tệp “%(name)s” có quá nhiều dòng (tối đa %(n)s).")
                                    % {"name": label, "n": max_rows})
    except csv.Error as exc:
        raise TextFileError(_("Tệp “%(name)s” không phải là tệp CSV đọc được: %(e)s")
                            % {"name": label, "e": exc}) from exc
    return rows


_TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}


def encode_cp1258(text: str) -> bytes:
    """Text as Vietnamese Windows writes it: letters with a circumflex, breve or horn are
    precomposed, tone marks follow as combining characters (“ố” = “ô” + U+0301)."""
    out = []
    for char in unicodedata.normalize("NFC", text):
        try:
            out.append(char.encode("cp1258"))
            continue
        except UnicodeEncodeError:
            pass
        decomposed = unicodedata.normalize("NFD", char)
        base = "".join(c for c in decomposed if c not in _TONES)
        tones = "".join(c for c in decomposed if c in _TONES)
        out.append(unicodedata.normalize("NFC", base).encode("cp1258") + tones.encode("cp1258"))
    return b"".join(out)
