"""Public, unauthenticated routes of the GS1 Digital Link resolver."""

from django.urls import path, re_path

from . import public

SERIAL = r"(?P<serial>[^/]{1,40})"
urlpatterns = [
    re_path(r"^01/(?P<gtin>\d{14})/10/(?P<lot>[^/]{1,20})/21/" + SERIAL + "$", public.resolve,
            name="resolve_lot"),
    re_path(r"^01/(?P<gtin>\d{14})/21/" + SERIAL + "$", public.resolve, name="resolve"),
    path(".well-known/gs1resolver", public.well_known, name="gs1resolver"),
    path("anh-san-pham/<int:pk>.jpg", public.product_image, name="product_image"),
    path("healthz", public.bare, name="bare"),
]
