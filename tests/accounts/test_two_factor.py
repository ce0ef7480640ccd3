"""Two-factor login (accounts/two_factor/services.py): who owes it, its enforcement on every URL, set-up, recovery
codes,
the organisation admin's reset and setting, and the demo devices."""

import base64

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.choices import Role
from accounts.models import User
from accounts.two_factor import services as two_factor
from audit.choices import AuditAction
from audit.models import AuditEvent
from tests.accounts.factories import TOTPDeviceFactory, UserFactory
from tests.accounts.two_factor_helpers import current_code
from tests.test_isolation import ACCOUNT, ACTION, DETAIL, LIST, OWN_ACTION, PUBLIC, all_url_names

pytestmark = pytest.mark.django_db

VERIFY = reverse("two_factor:verify")
SETUP = reverse("two_factor:setup")
WRONG_CODE_ERROR = "Kód není správný nebo už byl použit."


def password_login(user, password) -> Client:
    """A client past the password step only, as a browser is after the login form."""
    client = Client()
    response = client.post(reverse("login"), {"username": user.username, "password": password})
    assert response.status_code == 302 and response.url == reverse("home")
    return client


def code_of_key(key_hex: str) -> str:
    return f"{TOTP(bytes.fromhex(key_hex)).token():06d}"


# --- who owes the second factor ---------------------------------------------------------------------


@pytest.mark.parametrize("role", [Role.LIAISON, Role.SERVICE_LEAD, Role.MENTOR, Role.COORDINATOR, Role.ORG_ADMIN])
def test_roles_that_see_clients_or_manage_others_require_it(role, organisation):
    assert two_factor.two_factor_required(UserFactory(organisation=organisation, roles=[role, Role.APK]))


def test_apk_requires_it_only_when_the_organisation_says_so(apk, organisation):
    assert not two_factor.two_factor_required(apk)
    organisation.require_two_factor_for_apk = True
    organisation.save()
    apk.refresh_from_db()
    assert two_factor.two_factor_required(apk)


def test_apk_logs_in_without_a_code_by_default(apk, password):
    client = password_login(apk, password)
    response = client.get(reverse("home"), follow=True)
    assert response.redirect_chain == [(reverse("shifts:today"), 302)]


def test_apk_of_an_organisation_requiring_it_is_sent_to_setup(apk, organisation, password):
    organisation.require_two_factor_for_apk = True
    organisation.save()
    client = password_login(apk, password)
    response = client.get(reverse("shifts:today"))
    assert response.status_code == 302
    assert response.url == f"{SETUP}?next=%2Fshifts%2Ftoday%2F"


# --- enforcement on every URL -----------------------------------------------------------------------


class _AnyRecord:
    """Stands for any of an organisation's records in the URL kwargs of tests/test_isolation.py: id 1 everywhere.

    The middleware answers before any view runs, so the records need not exist."""

    pk = 1

    def __getattr__(self, name):
        return 1 if name.endswith("_id") else _AnyRecord()


# The keep-alive of the idle-timeout warning too: it only extends a session, and keeps a set-up in progress alive.
EXEMPT = {"two_factor:verify", "two_factor:setup", "logout", "set_language", "healthz", "session_keepalive"}
PROTECTED = sorted((set(DETAIL) | set(LIST) | set(ACTION) | OWN_ACTION | ACCOUNT | PUBLIC) - EXEMPT - {"login"})
ACTIONS = set(ACTION) | OWN_ACTION | {"logout", "set_language", "two_factor:recovery_codes_create"}


def test_the_walk_below_covers_every_url():
    assert set(PROTECTED) | EXEMPT | {"login"} == all_url_names()


def _url(name):
    kwargs = DETAIL[name](_AnyRecord()) if name in DETAIL else ACTION[name](_AnyRecord()) if name in ACTION else {}
    return reverse(name, kwargs=kwargs)


@pytest.mark.parametrize("name", PROTECTED)
def test_unverified_user_reaches_only_the_second_factor_on_every_url(name, organisation):
    """Every role that owes the second factor; a user without a device goes to the set-up, with one to the code."""
    user = UserFactory(organisation=organisation, roles=list(Role.values))
    client = Client()
    client.force_login(user)
    url = _url(name)
    send = client.post if name in ACTIONS else client.get

    response = send(url)
    assert response.status_code == 302, f"{name} answered {response.status_code}"
    assert response.url.split("?")[0] == SETUP

    TOTPDeviceFactory(user=user)
    response = send(url)
    assert response.status_code == 302, f"{name} answered {response.status_code}"
    assert response.url.split("?")[0] == VERIFY


def test_unverified_user_on_the_set_up_can_keep_the_session_alive(liaison):
    client = Client()
    client.force_login(liaison)

    response = client.post(reverse("session_keepalive"))

    assert response.status_code == 204


@pytest.mark.parametrize("url", ["/admin/", "/admin/svl/user/", "/no-such-page/"])
def test_unverified_user_cannot_reach_the_admin_or_probe_urls(url, liaison):
    client = Client()
    client.force_login(liaison)
    response = client.get(url)
    assert response.status_code == 302 and response.url.startswith(SETUP)


def test_unverified_user_may_log_out_switch_language_and_load_static_files(liaison):
    client = Client()
    client.force_login(liaison)
    assert client.get(reverse("healthz")).status_code == 200
    assert client.get("/static/css/app.css").status_code == 200
    response = client.post(reverse("set_language"), {"language": "cs", "next": SETUP})
    assert response.status_code == 302 and response.url == SETUP
    assert client.post(reverse("logout")).status_code == 302
    assert "_auth_user_id" not in client.session


def test_get_redirect_keeps_the_page_for_after_the_code(liaison, password):
    TOTPDeviceFactory(user=liaison)
    client = password_login(liaison, password)
    response = client.get("/cases/clients/?page=2")
    assert response.url == f"{VERIFY}?next=%2Fcases%2Fclients%2F%3Fpage%3D2"


# --- the code step ------------------------------------------------------------------------------------


def test_login_with_a_code_cycles_the_session_and_goes_on(liaison, password):
    device = TOTPDeviceFactory(user=liaison)
    client = password_login(liaison, password)
    page = client.get(VERIFY, {"next": "/cases/clients/"})
    assert page.status_code == 200
    assert "Ověřovací kód" in page.content.decode()
    assert page.context["nav_items"] == []
    key_before = client.session.session_key

    response = client.post(VERIFY, {"code": current_code(device), "next": "/cases/clients/"})

    assert response.status_code == 302 and response.url == "/cases/clients/"
    assert client.session.session_key != key_before
    assert client.session[DEVICE_ID_SESSION_KEY] == device.persistent_id
    assert client.get("/cases/clients/").status_code == 200


def test_wrong_code_is_refused_at_the_field_in_czech(liaison, password):
    TOTPDeviceFactory(user=liaison)
    client = password_login(liaison, password)
    response = client.post(VERIFY, {"code": "000000"})
    assert response.status_code == 200
    assert response.context["form"].errors == {"code": [WRONG_CODE_ERROR]}
    assert DEVICE_ID_SESSION_KEY not in client.session
    response = client.post(VERIFY, {"code": ""})
    assert response.context["form"].errors == {"code": ["Zadejte kód."]}


def test_repeated_wrong_codes_are_throttled(liaison, password):
    device = TOTPDeviceFactory(user=liaison)
    client = password_login(liaison, password)
    client.post(VERIFY, {"code": "000000"})
    # Straight after a failure even the right code waits (django-otp's throttling doubles the wait each time).
    response = client.post(VERIFY, {"code": current_code(device)})
    assert response.context["form"].errors == {
        "code": ["Příliš mnoho chybných pokusů. Počkejte chvíli a zadejte kód znovu."]
    }
    device.refresh_from_db()
    assert device.throttling_failure_count == 1


def test_a_used_code_cannot_be_replayed(liaison, password):
    device = TOTPDeviceFactory(user=liaison)
    code = current_code(device)
    first = password_login(liaison, password)
    assert first.post(VERIFY, {"code": code}).status_code == 302
    second = password_login(liaison, password)
    response = second.post(VERIFY, {"code": code})
    assert response.status_code == 200
    assert response.context["form"].errors == {"code": [WRONG_CODE_ERROR]}


def test_external_next_is_ignored(liaison, password):
    device = TOTPDeviceFactory(user=liaison)
    client = password_login(liaison, password)
    response = client.post(VERIFY, {"code": current_code(device), "next": "https://evil.example/"})
    assert response.url == reverse("home")


def test_verify_without_a_device_leads_to_setup(liaison, password):
    client = password_login(liaison, password)
    assert client.get(VERIFY).url == SETUP


# --- set-up and recovery codes ------------------------------------------------------------------------


def test_setup_shows_the_secret_and_qr_then_confirms_and_shows_recovery_codes_once(liaison, password):
    client = password_login(liaison, password)
    assert client.get(reverse("home")).url == f"{SETUP}?next=%2F"

    page = client.get(SETUP)
    assert page.status_code == 200
    body = page.content.decode()
    key_hex = client.session[two_factor.SETUP_KEY_SESSION_KEY]
    secret = two_factor.base32_secret(key_hex)
    assert page.context["secret"] == secret
    assert secret in body
    assert f"otpauth://totp/SVL%3A{liaison.username}?secret={secret}" in body.replace("&amp;", "&")
    assert '<svg width="240" height="240" role="img" aria-label="QR kód pro aplikaci ověřovatele"' in body
    assert "style=" not in body and "<script>" not in body
    assert client.get(SETUP).context["secret"] == secret  # a reload keeps the secret
    assert not TOTPDevice.objects.filter(user=liaison).exists()

    wrong = client.post(SETUP, {"code": "123"})
    assert wrong.context["form"].errors == {"code": ["Zadejte šest číslic z aplikace."]}
    good_code = code_of_key(key_hex)
    bad_code = f"{(int(good_code) + 1) % 1_000_000:06d}"
    wrong = client.post(SETUP, {"code": bad_code})
    assert wrong.status_code == 200
    assert wrong.context["form"].errors == {
        "code": ["Kód nesouhlasí. Zkontrolujte, že je v telefonu správný čas, a zadejte aktuální kód."]
    }

    response = client.post(SETUP, {"code": good_code})

    assert response.status_code == 302 and response.url == reverse("two_factor:recovery_codes")
    device = TOTPDevice.objects.get(user=liaison)
    assert device.confirmed and device.key == key_hex
    assert client.session[DEVICE_ID_SESSION_KEY] == device.persistent_id
    shown = client.get(response.url)
    codes = shown.context["codes"]
    assert len(codes) == 10 and len(set(codes)) == 10
    assert all(code in shown.content.decode() for code in codes)
    # Only keyed hashes of the codes are stored, never the codes.
    stored = set(StaticToken.objects.filter(device__user=liaison).values_list("token", flat=True))
    assert stored == {two_factor.recovery_code_digests(code)[0] for code in codes}
    assert not stored & set(codes)
    again = client.get(response.url)
    assert again.context["codes"] is None
    assert codes[0] not in again.content.decode()
    assert client.get(reverse("cases:home")).status_code == 200
    # The set-up's code cannot pass the login step again (its time step is used).
    client.post(reverse("logout"))
    client = password_login(liaison, password)
    assert client.post(VERIFY, {"code": good_code}).context["form"].errors == {"code": [WRONG_CODE_ERROR]}


def test_each_recovery_code_works_once(liaison, password):
    TOTPDeviceFactory(user=liaison)
    codes = two_factor.recovery_codes_create(user=liaison)

    client = password_login(liaison, password)
    response = client.post(VERIFY, {"code": codes[0].upper()})
    assert response.status_code == 302 and response.url == reverse("home")
    assert client.session[DEVICE_ID_SESSION_KEY].startswith("otp_static.staticdevice/")
    assert StaticToken.objects.filter(device__user=liaison).count() == 9
    assert client.get(reverse("cases:home")).status_code == 200

    client = password_login(liaison, password)
    response = client.post(VERIFY, {"code": codes[0]})
    assert response.context["form"].errors == {"code": [WRONG_CODE_ERROR]}
    StaticDevice.objects.filter(user=liaison).update(throttling_failure_count=0, throttling_failure_timestamp=None)
    assert client.post(VERIFY, {"code": codes[1]}).status_code == 302


def test_setup_is_refused_to_an_unverified_user_who_has_a_device(liaison, password):
    """Someone with only the password cannot register their own phone in place of the user's."""
    TOTPDeviceFactory(user=liaison)
    client = password_login(liaison, password)
    assert client.get(SETUP).url == VERIFY
    assert client.post(SETUP, {"code": "123456"}).url == VERIFY
    assert TOTPDevice.objects.filter(user=liaison).count() == 1


def test_apk_sets_it_up_optionally_and_is_then_asked_for_the_code(apk, password):
    client = password_login(apk, password)
    account = client.get(reverse("two_factor:account"))
    assert "vypnuto" in account.content.decode()
    client.get(SETUP)
    code = code_of_key(client.session[two_factor.SETUP_KEY_SESSION_KEY])
    assert client.post(SETUP, {"code": code}).status_code == 302

    client = password_login(apk, password)
    assert client.get(reverse("shifts:today")).url.startswith(VERIFY)


def test_new_recovery_codes_replace_the_old(liaison, login):
    client = login(liaison)
    old = two_factor.recovery_codes_create(user=liaison)
    response = client.post(reverse("two_factor:recovery_codes_create"))
    assert response.url == reverse("two_factor:recovery_codes")
    new = client.get(response.url).context["codes"]
    assert len(new) == 10
    old_digests = [two_factor.recovery_code_digests(code)[0] for code in old]
    assert not StaticToken.objects.filter(token__in=old_digests).exists()
    assert client.get(reverse("two_factor:recovery_codes_create")).status_code == 405


def test_account_page_shows_the_state(liaison, login):
    client = login(liaison)
    two_factor.recovery_codes_create(user=liaison)
    body = client.get(reverse("two_factor:account")).content.decode()
    assert "zapnuto" in body
    assert 'data-testid="codes-left">10<' in body


# --- passwords never bypass it ------------------------------------------------------------------------


def test_admin_setting_a_password_keeps_the_device_and_the_code_step(org_admin, liaison, login):
    device = TOTPDeviceFactory(user=liaison)
    response = login(org_admin).post(
        reverse("users:password", args=[liaison.pk]),
        {"password1": "úplně nové heslo 2026", "password2": "úplně nové heslo 2026"},
    )
    assert response.status_code == 302
    assert TOTPDevice.objects.filter(pk=device.pk, confirmed=True).exists()
    client = password_login(liaison, "úplně nové heslo 2026")
    response = client.get(reverse("cases:home"))
    assert response.status_code == 302 and response.url.startswith(VERIFY)


def test_own_password_change_keeps_the_session_verified(liaison, login, password):
    client = login(liaison)
    response = client.post(
        reverse("password_change"),
        {"old_password": password, "new_password1": "nové dlouhé heslo", "new_password2": "nové dlouhé heslo"},
    )
    assert response.status_code == 302
    assert TOTPDevice.objects.filter(user=liaison).exists()
    assert client.get(reverse("cases:home")).status_code == 200


# --- the organisation admin's reset ---------------------------------------------------------------------


def test_admin_resets_a_users_second_factor_with_an_audit_entry(org_admin, liaison, login, password):
    liaison_client = login(liaison)
    two_factor.recovery_codes_create(user=liaison)
    admin_client = login(org_admin)
    url = reverse("users:two_factor_reset", args=[liaison.pk])
    page = admin_client.get(url)
    assert page.status_code == 200
    assert "Uživatel má nastavenou aplikaci ověřovatele" in page.content.decode()

    response = admin_client.post(url)

    assert response.status_code == 302 and response.url == reverse("users:edit", args=[liaison.pk])
    assert not TOTPDevice.objects.filter(user=liaison).exists()
    assert not StaticDevice.objects.filter(user=liaison).exists()
    event = AuditEvent.objects.get(action=AuditAction.TWO_FACTOR_RESET)
    assert (event.user, event.object_type, event.object_id, event.object_repr, event.organisation_id) == (
        org_admin,
        "svl.user",
        liaison.pk,
        liaison.username,
        liaison.organisation_id,
    )
    # The open session verified by the deleted device no longer counts; the next login sets it up again.
    assert liaison_client.get(reverse("cases:home")).url.startswith(SETUP)
    assert password_login(liaison, password).get(reverse("cases:home")).url.startswith(SETUP)


def test_reset_of_another_organisations_user_is_404(liaison, outsider, login):
    TOTPDeviceFactory(user=liaison)
    url = reverse("users:two_factor_reset", args=[liaison.pk])
    assert login(outsider).get(url).status_code == 404
    assert login(outsider).post(url).status_code == 404
    assert TOTPDevice.objects.filter(user=liaison).exists()


def test_reset_by_a_non_admin_is_403(coordinator, liaison, login):
    TOTPDeviceFactory(user=liaison)
    url = reverse("users:two_factor_reset", args=[liaison.pk])
    assert login(coordinator).post(url).status_code == 403
    assert TOTPDevice.objects.filter(user=liaison).exists()
    assert not AuditEvent.objects.filter(action=AuditAction.TWO_FACTOR_RESET).exists()


def test_reset_accepts_only_get_and_post(org_admin, liaison, login):
    assert login(org_admin).put(reverse("users:two_factor_reset", args=[liaison.pk])).status_code == 405


def test_user_edit_page_links_to_the_reset(org_admin, liaison, login):
    body = login(org_admin).get(reverse("users:edit", args=[liaison.pk])).content.decode()
    assert reverse("users:two_factor_reset", args=[liaison.pk]) in body


# --- the organisation's setting -------------------------------------------------------------------------


def test_org_admin_requires_it_for_apks(org_admin, organisation, login):
    client = login(org_admin)
    page = client.get(reverse("organisation_settings"))
    assert "Vyžadovat dvoufázové ověření i od asistentů prevence kriminality" in page.content.decode()
    response = client.post(reverse("organisation_settings"), {"require_two_factor_for_apk": "on", "version": 1})
    assert response.status_code == 302 and response.url == reverse("organisation_settings")
    organisation.refresh_from_db()
    assert organisation.require_two_factor_for_apk
    client.post(reverse("organisation_settings"), {"version": 2})
    organisation.refresh_from_db()
    assert not organisation.require_two_factor_for_apk


def test_organisation_setting_is_for_org_admins_only(coordinator, login):
    assert login(coordinator).get(reverse("organisation_settings")).status_code == 403


def test_setting_is_editable_in_django_admin(organisation, login):
    superuser = User.objects.create_superuser("root", "root@example.cz", "x" * 16)
    body = login(superuser).get(reverse("admin:svl_organisation_change", args=[organisation.pk])).content.decode()
    assert 'name="require_two_factor_for_apk"' in body


# --- demo data ------------------------------------------------------------------------------------------


def test_seed_demo_devices_accept_the_published_secret(settings):
    settings.DEBUG = True  # seed_demo refuses to run otherwise
    call_command("seed_demo")
    call_command("seed_demo")  # idempotent: no second device
    demo_users = User.objects.filter(organisation__ico__in=["12345679", "24680133"])
    assert demo_users.count() == 9
    for user in demo_users:
        (device,) = TOTPDevice.objects.filter(user=user, confirmed=True)
        assert two_factor.base32_secret(device.key) == "JBSWY3DPEHPK3PXP"
        code = f"{TOTP(base64.b32decode('JBSWY3DPEHPK3PXP')).token():06d}"  # what oathtool --totp -b prints
        assert device.verify_token(code), user.username


# --- staff and superusers: the Django admin -------------------------------------------------------------


@pytest.fixture
def superuser(db):
    return User.objects.create_superuser(username="provoz", password="Dlouhe-heslo-provozu-123", email="")


@pytest.mark.parametrize("flags", [{"is_superuser": True, "is_staff": True}, {"is_staff": True}])
def test_staff_and_superusers_require_it(flags, organisation):
    assert two_factor.two_factor_required(UserFactory(organisation=None, roles=[], **flags))


def test_the_admin_with_a_password_alone_is_sent_to_the_set_up(superuser):
    client = password_login(superuser, "Dlouhe-heslo-provozu-123")

    response = client.get("/admin/")

    assert response.status_code == 302
    assert response.url == f"{SETUP}?next=%2Fadmin%2F"
    assert client.get(reverse("admin:svl_user_changelist")).url.startswith(SETUP)


def test_the_admin_with_a_device_but_no_code_is_sent_to_the_code_step(superuser):
    TOTPDeviceFactory(user=superuser)
    client = password_login(superuser, "Dlouhe-heslo-provozu-123")

    assert client.get("/admin/").url == f"{VERIFY}?next=%2Fadmin%2F"
    assert client.post(reverse("admin:svl_user_changelist"), {}).url == VERIFY


def test_the_admin_opens_after_the_code(superuser):
    device = TOTPDeviceFactory(user=superuser)
    client = password_login(superuser, "Dlouhe-heslo-provozu-123")

    response = client.post(f"{VERIFY}?next=/admin/", {"code": current_code(device), "next": "/admin/"})

    assert response.status_code == 302 and response.url == "/admin/"
    assert client.get("/admin/").status_code == 200
    assert client.get(reverse("admin:svl_user_changelist")).status_code == 200


def test_the_admins_own_login_form_sends_to_the_sites_login(client):
    response = client.get("/admin/login/?next=/admin/svl/user/")

    assert response.status_code == 302
    assert response.url == f"{reverse('login')}?next=/admin/svl/user/"
    assert client.post("/admin/login/", {"username": "x", "password": "y"}).status_code == 405


# --- recovery codes are stored hashed -------------------------------------------------------------------


def test_a_recovery_code_made_under_an_older_secret_key_still_works_once(liaison, password, settings):
    TOTPDeviceFactory(user=liaison)
    codes = two_factor.recovery_codes_create(user=liaison)
    settings.SECRET_KEY_FALLBACKS = [settings.SECRET_KEY]
    settings.SECRET_KEY = "a-new-secret-key-of-the-deployment-0123456789-abcdefghij"

    client = password_login(liaison, password)
    assert client.post(VERIFY, {"code": codes[3]}).status_code == 302
    client = password_login(liaison, password)
    assert client.post(VERIFY, {"code": codes[3]}).context["form"].errors == {"code": [WRONG_CODE_ERROR]}


def test_the_migration_hashes_codes_stored_in_plain_text(liaison, password):
    from importlib import import_module

    from django.apps import apps

    migration = import_module("accounts.migrations.0007_hash_recovery_codes")
    TOTPDeviceFactory(user=liaison)
    device = StaticDevice.objects.create(user=liaison, name=two_factor.RECOVERY_DEVICE_NAME, confirmed=True)
    StaticToken.objects.create(device=device, token="abcd2345")

    migration.hash_plain_codes(apps, None)

    assert list(StaticToken.objects.filter(device=device).values_list("token", flat=True)) == [
        two_factor.recovery_code_digests("abcd2345")[0]
    ]
    client = password_login(liaison, password)
    assert client.post(VERIFY, {"code": "ABCD-2345"}).status_code == 302
