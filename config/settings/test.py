"""Test settings: fast password hashing is NOT used; argon2 stays, as in production."""

from config.env import env_str
from config.settings.base import *  # noqa: F403
from config.settings.base import VAR_DIR, database_from_url

DEBUG = False
SECRET_KEY = "test-only-key-kintrace"  # noqa: S105
ALLOWED_HOSTS = ["*"]
DATABASES = {
    "default": database_from_url(env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'test.sqlite3'}"))
}
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
MEDIA_ROOT = VAR_DIR / "test-media"
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
