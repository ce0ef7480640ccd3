"""The assistants app's forms, one module per group of views (assistants/views/)."""

from assistants.forms.fields import during_shift, record_day, shift_moment, shift_span
from assistants.forms.imports import ShiftImportConfirmForm, ShiftImportForm
from assistants.forms.planning import CopyWeekForm, ShiftPlanForm, ShiftVersionForm
from assistants.forms.projects import CategoryCreateForm, CategoryEditForm, ProjectForm
from assistants.forms.review import ApproveManyForm, ReopenForm, ReturnForm, ShiftIdsField
from assistants.forms.tablet import (
    DRAFT_KEY_PREFIX,
    BreakAddForm,
    CategoryRadioSelect,
    FieldRecordForm,
    OutlineSubmit,
    ShiftCorrectForm,
    ShiftNoteForm,
)
from assistants.forms.worklog import WorklogChooseForm

__all__ = [
    "ApproveManyForm",
    "BreakAddForm",
    "CategoryCreateForm",
    "CategoryEditForm",
    "CategoryRadioSelect",
    "CopyWeekForm",
    "DRAFT_KEY_PREFIX",
    "FieldRecordForm",
    "OutlineSubmit",
    "ProjectForm",
    "ReopenForm",
    "ReturnForm",
    "ShiftCorrectForm",
    "ShiftIdsField",
    "ShiftImportConfirmForm",
    "ShiftImportForm",
    "ShiftNoteForm",
    "ShiftPlanForm",
    "ShiftVersionForm",
    "WorklogChooseForm",
    "during_shift",
    "record_day",
    "shift_moment",
    "shift_span",
]
