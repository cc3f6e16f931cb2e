"""Cross-cutting guarantees: security headers, production settings, migrations, translations."""

import os
import subprocess
import sys
from pathlib import Path

import polib
import pytest
from django.core.management import call_command

ROOT = Path(__file__).resolve().parents[3]


def test_pages_send_a_content_security_policy_without_inline_scripts(client, db):
    response = client.get("/")
    policy = response.headers["Content-Security-Policy"]
    script_src = next(p for p in policy.split(";") if p.strip().startswith("script-src"))
    assert "'unsafe-inline'" not in script_src
    assert "'unsafe-eval'" not in script_src
    assert response.headers["X-Frame-Options"] == "DENY"


def test_no_template_has_inline_script():
    offenders = []
    for path in (ROOT / "inkludera").rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        for chunk in text.split("<script")[1:]:
            if "src=" not in chunk.split(">", 1)[0]:
                offenders.append(str(path.relative_to(ROOT)))
        if " hx-on" in text or "onclick=" in text or "onchange=" in text:
            offenders.append(str(path.relative_to(ROOT)))
    assert not offenders, offenders


def _run_manage(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), *args],
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )


def test_production_refuses_to_start_without_a_secret_key():
    env = {"DEBUG": "0", "SECRET_KEY": "", "ALLOWED_HOSTS": "inkludera.example"}
    result = _run_manage("check", env=env)
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_check_deploy_passes_with_production_settings():
    env = {
        "DEBUG": "0",
        "SECRET_KEY": "x" * 60 + "-production-secret-for-the-deploy-check",
        "PERSONAL_DATA_KEY": "cHJvZHVjdGlvbi1rZXktZm9yLXRoZS1jaGVjay0wMDA=",
        "ALLOWED_HOSTS": "inkludera.example",
    }
    result = _run_manage("check", "--deploy", "--fail-level", "WARNING", env=env)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.django_db
def test_models_and_migrations_agree():
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)


def _catalogues() -> list[Path]:
    return [p for p in ROOT.rglob("locale/sv/LC_MESSAGES/django.po") if ".venv" not in p.parts]


def test_every_swedish_message_is_translated_and_compiled():
    assert _catalogues(), "no Swedish catalogue found"
    for po_path in _catalogues():
        catalogue = polib.pofile(str(po_path))
        missing = [
            e.msgid
            for e in catalogue
            if not e.obsolete and (not e.translated() or "fuzzy" in e.flags)
        ]
        assert not missing, f"{po_path}: untranslated {missing[:10]}"
        mo_path = po_path.with_suffix(".mo")
        assert mo_path.exists(), f"{mo_path} is missing: run make messages"
        compiled = {
            (e.msgctxt, e.msgid): e.msgstr or e.msgstr_plural.get(0, "")
            for e in polib.mofile(str(mo_path))
        }
        for entry in catalogue.translated_entries():
            key = (entry.msgctxt, entry.msgid)
            assert key in compiled, f"{mo_path} is older than {po_path.name}: run make messages"
