from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("", include("homeward.front.urls")),
    path("children/", include("homeward.children.urls")),
    path("accounts/", include("homeward.accounts.urls")),
    path("admin/", admin.site.urls),
]
