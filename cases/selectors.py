"""Reads of client data, scoped by the strictest rule in the system.

Who sees a client and their cases: the workers assigned to one of the client's cases and the
service lead of the organisation. Other liaison workers of the organisation see only that a code
exists (duplicate check). Coordinators, mentors and APKs see no client data at all. Another
organisation sees nothing (404).
"""

import datetime

from django.db.models import Exists, Max, OuterRef, Prefetch, Q
from django.shortcuts import get_object_or_404

from cases.choices import CaseStatus
from cases.models import AccessLog, AnonymousContact, Case, Client, ClientIdentity, Contact, SocialService
from svl.choices import Role
from svl.text import fold

CLIENT_ROLES = (Role.LIAISON, Role.SERVICE_LEAD)


def is_service_lead(user) -> bool:
    return user.has_role(Role.SERVICE_LEAD)


def client_scope(user):
    """Clients the user may see in full."""
    clients = Client.objects.for_user(user)
    if is_service_lead(user):
        return clients
    if user.has_role(Role.LIAISON):
        assigned = Case.objects.filter(client=OuterRef("pk"), workers=user)
        return clients.filter(Exists(assigned))
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


def duplicate_candidates(user, *, full_name: str = "", code: str = ""):
    """Existing clients of the organisation matching a name (diacritics- and case-insensitive) or code.

    Returns codes only: other liaison workers learn that a client exists, nothing more.
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
    return list(Client.objects.for_user(user).filter(conditions).order_by("code").values_list("code", flat=True))


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
