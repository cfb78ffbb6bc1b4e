from django.shortcuts import render

from homeward.accounts.access import CHILD_READERS, REPORT_READERS, allow
from homeward.accounts.models import Role


@allow(*CHILD_READERS, *REPORT_READERS, Role.ADMINISTRATOR)
def home(request):
    return render(request, "front/home.html")
