"""Reading and writing budget appendices: plain text from a PDF, Excel and Word."""

from pathlib import Path

from django.utils.translation import gettext as _

from ..sheet import BudgetDocument


class UnsupportedFile(ValueError):
    pass


def read_budget_file(name: str, content: bytes) -> BudgetDocument:
    """Find every appendix in a file, choosing the reader by the file's ending."""
    suffix = Path(name).suffix.lower()
    if suffix == ".xlsx":
        from .xlsx import read_xlsx
        return read_xlsx(content, source=name)
    if suffix == ".docx":
        from .docx import read_docx
        return read_docx(content, source=name)
    if suffix in {".txt", ".text", ""}:
        from .text import read_text
        return read_text(content.decode("utf-8-sig"), source=name)
    raise UnsupportedFile(_("Không đọc được tệp “%(name)s”: chỉ nhận .xlsx, .docx hoặc .txt.")
                          % {"name": name})


def read_budget_path(path: str | Path) -> BudgetDocument:
    path = Path(path)
    return read_budget_file(path.name, path.read_bytes())
