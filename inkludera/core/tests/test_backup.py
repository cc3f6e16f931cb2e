"""Back up, wipe, restore: everything comes back (database rows and uploaded files)."""

import pytest
from django.core.management import call_command

from inkludera.accounts.models import Organisation, User
from inkludera.accounts.tests.factories import make_asf, make_municipality, make_user
from inkludera.core.backup import BackupError, restore_backup


@pytest.mark.django_db(transaction=True)
def test_backup_wipe_restore(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    (settings.MEDIA_ROOT / "invoices").mkdir(parents=True)
    (settings.MEDIA_ROOT / "invoices" / "F-1001.pdf").write_bytes(b"%PDF-1.7 demo")
    municipality = make_municipality("Karlskrona kommun", "1080", "2120000811")
    asf = make_asf("KASAK", municipality, slug="kasak").organisation
    make_user("chef@kasak.example", "asf_manager", asf)
    archive = tmp_path / "backup.tar.gz"

    call_command("backup", out=str(archive))

    call_command("flush", "--noinput")  # wipe every table
    (settings.MEDIA_ROOT / "invoices" / "F-1001.pdf").unlink()
    assert Organisation.objects.count() == 0
    assert User.objects.count() == 0

    call_command("restore", str(archive), yes=True)

    assert Organisation.objects.get(slug="kasak").asf.summary == "KASAK tvättar bilar."
    assert Organisation.objects.filter(kind="municipality").count() == 1
    assert User.objects.get(email="chef@kasak.example").has_role("asf_manager", asf)
    assert (settings.MEDIA_ROOT / "invoices" / "F-1001.pdf").read_bytes() == b"%PDF-1.7 demo"


@pytest.mark.django_db
def test_restore_refuses_something_that_is_not_a_backup(tmp_path):
    import tarfile

    bogus = tmp_path / "bogus.tar.gz"
    with tarfile.open(bogus, "w:gz") as archive:
        manifest = tmp_path / "manifest.json"
        manifest.write_text('{"format": "something-else"}')
        archive.add(manifest, arcname="manifest.json")
    with pytest.raises(BackupError, match="not an Inkludera backup"):
        restore_backup(bogus)
