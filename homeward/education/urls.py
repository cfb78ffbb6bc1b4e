from django.urls import path

from homeward.education import views

app_name = "education"
urlpatterns = [
    path("", views.referral_list, name="referrals"),
    path("new/", views.referral_add, name="referral_add"),
    path("<int:pk>/", views.referral_outcome, name="referral"),
]
