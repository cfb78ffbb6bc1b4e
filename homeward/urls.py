from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("", include("homeward.front.urls")),
    path("accounts/", include("homeward.accounts.urls")),
    path("children/", include("homeward.children.urls")),
    path("audits/", include("homeward.interviews.audits.urls")),
    path("education/", include("homeward.education.urls")),
    path("reports/", include("homeward.reporting.urls")),
    path("episodes/", include("homeward.episodes.urls")),
    path("interviews/", include("homeward.interviews.urls")),
    path("safeguarding/", include("homeward.safeguarding.urls")),
    path("admin/", admin.site.urls),
]
