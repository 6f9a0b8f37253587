from django.conf import settings
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path, re_path

from nscl.jobs import health
from nscl.organisation.views import DemoLoginView
from nscl.traceability.public import resolve_compressed
from nscl.workflow.views import home

urlpatterns = [
    path("", include("nscl.traceability.urls_public")),  # first: stamp scans are the busiest route
    path("", home, name="home"),
    path("dang-nhap/", DemoLoginView.as_view(), name="login"),
    path("dang-xuat/", auth_views.LogoutView.as_view(), name="logout"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("to-chuc/", include("nscl.organisation.urls")),
    path("ke-hoach/", include("nscl.plans.urls")),
    path("du-toan/", include("nscl.budget.urls")),
    path("ho-tro/", include("nscl.support.urls")),
    path("doanh-nghiep/", include("nscl.enterprises.urls")),
    path("hoat-dong/", include("nscl.activities.urls")),
    path("bang-dieu-khien/", include("nscl.dashboard.urls")),
    path("nang-suat/", include("nscl.productivity.urls")),
    path("bao-cao/", include("nscl.reporting.urls")),
    path("viec-cho-toi/", include("nscl.workflow.urls")),
    path("api/v1/", include("nscl.api_urls")),
    path("truy-xuat/", include("nscl.traceability.urls")),
    path("viec-nen/", include("nscl.jobs.urls")),
    path("suc-khoe/web", health.web, name="health_web"),
    path("suc-khoe/db", health.database, name="health_db"),
    path("suc-khoe/worker", health.worker, name="health_worker"),
    # last: a compressed GS1 Digital Link is one segment of base64url characters
    *([path("quan-tri/", admin.site.urls)] if settings.NSCL_ADMIN_ENABLED else []),
    re_path(r"^(?P<segment>[A-Za-z0-9_-]{10,})/?$", resolve_compressed, name="resolve_compressed"),
]

# the error pages: Vietnamese (or the chosen language), in the site's frame, with a way back
handler403 = "nscl.core.errors.permission_denied"
handler404 = "nscl.core.errors.page_not_found"
handler500 = "nscl.core.errors.server_error"
