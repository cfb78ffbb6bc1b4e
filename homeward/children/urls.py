from django.urls import path

from homeward.children import views

app_name = "children"
urlpatterns = [
    path("<int:pk>/", views.child_detail, name="detail"),
]
