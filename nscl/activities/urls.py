from django.urls import path

from . import views

app_name = "activities"
urlpatterns = [
    path("", views.event_list, name="event_list"),
    path("moi/", views.event_new, name="event_new"),
    path("<int:pk>/", views.event_detail, name="event_detail"),
    path("<int:pk>/danh-sach/", views.event_attendance, name="event_attendance"),
    path("ke-hoach/<int:plan_pk>/chuyen-gia-giai-thuong/", views.plan_people,
         name="plan_people"),
]
