"""Writes of client data. Every change is recorded in the access log (who, when, what, which client).

Identity values and notes never go into the log or into any message; only object types and ids do.
"""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.choices import Role
from accounts.models import Organisation, User
from audit import services as audit
from audit.choices import AuditAction
from cases.choices import AccessAction, CaseStatus, ContactPlace
from cases.models import (
    AccessLog,
    AnonymousContact,
    Case,
    Client,
    ClientCodeCounter,
    ClientIdentity,
    Contact,
    IndividualPlan,
    PlanReview,
    Referral,
    SocialService,
)
from core.services import model_update
from core.versioning import lock, next_version, save_new_version, stale_error

CLIENT_FIELDS = (
    "gender",
    "age_band",
    "target_group",
    "agreement_form",
    "agreement_date",
    "consent_date",
    "consent_scope",
    "note",
)
IDENTITY_FIELDS = ("full_name", "birth_year", "phone", "address")


def access_log_write(*, user: User | None, action: str, obj, client: Client | None) -> None:
    """Append one access-log row (user None: the system, e.g. the retention command). Never updated or deleted."""
    AccessLog.objects.create(
        organisation_id=obj.organisation_id,
        user=user,
        action=action,
        object_type=obj._meta.model_name,
        object_id=obj.pk,
        client=client,
    )
    if action == AccessAction.VIEW:  # the system-wide audit log too (changes reach it through its signals)
        audit.record(AuditAction.VIEW_CLIENT, user=user, obj=obj)


@transaction.atomic
def client_duplicate_check_log(*, by: User, clients: list[Client]) -> None:
    """The duplicate warning named these clients to `by`: one access-log row each, for the service lead to see.

    A liaison worker not assigned to a client learns from the warning that the person they typed is a client of
    the service; that is a disclosure of client data like any other, so it is recorded the same way.
    """
    for client in clients:
        access_log_write(user=by, action=AccessAction.DUPLICATE_CHECK, obj=client, client=client)


def _require_client_worker(user: User):
    if not user.has_role(Role.LIAISON, Role.SERVICE_LEAD):
        raise PermissionDenied


def _check_workers(organisation_id, workers):
    if not workers:
        raise ValidationError({"workers": _("Přidělte případu alespoň jednoho pracovníka.")})
    if any(w.organisation_id != organisation_id or not w.has_role(Role.LIAISON, Role.SERVICE_LEAD) for w in workers):
        raise ValidationError({"workers": _("Pracovníci musí být pracovníci služby této organizace.")})


# --- services ----------------------------------------------------------------------------------


@transaction.atomic
def service_create(*, organisation: Organisation, **fields) -> SocialService:
    service = SocialService(organisation=organisation, **fields)
    service.full_clean()
    service.save()
    return service


SERVICE_FIELDS = ("name", "registration_number", "kind", "target_groups", "intervention_threshold_minutes")


@transaction.atomic
def service_update(*, service: SocialService, version: int | None, **fields) -> SocialService:
    """Change a social service; `version` is the one the user's form saw."""
    service = lock(service, version=version)
    service, _updated = model_update(instance=service, fields=SERVICE_FIELDS, data=fields)
    return service


# --- clients -------------------------------------------------------------------------------------


def _next_code(organisation_id: int, year: int) -> str:
    counter, _created = ClientCodeCounter.objects.select_for_update().get_or_create(
        organisation_id=organisation_id, year=year
    )
    counter.last_number += 1
    counter.save(update_fields=["last_number"])
    return f"K-{year}-{counter.last_number:04d}"


@transaction.atomic
def client_create(
    *, service: SocialService, by: User, identity: dict | None = None, today: datetime.date | None = None, **fields
) -> Client:
    """Create a client with a generated pseudonymous code (per organisation and year)."""
    _require_client_worker(by)
    if service.organisation_id != by.organisation_id:
        raise PermissionDenied
    client = Client(organisation_id=service.organisation_id, service=service, created_by=by, code="-", **fields)
    client.full_clean(exclude=["code"])
    client.code = _next_code(service.organisation_id, (today or timezone.localdate()).year)
    client.save()
    if identity and any(identity.get(name) for name in IDENTITY_FIELDS):
        record = ClientIdentity(organisation_id=client.organisation_id, client=client, **identity)
        record.full_clean()
        record.save()
    access_log_write(user=by, action=AccessAction.CREATE, obj=client, client=client)
    return client


@transaction.atomic
def client_update(*, client: Client, by: User, version: int, identity: dict | None = None, **fields) -> Client:
    client = lock(client, version=None)
    # Said before the version: an anonymised client's data cannot be changed whatever the form saw.
    if client.anonymised_at is not None:
        raise ValidationError(_("Klient byl anonymizován; jeho údaje už nelze měnit."), code="anonymised")
    if client.version != version:
        raise stale_error(client)
    client, _updated = model_update(instance=client, fields=CLIENT_FIELDS, data=fields)
    existing = ClientIdentity.objects.filter(client=client).first()
    # No empty identity row for a client whose identifying data were never given.
    if identity is not None and (existing or any(identity.get(name) for name in IDENTITY_FIELDS)):
        record = existing or ClientIdentity(organisation_id=client.organisation_id, client=client)
        for name in IDENTITY_FIELDS:
            setattr(record, name, identity.get(name) or ("" if name != "birth_year" else None))
        record.full_clean()
        record.save()
    access_log_write(user=by, action=AccessAction.UPDATE, obj=client, client=client)
    return client


# --- cases ---------------------------------------------------------------------------------------


@transaction.atomic
def case_create(
    *, client: Client, by: User, role: str, crime_type: str, opened_on: datetime.date, workers: list[User]
) -> Case:
    _require_client_worker(by)
    _check_workers(client.organisation_id, workers)
    case = Case(
        organisation_id=client.organisation_id, client=client, role=role, crime_type=crime_type, opened_on=opened_on
    )
    case.full_clean()
    case.save()
    case.workers.set(workers)
    access_log_write(user=by, action=AccessAction.CREATE, obj=case, client=client)
    return case


def _lock_case(case: Case, *, version: int | None) -> Case:
    # The client's row too, as every write of the client's casework takes it.
    return lock(case, version=version, queryset=Case.objects.select_related("client"), also_lock=("client",))


def require_open(case: Case):
    """A closed case is read-only until reopened (views also call this before showing a form)."""
    if case.is_closed:
        raise ValidationError(_("Případ je uzavřený; pro změny ho nejdřív znovu otevřete."), code="closed")


@transaction.atomic
def case_update(
    *, case: Case, by: User, version: int, role: str, crime_type: str, opened_on: datetime.date, workers: list[User]
) -> Case:
    case = _lock_case(case, version=version)
    require_open(case)
    _check_workers(case.organisation_id, workers)
    case.role, case.crime_type, case.opened_on = role, crime_type, opened_on
    case.full_clean()
    save_new_version(case)
    case.workers.set(workers)
    access_log_write(user=by, action=AccessAction.UPDATE, obj=case, client=case.client)
    return case


@transaction.atomic
def case_close(*, case: Case, by: User, version: int, closed_on: datetime.date, reason: str) -> Case:
    if not reason.strip():
        raise ValidationError({"reason": _("Uveďte důvod uzavření případu.")})
    case = _lock_case(case, version=version)
    require_open(case)
    case.status, case.closed_on, case.closure_reason = CaseStatus.CLOSED, closed_on, reason.strip()
    case.full_clean()
    save_new_version(case)
    access_log_write(user=by, action=AccessAction.UPDATE, obj=case, client=case.client)
    return case


@transaction.atomic
def case_reopen(*, case: Case, by: User, version: int, reason: str) -> Case:
    if not reason.strip():
        raise ValidationError({"reason": _("Uveďte důvod znovuotevření případu.")})
    case = _lock_case(case, version=version)
    if not case.is_closed:
        raise ValidationError(_("Případ není uzavřený."))
    previous = f"{case.closed_on:%d.%m.%Y}: {case.closure_reason}"
    case.status, case.closed_on = CaseStatus.OPEN, None
    case.closure_reason = _("Znovu otevřeno (%(reason)s); předtím uzavřeno %(previous)s") % {
        "reason": reason.strip(),
        "previous": previous,
    }
    case.full_clean()
    save_new_version(case)
    access_log_write(user=by, action=AccessAction.UPDATE, obj=case, client=case.client)
    return case


# --- contacts ------------------------------------------------------------------------------------

CONTACT_FIELDS = ("date", "duration_minutes", "form", "place", "locality", "activities", "specific_tasks", "note")


def _validate_contact(contact, organisation_id):
    if contact.place == ContactPlace.LOCALITY and contact.locality_id is None:
        raise ValidationError({"locality": _("Vyberte lokalitu.")})
    if contact.locality_id and contact.locality.organisation_id != organisation_id:
        raise ValidationError({"locality": _("Vyberte lokalitu této organizace.")})
    if contact.date and contact.date > timezone.localdate():
        raise ValidationError({"date": _("Datum kontaktu nemůže být v budoucnosti.")})
    contact.full_clean()


@transaction.atomic
def contact_create(*, case: Case, by: User, workers: list[User], **fields) -> Contact:
    case = _lock_case(case, version=None)
    require_open(case)
    _check_workers(case.organisation_id, workers)
    contact = Contact(organisation_id=case.organisation_id, case=case, created_by=by, **fields)
    _validate_contact(contact, case.organisation_id)
    if contact.date < case.opened_on:
        raise ValidationError({"date": _("Kontakt nemůže být před otevřením případu.")})
    contact.save()
    contact.workers.set(workers)
    access_log_write(user=by, action=AccessAction.CREATE, obj=contact, client=case.client)
    return contact


@transaction.atomic
def contact_update(*, contact: Contact, by: User, version: int, workers: list[User], **fields) -> Contact:
    contact = lock(
        contact,
        version=version,
        queryset=Contact.objects.select_related("case__client"),
        also_lock=("case", "case__client"),
    )
    require_open(contact.case)
    _check_workers(contact.organisation_id, workers)
    contact, _updated = model_update(
        instance=contact,
        fields=CONTACT_FIELDS,
        data=fields,
        clean=lambda contact: _validate_contact(contact, contact.organisation_id),
    )
    contact.workers.set(workers)
    access_log_write(user=by, action=AccessAction.UPDATE, obj=contact, client=contact.case.client)
    return contact


def is_intervention(contact: Contact, service: SocialService) -> bool:
    return contact.duration_minutes >= service.intervention_threshold_minutes


@transaction.atomic
def anonymous_contact_create(*, service: SocialService, by: User, **fields) -> AnonymousContact:
    _require_client_worker(by)
    if service.organisation_id != by.organisation_id:
        raise PermissionDenied
    contact = AnonymousContact(organisation_id=service.organisation_id, service=service, created_by=by, **fields)
    if contact.locality_id and contact.locality.organisation_id != service.organisation_id:
        raise ValidationError({"locality": _("Vyberte lokalitu této organizace.")})
    if contact.date and contact.date > timezone.localdate():
        raise ValidationError({"date": _("Datum kontaktu nemůže být v budoucnosti.")})
    contact.full_clean()
    contact.save()
    return contact


# --- plans and referrals ---------------------------------------------------------------------------


@transaction.atomic
def plan_save(
    *, case: Case, by: User, version: int | None, goals: str, steps: str, responsible: str, review_on: datetime.date
) -> IndividualPlan:
    """Create the case's plan, or edit it (with the version the user saw)."""
    case = _lock_case(case, version=None)
    require_open(case)
    plan = IndividualPlan.objects.select_for_update().filter(case=case).first()
    if plan is None:
        plan = IndividualPlan(organisation_id=case.organisation_id, case=case)
        action = AccessAction.CREATE
    else:
        # No version: the user saw no plan, so one saved meanwhile by someone else must not be overwritten.
        if version is None or plan.version != version:
            raise stale_error(plan)
        action = AccessAction.UPDATE
    plan.goals, plan.steps, plan.responsible, plan.review_on = goals, steps, responsible, review_on
    plan.full_clean()
    if action == AccessAction.CREATE:
        plan.save()
    else:
        save_new_version(plan)
    access_log_write(user=by, action=action, obj=plan, client=case.client)
    return plan


@transaction.atomic
def plan_review(
    *,
    plan: IndividualPlan,
    by: User,
    version: int,
    reviewed_on: datetime.date,
    summary: str,
    next_review_on: datetime.date,
) -> PlanReview:
    """Record a review (kept as history with the plan's text as it was) and set the next review date."""
    plan = lock(
        plan,
        version=version,
        queryset=IndividualPlan.objects.select_related("case__client"),
        also_lock=("case", "case__client"),
    )
    require_open(plan.case)
    if next_review_on <= reviewed_on:
        raise ValidationError({"next_review_on": _("Příští revize musí být po dnešní revizi.")})
    review = PlanReview(
        organisation_id=plan.organisation_id,
        plan=plan,
        reviewed_on=reviewed_on,
        reviewed_by=by,
        summary=summary,
        goals=plan.goals,
        steps=plan.steps,
        next_review_on=next_review_on,
    )
    review.full_clean()
    review.save()
    plan.review_on = next_review_on
    save_new_version(plan, update_fields=["review_on", "updated_at"])
    access_log_write(user=by, action=AccessAction.UPDATE, obj=plan, client=plan.case.client)
    return review


@transaction.atomic
def referral_create(*, case: Case, by: User, **fields) -> Referral:
    case = _lock_case(case, version=None)
    require_open(case)
    referral = Referral(organisation_id=case.organisation_id, case=case, **fields)
    referral.full_clean()
    referral.save()
    access_log_write(user=by, action=AccessAction.CREATE, obj=referral, client=case.client)
    return referral


@transaction.atomic
def referral_update(*, referral: Referral, by: User, version: int | None, outcome: str) -> Referral:
    """Record a referral's outcome; `version` is the one the user's form saw."""
    referral = lock(referral, version=version, queryset=Referral.objects.select_related("case__client"))
    require_open(referral.case)
    referral.outcome = outcome
    referral.full_clean()
    save_new_version(referral, update_fields=["outcome"])
    access_log_write(user=by, action=AccessAction.UPDATE, obj=referral, client=referral.case.client)
    return referral


# --- retention -----------------------------------------------------------------------------------


@transaction.atomic
def client_anonymise(*, client: Client, by: User | None, now: datetime.datetime) -> bool:
    """Remove identifying data and free-text notes; keep the pseudonymous counts reports need.

    Returns False when there was nothing left to remove (idempotent).
    """
    client = lock(client, version=None)
    if client.anonymised_at is not None:
        return False
    ClientIdentity.objects.filter(client=client).delete()
    client.note = ""
    client.consent_scope = ""
    client.anonymised_at = now
    client.save(update_fields=["note", "consent_scope", "anonymised_at"])
    Contact.objects.filter(case__client=client).update(note="")
    Case.objects.filter(client=client).update(closure_reason="")
    # A new version, so a referral form opened before the anonymisation cannot write its texts back.
    Referral.objects.filter(case__client=client).update(reason="", outcome="", version=next_version())
    IndividualPlan.objects.filter(case__client=client).update(goals="", steps="", responsible="")
    PlanReview.objects.filter(plan__case__client=client).update(summary="", goals="", steps="")
    access_log_write(user=by, action=AccessAction.ANONYMISE, obj=client, client=client)
    return True
