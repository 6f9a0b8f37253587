"""The REST API (v1): read what the pages show, in the user's scope; OpenAPI schema."""

from django.urls import include, path, re_path
from drf_spectacular.views import SpectacularAPIView
from rest_framework.routers import DefaultRouter

from nscl.budget import api as budget_api
from nscl.core.notfound import api_not_found
from nscl.plans.api import PlanViewSet
from nscl.reporting import api as reporting_api
from nscl.support.api import CaseViewSet

router = DefaultRouter()
router.register("plans", PlanViewSet, basename="plan")
router.register("cases", CaseViewSet, basename="case")
router.register("reporting/requests", reporting_api.RequestViewSet, basename="reporting-request")
router.register("reporting/submissions", reporting_api.SubmissionViewSet,
                basename="reporting-submission")
router.register("reporting/versions", reporting_api.VersionViewSet, basename="reporting-version")

urlpatterns = [
    path("", include(router.urls)),
    path("plans/<int:plan_pk>/budget-findings/", budget_api.plan_findings,
         name="plan-budget-findings"),
    path("budget/check/", budget_api.check_file, name="budget-check"),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    re_path(r"^", api_not_found),  # last: what names nothing is a JSON 404
]
