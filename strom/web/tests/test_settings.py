"""Configuration fails fast with a message naming the variable; production settings pass --deploy."""

import base64
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]


def production_env(**overrides) -> dict:
    key = base64.b64encode(os.urandom(32)).decode()
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("STROM_", "DATABASE_URL", "REDIS_URL", "DJANGO_"))}
    env.update({
        "STROM_ENV": "production",
        "STROM_SECRET_KEY": base64.b64encode(os.urandom(48)).decode(),
        "STROM_ENCRYPTION_KEYS": f"k1:{key}",
        "STROM_BLIND_INDEX_KEY": base64.b64encode(os.urandom(32)).decode(),
        "STROM_AUDIT_KEY": base64.b64encode(os.urandom(32)).decode(),
        "STROM_ALLOWED_HOSTS": "strom.example.org",
        "STROM_TRUSTED_PROXY_COUNT": "1",
        "STROM_EMAIL_URL": "smtp://mailer:secret@mail.example.org:587",
        "DATABASE_URL": "postgresql://strom@127.0.0.1:5432/strom",
        "REDIS_URL": "redis://127.0.0.1:6379/0",
    })
    env.update(overrides)
    return env


def manage(*args, env) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=120)


def test_production_settings_pass_the_deploy_check():
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=production_env())
    assert result.returncode == 0, result.stderr + result.stdout


@pytest.mark.parametrize(("variable", "value", "message"), [
    ("STROM_SECRET_KEY", "", "STROM_SECRET_KEY is not set"),
    ("STROM_SECRET_KEY", "short", "at least 50 characters"),
    ("STROM_ENCRYPTION_KEYS", "k1:not-base64!", "STROM_ENCRYPTION_KEYS (k1) is not valid base64"),
    ("STROM_ENCRYPTION_KEYS", "k1:" + base64.b64encode(b"x" * 16).decode(), "at least 32 bytes"),
    ("STROM_AUDIT_KEY", "", "STROM_AUDIT_KEY is not set"),
    ("DATABASE_URL", "mysql://x@y/z", "DATABASE_URL must be a sqlite:/// or postgresql:// URL"),
    ("REDIS_URL", "http://cache", "REDIS_URL must start with"),
    ("STROM_ALLOWED_HOSTS", "", "STROM_ALLOWED_HOSTS must name"),
    ("STROM_EMAIL_URL", "pigeon://coop", "STROM_EMAIL_URL must be"),
    ("STROM_DEBUG", "maybe", "not a yes/no value"),
    ("STROM_ENV", "staging", "STROM_ENV='staging' is not one of"),
    ("STROM_TRUSTED_PROXY_COUNT", "", "STROM_TRUSTED_PROXY_COUNT is not set"),
    ("STROM_TRUSTED_PROXY_COUNT", "two", "is not a whole number"),
    ("REDIS_URL", "", "REDIS_URL is required in production"),
    ("STROM_DEBUG", "true", "STROM_DEBUG must not be true in production"),
    ("STROM_ENCRYPTION_KEYS", "ключ:" + base64.b64encode(b"k" * 32).decode(), "1–16 ASCII letters and digits"),
])
def test_a_bad_value_stops_start_up_with_a_clear_message(variable, value, message):
    result = manage("check", env=production_env(**{variable: value}))
    assert result.returncode != 0
    assert message in result.stderr
