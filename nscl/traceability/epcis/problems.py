"""Errors of the EPCIS interface as RFC 7807 problem details, as the EPCIS 2.0 REST binding
answers them (`type` is one of its exception names), with every faulty element named by a JSON
pointer and a message in Vietnamese."""

from dataclasses import dataclass, field

from django.http import JsonResponse
from django.utils.translation import gettext_lazy as _l

PROBLEM_TYPE = "application/problem+json"
TITLES = {  # EPCIS 2.0 REST binding exception → what an official reads
    "ValidationException": _l("Tài liệu EPCIS không hợp lệ"),
    "QueryParameterException": _l("Tham số truy vấn không hợp lệ"),
    "SecurityException": _l("Không được phép"),
    "CaptureLimitExceededException": _l("Tài liệu quá lớn"),
    "NoSuchResourceException": _l("Không tìm thấy"),
}
# refusals the HTTP status says all of (RFC 7807 `about:blank`): named by their status
HTTP_TITLES = {
    405: _l("Phương thức không được phép"),
    406: _l("Không trả được định dạng yêu cầu"),
    415: _l("Kiểu nội dung không được nhận"),
}


@dataclass
class Issue:
    pointer: str  # a JSON pointer into the request (RFC 6901), "" for the whole document
    message: str

    def as_dict(self) -> dict:
        return {"pointer": self.pointer, "detail": self.message}


@dataclass
class Problem(Exception):
    """An EPCIS request refused whole."""

    status: int
    exception: str  # an exception name of TITLES, or "" for an HTTP_TITLES refusal
    detail: str
    issues: list[Issue] = field(default_factory=list)

    def __post_init__(self) -> None:
        super().__init__(self.detail)

    @property
    def errors(self) -> list[str]:
        """Each issue as one line naming its element (for pages and the capture job)."""
        return [f"{i.pointer or '/'}: {i.message}" for i in self.issues] or [self.detail]

    def body(self, instance: str = "") -> dict:
        if self.exception:
            kind, title = f"epcisException:{self.exception}", TITLES[self.exception]
        else:
            kind, title = "about:blank", HTTP_TITLES[self.status]
        body = {"type": kind, "title": str(title),
                "status": self.status, "detail": self.detail,
                "errors": [i.as_dict() for i in self.issues]}
        if instance:
            body["instance"] = instance
        return body

    def response(self, instance: str = "", **extra) -> JsonResponse:
        body = self.body(instance)
        body.update(extra)
        return JsonResponse(body, status=self.status, content_type=PROBLEM_TYPE,
                            json_dumps_params={"ensure_ascii": False})


def pointer(*parts) -> str:
    """A JSON pointer from path parts (RFC 6901 escaping)."""
    return "".join("/" + str(p).replace("~", "~0").replace("/", "~1") for p in parts)
