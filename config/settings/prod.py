"""Production: every secret comes from the environment; nothing has a default."""

from config.env import env_bool, env_list, env_str
from config.settings.base import *  # noqa: F403
from config.settings.base import database_from_url

DEBUG = False
SECRET_KEY = env_str("SECRET_KEY")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", [])
DATABASES = {"default": database_from_url(env_str("DATABASE_URL"))}
SESSION_COOKIE_SECURE = env_bool("KINTRACE_SECURE_COOKIES", True)
CSRF_COOKIE_SECURE = env_bool("KINTRACE_SECURE_COOKIES", True)
SECURE_HSTS_SECONDS = 31536000
