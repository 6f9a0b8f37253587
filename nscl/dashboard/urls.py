from django.urls import path

from . import views

app_name = "dashboard"
urlpatterns = [
    path("", views.dashboard_home, name="home"),
    path("<int:pk>/", views.plan_dashboard, name="plan_dashboard"),
    path("<int:pk>/bieu-do/<slug:key>.png", views.chart_png, name="chart_png"),
]
