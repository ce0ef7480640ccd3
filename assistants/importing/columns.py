"""The columns of a file of historical shifts (docs/import-shifts.md): headers, the help table, error columns."""

from django.utils.translation import gettext_lazy

from core.importing.columns import ColumnHelp

# The file format is Czech and stable whatever the interface language: plain constants, not translatable.
DATE, START, END, BREAKS = "Datum", "Začátek", "Konec", "Přestávky (min)"
ASSISTANTS, MENTOR, PROJECT, KIND = "Asistent", "Mentor", "Projekt", "Druh směny"
RECORD_TIME, LOCALITY, PLACE, CATEGORY = "Čas záznamu", "Lokalita", "Místo", "Kategorie"
DESCRIPTION, PERSONS, OUTCOME, HANDED_OVER = "Popis", "Počet osob", "Výsledek", "Předáno komu"
FOLLOW_UP, SYRINGES = "Další řešení", "Počet stříkaček"

SHIFT_COLUMNS = (DATE, START, END, BREAKS, ASSISTANTS, MENTOR, PROJECT, KIND)
RECORD_COLUMNS = (
    RECORD_TIME,
    LOCALITY,
    PLACE,
    CATEGORY,
    DESCRIPTION,
    PERSONS,
    OUTCOME,
    HANDED_OVER,
    FOLLOW_UP,
    SYRINGES,
)
COLUMNS = SHIFT_COLUMNS + RECORD_COLUMNS
REQUIRED_COLUMNS = (DATE, START, END, ASSISTANTS, MENTOR, PROJECT)

# Shown on the import page (docs/import-shifts.md has the same table, with more detail).
IMPORT_COLUMNS_HELP = [
    ColumnHelp(DATE, gettext_lazy("datum začátku směny"), gettext_lazy("den. měsíc. rok"), "15. 11. 2025", True),
    ColumnHelp(
        START,
        gettext_lazy("začátek směny"),
        gettext_lazy("hodiny:minuty; čas mezi 2:00 a 2:59 v noci konce letního času s SELČ, nebo SEČ"),
        "8:00",
        True,
    ),
    ColumnHelp(
        END,
        gettext_lazy("konec směny"),
        gettext_lazy("dřívější než začátek = přes půlnoc; SELČ / SEČ jako u začátku"),
        "16:00",
        True,
    ),
    ColumnHelp(BREAKS, gettext_lazy("přestávky celkem"), gettext_lazy("minuty, prázdné = 0"), "30"),
    ColumnHelp(
        ASSISTANTS, gettext_lazy("uživatelská jména asistentů"), gettext_lazy("1 až 3, oddělená čárkou"), "novak", True
    ),
    ColumnHelp(MENTOR, gettext_lazy("uživatelské jméno mentora"), gettext_lazy("text"), "svoboda", True),
    ColumnHelp(PROJECT, gettext_lazy("projekt"), gettext_lazy("registrační číslo nebo název"), "MV-2025-042", True),
    ColumnHelp(KIND, gettext_lazy("druh směny"), gettext_lazy("např. pochůzka; prázdné = pochůzka"), "pochůzka"),
    ColumnHelp(
        RECORD_TIME,
        gettext_lazy("čas záznamu"),
        gettext_lazy("v době směny; prázdné = začátek; SELČ / SEČ jako u začátku"),
        "10:30",
    ),
    ColumnHelp(LOCALITY, gettext_lazy("lokalita z registru"), gettext_lazy("název lokality"), "Předlice"),
    ColumnHelp(PLACE, gettext_lazy("jiné místo"), gettext_lazy("text, když není lokalita"), "zastávka MHD"),
    ColumnHelp(CATEGORY, gettext_lazy("kategorie záznamu"), gettext_lazy("název z číselníku"), "záškoláctví"),
    ColumnHelp(DESCRIPTION, gettext_lazy("popis bez jmen obyvatel"), gettext_lazy("text"), "Doprovod dětí do školy."),
    ColumnHelp(PERSONS, gettext_lazy("počet osob"), gettext_lazy("celé číslo, prázdné = 0"), "3"),
    ColumnHelp(OUTCOME, gettext_lazy("výsledek"), gettext_lazy("např. pouze monitoring"), "pouze monitoring"),
    ColumnHelp(HANDED_OVER, gettext_lazy("komu bylo předáno"), gettext_lazy("text"), "OSPOD"),
    ColumnHelp(FOLLOW_UP, gettext_lazy("nutné další řešení"), gettext_lazy("ano / ne, prázdné = ne"), "ne"),
    ColumnHelp(SYRINGES, gettext_lazy("počet stříkaček"), gettext_lazy("jen u sběru stříkaček"), "12"),
]


# Service field -> file column, for the services' validation errors.
FIELD_COLUMNS = {
    "date": DATE,
    "actual_end": END,
    "assistants": ASSISTANTS,
    "mentor": MENTOR,
    "recorded_at": RECORD_TIME,
    "locality": LOCALITY,
    "place": PLACE,
    "category": CATEGORY,
    "description": DESCRIPTION,
    "persons_involved": PERSONS,
    "outcome": OUTCOME,
    "handed_over_to": HANDED_OVER,
    "follow_up": FOLLOW_UP,
    "syringe_count": SYRINGES,
}
