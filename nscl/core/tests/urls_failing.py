"""The site's URLs and one page that fails, to see the 500 page as a user would."""

from django.urls import path

from nscl.urls import handler403, handler404, handler500  # noqa: F401
from nscl.urls import urlpatterns as site


def _fails(request):
    raise RuntimeError("một lỗi lập trình")


urlpatterns = [path("trang-loi/", _fails), *site]
