"""The cases app's forms, one module per group of views (cases/views/)."""

from cases.forms.casework import (
    CHOICE_BUTTONS,
    QUICK_DURATIONS,
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
from cases.forms.clients import ClientCreateForm, ClientEditForm, ClientFormBase, SocialServiceForm

__all__ = [
    "AnonymousContactEntryForm",
    "CHOICE_BUTTONS",
    "CaseCloseForm",
    "CaseForm",
    "CaseReopenForm",
    "ClientCreateForm",
    "ClientEditForm",
    "ClientFormBase",
    "ContactEntryForm",
    "PlanForm",
    "PlanReviewForm",
    "QUICK_DURATIONS",
    "ReferralForm",
    "ReferralOutcomeForm",
    "SocialServiceForm",
    "intervention_hint",
]
