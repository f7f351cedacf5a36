"""Local development and `make demo`: debug on, a fixed development key."""

from config.env import env_list, env_str
from config.settings.base import *  # noqa: F403

DEBUG = True
SECRET_KEY = env_str("SECRET_KEY", "dev-only-insecure-key-kintrace-demo-not-for-production")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"])
