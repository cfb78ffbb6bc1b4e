from django.contrib.auth import views as auth_views
from django.views.decorators.http import require_POST

from homeward.accounts.access import public

sign_in = public(auth_views.LoginView.as_view(template_name="accounts/sign_in.html"))
sign_out = public(require_POST(auth_views.LogoutView.as_view()))
