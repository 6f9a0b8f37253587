"""Read API of support cases, scoped like the pages."""

from rest_framework import serializers, viewsets

from nscl.core.params import int_param

from . import selectors
from .models import SupportCase


class CaseSerializer(serializers.ModelSerializer):
    beneficiary = serializers.CharField(source="beneficiary.name")
    tax_code = serializers.CharField(source="beneficiary.tax_code")
    commune = serializers.CharField(source="commune.name")
    category = serializers.CharField(source="call_category.category.code")
    year = serializers.IntegerField(source="call_category.call.year")

    class Meta:
        model = SupportCase
        fields = ["id", "code", "beneficiary", "tax_code", "commune", "category", "year",
                  "content", "requested_amount", "approved_amount", "status", "accepted_on"]


class CaseViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = CaseSerializer

    def get_queryset(self):
        p = self.request.query_params
        return selectors.case_list(self.request.user, status=p.get("status", ""),
                                   category=p.get("category", ""),
                                   year=int_param(p, "year", low=1900, high=2200),
                                   query=p.get("q", "")).select_related("commune")
