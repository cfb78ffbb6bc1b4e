from django.urls import path

from homeward.reporting import views

app_name = "reporting"
urlpatterns = [
    path("performance/", views.performance, name="performance"),
    path("performance/download.<str:fmt>", views.performance_download, name="download"),
]
