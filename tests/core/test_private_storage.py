"""Files the code keeps itself (imports waiting for confirmation) are readable by the server's own user only."""

import os
import stat

import pytest

from core.documents import private_directory, write_private_file
from core.importing.uploads import UploadStore
from tests.accounts.factories import UserFactory


def _mode(path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def world_readable_umask():
    """The usual 022 umask, under which plain mkdir/write_bytes give 0755 and 0644."""
    previous = os.umask(0o022)
    yield
    os.umask(previous)


@pytest.mark.django_db
def test_import_waiting_for_confirmation_is_kept_0600_in_a_0700_directory(
    world_readable_umask, organisation, settings, tmp_path
):
    settings.VAR_DIR = tmp_path / "var"
    user = UserFactory(organisation=organisation)

    token = UploadStore("shifts").save(user=user, content=b"Datum;Hodiny\n", extension=".csv")

    directory = tmp_path / "var" / "imports"
    (kept,) = directory.iterdir()
    assert kept.name == f"shifts-{organisation.pk}-{user.pk}-{token}.csv"
    assert (_mode(kept), _mode(directory), _mode(tmp_path / "var")) == (0o600, 0o700, 0o700)
    assert UploadStore("shifts").read(user=user, token=token) == (b"Datum;Hodiny\n", ".csv")


@pytest.mark.django_db
def test_an_existing_open_imports_directory_is_tightened(world_readable_umask, organisation, settings, tmp_path):
    settings.VAR_DIR = tmp_path
    (tmp_path / "imports").mkdir(mode=0o777)
    (tmp_path / "imports").chmod(0o777)

    UploadStore().save(user=UserFactory(organisation=organisation), content=b"a;b\n", extension=".csv")

    assert _mode(tmp_path / "imports") == 0o700


def test_private_directory_creates_each_missing_level_0700_and_leaves_existing_parents(world_readable_umask, tmp_path):
    tmp_path.chmod(0o755)

    created = private_directory(tmp_path / "a" / "b" / "c")

    assert created == tmp_path / "a" / "b" / "c"
    assert [_mode(tmp_path / part) for part in ("a", "a/b", "a/b/c")] == [0o700, 0o700, 0o700]
    assert _mode(tmp_path) == 0o755


def test_private_file_is_never_overwritten(world_readable_umask, tmp_path):
    write_private_file(tmp_path / "x.csv", b"first")

    with pytest.raises(FileExistsError):
        write_private_file(tmp_path / "x.csv", b"second")
    assert ((tmp_path / "x.csv").read_bytes(), _mode(tmp_path / "x.csv")) == (b"first", 0o600)
