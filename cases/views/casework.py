"""The worker's casework: my open cases, a case with its contacts, plan and referrals, anonymous contacts.

Only the service's workers (liaison workers and the service lead) use these pages: any other role gets a 403
before anything is looked up. A case outside the user's scope (not assigned to the client, or another
organisation's) is a 404, so a page never reveals that a case exists. Identifying data (ClientIdentity) are never
read here: cases are shown by the client's code. Every page showing a case writes a "view" row to the access log;
the services log the changes. A closed case is read-only until it is reopened; actions that take a version refuse
a stale one with the service's message and change nothing.
"""

from dataclasses import dataclass, field

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts import selectors as svl_selectors
from accounts.choices import Role
from accounts.permissions import CASE_WORKERS
from cases import selectors, services
from cases.choices import AccessAction, BasicActivity, SpecificTask
from cases.forms import (
    AnonymousContactEntryForm,
    CaseCloseForm,
    CaseForm,
    CaseReopenForm,
    ContactEntryForm,
    PlanForm,
    PlanReviewForm,
    ReferralForm,
    ReferralOutcomeForm,
    intervention_hint,
)
from core.forms import apply_validation_error, posted_data
from core.pagination import keyset_page, query_without_cursor
from core.permissions import role_required

ANONYMOUS_PAGE_SIZE = 50
ACTIVITY_LABELS = dict(BasicActivity.choices)
TASK_LABELS = dict(SpecificTask.choices)


@dataclass
class ContactRow:
    """A contact as the case page lists it: labels of its activities and tasks, and whether it is an intervention."""

    contact: object
    intervention: bool
    activities: list = field(default_factory=list)
    specific_tasks: list = field(default_factory=list)


@dataclass
class HomeRow:
    """An open case on the worker's home page, with its plan's review date and whether that date has passed."""

    case: object
    review_on: object
    overdue: bool


def _labels(codes, labels: dict) -> list:
    return [labels.get(code, code) for code in codes]


def _plan_of(case):
    """The case's plan, or None (the selectors fetch it with select_related, so this runs no query)."""
    return getattr(case, "plan", None)


def _log_view(request, obj, client) -> None:
    services.access_log_write(user=request.user, action=AccessAction.VIEW, obj=obj, client=client)


def _refuse_if_closed(request, case):
    """A closed case is read-only: say so (the service's message) and go back to the case; else None."""
    try:
        services.require_open(case)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(case)
    return None


def _to_case_or_home(request, case):
    """After saving a case: its page, or the home page if the user has just removed themself from it."""
    if selectors.case_scope(request.user).filter(pk=case.pk).exists():
        return redirect(case)
    messages.info(request, _("K případu už nejste přiděleni, proto ho nevidíte."))
    return redirect("cases:home")


# --- the worker's home page ------------------------------------------------------------------------


@require_GET
@role_required(*CASE_WORKERS)
def home(request):
    """My open cases with the last contact and the plan's review date; overdue reviews are flagged."""
    today = timezone.localdate()
    overdue = list(selectors.overdue_plan_reviews(request.user, today=today))
    overdue_ids = {case.pk for case in overdue}
    rows = []
    for case in selectors.my_open_cases(request.user):
        plan = _plan_of(case)
        rows.append(HomeRow(case=case, review_on=plan.review_on if plan else None, overdue=case.pk in overdue_ids))
    context = {"rows": rows, "overdue": overdue, "today": today}
    if request.user.has_role(Role.SERVICE_LEAD):
        # The lead sees who was given (or lost) access to clients lately: an admin granting it to themselves
        # or to an accomplice does not go unnoticed (templates/cases/_client_access_changes.html).
        changes = svl_selectors.client_access_changes_for(request.user, now=timezone.now())
        context.update(
            access_changes=changes[: svl_selectors.CLIENT_ACCESS_CHANGE_LIMIT],
            more_access_changes=len(changes) > svl_selectors.CLIENT_ACCESS_CHANGE_LIMIT,
            access_change_days=svl_selectors.CLIENT_ACCESS_CHANGE_DAYS,
        )
    return render(request, "cases/home.html", context)


# --- cases ---------------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@role_required(*CASE_WORKERS)
def case_create(request, pk):
    """A new case of a client in the user's scope (the client's creator may add its first case)."""
    client = selectors.client_for(request.user, pk)
    form = CaseForm(posted_data(request), user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            case = services.case_create(client=client, by=request.user, **form.case_arguments())
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("Případ klienta %(code)s byl založen.") % {"code": client.code})
            return _to_case_or_home(request, case)
    return render(request, "cases/case_form.html", {"form": form, "client": client, "case": None})


def _render_detail(request, case, *, close_form=None, reopen_form=None):
    _log_view(request, case, case.client)
    service = case.client.service
    plan = _plan_of(case)
    closed = case.is_closed
    contacts = [
        ContactRow(
            contact=contact,
            intervention=services.is_intervention(contact, service),
            activities=_labels(contact.activities, ACTIVITY_LABELS),
            specific_tasks=_labels(contact.specific_tasks, TASK_LABELS),
        )
        for contact in case.contacts.all()
    ]
    return render(
        request,
        "cases/case_detail.html",
        {
            "case": case,
            "client": case.client,
            "workers": list(case.workers.all()),
            "contacts": contacts,
            "intervention_hint": intervention_hint(service.intervention_threshold_minutes),
            "plan": plan,
            "plan_overdue": plan is not None and not closed and plan.review_on < timezone.localdate(),
            "reviews": list(plan.reviews.all()) if plan else [],
            "referrals": list(case.referrals.all()),
            "editable": not closed,
            "close_form": None if closed else (close_form or CaseCloseForm(case=case)),
            "reopen_form": (reopen_form or CaseReopenForm(case=case)) if closed else None,
            # The closing form is folded away unless it came back with errors.
            "close_open": close_form is not None,
        },
    )


@require_GET
@role_required(*CASE_WORKERS)
def case_detail(request, pk):
    return _render_detail(request, selectors.case_detail_for(request.user, pk))


@require_http_methods(["GET", "POST"])
@role_required(*CASE_WORKERS)
def case_edit(request, pk):
    case = selectors.case_for_work(request.user, pk)
    if refused := _refuse_if_closed(request, case):
        return refused
    form = CaseForm(posted_data(request), user=request.user, case=case)
    if request.method == "POST" and form.is_valid():
        try:
            case = services.case_update(
                case=case, by=request.user, version=form.cleaned_data["version"], **form.case_arguments()
            )
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("Změny případu byly uloženy."))
            return _to_case_or_home(request, case)
    _log_view(request, case, case.client)
    return render(request, "cases/case_form.html", {"form": form, "client": case.client, "case": case})


@require_POST
@role_required(*CASE_WORKERS)
def case_close(request, pk):
    case = selectors.case_detail_for(request.user, pk)
    if refused := _refuse_if_closed(request, case):
        return refused
    form = CaseCloseForm(request.POST, case=case)
    if form.is_valid():
        try:
            services.case_close(
                case=case,
                by=request.user,
                version=form.cleaned_data["version"],
                closed_on=form.cleaned_data["closed_on"],
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            if not hasattr(error, "error_dict"):
                # A stale version or a case closed meanwhile: nothing to fix in the form.
                messages.error(request, " ".join(error.messages))
                return redirect(case)
            apply_validation_error(form, error)
        else:
            messages.success(request, _("Případ byl uzavřen."))
            return redirect(case)
    return _render_detail(request, case, close_form=form)


@require_POST
@role_required(*CASE_WORKERS)
def case_reopen(request, pk):
    case = selectors.case_detail_for(request.user, pk)
    if not case.is_closed:
        messages.error(request, _("Případ není uzavřený."))
        return redirect(case)
    form = CaseReopenForm(request.POST, case=case)
    if form.is_valid():
        try:
            services.case_reopen(
                case=case, by=request.user, version=form.cleaned_data["version"], reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            if not hasattr(error, "error_dict"):
                messages.error(request, " ".join(error.messages))
                return redirect(case)
            apply_validation_error(form, error)
        else:
            messages.success(request, _("Případ byl znovu otevřen."))
            return redirect(case)
    return _render_detail(request, case, reopen_form=form)


# --- contacts ------------------------------------------------------------------------------------


def _render_contact_form(request, case, form, contact=None):
    _log_view(request, contact or case, case.client)
    return render(request, "cases/contact_form.html", {"case": case, "form": form, "contact": contact})


@require_http_methods(["GET", "POST"])
@role_required(*CASE_WORKERS)
def contact_create(request, pk):
    case = selectors.case_for_work(request.user, pk)
    if refused := _refuse_if_closed(request, case):
        return refused
    form = ContactEntryForm(posted_data(request), user=request.user, case=case)
    if request.method == "POST" and form.is_valid():
        try:
            services.contact_create(case=case, by=request.user, **form.contact_arguments())
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("Kontakt byl zapsán."))
            return redirect(case)
    return _render_contact_form(request, case, form)


@require_http_methods(["GET", "POST"])
@role_required(*CASE_WORKERS)
def contact_edit(request, pk):
    contact = selectors.contact_detail_for(request.user, pk)
    case = contact.case
    if refused := _refuse_if_closed(request, case):
        return refused
    form = ContactEntryForm(posted_data(request), user=request.user, case=case, contact=contact)
    if request.method == "POST" and form.is_valid():
        try:
            services.contact_update(
                contact=contact, by=request.user, version=form.cleaned_data["version"], **form.contact_arguments()
            )
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("Změny kontaktu byly uloženy."))
            return redirect(case)
    return _render_contact_form(request, case, form, contact)


# --- the individual plan -------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@role_required(*CASE_WORKERS)
def plan_edit(request, pk):
    """The case's plan: created on the first save, edited afterwards with the version the user saw."""
    case = selectors.case_for_work(request.user, pk)
    if refused := _refuse_if_closed(request, case):
        return refused
    plan = _plan_of(case)
    form = PlanForm(posted_data(request), plan=plan)
    if request.method == "POST" and form.is_valid():
        try:
            services.plan_save(case=case, by=request.user, **form.plan_arguments())
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("Individuální plán byl uložen."))
            return redirect(case)
    _log_view(request, plan or case, case.client)
    return render(request, "cases/plan_form.html", {"case": case, "plan": plan, "form": form})


@require_http_methods(["GET", "POST"])
@role_required(*CASE_WORKERS)
def plan_review(request, pk):
    """Record a review of the plan; the plan's text as it was is kept with the review as history."""
    case = selectors.case_for_work(request.user, pk)
    if refused := _refuse_if_closed(request, case):
        return refused
    plan = _plan_of(case)
    if plan is None:
        messages.error(request, _("Případ zatím nemá individuální plán; nejdřív ho založte."))
        return redirect("cases:plan_edit", pk=case.pk)
    form = PlanReviewForm(posted_data(request), plan=plan)
    if request.method == "POST" and form.is_valid():
        try:
            services.plan_review(plan=plan, by=request.user, **form.review_arguments())
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("Revize plánu byla zapsána."))
            return redirect(case)
    _log_view(request, plan, case.client)
    return render(request, "cases/plan_review.html", {"case": case, "plan": plan, "form": form})


# --- referrals -----------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@role_required(*CASE_WORKERS)
def referral_create(request, pk):
    case = selectors.case_for_work(request.user, pk)
    if refused := _refuse_if_closed(request, case):
        return refused
    form = ReferralForm(posted_data(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.referral_create(case=case, by=request.user, **form.referral_arguments())
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("Doporučení bylo zapsáno."))
            return redirect(case)
    _log_view(request, case, case.client)
    return render(request, "cases/referral_form.html", {"case": case, "form": form, "referral": None})


@require_http_methods(["GET", "POST"])
@role_required(*CASE_WORKERS)
def referral_edit(request, pk):
    """The referral and its outcome, recorded when known."""
    referral = selectors.referral_detail_for(request.user, pk)
    case = referral.case
    if refused := _refuse_if_closed(request, case):
        return refused
    form = ReferralOutcomeForm(posted_data(request), referral=referral)
    if request.method == "POST" and form.is_valid():
        try:
            services.referral_update(
                referral=referral,
                by=request.user,
                version=form.cleaned_data["version"],
                outcome=form.cleaned_data["outcome"],
            )
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("Výsledek doporučení byl uložen."))
            return redirect(case)
    _log_view(request, referral, case.client)
    return render(request, "cases/referral_form.html", {"case": case, "form": form, "referral": referral})


# --- anonymous contacts --------------------------------------------------------------------------


@require_GET
@role_required(*CASE_WORKERS)
def anonymous_list(request):
    """The organisation's anonymous contacts, newest first, paged by keyset on (date, id)."""
    page = keyset_page(
        selectors.anonymous_contacts_for(request.user),
        ordering=("-date", "-id"),
        per_page=ANONYMOUS_PAGE_SIZE,
        after=request.GET.get("after"),
        before=request.GET.get("before"),
    )
    rows = [
        ContactRow(
            contact=contact,
            intervention=services.is_intervention(contact, contact.service),
            activities=_labels(contact.activities, ACTIVITY_LABELS),
        )
        for contact in page
    ]
    return render(
        request,
        "cases/anonymous_list.html",
        {"page": page, "rows": rows, "query_string": query_without_cursor(request.GET)},
    )


@require_http_methods(["GET", "POST"])
@role_required(*CASE_WORKERS)
def anonymous_create(request):
    form = AnonymousContactEntryForm(posted_data(request), user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            services.anonymous_contact_create(by=request.user, **form.contact_arguments())
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("Anonymní kontakt byl zapsán."))
            return redirect("cases:anonymous_list")
    return render(request, "cases/anonymous_form.html", {"form": form})
