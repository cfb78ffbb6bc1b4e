from django.urls import path

from homeward.front import views

app_name = "front"
urlpatterns = [
    path("", views.home, name="home"),
]
