from django.urls import path

from . import views

app_name = "plans"
urlpatterns = [
    path("", views.plan_list, name="plan_list"),
    path("<int:pk>/", views.plan_detail, name="plan_detail"),
    path("<int:pk>/sua/", views.plan_edit, name="plan_edit"),
    path("<int:pk>/tien-do/", views.plan_progress_view, name="plan_progress"),
    path("<int:pk>/lich-su/", views.plan_history, name="plan_history"),
    path("<int:pk>/so-lieu/", views.indicator_value_add, name="indicator_value_add"),
]
