from django.urls import path

from homeward.interviews.audits import views

app_name = "audits"
urlpatterns = [
    path("", views.round_list, name="rounds"),
    path("new/", views.round_create, name="round_create"),
    path("scores.<str:fmt>", views.scores_download, name="download"),
    path("<int:round_id>/", views.round_detail, name="round"),
    path("<int:round_id>/audits/<int:audit_id>/", views.audit_score, name="score"),
]
