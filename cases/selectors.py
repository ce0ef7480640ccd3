"""Reads of client data, scoped by the strictest rule in the system.

Who sees a client and their cases: the workers assigned to one of the client's cases and the
service lead of the organisation. Other liaison workers of the organisation see only that a code
exists (duplicate check). Coordinators, mentors and APKs see no client data at all. Another
organisation sees nothing (404).
"""

import datetime

from django.db.models import Exists, Max, OuterRef, Prefetch, Q
from django.shortcuts import get_object_or_404

from accounts.choices import Role
from accounts.models import User
from cases.choices import CaseStatus
from cases.models import (
    AccessLog,
    AnonymousContact,
    Case,
    Client,
    ClientIdentity,
    Contact,
    PlanReview,
    Referral,
    SocialService,
)
from core.text import fold
from locations.models import Locality

CLIENT_ROLES = (Role.LIAISON, Role.SERVICE_LEAD)


def is_service_lead(user) -> bool:
    return user.has_role(Role.SERVICE_LEAD)


def client_scope(user):
    """Clients the user may see in full.

    A liaison worker sees the clients of cases they are assigned to, and a client they created that has no
    case yet: nobody is assigned to such a client, and its creator must be able to open it and add its first
    case. Once the client has a case, only the assignment counts.
    """
    clients = Client.objects.for_user(user)
    if is_service_lead(user):
        return clients
    if user.has_role(Role.LIAISON):
        assigned = Case.objects.filter(client=OuterRef("pk"), workers=user)
        any_case = Case.objects.filter(client=OuterRef("pk"))
        return clients.filter(Exists(assigned) | (Q(created_by=user) & ~Exists(any_case)))
    return clients.none()


def case_scope(user):
    """Cases the user may see: every case of a client the user may see."""
    cases = Case.objects.for_user(user)
    if is_service_lead(user):
        return cases
    if user.has_role(Role.LIAISON):
        return cases.filter(client__in=client_scope(user))
    return cases.none()


def client_detail_for(user, pk: int) -> Client:
    return get_object_or_404(
        client_scope(user)
        .select_related("service", "created_by")
        .prefetch_related(Prefetch("cases", queryset=Case.objects.prefetch_related("workers").order_by("-opened_on"))),
        pk=pk,
    )


def identity_of(client: Client) -> ClientIdentity | None:
    return ClientIdentity.objects.filter(client=client).first()


def case_detail_for(user, pk: int) -> Case:
    return get_object_or_404(
        case_scope(user)
        .select_related("client", "client__service", "plan")
        .prefetch_related(
            "workers",
            Prefetch("contacts", queryset=Contact.objects.select_related("locality").prefetch_related("workers")),
            "referrals",
            "plan__reviews__reviewed_by",
        ),
        pk=pk,
    )


def client_list_for(user):
    """Clients for the list page: codes and pseudonymous attributes only, never identity."""
    last_contact = Contact.objects.filter(case__client=OuterRef("pk")).order_by("-date").values("date")[:1]
    from django.db.models import Subquery

    return (
        client_scope(user)
        .select_related("service")
        .annotate(
            open_cases=Exists(Case.objects.filter(client=OuterRef("pk"), status=CaseStatus.OPEN)),
            last_contact_on=Subquery(last_contact),
        )
        .order_by("-created_at", "-id")
    )


def my_open_cases(user):
    """The worker's home page: my open cases with the last contact date and plan review date."""
    return (
        Case.objects.for_user(user)
        .filter(workers=user, status=CaseStatus.OPEN)
        .select_related("client", "plan")
        .annotate(last_contact_on=Max("contacts__date"))
        .order_by("client__code", "id")
    )


def overdue_plan_reviews(user, *, today: datetime.date):
    return my_open_cases(user).filter(plan__review_on__lt=today)


def duplicate_candidates(user, *, full_name: str = "", code: str = "") -> list[Client]:
    """Existing clients of the organisation matching a name (diacritics- and case-insensitive) or code.

    Loads codes and ids only: other liaison workers learn that a client exists (its code), nothing more; the id
    is for the access-log row that records that they learnt it (services.client_duplicate_check_log).
    """
    if not user.has_role(*CLIENT_ROLES):
        return []
    conditions = Q()
    folded = fold(full_name.strip())
    if folded:
        conditions |= Q(identity__name_folded=folded)
    if code.strip():
        conditions |= Q(code__iexact=code.strip())
    if not conditions:
        return []
    return list(Client.objects.for_user(user).filter(conditions).order_by("code").only("organisation_id", "code"))


def services_for(user):
    return SocialService.objects.for_user(user).order_by("name")


def anonymous_contacts_for(user):
    if not user.has_role(*CLIENT_ROLES):
        return AnonymousContact.objects.none()
    return AnonymousContact.objects.for_user(user).select_related("locality", "service").order_by("-date", "-id")


def access_log_for(user, client: Client):
    if not is_service_lead(user):
        return AccessLog.objects.none()
    return AccessLog.objects.for_user(user).filter(client=client).select_related("user").order_by("-at", "-id")


# --- client pages (views/clients.py) -------------------------------------------------------------


def client_for(user, pk: int) -> Client:
    """One client in the user's scope, without its cases (edit form, access log)."""
    return get_object_or_404(client_scope(user).select_related("service"), pk=pk)


def client_file_for(user, pk: int) -> Client:
    """Everything recorded about one client, for the client file PDF, in a fixed number of queries."""
    contacts = Contact.objects.select_related("locality").prefetch_related("workers").order_by("date", "id")
    cases = (
        Case.objects.select_related("plan")
        .prefetch_related(
            "workers",
            Prefetch("contacts", queryset=contacts),
            Prefetch("referrals", queryset=Referral.objects.order_by("referred_on", "id")),
            Prefetch("plan__reviews", queryset=PlanReview.objects.select_related("reviewed_by")),
        )
        .order_by("opened_on", "id")
    )
    return get_object_or_404(
        client_scope(user).select_related("service", "created_by").prefetch_related(Prefetch("cases", queryset=cases)),
        pk=pk,
    )


def service_detail_for(user, pk: int) -> SocialService:
    return get_object_or_404(services_for(user), pk=pk)


def retention_cutoff(*, today: datetime.date, years: int) -> datetime.date:
    """The day `years` years before `today` (29 February falls back to 28 February)."""
    try:
        return today.replace(year=today.year - years)
    except ValueError:
        return today.replace(year=today.year - years, day=28)


def clients_past_retention(*, today: datetime.date, years: int):
    """Clients of every organisation whose documentation is past the retention period and not yet anonymised.

    A client with cases: every case is closed, the last one before the cutoff. A client with no case at all
    (created, then never served): created before the cutoff. A client with an open case is never included.
    For the retention command only (a system task, not scoped to a user).
    """
    cutoff = retention_cutoff(today=today, years=years)
    any_case = Case.objects.filter(client=OuterRef("pk"))
    open_or_recent = any_case.filter(Q(status=CaseStatus.OPEN) | Q(closed_on__gte=cutoff))
    return (
        Client.objects.filter(anonymised_at__isnull=True)
        .filter((Exists(any_case) & ~Exists(open_or_recent)) | (~Exists(any_case) & Q(created_at__date__lt=cutoff)))
        .order_by("organisation_id", "code")
    )


# --- casework pages (views/casework.py) -----------------------------------------------------------


def case_for_work(user, pk: int) -> Case:
    """One case for its forms (edit, contact, plan, referral): the client, the service, the plan, the workers."""
    return get_object_or_404(
        case_scope(user).select_related("client", "client__service", "plan").prefetch_related("workers"), pk=pk
    )


def contact_detail_for(user, pk: int) -> Contact:
    return get_object_or_404(
        Contact.objects.filter(case__in=case_scope(user))
        .select_related("case", "case__client", "case__client__service", "locality")
        .prefetch_related("workers"),
        pk=pk,
    )


def referral_detail_for(user, pk: int) -> Referral:
    return get_object_or_404(
        Referral.objects.filter(case__in=case_scope(user)).select_related("case", "case__client"), pk=pk
    )


def case_worker_choices(user, *, include=()):
    """Workers a case or contact may be assigned to: the organisation's active liaison workers and service
    leads, plus `include` (the current workers when editing, kept even if they have left since)."""
    if user.organisation_id is None:
        return User.objects.none()
    workers = User.objects.filter(
        organisation_id=user.organisation_id, is_active=True, roles__overlap=list(CLIENT_ROLES)
    )
    included = User.objects.filter(organisation_id=user.organisation_id, pk__in=[worker.pk for worker in include])
    return (workers | included).order_by("last_name", "first_name", "username")


def contact_locality_choices(user, *, include: Locality | None = None):
    """The organisation's active localities, plus `include` (the contact's own, if deactivated since)."""
    localities = Locality.objects.for_user(user).filter(is_active=True)
    if include is not None:
        localities = localities | Locality.objects.for_user(user).filter(pk=include.pk)
    return localities.order_by("name")
