from django.urls import path

from . import views

app_name = "jobs"
urlpatterns = [
    path("<uuid:pk>/", views.job_detail, name="job_detail"),
    path("<uuid:pk>/tien-do/", views.job_progress, name="job_progress"),
    path("<uuid:pk>/thu-lai/", views.job_retry, name="job_retry"),
    path("<uuid:pk>/tai/", views.job_download, name="job_download"),
]
