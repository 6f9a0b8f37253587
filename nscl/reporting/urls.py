from django.urls import path

from . import compare, views

app_name = "reporting"
urlpatterns = [
    path("", views.inbox, name="inbox"),
    path("cong-van/moi/", views.request_new, name="request_new"),
    path("cong-van/<int:pk>/", views.request_detail, name="request_detail"),
    path("cong-van/<int:pk>/sua/", views.request_edit, name="request_edit"),
    path("cong-van/<int:pk>/ban-hanh/", views.request_issue, name="request_issue"),
    path("cong-van/<int:pk>/sao-chep/", views.request_copy, name="request_copy"),
    path("cong-van/<int:pk>/luu-mau/", views.template_save, name="template_save"),
    path("mau/<int:pk>/tao-ky/", views.template_make, name="template_make"),
    path("cong-van/<int:pk>/tong-hop/", views.report_create, name="report_create"),
    path("dong-gop/<int:pk>/", views.submission_detail, name="submission_detail"),
    path("dong-gop/<int:pk>/bieu.xlsx", views.submission_grid_xlsx, name="submission_grid_xlsx"),
    path("dong-gop/<int:pk>/nhap-bieu/", views.submission_grid_upload,
         name="submission_grid_upload"),
    path("dong-gop/<int:pk>/tai.<str:fmt>", views.submission_file, name="submission_file"),
    path("dong-gop/<int:pk>/dinh-kem/", views.attachment_add, name="attachment_add"),
    path("dinh-kem/<int:pk>/", views.attachment_download, name="attachment_download"),
    path("dinh-kem/<int:pk>/go/", views.attachment_remove, name="attachment_remove"),
    path("dong-gop/<int:pk>/xem-xet/", views.submission_review, name="submission_review"),
    path("dong-gop/<int:pk>/gia-han/", views.submission_reopen, name="submission_reopen"),
    path("bao-cao/<int:pk>/", views.report_detail, name="report_detail"),
    path("bao-cao/<int:pk>/tai.<str:fmt>", views.report_file, name="report_file"),
    path("bao-cao/<int:pk>/chot/", views.report_freeze, name="report_freeze"),
    path("bao-cao/<int:pk>/huy-chot/", views.report_unfreeze, name="report_unfreeze"),
    path("bao-cao/<int:pk>/ky-so/", views.report_sign, name="report_sign"),
    path("bao-cao/<int:pk>/tai-len-ban-ky/", views.report_upload_signed,
         name="report_upload_signed"),
    path("bao-cao/<int:pk>/gui-bo/", views.report_send, name="report_send"),
    path("bao-cao/<int:pk>/dinh-chinh/", views.report_correct, name="report_correct"),
    path("phien-ban/<int:pk>/tai.<str:fmt>", views.version_file, name="version_file"),
    path("so-sanh-tinh/", compare.ministry_compare, name="compare"),
]
