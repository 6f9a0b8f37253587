"""The reporting API: requests (drafted with every Decree 09 element, issued, copied), units'
submissions (sections and the grid, sent), and the versions sent to the Ministry (their figures
and checksums) — through the same services and the same scope as the pages."""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import APIException, ValidationError
from rest_framework.response import Response

from nscl.core.periods import AD_HOC, Period
from nscl.organisation.models import Unit
from nscl.plans.selectors import plans_for
from nscl.workflow.engine import WorkflowError

from . import selectors, services
from .choices import Audience, Frequency, Method, RequestKind
from .table import RowInput, check_rows, columns

ELEMENT_FIELDS = ["name", "content", "kind", "frequency", "audience", "method", "number",
                  "symbol", "issued_on", "subject", "basis", "period_from", "period_to",
                  "data_from", "data_until", "deadline", "expires_on", "outline", "form"]


class Conflict(APIException):
    """A step the object's state does not allow now (issuing an issued request, sending a sent
    report): the request is well formed, the resource is not where it must be — 409."""

    status_code = status.HTTP_409_CONFLICT
    default_code = "conflict"


def _run(call, *, bodiless: bool = False):
    """A service's refusal as the API says it, in Vietnamese: 400 for what is wrong with the
    request's body; 409 for a step the object does not allow as it stands — its state (issuing
    an issued request) or, for a step that sends no body (`bodiless`: issue, submit, copy), its
    content (a draft missing its number, a table whose total is wrong): nothing in such a
    request can be wrong. Found by the stateful fuzzing: both were 400s."""
    try:
        return call()
    except DjangoValidationError as exc:
        if bodiless:
            raise Conflict(" ".join(exc.messages)) from exc
        raise ValidationError({"detail": exc.messages}) from exc
    except WorkflowError as exc:
        raise Conflict(str(exc)) from exc


class UnitIdsField(serializers.ListField):
    """Unit ids, written as a list and answered from the request's units."""

    def to_representation(self, data):
        if hasattr(data, "values_list"):
            data = data.values_list("pk", flat=True)
        return super().to_representation(data)


class RequestSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    plan = serializers.IntegerField(source="plan_id", help_text=_l("Kế hoạch (id) của tỉnh"))
    status = serializers.CharField(read_only=True)
    reference = serializers.CharField(read_only=True)
    name = serializers.CharField(required=False, allow_blank=True, max_length=300)
    content = serializers.CharField(required=False, allow_blank=True, max_length=10_000)
    kind = serializers.ChoiceField(RequestKind.choices, required=False)
    frequency = serializers.ChoiceField(Frequency.choices, required=False)
    year = serializers.IntegerField(required=False, write_only=True, min_value=2000,
                                    max_value=2100,
                                    help_text=_l("Năm của kỳ định kỳ: kỳ và thời gian chốt số liệu "
                                                 "được tính theo Nghị định 09/2019/NĐ-CP"))
    part = serializers.IntegerField(required=False, write_only=True, min_value=1, max_value=4,
                                    help_text=_l("Nửa năm (1–2) hoặc quý (1–4)"))
    period_from = serializers.DateField(required=False, allow_null=True)
    period_to = serializers.DateField(required=False, allow_null=True)
    data_from = serializers.DateField(required=False, allow_null=True)
    data_until = serializers.DateField(required=False, allow_null=True)
    audience = serializers.ChoiceField(Audience.choices, required=False)
    listed_units = UnitIdsField(child=serializers.IntegerField(), required=False,
                                         max_length=4000,
                                         help_text=_l("id các đơn vị (danh sách)"))
    recipient = serializers.IntegerField(source="recipient_id", required=False, allow_null=True)
    method = serializers.ChoiceField(Method.choices, required=False)
    number = serializers.CharField(required=False, allow_blank=True, max_length=20)
    symbol = serializers.CharField(required=False, max_length=40)
    issued_on = serializers.DateField(required=False, allow_null=True)
    subject = serializers.CharField(required=False, allow_blank=True, max_length=400)
    basis = serializers.CharField(required=False, allow_blank=True, max_length=400)
    deadline = serializers.DateField(required=False, allow_null=True)
    expires_on = serializers.DateField(required=False, allow_null=True)
    outline = serializers.JSONField(required=False)
    form = serializers.JSONField(required=False)
    missing = serializers.SerializerMethodField()
    units = serializers.SerializerMethodField()

    def get_missing(self, obj) -> list[str]:
        return [] if obj.is_issued else services.request_problems(obj) if obj.pk else []

    def get_units(self, obj) -> int:
        return obj.submissions.count() if obj.is_issued else \
            services.audience_units(obj).count()

    def to_representation(self, instance):
        data = super().to_representation(instance)
        data["listed_units"] = list(instance.listed_units.values_list("pk", flat=True))
        data["missing"] = [m for m in data["missing"] if m != str(services.NO_UNITS_CHOSEN)] \
            if instance.audience != Audience.LIST else data["missing"]
        return data

    def fields_for_service(self, plan) -> dict:
        data = dict(self.validated_data)
        data.pop("plan_id", None)
        year, part = data.pop("year", None), data.pop("part", None) or 1
        frequency = data.get("frequency")
        if year and frequency and frequency != AD_HOC:
            try:
                period = Period.of(frequency, year, part)
            except ValueError as exc:
                raise ValidationError({"part": [_("Kỳ không hợp lệ với tần suất.")]}) from exc
            data |= {"period_from": period.first, "period_to": period.last,
                     "data_from": period.window.since, "data_until": period.window.until}
        path = plan.province.province_path()
        if "recipient_id" in data:
            data["recipient"] = Unit.objects.filter(
                pk=data.pop("recipient_id"), path__startswith=path).first()
        return data


def _units(plan, ids):
    if ids is None:
        return None
    found = list(Unit.objects.filter(pk__in=ids))
    if len(found) != len(set(ids)):
        raise ValidationError({"listed_units": [_("Có đơn vị không tồn tại.")]})
    return found


class RequestViewSet(mixins.CreateModelMixin, mixins.UpdateModelMixin,
                     viewsets.ReadOnlyModelViewSet):
    """Reporting requests of the user's province (the office drafts and issues them)."""

    serializer_class = RequestSerializer
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_queryset(self):
        return selectors.requests_for(self.request.user).order_by("-pk")

    def perform_create(self, serializer):
        plan = get_object_or_404(plans_for(self.request.user),
                                 pk=serializer.validated_data["plan_id"])
        fields = serializer.fields_for_service(plan)
        units = _units(plan, fields.pop("listed_units", None)) or ()
        serializer.instance = _run(lambda: services.request_create(
            plan=plan, actor=self.request.user, units=units, **fields))

    def perform_update(self, serializer):
        request = serializer.instance
        fields = serializer.fields_for_service(request.plan)
        units = _units(request.plan, fields.pop("listed_units", None))
        serializer.instance = _run(lambda: services.request_update(
            request=request, actor=self.request.user, units=units, **fields))

    @extend_schema(request=None, responses=RequestSerializer)
    @action(detail=True, methods=["post"])
    def issue(self, request, pk=None):
        """Issue the draft: refused (409) naming every missing element."""
        issued = _run(lambda: services.request_issue(request=self.get_object(),
                                                     actor=request.user), bodiless=True)
        return Response(RequestSerializer(issued).data)

    # a new request: 201 (the schema said 200; found by the stateful fuzzing)
    @extend_schema(request=None, responses={201: RequestSerializer})
    @action(detail=True, methods=["post"])
    def copy(self, request, pk=None):
        """The same request for the next period, as a draft."""
        copy = _run(lambda: services.request_copy(source=self.get_object(),
                                                  actor=request.user), bodiless=True)
        return Response(RequestSerializer(copy).data, status=status.HTTP_201_CREATED)


class RowSerializer(serializers.Serializer):
    cells = serializers.DictField(child=serializers.CharField(allow_blank=True,
                                                              max_length=2000))
    is_total = serializers.BooleanField(default=False)


class SubmissionSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    request = serializers.IntegerField(source="request_id", read_only=True)
    unit = serializers.CharField(source="unit.name", read_only=True)
    status = serializers.CharField(read_only=True)
    deadline = serializers.DateField(read_only=True)
    late = serializers.BooleanField(source="is_late", read_only=True)
    document_number = serializers.CharField(required=False, allow_blank=True, max_length=40)
    document_date = serializers.DateField(required=False, allow_null=True)
    sections = serializers.DictField(child=serializers.CharField(allow_blank=True,
                                                                 max_length=20_000),
                                     required=False)
    rows = RowSerializer(many=True, required=False, max_length=200)
    findings = serializers.SerializerMethodField()

    def get_findings(self, obj) -> list[str]:
        return [f.message for f in check_rows(obj.request.form, services.stored_rows(obj))[1]]

    def to_representation(self, instance):
        data = super().to_representation(instance)
        data["rows"] = [{"cells": r.cells, "is_total": r.is_total}
                        for r in services.stored_rows(instance)]
        data["columns"] = columns(instance.request.form)
        return data


class SubmissionViewSet(mixins.UpdateModelMixin, viewsets.ReadOnlyModelViewSet):
    """A unit's contributions (its own; the office sees its province's)."""

    serializer_class = SubmissionSerializer
    http_method_names = ["get", "put", "post", "head", "options"]

    def get_queryset(self):
        return selectors.submissions_for(self.request.user).filter(
            request__status="issued").order_by("-pk")

    def perform_update(self, serializer):
        submission = serializer.instance
        data = serializer.validated_data
        rows = [RowInput(n, dict(r["cells"]), r.get("is_total", False))
                for n, r in enumerate(data.get("rows", []), start=1)]
        serializer.instance = _run(lambda: services.submission_save(
            submission=submission, actor=self.request.user,
            sections=data.get("sections", submission.sections or {}), rows=rows,
            document_number=data.get("document_number", submission.document_number),
            document_date=data.get("document_date", submission.document_date)))

    @extend_schema(request=None, responses=SubmissionSerializer)
    @action(detail=True, methods=["post"])
    def submit(self, request, pk=None):
        """Send to the program office (refused past its time, or with a bad cell)."""
        sent = _run(lambda: services.submission_submit(submission=self.get_object(),
                                                       actor=request.user), bodiless=True)
        return Response(SubmissionSerializer(sent).data)


class VersionSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    report = serializers.IntegerField(source="report_id", read_only=True)
    province = serializers.CharField(source="report.request.plan.province.name", read_only=True)
    number = serializers.IntegerField(read_only=True)
    reference = serializers.CharField(read_only=True)
    date = serializers.DateField(read_only=True)
    sent_at = serializers.DateTimeField(read_only=True)
    sha256_pdf = serializers.CharField(read_only=True)
    sha256_docx = serializers.CharField(read_only=True)
    sha256_xlsx = serializers.CharField(read_only=True)
    signed = serializers.BooleanField(source="is_signed", read_only=True)
    figures = serializers.JSONField(read_only=True)


class VersionViewSet(viewsets.ReadOnlyModelViewSet):
    """Versions of consolidated reports: the Ministry reads those sent to it."""

    serializer_class = VersionSerializer

    def get_queryset(self):
        return selectors.versions_for(self.request.user).order_by("-pk")

