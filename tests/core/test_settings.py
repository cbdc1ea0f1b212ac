import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PRINT_SETTINGS = (
    "import django, json; django.setup(); from django.conf import settings as s; "
    "print(json.dumps({'db': s.DATABASES['default']['ENGINE'], 'broker': s.CELERY_BROKER_URL, "
    "'debug': s.DEBUG, 'email': s.MAILERS['default']['BACKEND'], "
    "'poll': s.CELERY_BROKER_TRANSPORT_OPTIONS.get('polling_interval')}))"
)


def run_python(code: str, env: dict[str, str], *args: str) -> subprocess.CompletedProcess:
    base = {k: v for k, v in os.environ.items() if k not in _PORTAL_NAMES}
    base["DJANGO_SETTINGS_MODULE"] = "ecotown.settings"
    return subprocess.run(
        [sys.executable, *(["-c", code] if code else []), *args],
        cwd=ROOT,
        env={**base, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


_PORTAL_NAMES = {
    "DEBUG",
    "SECRET_KEY",
    "ALLOWED_HOSTS",
    "DATABASE_URL",
    "CELERY_BROKER_URL",
    "EMAIL_URL",
    "CELERY_RESULT_BACKEND",
    "SECURE_SSL_REDIRECT",
    "SESSION_COOKIE_SECURE",
    "CSRF_COOKIE_SECURE",
    "DJANGO_ALLOW_ASYNC_UNSAFE",
    "CONN_MAX_AGE",
    "CONN_HEALTH_CHECKS",
    "MFA_REQUIRED_ROLES",
}


def test_refuses_to_start_without_secret_key_when_debug_is_off(tmp_path):
    result = run_python(
        PRINT_SETTINGS, {"DEBUG": "false", "ALLOWED_HOSTS": "x.org", "VAR_DIR": str(tmp_path)}
    )
    assert result.returncode == 1
    assert result.stderr.strip() == "ecotown: SECRET_KEY must be set when DEBUG is off."


def test_refuses_to_start_without_allowed_hosts_when_debug_is_off(tmp_path):
    result = run_python(
        PRINT_SETTINGS, {"DEBUG": "false", "SECRET_KEY": "k" * 50, "VAR_DIR": str(tmp_path)}
    )
    assert result.returncode == 1
    assert result.stderr.strip() == "ecotown: ALLOWED_HOSTS must be set when DEBUG is off."


def test_embedded_default_uses_sqlite_file_broker_and_console_mail(tmp_path):
    result = run_python(PRINT_SETTINGS, {"VAR_DIR": str(tmp_path)})
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == {
        "db": "django.db.backends.sqlite3",
        "broker": "filesystem://",
        "debug": True,
        "email": "django.core.mail.backends.console.EmailBackend",
        "poll": 0.1,
    }
    assert (tmp_path / "broker" / "queue").is_dir()


def test_deploy_check_is_clean_with_production_settings(tmp_path):
    env = {
        "DEBUG": "false",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "ecotown.example.org",
        "VAR_DIR": str(tmp_path),
        "EMAIL_URL": "smtp+tls://portal:secret@smtp.example.org:587",
    }
    result = run_python("", env, "manage.py", "check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_secure_flags_can_be_turned_off_for_plain_http_test_deployments(tmp_path):
    code = (
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.SECURE_SSL_REDIRECT, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE)"
    )
    env = {
        "DEBUG": "false",
        "SECRET_KEY": "k" * 50,
        "ALLOWED_HOSTS": "x.org",
        "VAR_DIR": str(tmp_path),
    }
    assert run_python(code, env).stdout.split() == ["True", "True", "True"]
    off = {
        "SECURE_SSL_REDIRECT": "false",
        "SESSION_COOKIE_SECURE": "false",
        "CSRF_COOKIE_SECURE": "false",
    }
    assert run_python(code, {**env, **off}).stdout.split() == ["False", "False", "False"]


PRINT_CONNECTIONS = (
    "import django, json; django.setup(); from django.conf import settings as s; "
    "d = s.DATABASES['default']; print(json.dumps([d['CONN_MAX_AGE'], d['CONN_HEALTH_CHECKS']]))"
)


def test_postgresql_connections_are_persistent_and_health_checked_by_default(tmp_path):
    env = {"DATABASE_URL": "postgres://u@127.0.0.1:5432/x", "VAR_DIR": str(tmp_path)}
    result = run_python(PRINT_CONNECTIONS, env)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == [60, True]


def test_connection_lifetime_and_health_checks_follow_the_environment(tmp_path):
    env = {
        "DATABASE_URL": "postgres://u@127.0.0.1:5432/x",
        "VAR_DIR": str(tmp_path),
        "CONN_MAX_AGE": "0",
        "CONN_HEALTH_CHECKS": "false",
    }
    result = run_python(PRINT_CONNECTIONS, env)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == [0, False]


def test_the_embedded_database_writes_ahead_and_syncs_each_commit(tmp_path):
    code = (
        "import django; django.setup(); from django.db import connection; "
        "c = connection.cursor(); "
        "print(c.execute('PRAGMA journal_mode').fetchone()[0], "
        "c.execute('PRAGMA synchronous').fetchone()[0])"
    )
    env = {"DATABASE_URL": f"sqlite:///{tmp_path / 'portal.sqlite3'}", "VAR_DIR": str(tmp_path)}
    result = run_python(code, env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["wal", "2"]  # 2: FULL
