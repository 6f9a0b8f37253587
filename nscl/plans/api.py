"""Read API of plans: the list in scope, and progress through the one indicator engine."""

from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from nscl.core.params import int_param

from . import selectors
from .models import Plan
from .progress import plan_progress


class PlanSerializer(serializers.ModelSerializer):
    reference = serializers.CharField(read_only=True)
    province = serializers.CharField(source="province.name", read_only=True)

    class Meta:
        model = Plan
        fields = ["id", "reference", "issued_on", "issuing_body", "title", "province",
                  "start_year", "end_year", "total_budget"]


class ProgressSerializer(serializers.Serializer):
    order = serializers.IntegerField(source="indicator.order")
    name = serializers.CharField(source="indicator.name")
    measure_unit = serializers.CharField(source="indicator.measure_unit")
    direction = serializers.CharField(source="indicator.direction")
    computation = serializers.CharField(source="indicator.computation")
    target = serializers.DecimalField(source="target.value", max_digits=18, decimal_places=4,
                                      allow_null=True)
    current = serializers.DecimalField(max_digits=18, decimal_places=4, allow_null=True)
    share = serializers.DecimalField(max_digits=12, decimal_places=4, allow_null=True)
    status = serializers.CharField()
    pace = serializers.CharField()
    by_year = serializers.DictField(child=serializers.DecimalField(max_digits=18,
                                                                   decimal_places=4))


class PlanViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = PlanSerializer

    def get_queryset(self):
        return selectors.plans_for(self.request.user, self.request.query_params.get("q"))

    @extend_schema(parameters=[
        OpenApiParameter("phase", int, description="id of the phase (default: the first)"),
        # the years the view reads (found by the stateful fuzzing: `until=81837` is a 400)
        OpenApiParameter("until", {"type": "integer", "minimum": 1900, "maximum": 2100},
                         description="count values up to this year (1900–2100)")],
        responses=ProgressSerializer(many=True))
    @action(detail=True, pagination_class=None)  # one row per indicator, never paged
    def progress(self, request, pk=None):
        plan = self.get_object()
        phases = {str(p.pk): p for p in plan.phases.all()}
        phase = phases.get(request.query_params.get("phase", ""), next(iter(phases.values())))
        until = request.query_params.get("until")
        year = int_param(request.query_params, "until", low=1900, high=2100)
        if until not in (None, "") and year is None:  # `²` too (ASCII digits only)
            raise ValidationError({"until": _("Năm phải là số, ví dụ 2024.")})
        rows = plan_progress(plan, phase, until=year)
        return Response(ProgressSerializer(rows, many=True).data)
