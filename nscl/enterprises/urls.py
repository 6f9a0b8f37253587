from django.urls import path

from . import views

app_name = "enterprises"
urlpatterns = [
    path("", views.beneficiary_list, name="beneficiary_list"),
    path("moi/", views.beneficiary_new, name="beneficiary_new"),
    path("nhap/", views.beneficiary_import, name="beneficiary_import"),
]
