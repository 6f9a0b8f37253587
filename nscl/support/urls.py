from django.urls import path

from . import council_views, views, views_calls, views_documents

app_name = "support"
urlpatterns = [
    path("", views.case_list, name="case_list"),
    path("ho-so/moi/", views.case_new, name="case_new"),
    path("ho-so/<int:pk>/", views.case_detail, name="case_detail"),
    path("ho-so/<int:pk>/tai-lieu/them/", views_documents.document_add, name="document_add"),
    path("tai-lieu/<int:pk>/", views_documents.document_download, name="document_download"),
    path("dot/", views_calls.calls_open, name="calls_open"),
    path("dot/tat-ca/", views_calls.call_list, name="call_list"),
    path("dot/<int:pk>/", views_calls.call_detail, name="call_detail"),
    path("dot/<int:pk>/sua/", views_calls.call_edit, name="call_edit"),
    path("dot/<int:pk>/dong/", views_calls.call_close, name="call_close"),
    path("dot/<int:pk>/gia-han/", views_calls.call_extend, name="call_extend"),
    path("ho-so/<int:pk>/xung-dot-loi-ich/", council_views.case_declare, name="case_declare"),
    path("ho-so/<int:pk>/cham-diem/", council_views.case_score, name="case_score"),
    path("ho-so/<int:pk>/<slug:action>/", views.case_step, name="case_step"),
    path("hoi-dong/", council_views.council_list, name="council_list"),
    path("hoi-dong/cua-toi/", council_views.my_councils, name="my_councils"),
    path("hoi-dong/<int:pk>/", council_views.council_detail, name="council_detail"),
    path("hoi-dong/<int:pk>/bien-ban/", council_views.minutes_edit, name="council_minutes_edit"),
    path("hoi-dong/<int:pk>/ket-luan/", council_views.council_conclude,
         name="council_conclude"),
    path("hoi-dong/<int:pk>/mo-lai/", council_views.council_reopen, name="council_reopen"),
    path("hoi-dong/<int:pk>/mo-lai-phieu/", council_views.score_reopen, name="score_reopen"),
    path("hoi-dong/<int:pk>/bien-ban.<str:fmt>", council_views.council_minutes,
         name="council_minutes"),
    path("ke-hoach/<int:plan_pk>/", views.plan_support, name="plan_support"),
    path("ke-hoach/<int:plan_pk>/dot-moi/", views.call_new, name="call_new"),
    path("ke-hoach/<int:plan_pk>/thanh-toan/", views.plan_payments, name="plan_payments"),
    path("ke-hoach/<int:plan_pk>/hoi-dong-moi/", views.council_new, name="council_new"),
    path("ke-hoach/<int:plan_pk>/phe-duyet/", views.approval_new, name="approval_new"),
]
