from django.urls import path

from . import views

app_name = "support"
urlpatterns = [
    path("", views.case_list, name="case_list"),
    path("ho-so/moi/", views.case_new, name="case_new"),
    path("ho-so/<int:pk>/", views.case_detail, name="case_detail"),
    path("ho-so/<int:pk>/<slug:action>/", views.case_step, name="case_step"),
    path("hoi-dong/<int:pk>/", views.council_detail, name="council_detail"),
    path("ke-hoach/<int:plan_pk>/", views.plan_support, name="plan_support"),
    path("ke-hoach/<int:plan_pk>/dot-moi/", views.call_new, name="call_new"),
    path("ke-hoach/<int:plan_pk>/hoi-dong-moi/", views.council_new, name="council_new"),
    path("ke-hoach/<int:plan_pk>/phe-duyet/", views.approval_new, name="approval_new"),
]
