"""The MV ČR report of an APK project: computed by aggregate queries, rendered as HTML, PDF and XLSX.

Definitions (docs/domain.md): only approved shifts count; a shift counts on its start date; a field record
counts in a period when its own date (Europe/Prague) is within the period; hours = worked minutes / 60.
"""

import datetime
from decimal import ROUND_HALF_UP, Decimal

from django.db import transaction
from django.db.models import Count, Sum
from django.db.models.functions import TruncMonth
from django.utils.translation import gettext as _

from assistants.choices import Outcome, ShiftStatus
from assistants.models import FieldRecord, Project, ReportNarrative, Shift
from core.charts import bar_chart
from core.dates import Period
from core.reporting import Chart, Report, Table, hours
from core.versioning import lock, save_new_version, stale_error

# Outcomes counted as "solved on the spot" versus "handed over" in the report's outcome table.
SOLVED = {Outcome.SOLVED_ON_SPOT}
HANDED_OVER = {Outcome.MUNICIPAL_POLICE_CALLED, Outcome.REPORTED_TO_POLICE, Outcome.HANDED_TO_SERVICE}


def _month_label(month: datetime.date) -> str:
    return f"{month:%-m/%Y}"


def apk_report(project: Project, period: Period) -> Report:
    shifts = Shift.objects.filter(
        project=project, status=ShiftStatus.APPROVED, date__gte=period.start, date__lte=period.end
    )
    start_at, end_at = period.aware_bounds()
    records = FieldRecord.objects.filter(
        shift__project=project, shift__status=ShiftStatus.APPROVED, recorded_at__gte=start_at, recorded_at__lt=end_at
    )

    totals = shifts.aggregate(count=Count("id"), minutes=Sum("worked_minutes"))
    record_totals = records.aggregate(count=Count("id"), syringes=Sum("syringe_count"))
    per_assistant = list(
        shifts.values("assistants__id", "assistants__first_name", "assistants__last_name", "assistants__username")
        .annotate(count=Count("id"), minutes=Sum("worked_minutes"))
        .order_by("assistants__last_name", "assistants__first_name")
    )
    shifts_by_month = {
        row["month"].date() if isinstance(row["month"], datetime.datetime) else row["month"]: row
        for row in shifts.annotate(month=TruncMonth("date"))
        .values("month")
        .annotate(count=Count("id"), minutes=Sum("worked_minutes"))
    }
    records_by_month = {
        row["month"].date(): row["count"]
        for row in records.annotate(month=TruncMonth("recorded_at")).values("month").annotate(count=Count("id"))
    }
    per_category = list(
        records.values("category__name", "category__position")
        .annotate(count=Count("id"), syringes=Sum("syringe_count"))
        .order_by("category__position", "category__name")
    )
    per_locality = list(
        records.values("locality_id", "locality__name", "locality__municipality_name")
        .annotate(count=Count("id"))
        .order_by("-count", "locality__name")
    )
    per_outcome = {row["outcome"]: row["count"] for row in records.values("outcome").annotate(count=Count("id"))}
    per_receiver = list(
        records.filter(outcome__in=HANDED_OVER)
        .values("outcome", "handed_over_to")
        .annotate(count=Count("id"))
        .order_by("outcome", "handed_over_to")
    )
    project = Project.objects.prefetch_related("assistants", "mentors").get(pk=project.pk)
    narrative_text, narrative_version = (
        ReportNarrative.objects.filter(project=project, period_start=period.start, period_end=period.end)
        .values_list("text", "version")
        .first()
    ) or ("", 0)

    report = Report(
        title=_("Výkaz projektu asistentů prevence kriminality (MV ČR)"),
        organisation=project.organisation,
        period=period,
        subtitle=f"{project.name}" + (f" ({project.registration_number})" if project.registration_number else ""),
        narrative=narrative_text,
        narrative_version=narrative_version,
    )
    report.facts = [
        (_("Asistenti prevence kriminality"), ", ".join(str(u) for u in project.assistants.all()) or "—"),
        (_("Mentoři"), ", ".join(str(u) for u in project.mentors.all()) or "—"),
        (_("Schválené směny"), totals["count"]),
        (_("Odpracované hodiny"), hours(totals["minutes"])),
        (_("Záznamy z terénu"), record_totals["count"]),
        (_("Sebrané injekční stříkačky"), record_totals["syringes"] or 0),
    ]

    report.tables.append(_planned_vs_actual(project, period, totals["minutes"]))
    report.tables.append(
        Table(
            title=_("Směny a hodiny podle asistentů"),
            columns=[_("Asistent"), _("Směny"), _("Hodiny")],
            rows=[
                [_person(row), row["count"], hours(row["minutes"])] for row in per_assistant if row["assistants__id"]
            ],
            note=_(
                "Společnou směnu odpracoval každý člen týmu celou; součet hodin asistentů proto může být vyšší "
                "než hodiny směn."
            ),
        )
    )
    month_rows = []
    for month in period.months():
        shift_row = shifts_by_month.get(month, {})
        month_rows.append(
            [
                _month_label(month),
                shift_row.get("count", 0),
                hours(shift_row.get("minutes")),
                records_by_month.get(month, 0),
            ]
        )
    report.tables.append(
        Table(
            title=_("Podle měsíců"),
            columns=[_("Měsíc"), _("Směny"), _("Hodiny"), _("Záznamy")],
            rows=month_rows,
            total=[_("Celkem"), totals["count"], hours(totals["minutes"]), record_totals["count"]],
        )
    )
    report.tables.append(
        Table(
            title=_("Záznamy podle kategorií"),
            columns=[_("Kategorie"), _("Záznamy"), _("Stříkačky")],
            rows=[[row["category__name"], row["count"], row["syringes"] or 0] for row in per_category],
            total=[_("Celkem"), record_totals["count"], record_totals["syringes"] or 0],
        )
    )
    report.tables.append(
        Table(
            title=_("Záznamy podle lokalit"),
            columns=[_("Lokalita"), _("Záznamy")],
            rows=[
                [
                    f"{row['locality__name']} ({row['locality__municipality_name']})"
                    if row["locality__name"]
                    else _("jiné místo"),
                    row["count"],
                ]
                for row in per_locality
            ],
            total=[_("Celkem"), record_totals["count"]],
        )
    )
    solved = sum(per_outcome.get(code, 0) for code in SOLVED)
    handed = sum(per_outcome.get(code, 0) for code in HANDED_OVER)
    report.tables.append(
        Table(
            title=_("Výsledky řešení"),
            columns=[_("Výsledek"), _("Záznamy")],
            rows=[
                [_("vyřešeno na místě"), solved],
                [_("předáno dál (MP, PČR, OSPOD / sociální služba)"), handed],
                [_("pouze monitoring"), per_outcome.get(Outcome.MONITORING_ONLY, 0)],
                [_("jiné"), per_outcome.get(Outcome.OTHER, 0)],
            ],
            total=[_("Celkem"), record_totals["count"]],
        )
    )
    outcome_labels = dict(Outcome.choices)
    report.tables.append(
        Table(
            title=_("Předáno podle příjemce"),
            columns=[_("Způsob předání"), _("Příjemce"), _("Záznamy")],
            rows=[
                [str(outcome_labels[row["outcome"]]), row["handed_over_to"] or "—", row["count"]]
                for row in per_receiver
            ],
            total=[_("Celkem"), "", handed],
        )
    )
    labels = [_month_label(m) for m in period.months()]
    report.charts.append(
        Chart(
            title=_("Hodiny a záznamy podle měsíců"),
            svg=bar_chart(
                _("Hodiny a záznamy podle měsíců"),
                labels,
                [(_("Hodiny"), [row[2] for row in month_rows]), (_("Záznamy"), [row[3] for row in month_rows])],
            ),
        )
    )
    return report


def _person(row) -> str:
    name = f"{row['assistants__first_name']} {row['assistants__last_name']}".strip()
    return name or row["assistants__username"]


def _planned_vs_actual(project: Project, period: Period, worked_minutes) -> Table:
    """Planned hours of the project, prorated to the days the report period shares with the project:
    planned_hours × overlap days / project days, two decimals half up like every hour figure (`hours`)."""
    overlap_start, overlap_end = max(project.starts_on, period.start), min(project.ends_on, period.end)
    project_days = (project.ends_on - project.starts_on).days + 1
    overlap_days = max(0, (overlap_end - overlap_start).days + 1)
    actual = hours(worked_minutes)
    rows = [[_("Odpracované hodiny v období"), actual]]
    if project.planned_hours:
        planned = (Decimal(project.planned_hours) * overlap_days / project_days).quantize(
            Decimal("0.01"), rounding=ROUND_HALF_UP
        )
        fulfilment = (
            (actual * 100 / planned).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP) if planned else Decimal("0.0")
        )
        rows = [
            [_("Plánované hodiny projektu (celé období)"), Decimal(project.planned_hours).quantize(Decimal("0.01"))],
            [_("Plánované hodiny za vykazované období (poměrně podle dnů)"), planned],
            *rows,
            [_("Plnění plánu (%)"), fulfilment],
        ]
    return Table(title=_("Plán a skutečnost"), columns=[_("Ukazatel"), _("Hodnota")], rows=rows)


@transaction.atomic
def narrative_save(*, project: Project, period: Period, text: str, by, version: int) -> ReportNarrative:
    """Write the narrative of a project's period; `version` is the one the coordinator saw, 0 if there was none."""
    # The project's row lock serialises the first narrative of a period: two coordinators writing it at once
    # would otherwise both find none, and the second would fail on the unique constraint instead of being told.
    Project.objects.select_for_update().filter(pk=project.pk).first()
    existing = ReportNarrative.objects.filter(project=project, period_start=period.start, period_end=period.end).first()
    if existing is None:
        narrative = ReportNarrative(
            organisation_id=project.organisation_id,
            project=project,
            period_start=period.start,
            period_end=period.end,
            text=text,
            updated_by=by,
        )
        if version != 0:  # the user saw a narrative that is no longer there
            raise stale_error(narrative)
        narrative.full_clean()
        narrative.save()
        return narrative
    narrative = lock(existing, version=version)
    narrative.text, narrative.updated_by = text, by
    narrative.full_clean()
    save_new_version(narrative)
    return narrative
