from django.urls import path

from homeward.safeguarding import views

app_name = "safeguarding"
urlpatterns = [
    path("child/<int:child_pk>/philomena/", views.philomena, name="philomena"),
    path("child/<int:child_pk>/philomena/edit/", views.philomena_edit, name="philomena_edit"),
    path("child/<int:child_pk>/plans/new/", views.plan_add, name="plan_add"),
    path("plans/<int:pk>/end/", views.plan_end, name="plan_end"),
    path("child/<int:child_pk>/meetings/new/", views.meeting_add, name="meeting_add"),
]
