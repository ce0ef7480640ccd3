"""The locality situation report: for coordinators, minority liaison officers and the regional Roma coordinator.

Per locality: the latest monitoring score up to the end of the period, the problem tags observed in the
period, field-record counts per category (approved shifts only) and platform meetings held there.
"""

from django.db import connection
from django.db.models import Count, OuterRef, Q, Subquery
from django.utils.translation import gettext as _

from assistants.choices import ShiftStatus
from assistants.models import FieldRecord
from core.dates import Period
from core.reporting import Report, Table
from core.text import fold
from locations.choices import Problem, Region
from locations.models import Locality, LocalityObservation
from platforms.models import Meeting


def situation_report(organisation, period: Period, *, region: str = "", municipality: str = "") -> Report:
    localities = Locality.objects.filter(organisation=organisation, is_active=True)
    if region:
        localities = localities.filter(region=region)
    if municipality:
        localities = localities.filter(municipality_folded__contains=fold(municipality.strip()))
    latest = LocalityObservation.objects.filter(locality=OuterRef("pk"), observed_on__lte=period.end).order_by(
        "-observed_on", "-id"
    )
    start_at, end_at = period.aware_bounds()
    rows = list(
        localities.annotate(
            latest_score=Subquery(latest.values("score")[:1]),
            latest_on=Subquery(latest.values("observed_on")[:1]),
            record_count=Count(
                "field_records",
                filter=Q(
                    field_records__shift__status=ShiftStatus.APPROVED,
                    field_records__recorded_at__gte=start_at,
                    field_records__recorded_at__lt=end_at,
                ),
                distinct=True,
            ),
        ).order_by("region", "municipality_name", "name")
    )
    ids = [row.pk for row in rows]
    problems = _problems_in_period(ids, period)
    meetings = {
        row["locality_id"]: row["count"]
        for row in Meeting.objects.filter(locality_id__in=ids, starts_at__gte=start_at, starts_at__lt=end_at)
        .values("locality_id")
        .annotate(count=Count("id"))
    }
    per_category = list(
        FieldRecord.objects.filter(
            locality_id__in=ids, shift__status=ShiftStatus.APPROVED, recorded_at__gte=start_at, recorded_at__lt=end_at
        )
        .values("locality_id", "category__name", "category__position")
        .annotate(count=Count("id"))
        # The localities in the order of the locality table above.
        .order_by(
            "locality__region", "locality__municipality_name", "locality__name", "locality_id", "category__position"
        )
    )
    names = {row.pk: f"{row.name} ({row.municipality_name})" for row in rows}
    region_labels = dict(Region.choices)
    problem_labels = dict(Problem.choices)

    subtitle_parts = []
    if region:
        subtitle_parts.append(str(region_labels.get(region, region)))
    if municipality:
        subtitle_parts.append(_("obec: %(name)s") % {"name": municipality})
    report = Report(
        title=_("Situační zpráva o lokalitách"),
        organisation=organisation,
        period=period,
        subtitle=", ".join(subtitle_parts) or _("všechny lokality organizace"),
    )
    report.facts = [
        (_("Lokality"), len(rows)),
        (_("Záznamy z terénu v období"), sum(row.record_count for row in rows)),
        (_("Jednání platforem v lokalitách"), sum(meetings.values())),
    ]
    report.tables.append(
        Table(
            title=_("Lokality"),
            columns=[
                _("Lokalita"),
                _("Kraj"),
                _("Poslední hodnocení"),
                _("Datum hodnocení"),
                _("Problémy v období"),
                _("Záznamy"),
                _("Jednání"),
            ],
            rows=[
                [
                    names[row.pk],
                    str(region_labels.get(row.region, row.region)),
                    row.latest_score or "—",
                    f"{row.latest_on:%-d. %-m. %Y}" if row.latest_on else "—",
                    ", ".join(str(problem_labels.get(tag, tag)) for tag in problems.get(row.pk, [])) or "—",
                    row.record_count,
                    meetings.get(row.pk, 0),
                ]
                for row in rows
            ],
            total=[_("Celkem"), "", "", "", "", sum(r.record_count for r in rows), sum(meetings.values())],
        )
    )
    report.tables.append(
        Table(
            title=_("Záznamy z terénu podle lokalit a kategorií"),
            columns=[_("Lokalita"), _("Kategorie"), _("Záznamy")],
            rows=[[names[row["locality_id"]], row["category__name"], row["count"]] for row in per_category],
        )
    )
    return report


def _problems_in_period(locality_ids: list[int], period: Period) -> dict[int, list[str]]:
    """Distinct problem tags per locality observed in the period (one query, unnesting the tag arrays)."""
    if not locality_ids:
        return {}
    table = LocalityObservation._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            SELECT locality_id, array_agg(DISTINCT tag ORDER BY tag)
            FROM {table}, unnest(problems) AS tag
            WHERE locality_id = ANY(%s) AND observed_on BETWEEN %s AND %s
            GROUP BY locality_id
            """,
            [locality_ids, period.start, period.end],
        )
        return dict(cursor.fetchall())
