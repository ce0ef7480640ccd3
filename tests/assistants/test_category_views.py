"""Record categories: the shared default code list (read-only) plus the organisation's own ones."""

import pytest
from django.urls import reverse

from assistants.models import FieldRecordCategory
from tests.assistants.factories import category

LIST_URL = reverse("shifts:category_list")
CREATE_URL = reverse("shifts:category_create")


def _edit_url(item):
    return reverse("shifts:category_edit", args=[item.pk])


@pytest.fixture
def own(organisation):
    return FieldRecordCategory.objects.create(organisation=organisation, code="graffiti", name="graffiti", position=200)


def test_list_shows_defaults_and_the_organisations_own(own, coordinator, other_organisation, login):
    FieldRecordCategory.objects.create(organisation=other_organisation, code="cizi", name="ZZCIZI kategorie")
    category("public_order")

    response = login(coordinator).get(LIST_URL)

    assert response.status_code == 200
    assert list(response.context["own"]) == [own]
    defaults = list(response.context["defaults"])
    assert len(defaults) == 15
    assert defaults[0].name == "dohled nad veřejným pořádkem"
    html = response.content.decode()
    assert "ZZCIZI" not in html
    assert f'href="{_edit_url(own)}"' in html
    assert f'href="{_edit_url(defaults[0])}"' not in html


def test_org_admin_creates_a_category(org_admin, login):
    response = login(org_admin).post(
        CREATE_URL, {"name": "výjezd do terénu s OSPOD", "code": "ospod", "position": "160"}
    )

    assert response.status_code == 302
    assert response.url == LIST_URL
    created = FieldRecordCategory.objects.get(code="ospod")
    assert (created.organisation, created.name, created.position, created.requires_syringe_count) == (
        org_admin.organisation,
        "výjezd do terénu s OSPOD",
        160,
        False,
    )


def test_code_of_the_default_list_is_refused_at_the_field(coordinator, login):
    category("school")

    response = login(coordinator).post(CREATE_URL, {"name": "škola", "code": "school", "position": "100"})

    assert response.status_code == 200
    assert response.context["form"].errors == {"code": ["Kategorie s tímto kódem už existuje."]}


def test_invalid_code_is_an_error_at_the_field(coordinator, login):
    response = login(coordinator).post(CREATE_URL, {"name": "Škola", "code": "škola a hřiště", "position": "100"})

    assert list(response.context["form"].errors) == ["code"]
    assert not FieldRecordCategory.objects.filter(organisation=coordinator.organisation).exists()


def test_coordinator_renames_and_deactivates_own_category(own, coordinator, login):
    response = login(coordinator).post(
        _edit_url(own), {"name": "sprejerství", "position": "210", "version": own.version}
    )

    assert response.status_code == 302
    own.refresh_from_db()
    assert (own.code, own.name, own.position, own.is_active) == ("graffiti", "sprejerství", 210, False)


def test_default_category_cannot_be_edited(coordinator, login):
    default = category("public_order")

    assert login(coordinator).get(_edit_url(default)).status_code == 403
    assert login(coordinator).post(_edit_url(default), {"name": "x", "position": "1"}).status_code == 403


def test_outsider_gets_404_on_edit(own, outsider, login):
    assert login(outsider).get(_edit_url(own)).status_code == 404


@pytest.mark.parametrize("fixture", ["apk", "mentor"])
def test_other_roles_get_403(request, fixture, own, login):
    client = login(request.getfixturevalue(fixture))

    assert client.get(LIST_URL).status_code == 403
    assert client.post(CREATE_URL, {}).status_code == 403
    assert client.get(_edit_url(own)).status_code == 403


def test_login_required(client):
    response = client.get(LIST_URL)

    assert response.status_code == 302
    assert response.url == f"{reverse('login')}?next={LIST_URL}"


def test_list_query_count_is_bounded(own, coordinator, login, django_assert_max_num_queries):
    client = login(coordinator)
    category("public_order")

    # +1 since row-level security: the request's set_config (core/rls.py)
    with django_assert_max_num_queries(8):
        response = client.get(LIST_URL)

    assert len(response.context["defaults"]) == 15


def test_create_page_renders_the_form(coordinator, login):
    response = login(coordinator).get(CREATE_URL)

    assert response.status_code == 200
    assert list(response.context["form"].fields) == ["name", "code", "position", "requires_syringe_count"]
