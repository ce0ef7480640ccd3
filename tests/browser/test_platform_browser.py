"""A coordinator sets up a coordination platform on a tablet (768×1024): the platform, three member institutions,
each with a representative; the platform pages pass axe-core (no serious or critical violations)."""

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from platforms.models import Platform
from tests.browser.conftest import assert_no_serious_axe_violations
from tests.platforms.factories import PlatformFactory
from tests.platforms.platform_helpers import attend, institution, meeting, output, task

pytestmark = pytest.mark.browser

MEMBERS = [
    ("Policie ČR, OOP Předlice", "Policie ČR", "npor. Jan Malý", "vedoucí oddělení"),
    ("Magistrát – odbor sociálních věcí", "město / obec", "Mgr. Eva Veselá", "kurátorka"),
    ("ZŠ Rozcestí", "škola", "Bc. Petr Dvořák", "metodik prevence"),
]


def _add_member(page: Page, name: str, kind: str, person: str, function: str) -> None:
    page.get_by_role("link", name="Přidat instituci").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Nová členská instituce")
    page.get_by_label("Název").fill(name)
    page.get_by_label("Druh").select_option(label=kind)
    page.get_by_role("button", name="Uložit").click()

    expect(page.get_by_role("heading", level=1)).to_have_text(f"Nový zástupce instituce {name}")
    expect(page.get_by_role("status").first).to_have_text(f"Instituce {name} byla přidána. Uveďte jejího zástupce.")
    page.get_by_label("Jméno").fill(person)
    page.get_by_label("Funkce").fill(function)
    page.get_by_role("button", name="Uložit").click()
    expect(page.get_by_role("status").first).to_have_text(f"Zástupce {person} instituce {name} byl přidán.")


def test_coordinator_creates_a_platform_with_three_members(page, login_as, coordinator):
    login_as(coordinator)
    page.goto("/platforms/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Koordinační platformy")
    page.get_by_role("link", name="Nová platforma").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Nová platforma")
    assert_no_serious_axe_violations(page)
    page.get_by_label("Název").fill("Koordinační platforma Předlice")
    page.get_by_label("Obec").fill("Ústí nad Labem")
    page.get_by_role("group", name="Témata").get_by_label("bezpečnost").check()
    page.get_by_role("group", name="Témata").get_by_label("záškoláctví").check()
    page.get_by_label("Obvyklá frekvence").select_option(label="měsíčně")
    expect(page.get_by_label("Koordinátor")).to_have_value(str(coordinator.pk))
    page.get_by_role("button", name="Uložit").click()

    platform = Platform.objects.get()
    expect(page).to_have_url(re.compile(rf"/platforms/{platform.pk}/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Koordinační platforma Předlice")
    for member in MEMBERS:
        _add_member(page, *member)
        expect(page).to_have_url(re.compile(rf"/platforms/{platform.pk}/#members$"))

    rows = page.get_by_test_id("institution-row")
    expect(rows).to_have_count(3)
    for name, kind, person, function in MEMBERS:
        row = rows.filter(has_text=name)
        expect(row).to_contain_text(kind)
        expect(row).to_contain_text(f"{person}, {function}")
    assert sorted(platform.institutions.values_list("name", "representatives__name")) == sorted(
        (name, person) for name, _kind, person, _function in MEMBERS
    )
    assert_no_serious_axe_violations(page)


def test_platform_pages_pass_axe(page, login_as, organisation, coordinator, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    today = timezone.localdate()
    platform = PlatformFactory(organisation=organisation, coordinator=coordinator, name="Platforma Předlice")
    police = institution(platform, "Policie ČR", representatives=["npor. Malý"])
    school = institution(platform, "ZŠ Rozcestí", "school", representatives=["Mgr. Veselá"])
    held = meeting(platform, today - datetime.timedelta(days=3))
    meeting(platform, today + datetime.timedelta(days=25), place="KC Předlice")
    attend(held, police.representatives.get(), "present")
    attend(held, school.representatives.get(), "excused")
    task(held, police, "Posílit hlídky u ZŠ", today - datetime.timedelta(days=1))
    task(held, school, "Zmapovat záškoláctví", today + datetime.timedelta(days=14))
    output(platform, "Metodika pochodů", meeting=held)

    login_as(coordinator)
    page.goto("/platforms/")
    expect(page.get_by_test_id("platform-list")).to_contain_text("Platforma Předlice")
    assert_no_serious_axe_violations(page)

    page.get_by_role("link", name="Platforma Předlice").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Platforma Předlice")
    expect(page.locator("tr[data-overdue=true]")).to_have_count(1)
    expect(page.get_by_test_id("attendance-overview")).to_contain_text("100 %")
    assert_no_serious_axe_violations(page)

    page.get_by_role("link", name="Upravit platformu").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Upravit platformu Platforma Předlice")
    assert_no_serious_axe_violations(page)

    page.goto("/platforms/tasks/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Otevřené úkoly platforem")
    expect(page.get_by_test_id("task-row")).to_have_count(2)
    assert_no_serious_axe_violations(page)

    page.get_by_role("link", name="Posílit hlídky u ZŠ").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Posílit hlídky u ZŠ")
    assert_no_serious_axe_violations(page)

    page.goto(f"/platforms/{platform.pk}/outputs/new/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Nový výstup platformy")
    assert_no_serious_axe_violations(page)
