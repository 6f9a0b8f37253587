"""The OpenAPI schema says every answer the API gives (a drf-spectacular postprocessing hook):
the refusals every operation can return — 400 (bad parameters or body), 401/403 (not logged
in, no permission), 404 (out of scope or no such page), 413 (body too large), 415 (a content
type the operation does not read) — each with its error body, as DRF writes it
(`{"detail": "…"}` or the fields' messages). The EPCIS binding answers its refusals as RFC 7807
problem documents: `nscl.traceability.epcis.openapi.document_binding`, the next hook, says so."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

DETAIL = {"type": "object", "properties": {"detail": {"type": "string"}}, "required": ["detail"]}
VALIDATION = {"type": "object", "additionalProperties": True}
ERRORS = {
    "400": (gettext_noop("Tham số hoặc nội dung không hợp lệ"), VALIDATION),
    "401": (gettext_noop("Chưa đăng nhập (token sai)"), DETAIL),
    "403": (gettext_noop("Chưa đăng nhập hoặc không có quyền"), DETAIL),
    "404": (gettext_noop("Không có, hoặc ngoài phạm vi của người dùng"), DETAIL),
    "405": (gettext_noop("Phương thức không được phép"), DETAIL),
    "406": (gettext_noop("Không trả được định dạng yêu cầu"), DETAIL),
    "413": (gettext_noop("Nội dung gửi lên quá lớn"), DETAIL),
    "415": (gettext_noop("Kiểu nội dung không được nhận"), DETAIL),
}


def document_errors(result, generator, request, public):
    components = result.setdefault("components", {}).setdefault("schemas", {})
    components.setdefault("ErrorDetail", DETAIL)
    components.setdefault("ValidationErrors", VALIDATION)
    refs = {id(DETAIL): "ErrorDetail", id(VALIDATION): "ValidationErrors"}
    for operations in result.get("paths", {}).values():
        for operation in operations.values():
            responses = operation.setdefault("responses", {})
            for status, (description, body) in ERRORS.items():
                response = responses.setdefault(status, {"description": _(description)})
                content = response.setdefault("content", {})
                content.setdefault("application/json",
                                   {"schema": {"$ref": f"#/components/schemas/{refs[id(body)]}"}})
    return result
