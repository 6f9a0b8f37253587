"""The EPCIS 2.0 REST binding: `POST /capture`, `GET /capture/{id}`, `GET /events`, and the
exchange document. Bodies are read within bounds (`epcis.parsing`) and every refusal is an RFC
7807 problem document naming the element; nothing here decides who may do what
(`permissions`) or what a document means (`epcis`)."""

from django.http import Http404, JsonResponse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework.decorators import api_view, parser_classes
from rest_framework.parsers import BaseParser
from rest_framework.views import exception_handler

from nscl.core.text import strip_controls_in

from . import epcis, selectors
from .epcis import openapi, parsing
from .epcis.problems import HTTP_TITLES, Problem
from .epcis.query import KNOWN as QUERY_PARAMETERS
from .identifiers import normalise_gtin
from .models import CaptureJob
from .permissions import can_view_capture_job

# DRF's own refusals (not logged in, no such job, wrong method or content type) as the
# binding's problem details: the exception the EPCIS 2.0 REST binding names for the status
EXCEPTIONS = {400: "ValidationException", 401: "SecurityException", 403: "SecurityException",
              404: "NoSuchResourceException", 413: "CaptureLimitExceededException"}
KEPT_HEADERS = ("WWW-Authenticate", "Allow", "Retry-After")


def _as_problem(exc, context):
    """DRF's exception handler, its answer rewritten as an RFC 7807 problem document."""
    response = exception_handler(exc, context)
    if response is None:
        return None
    status = response.status_code
    if status not in EXCEPTIONS and status not in HTTP_TITLES:
        return response
    data = response.data
    detail = str(data.get("detail", "")) if isinstance(data, dict) else ""
    problem = Problem(status, EXCEPTIONS.get(status, ""), detail or str(exc))
    answer = _problem(problem, context["request"])
    for name in KEPT_HEADERS:
        if response.has_header(name):
            answer[name] = response[name]
    return answer


def binding_view(methods: list[str]):
    """`api_view` whose every refusal, DRF's included, is a problem document."""
    def decorate(function):
        view = api_view(methods)(function)
        view.cls.get_exception_handler = lambda self: _as_problem
        return view
    return decorate


class BoundedJsonParser(BaseParser):
    """JSON bodies through `epcis.parsing.load` (size, depth, no NaN), control characters
    stripped from their strings as from every input (`core.text.strip_controls`)."""

    media_type = "application/json"

    def parse(self, stream, media_type=None, parser_context=None):
        return strip_controls_in(parsing.load(stream.read() if stream is not None else b""))


class BoundedJsonLdParser(BoundedJsonParser):
    media_type = "application/ld+json"


def _json(body: dict, status: int = 200, content_type: str = "application/json",
          **headers) -> JsonResponse:
    response = JsonResponse(body, status=status, content_type=content_type,
                            json_dumps_params={"ensure_ascii": False})
    for name, value in {**epcis.VERSION_HEADERS, **headers}.items():
        response[name] = value
    return response


def _problem(problem: Problem, request, **extra) -> JsonResponse:
    response = problem.response(instance=request.path, **extra)
    for name, value in epcis.VERSION_HEADERS.items():
        response[name] = value
    return response


@extend_schema(
    request={"application/ld+json": openapi.ref("epcisDocument"),
             "application/json": openapi.ref("epcisDocument")},
    responses={202: OpenApiResponse(openapi.own("CaptureAccepted"), description="captureID; "
                                    "`Location`: the capture job")},
    description="EPCIS 2.0 capture: an EPCISDocument (JSON-LD), validated against the EPCIS 2.0 "
                "JSON schema and the CBV before anything is stored; all or nothing.")
@binding_view(["POST"])
@parser_classes([BoundedJsonParser, BoundedJsonLdParser])
def capture(request):
    try:
        job = epcis.capture(request.data, actor=request.user)
    except Problem as problem:
        if problem.status == 403:
            return _problem(problem, request)
        job = CaptureJob.objects.create(success=False, errors=problem.errors[:200],
                                        submitted_by=request.user)
        return _problem(problem, request, captureID=str(job.id))
    location = f"/truy-xuat/epcis/capture/{job.id}"
    return _json({"captureID": str(job.id)}, status=202, Location=location)


@extend_schema(responses={200: openapi.own("CaptureJob")})
@binding_view(["GET"])
def capture_job(request, job_id):
    job = CaptureJob.objects.select_related("submitted_by__unit").filter(pk=job_id).first()
    if job is None or not can_view_capture_job(request.user, job):
        raise Http404
    return _json({"captureID": str(job.id), "running": False, "success": job.success,
                  "captureErrorBehaviour": "rollback", "errors": job.errors,
                  "eventsCaptured": job.captured, "duplicatesSkipped": job.duplicates,
                  "externalEvents": job.external})


@extend_schema(responses={(200, "application/ld+json"): openapi.ref("epcisQueryDocument")},
               parameters=[OpenApiParameter(name, required=False, **openapi.query_parameter(name))
                           for name in sorted(QUERY_PARAMETERS - {"format"})])
@binding_view(["GET"])
def events(request):
    try:
        document, following = epcis.query(request.query_params, request.user,
                                          selectors.products_for(request.user))
    except Problem as problem:
        return _problem(problem, request)
    headers = {}
    if following:
        params = request.query_params.copy()
        params["nextPageToken"] = following
        headers["Link"] = f'<{request.path}?{params.urlencode()}>; rel="next"'
    return _json(document, content_type="application/ld+json", **headers)


@extend_schema(responses={(200, "application/ld+json"): openapi.ref("epcisDocument")},
               parameters=[OpenApiParameter("gtin", required=False, **openapi.GTIN_PARAMETER)],
               description="Products, lots (EPCIS master data) and their events as one "
                           "EPCISDocument in JSON-LD: the registry's exchange document.")
@binding_view(["GET"])
def export(request):
    products = selectors.products_for(request.user)
    if request.query_params.get("gtin"):
        try:
            products = products.filter(gtin=normalise_gtin(request.query_params["gtin"]))
        except Exception as exc:  # a ValidationError naming the GTIN's fault
            problem = Problem(400, "QueryParameterException", " ".join(
                getattr(exc, "messages", [str(exc)])))
            return _problem(problem, request)
    return _json(epcis.export(request.user, products), content_type="application/ld+json",
                 **{"Content-Disposition": 'attachment; filename="nscl-epcis.jsonld"'})


@csrf_exempt  # a POST to a path naming nothing is a 404 too, not the CSRF page
def not_found(request, *args, **kwargs) -> JsonResponse:
    """A path under the binding that names nothing (a capture job id that is no UUID): the
    binding's problem document, as every other refusal of the binding."""
    return _problem(Problem(404, "NoSuchResourceException", _("Không tìm thấy.")), request)
