from django.db import models
from django.utils.translation import gettext_lazy as _


class Funder(models.TextChoices):
    MV_PREVENTION = "mv_prevention", _("MV ČR – Program prevence kriminality")
    MPSV_SOCIAL = "mpsv_social", _("MPSV – dotace na sociální služby")
    ESF = "esf", _("ESF / OP Zaměstnanost plus")
    CITY_BUDGET = "city_budget", _("rozpočet města")
    OTHER = "other", _("jiný zdroj")


class ShiftKind(models.TextChoices):
    PATROL = "patrol", _("pochůzka")
    SCHOOL = "school", _("dohled u školy")
    OFFICE = "office", _("dohled na úřadě")
    JOINT_PATROL = "joint_patrol", _("společná hlídka s MP/PČR")
    PREVENTION_EVENT = "prevention_event", _("preventivní akce")
    TRAINING = "training", _("školení")


class ShiftStatus(models.TextChoices):
    PLANNED = "planned", _("naplánovaná")
    IN_PROGRESS = "in_progress", _("probíhá")
    SUBMITTED = "submitted", _("odevzdaná")
    RETURNED = "returned", _("vrácená k opravě")
    APPROVED = "approved", _("schválená")


# Status changes the workflow allows: (from, to).
ALLOWED_TRANSITIONS = {
    (ShiftStatus.PLANNED, ShiftStatus.IN_PROGRESS),
    (ShiftStatus.IN_PROGRESS, ShiftStatus.SUBMITTED),
    (ShiftStatus.SUBMITTED, ShiftStatus.APPROVED),
    (ShiftStatus.SUBMITTED, ShiftStatus.RETURNED),
    (ShiftStatus.RETURNED, ShiftStatus.SUBMITTED),
    (ShiftStatus.APPROVED, ShiftStatus.RETURNED),  # a mentor reopens, with a reason
}

# While a shift is in one of these, its assistants may add and edit field records.
EDITABLE_STATUSES = {ShiftStatus.IN_PROGRESS, ShiftStatus.RETURNED}


class Outcome(models.TextChoices):
    SOLVED_ON_SPOT = "solved_on_spot", _("vyřešeno domluvou na místě")
    MUNICIPAL_POLICE_CALLED = "mp_called", _("přivolána hlídka MP")
    REPORTED_TO_POLICE = "reported_pcr", _("oznámeno PČR")
    HANDED_TO_SERVICE = "handed_over", _("předáno OSPOD / sociální službě")
    MONITORING_ONLY = "monitoring", _("pouze monitoring")
    OTHER = "other", _("jiné")


# The default code list of field-record categories (docs/domain.md): (code, label, needs a syringe count).
# Migration 0002 created these rows (its frozen copy); `category_ensure_defaults` restores them.
DEFAULT_CATEGORIES = [
    ("public_order", _("dohled nad veřejným pořádkem"), False),
    ("school", _("dohled u škol (přechody, příchod a odchod dětí)"), False),
    ("truancy", _("záškoláctví, doprovod dětí do školy"), False),
    ("hostels", _("monitoring ubytoven a rizikových míst"), False),
    ("neighbours", _("sousedské spory a jejich urovnání"), False),
    ("cleanliness", _("čistota veřejného prostranství, černé skládky"), False),
    ("syringes", _("sběr použitých injekčních stříkaček (akce „Jehla“)"), True),
    ("ordinances", _("dodržování obecně závazných vyhlášek (alkohol, psi, noční klid)"), False),
    ("police", _("součinnost s MP/PČR (společná hlídka, přivolání hlídky)"), False),
    ("help", _("pomoc a poradenství občanům (dluhy, bydlení, zaměstnání)"), False),
    ("offices", _("dohled na úřadech (ÚP, MěÚ)"), False),
    ("prevention", _("preventivní akce a besedy"), False),
    ("gambling", _("kontrola heren a barů (mladiství, alkohol)"), False),
    ("first_aid", _("první pomoc a mimořádné události"), False),
    ("other", _("jiné"), False),
]
