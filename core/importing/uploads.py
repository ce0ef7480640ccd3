"""Uploads kept between an import's preview and its confirmation.

The confirmation never trusts data sent back by the browser: the preview keeps the uploaded file here,
named by a random token bound to the user and the organisation, and the confirmation reads it again.
"""

import re
import secrets
import time
from pathlib import Path

from django.conf import settings

from core.documents import private_directory, write_private_file
from core.tabular import ACCEPTED_EXTENSIONS

TOKEN_PATTERN = r"^[A-Za-z0-9_-]{32,64}$"
_TOKEN_RE = re.compile(TOKEN_PATTERN)
UPLOAD_MAX_AGE_SECONDS = 24 * 60 * 60


class UploadStore:
    """Files waiting for an import's confirmation, in VAR_DIR/imports; `prefix` keeps each import's files apart.

    The directory is 0700 and each file 0600 from its creation: they are whole uploaded tables (shifts, names).
    """

    def __init__(self, prefix: str = ""):
        self.prefix = f"{prefix}-" if prefix else ""

    @staticmethod
    def directory() -> Path:
        return Path(settings.VAR_DIR) / "imports"

    def _path(self, user, token: str, extension: str) -> Path:
        return self.directory() / f"{self.prefix}{user.organisation_id}-{user.pk}-{token}{extension}"

    def save(self, *, user, content: bytes, extension: str) -> str:
        """Keep an uploaded file for the confirmation step; returns its token."""
        if extension not in ACCEPTED_EXTENSIONS:
            raise ValueError(f"Unsupported extension: {extension}")
        directory = private_directory(self.directory())
        _purge_stale_uploads(directory)
        token = secrets.token_urlsafe(32)
        write_private_file(self._path(user, token, extension), content)
        return token

    def read(self, *, user, token: str) -> tuple[bytes, str] | None:
        """The file kept under `token` for this very user and organisation, as (content, extension), or None."""
        if not _TOKEN_RE.match(token or "") or user.organisation_id is None:
            return None
        for extension in ACCEPTED_EXTENSIONS:
            path = self._path(user, token, extension)
            if path.is_file():
                return path.read_bytes(), extension
        return None

    def delete(self, *, user, token: str) -> None:
        if not _TOKEN_RE.match(token or ""):
            return
        for extension in ACCEPTED_EXTENSIONS:
            self._path(user, token, extension).unlink(missing_ok=True)


def _purge_stale_uploads(directory: Path) -> None:
    """Previews never confirmed leave their file behind; drop those older than a day."""
    cutoff = time.time() - UPLOAD_MAX_AGE_SECONDS
    for path in directory.iterdir():
        try:
            if path.is_file() and path.stat().st_mtime < cutoff:
                path.unlink(missing_ok=True)
        except OSError:
            pass
