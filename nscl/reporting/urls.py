from django.urls import path

from . import views

app_name = "reporting"
urlpatterns = [
    path("", views.inbox, name="inbox"),
    path("cong-van/<int:pk>/", views.request_detail, name="request_detail"),
    path("cong-van/<int:pk>/tong-hop/", views.report_create, name="report_create"),
    path("dong-gop/<int:pk>/", views.submission_detail, name="submission_detail"),
    path("dong-gop/<int:pk>/xem-xet/", views.submission_review, name="submission_review"),
    path("dong-gop/<int:pk>/gia-han/", views.submission_reopen, name="submission_reopen"),
    path("bao-cao/<int:pk>/", views.report_detail, name="report_detail"),
    path("bao-cao/<int:pk>/tai.<str:fmt>", views.report_file, name="report_file"),
    path("bao-cao/<int:pk>/gui-bo/", views.report_send, name="report_send"),
    path("so-sanh-tinh/", views.ministry_compare, name="compare"),
]
