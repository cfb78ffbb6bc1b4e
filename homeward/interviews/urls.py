from django.urls import path

from homeward.interviews import views

app_name = "interviews"
urlpatterns = [
    path("episode/<int:episode_pk>/", views.detail, name="detail"),
    path("episode/<int:episode_pk>/offer/", views.offer, name="offer"),
    path("episode/<int:episode_pk>/answer/", views.answer, name="answer"),
    path("episode/<int:episode_pk>/complete/", views.complete, name="complete"),
    path("episode/<int:episode_pk>/share/", views.share, name="share"),
    path("episode/<int:episode_pk>/authorise/", views.authorise, name="authorise"),
    path("episode/<int:episode_pk>/void/", views.void, name="void"),
]
