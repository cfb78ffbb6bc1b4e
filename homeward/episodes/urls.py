from django.urls import path

from homeward.episodes import views

app_name = "episodes"
urlpatterns = [
    path("", views.episode_list, name="list"),
    path("report/child/<int:child_pk>/", views.report, name="report"),
    path("report/new-child/", views.report_new_child, name="report_new_child"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/edit/", views.edit, name="edit"),
    path("<int:pk>/recorded-in-error/", views.recorded_in_error, name="recorded_in_error"),
    path("<int:pk>/risk/", views.risk_update, name="risk_update"),
    path("<int:pk>/return/", views.return_record, name="return"),
    path("<int:pk>/notes/new/", views.note_add, name="note_add"),
]
