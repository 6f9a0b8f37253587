"""Public, unauthenticated routes: the GS1 Digital Link resolver and the pages its links lead to.

Every GS1 primary key routes to the resolver, which validates the rest itself (a malformed path
is a 400 that says why, not a 404). A compressed Digital Link is routed last, in `nscl.urls`.
"""

from django.urls import path, re_path

from . import public, public_pages

KEYS = "01|00|414|417|8003|8004|8018|253|255|401|402|8006|8010|8013|8017"
LOT = "<str:lot>"
urlpatterns = [
    re_path(rf"^(?P<path>(?:{KEYS})/.*)$", public.resolve, name="resolve"),
    path(".well-known/gs1resolver", public.well_known, name="gs1resolver"),
    path("sp/<str:gtin>/", public_pages.product_page, name="public_product"),
    path("sp/<str:gtin>/chung-nhan/", public_pages.certification_page,
         name="public_certification"),
    path("sp/<str:gtin>/thu-hoi/", public_pages.recall_status, name="public_recall"),
    path(f"sp/<str:gtin>/lo/{LOT}/", public_pages.lot_page, name="public_lot"),
    path(f"sp/<str:gtin>/lo/{LOT}/hanh-trinh/", public_pages.journey_page,
         name="public_journey"),
    path(f"sp/<str:gtin>/lo/{LOT}/thu-hoi/", public_pages.recall_status,
         name="public_lot_recall"),
    path("xac-thuc-pin/<str:serial>/", public_pages.pin_check, name="pin_check"),
    path("anh-san-pham/<int:pk>.jpg", public.product_image, name="product_image"),
    path("healthz", public.bare, name="bare"),
    path("suc-khoe/", public.health, name="health"),
]
