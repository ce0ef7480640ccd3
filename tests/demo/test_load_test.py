"""The load_test command against pytest-django's live server with the demo data."""

import pytest
from django.core.management import CommandError, call_command

from assistants.choices import ShiftStatus
from assistants.models import FieldRecord, Shift


def test_two_users_for_three_seconds_get_no_errors(live_server, settings, capsys):
    settings.DEBUG = True  # seed_demo refuses to run otherwise
    call_command("seed_demo")
    capsys.readouterr()

    call_command("load_test", "--users", "2", "--seconds", "3", "--url", live_server.url)

    output = capsys.readouterr().out
    assert "errors: 0" in output
    assert "requests/s; p50" in output
    for page in ("POST login", "GET shifts:list", "GET shifts:record_create", "POST shifts:record_create"):
        assert page in output
    # apk1 started the demo shift planned for today and logged records on it.
    shift = Shift.objects.get(assistants__username="apk1", status=ShiftStatus.IN_PROGRESS)
    assert FieldRecord.objects.filter(shift=shift, description__startswith="Zátěžový test").exists()


@pytest.mark.parametrize("url", ["http://example.cz", "http://10.0.0.5:8000", "ftp://127.0.0.1/"])
def test_only_a_local_server_is_targeted(url):
    with pytest.raises(CommandError, match="only targets a server on this machine"):
        call_command("load_test", "--url", url, "--seconds", "1")
