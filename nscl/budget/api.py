"""Budget API: a stored plan's findings, and checking an uploaded appendix without storing it."""

from django.http import Http404
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.decorators import api_view, parser_classes
from rest_framework.response import Response

from nscl.core.parsers import BoundedMultiPartParser

from .forms import BudgetFileForm
from .io import UnsupportedFile, read_budget_file
from .selectors import budget_plan_get, plan_budget_findings
from .validation import check_document


class FindingSerializer(serializers.Serializer):
    appendix = serializers.CharField()
    line = serializers.CharField()
    check = serializers.CharField()
    severity = serializers.CharField()
    year = serializers.IntegerField(allow_null=True)
    expected = serializers.DecimalField(max_digits=30, decimal_places=6, allow_null=True,
                                        coerce_to_string=True, normalize_output=True)
    found = serializers.DecimalField(max_digits=30, decimal_places=6, allow_null=True,
                                     coerce_to_string=True, normalize_output=True)
    difference = serializers.DecimalField(max_digits=30, decimal_places=6, allow_null=True,
                                          coerce_to_string=True, normalize_output=True)
    message = serializers.CharField()
    location = serializers.CharField(allow_blank=True, default="")


class AppendixReadSerializer(serializers.Serializer):
    code = serializers.CharField()
    lines = serializers.IntegerField()
    years = serializers.IntegerField()
    sources = serializers.IntegerField()
    checks = serializers.IntegerField()
    money_unit = serializers.CharField()


class CheckResultSerializer(serializers.Serializer):
    """The findings of a file, what was read and checked, and whether all of it was understood:
    `fully_understood` false means parts of the file were not read, so no finding-free result may
    be taken as “all fine”."""

    fully_understood = serializers.BooleanField()
    summary = serializers.CharField()
    lines = serializers.IntegerField()
    checks = serializers.IntegerField()
    appendices = AppendixReadSerializer(many=True)
    findings = FindingSerializer(many=True)


@extend_schema(responses=FindingSerializer(many=True))
@api_view(["GET"])
def plan_findings(request, plan_pk: int):
    try:
        plan = budget_plan_get(request.user, plan_pk)
    except Http404:
        return Response({"detail": _("Không tìm thấy.")}, status=404)
    return Response(FindingSerializer(plan_budget_findings(plan), many=True).data)


@extend_schema(request={"multipart/form-data": {  # a file part, not a URL as DRF's FileField says
    "type": "object", "required": ["file"], "properties": {"file": {
        "type": "string", "format": "binary",
        "description": "an appendix as .xlsx, .docx or .txt (text from a PDF), at most 5 MB"}}}},
               responses=CheckResultSerializer)
@api_view(["POST"])
@parser_classes([BoundedMultiPartParser])
def check_file(request):
    form = BudgetFileForm(files=request.FILES)
    if not form.is_valid():
        return Response(form.errors, status=400)
    upload = form.cleaned_data["file"]
    try:
        document = read_budget_file(upload.name, upload.read())
    except (UnsupportedFile, ValueError) as exc:
        return Response({"file": [str(exc)]}, status=400)
    result = check_document(document)
    return Response(CheckResultSerializer({
        "fully_understood": result.fully_understood, "summary": result.summary(),
        "lines": result.lines, "checks": result.checks, "appendices": result.appendices,
        "findings": result.findings}).data)
