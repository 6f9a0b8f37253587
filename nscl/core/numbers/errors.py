"""What goes wrong reading a number: the value is not a number, or is one out of its bounds."""

from django.utils.translation import gettext as _


class MalformedNumber(ValueError):
    """A value that is not a number in the notation being read; `message` says why in
    Vietnamese and names the value."""

    reason = "malformed"

    def __init__(self, text, reason: str = "malformed", message: str = ""):
        super().__init__(str(text))
        self.text = text if isinstance(text, str) else str(text)
        self.reason = reason
        self._message = message

    def __str__(self) -> str:
        return self.message

    @property
    def message(self) -> str:
        if self._message:
            return self._message
        if self.reason == "date":
            return _("ô chứa ngày tháng “%(v)s”, không phải là số") % {"v": self.text}
        if self.reason == "not_finite":
            return _("“%(v)s” không phải là một số hữu hạn") % {"v": self.text}
        return _("“%(v)s” không phải là số hợp lệ") % {"v": self.text}


class NumberOutOfRange(MalformedNumber):
    """A well-written number outside the bound of its kind of quantity (see `bounds.py`)."""

    def __init__(self, text, message: str):
        super().__init__(text, reason="out_of_range", message=message)
