"""Production settings pass Django's deployment checks (manage.py check --deploy)."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]


def test_check_deploy_with_production_settings_is_clean(tmp_path):
    env = {
        **os.environ,
        "HOMEWARD_ENV": "production",
        "HOMEWARD_SECRET_KEY": secrets.token_urlsafe(64),
        "HOMEWARD_ALLOWED_HOSTS": "homeward.example.org",
        "HOMEWARD_VAR_DIR": str(tmp_path),
    }
    # Test-only switches must not leak into the production check (the browser tests set this one).
    for name in ("HOMEWARD_DEBUG", "DJANGO_ALLOW_ASYNC_UNSAFE"):
        env.pop(name, None)
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout
