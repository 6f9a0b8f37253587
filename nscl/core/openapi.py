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


# operations that take a workflow step: a 409 when the object's state does not allow it now
STEPS = {"api_v1_reporting_requests_partial_update", "api_v1_reporting_requests_issue_create",
         "api_v1_reporting_requests_copy_create", "api_v1_reporting_submissions_update",
         "api_v1_reporting_submissions_submit_create"}
CONFLICT = gettext_noop("Bước này không làm được ở trạng thái hiện tại")

# OpenAPI links: which answer's identifier another operation takes (for a client, and for the
# stateful fuzzing that follows them: create a request, then read, change, issue and copy it).
# operationId → status → link name → (target operationId, parameter, runtime expression)
FIRST = "$response.body#/results/0/id"  # the first row of a page
LINKS = {
    "api_v1_reporting_requests_create": {"201": {
        "read": ("api_v1_reporting_requests_retrieve", "id", "$response.body#/id"),
        "change": ("api_v1_reporting_requests_partial_update", "id", "$response.body#/id"),
        "issue": ("api_v1_reporting_requests_issue_create", "id", "$response.body#/id"),
        "copy": ("api_v1_reporting_requests_copy_create", "id", "$response.body#/id")}},
    "api_v1_reporting_requests_copy_create": {"201": {
        "read": ("api_v1_reporting_requests_retrieve", "id", "$response.body#/id"),
        "issue": ("api_v1_reporting_requests_issue_create", "id", "$response.body#/id")}},
    "api_v1_reporting_requests_list": {"200": {
        "read": ("api_v1_reporting_requests_retrieve", "id", FIRST),
        "copy": ("api_v1_reporting_requests_copy_create", "id", FIRST)}},
    "api_v1_reporting_submissions_list": {"200": {
        "read": ("api_v1_reporting_submissions_retrieve", "id", FIRST)}},
    "api_v1_reporting_submissions_retrieve": {"200": {
        "save": ("api_v1_reporting_submissions_update", "id", "$response.body#/id"),
        "submit": ("api_v1_reporting_submissions_submit_create", "id", "$response.body#/id")}},
    "api_v1_reporting_versions_list": {"200": {
        "read": ("api_v1_reporting_versions_retrieve", "id", FIRST)}},
    "api_v1_plans_list": {"200": {
        "read": ("api_v1_plans_retrieve", "id", FIRST),
        "progress": ("api_v1_plans_progress_list", "id", FIRST),
        "budget": ("api_v1_plans_budget_findings_list", "plan_pk", FIRST)}},
    "api_v1_cases_list": {"200": {"read": ("api_v1_cases_retrieve", "id", FIRST)}},
}


def declare_links(result, operations: dict, links: dict) -> None:
    """`links` (as `LINKS`) written into the answers of `result`'s operations (`operations`:
    operationId → operation); a link to an operation the schema does not have is an error."""
    for source, statuses in links.items():
        for status, named in statuses.items():
            response = operations[source]["responses"][status]
            response["links"] = {
                name: {"operationId": operations[target]["operationId"],
                       "parameters": {parameter: expression}}
                for name, (target, parameter, expression) in named.items()}


def by_operation_id(result) -> dict:
    return {operation["operationId"]: operation
            for operations in result.get("paths", {}).values()
            for operation in operations.values()}


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
    operations = by_operation_id(result)
    for operation_id in STEPS:
        operations[operation_id]["responses"]["409"] = {"description": _(CONFLICT), "content": {
            "application/json": {"schema": {"$ref": "#/components/schemas/ErrorDetail"}}}}
    declare_links(result, operations, LINKS)
    return result
