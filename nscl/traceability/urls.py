from django.urls import path, re_path

from . import api_epcis, views, views_recall

app_name = "traceability"
urlpatterns = [
    path("san-pham/", views.product_list, name="product_list"),
    path("san-pham/moi/", views.product_new, name="product_new"),
    path("san-pham/<int:pk>/", views.product_detail, name="product_detail"),
    path("san-pham/<int:pk>/sua/", views.product_edit, name="product_edit"),
    path("san-pham/<int:pk>/lo-moi/", views.batch_new, name="batch_new"),
    path("san-pham/<int:pk>/cap-tem/", views.roll_issue, name="roll_issue"),
    path("san-pham/<int:pk>/cong-doan/", views.event_record, name="event_record"),
    path("cuon/<int:pk>/tien-do/", views.roll_progress, name="roll_progress"),
    path("cuon/<int:pk>/tao-tiep/", views.roll_resume, name="roll_resume"),
    path("cuon/<int:pk>/trang-thai/", views.roll_status, name="roll_status"),
    path("cuon/<int:pk>/tep.<str:fmt>", views.roll_file, name="roll_file"),
    path("quet/", views.scan_review, name="scan_review"),
    path("san-pham/<int:pk>/lo/<int:batch_pk>/thu-hoi/", views_recall.recall_new,
         name="recall_new"),
    path("thu-hoi/<int:pk>/", views_recall.recall_detail, name="recall_detail"),
    path("thu-hoi/<int:pk>/buoc/", views_recall.recall_step, name="recall_step"),
    path("epcis/capture", api_epcis.capture, name="epcis_capture"),
    path("epcis/capture/<uuid:job_id>", api_epcis.capture_job, name="epcis_capture_job"),
    path("epcis/events", api_epcis.events, name="epcis_events"),
    path("epcis/export", api_epcis.export, name="epcis_export"),
    re_path(r"^epcis/(capture|events|export)", api_epcis.not_found),  # a problem document
    path("epcis/nhap-tep", views.epcis_upload, name="epcis_upload"),
]
