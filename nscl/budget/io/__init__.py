"""Reading and writing budget appendices: plain text from a PDF, Excel and Word.

`read_budget_file` decides the file's number notation once, from its unambiguous values
(`nscl.core.numbers.decide`). When every written number could be read both ways (`1.350` and no
`0,5` or `1.234.567` anywhere), the table's own arithmetic decides: the reading that leaves fewer
sums broken is the one the authors meant; only a tie is reported as an ambiguous reading.
"""

from pathlib import Path

from django.utils.translation import gettext as _

from nscl.core.numbers import INTL, VN, NumberReader
from nscl.core.spreadsheets import SpreadsheetError
from nscl.core.textfiles import TextFileError, decode

from ..sheet import NOTICE, WARNING, BudgetDocument, ParseIssue


class UnsupportedFile(ValueError):
    pass


def _grid(streams, source: str, style: str) -> BudgetDocument:
    from .grid import GridReader, no_appendix_issue

    reader = GridReader(source, style)
    for name, rows in streams:
        reader.read_stream(rows, name=name)
    document = reader.finish()
    if not document.appendices:
        document.issues.append(no_appendix_issue(source))
    return document


def read_budget_file(name: str, content: bytes) -> BudgetDocument:
    """Find every appendix in a file, choosing the reader by the file's ending."""
    suffix = Path(name).suffix.lower()
    if suffix in {".xlsx", ".docx"}:
        if suffix == ".xlsx":
            from .xlsx import xlsx_streams
            streams = xlsx_streams(content, name)
        else:
            from .docx import docx_streams
            streams = docx_streams(content, name)
        return _decided(lambda style: _grid(streams, name, style))
    if suffix in {".txt", ".text", ""}:
        from .text import read_text
        try:
            text, _encoding = decode(content, label=name)
        except TextFileError as exc:
            raise UnsupportedFile(str(exc)) from exc
        return _decided(lambda style: read_text(text, name, style))
    raise UnsupportedFile(_("Không đọc được tệp “%(name)s”: chỉ nhận .xlsx, .docx hoặc .txt.")
                          % {"name": name})


def _decided(read) -> BudgetDocument:
    """Read in Vietnamese notation, decide the notation from the amounts actually read (not the
    row codes or dates around them), and read again when the amounts say otherwise."""
    document = read(VN)
    numbers = NumberReader(document.written_numbers)
    decision = numbers.decision
    if decision.decided and decision.style != VN:
        document = read(decision.style)
    elif not decision.decided and decision.ambiguous:
        mine = _errors(document)
        before = _reread(document, INTL)
        theirs = _errors(document)
        if theirs < mine:
            document.number_style = INTL
        else:
            _restore(before)
        if theirs == mine:
            for note in numbers.notes():
                document.issues.append(ParseIssue("", "", document.source, note,
                                                  check="number_format", severity=NOTICE,
                                                  understood=True))
    if decision.conflicts:
        for note in numbers.notes():
            document.issues.append(ParseIssue("", "", document.source, note,
                                              check="number_format", severity=WARNING,
                                              understood=True))
    return document


def _reread(document: BudgetDocument, style: str) -> list:
    """Every written amount read again in `style`, in place (no value of an undecided file is
    invalid in either notation); returns what to put back."""
    from nscl.core.numbers import MalformedNumber, parse_number

    from .assemble import get_amount, set_amount

    before = []
    for line, col, raw in document.amount_slots:
        before.append((line, col, get_amount(line, col)))
        try:
            set_amount(line, col, parse_number(raw, style=style))
        except MalformedNumber:
            set_amount(line, col, None)
    return before


def _restore(before: list) -> None:
    from .assemble import set_amount

    for line, col, value in before:
        set_amount(line, col, value)


def _errors(document: BudgetDocument) -> int:
    from ..validation import ERROR, validate_document
    return sum(f.severity == ERROR for f in validate_document(document))


def read_budget_path(path: str | Path) -> BudgetDocument:
    path = Path(path)
    return read_budget_file(path.name, path.read_bytes())


__all__ = ["SpreadsheetError", "UnsupportedFile", "read_budget_file", "read_budget_path", "VN"]
