"""The children missing education referral register: list, add, record located and closed."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from homeward.accounts.access import CASEWORK, allow
from homeward.children.selectors import children_for_user
from homeward.education import selectors, services
from homeward.education.forms import OutcomeForm, ReferralForm
from homeward.reporting.counting import cme_counts
from homeward.reporting.periods import reporting_year_of
from homeward.reporting.tables import cme_table
from homeward.timeutil import local_date

STATUS_FILTERS = {
    "open": {"closed_on__isnull": True},
    "closed": {"closed_on__isnull": False},
    "all": {},
}


def _today():
    return local_date(timezone.now())


@allow(*CASEWORK)
def referral_list(request):
    status = request.GET.get("status", "open")
    if status not in STATUS_FILTERS:
        status = "open"
    referrals = (
        selectors.cme_referrals_for_user(request.user)
        .filter(**STATUS_FILTERS[status])
        .select_related("child")
        .order_by("-referred_on", "-pk")[:500]
    )
    now = timezone.now()
    year = reporting_year_of(local_date(now))
    counts = cme_counts(
        referrals=selectors.cme_referrals_for_user(request.user), period=year, as_at=now
    )
    return render(
        request,
        "education/referral_list.html",
        {
            "referrals": referrals,
            "status": status,
            "statuses": list(STATUS_FILTERS),
            "counts_table": cme_table(counts),
            "year": year,
        },
    )


@allow(*CASEWORK)
@require_http_methods(["GET", "POST"])
def referral_add(request):
    form = ReferralForm(request.POST or None, children=children_for_user(request.user))
    if request.method == "POST" and form.is_valid():
        try:
            services.cme_referral_create(
                organisation=request.user.organisation,
                child=form.cleaned_data["person_id"],
                school=form.cleaned_data["school"],
                referred_on=form.cleaned_data["referred_on"],
                created_by=request.user,
                today=_today(),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "Referral added to the register.")
            return redirect("education:referrals")
    return render(request, "education/referral_add.html", {"form": form})


@allow(*CASEWORK)
@require_http_methods(["GET", "POST"])
def referral_outcome(request, pk: int):
    referral = selectors.cme_referral_get_for_user(request.user, pk)
    initial = {
        "located_on": referral.located_on,
        "outcome": referral.outcome,
        "closed_on": referral.closed_on,
    }
    form = OutcomeForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.cme_referral_update(
                referral=referral, changed_by=request.user, today=_today(), **form.cleaned_data
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "Referral updated.")
            return redirect("education:referrals")
    return render(request, "education/referral_outcome.html", {"form": form, "referral": referral})
