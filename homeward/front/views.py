"""The home page: the child search for those who work with children's records (issue 2 item 5)."""

from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from homeward.accounts.access import CHILD_READERS, REPORT_READERS, allow
from homeward.accounts.models import Role
from homeward.children.selectors import SEARCH_RESULT_LIMIT, children_search
from homeward.front.forms import ChildSearchForm
from homeward.timeutil import local_date


@allow(*CHILD_READERS, *REPORT_READERS, Role.ADMINISTRATOR)
@require_http_methods(["GET", "POST"])
def home(request):
    """Search by POST so that no name or date of birth ever appears in a URL (decision 0004)."""
    now = timezone.now()
    can_search = request.user.role in CHILD_READERS
    form = ChildSearchForm(request.POST if request.method == "POST" else None, now=now)
    results = None
    if can_search and form.is_bound and form.is_valid():
        results = children_search(
            request.user,
            text=form.cleaned_data["query"],
            date_of_birth=form.cleaned_data["date_of_birth"],
            today=local_date(now),
        )
    context = {
        "can_search": can_search,
        "form": form,
        "results": results,
        "result_limit": SEARCH_RESULT_LIMIT,
    }
    return render(request, "front/home.html", context)
