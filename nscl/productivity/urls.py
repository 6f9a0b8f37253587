from django.urls import path

from . import views

app_name = "productivity"
urlpatterns = [
    path("ke-hoach/<int:plan_pk>/", views.plan_tfp, name="plan_tfp"),
    path("ke-hoach/<int:plan_pk>/nhap/", views.plan_tfp_import, name="plan_tfp_import"),
]
