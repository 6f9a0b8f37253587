from django.urls import path

from . import views

app_name = "budget"
urlpatterns = [
    path("ke-hoach/<int:plan_pk>/", views.plan_budget, name="plan_budget"),
    path("ke-hoach/<int:plan_pk>/nhap/", views.budget_import, name="budget_import"),
    path("ke-hoach/<int:plan_pk>/xuat.xlsx", views.budget_export, name="budget_export"),
    path("kiem-tra/", views.budget_check, name="budget_check"),
    path("dong/<int:pk>/sua/", views.line_edit, name="line_edit"),
]
