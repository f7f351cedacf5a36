"""A profile import never silently weakens the evidence: replacing a current profile
with fewer markers or other alleles is refused unless asked for with a reason; the old
version is then kept and the difference recorded and shown."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client

from casework.core import roles
from casework.core.errors import ImportRejected, NotFound
from casework.core.models import AuditEntry
from casework.identification.profiles import REPLACE_NEEDS_REASON
from casework.identification.services import profiles_import
from casework.samples.models import DNAProfile
from casework.samples.selectors import current_profile
from tests.factories import user_with_role
from tests.identification_world import write_long

pytestmark = pytest.mark.django_db


def one_marker(world, name="one.csv"):
    """RS0MO with only its first marker, and that marker's alleles changed."""
    first = next(r for r in world["rows"] if r[0] == "RS0MO")
    marker = next(m for m in world["markers"] if m.name == first[1])
    other = next(a for a in marker.alleles if a not in (first[2], first[3]))
    return write_long(world["tmp"] / name, [["RS0MO", first[1], other, first[3]]]), first


def test_a_weaker_profile_is_refused_with_the_difference(world, forensic):
    profiles_import(path=world["lab"], by=forensic)
    path, first = one_marker(world)
    with pytest.raises(ImportRejected) as exc:
        profiles_import(path=path, by=forensic)
    (line,) = exc.value.problems
    assert line.startswith(
        "row 2: RS0MO: would replace a 15-marker profile with a 1-marker profile (markers lost: "
    )
    assert f"alleles changed: {first[1]} " in line
    assert line.endswith("import with --replace and a --reason to replace it")
    assert DNAProfile.objects.filter(barcode="RS0MO").count() == 1
    with pytest.raises(ImportRejected) as exc:
        profiles_import(path=path, by=forensic, replace=True)
    assert exc.value.problems == [REPLACE_NEEDS_REASON]


def test_replacement_with_a_reason_keeps_the_old_version(world, forensic):
    profiles_import(path=world["lab"], by=forensic)
    old = current_profile("RS0MO")
    path, first = one_marker(world)
    report = profiles_import(
        path=path, by=forensic, replace=True, reason="lab re-typed the sample after a mix-up"
    )
    assert report.new_versions == ["RS0MO"] and len(report.replaced) == 1
    change = report.replaced[0]
    assert change.old_markers == 15 and change.new_markers == 1
    assert first[1] in change.changed and len(change.lost) == 14
    assert report.lines()[0].startswith("RS0MO: replaced (markers lost: ")
    versions = DNAProfile.objects.filter(barcode="RS0MO")
    assert versions.count() == 2 and versions.filter(pk=old.pk).exists()  # kept
    assert current_profile("RS0MO").genotypes == {first[1]: change.changed[first[1]][1].split("/")}
    entry = AuditEntry.objects.get(action="identification.profiles.replace")
    assert entry.actor == forensic and entry.reason == "lab re-typed the sample after a mix-up"
    assert entry.changes["markers"] == [15, 1] and len(entry.changes["lost"]) == 14


def test_identical_reimport_is_a_no_op_and_an_extension_is_accepted(world, forensic):
    profiles_import(path=world["lab"], by=forensic)
    again = profiles_import(path=world["lab"], by=forensic)
    assert len(again.unchanged) == 9 and not again.new_versions
    # PM3 typed with three markers first, then with the full set: an extension.
    pm3 = [r for r in world["rows"] if r[0] == "PM3"]
    DNAProfile.objects.filter(barcode="PM3").delete()
    profiles_import(path=write_long(world["tmp"] / "few.csv", pm3[:3]), by=forensic)
    report = profiles_import(path=write_long(world["tmp"] / "all.csv", pm3), by=forensic)
    assert report.new_versions == ["PM3"] and len(report.extended) == 1
    assert report.extended[0].is_extension and len(report.extended[0].added) == 12
    assert not AuditEntry.objects.filter(action="identification.profiles.replace").exists()


def test_the_cli_refuses_and_replaces(world, forensic):
    profiles_import(path=world["lab"], by=forensic)
    path, _first = one_marker(world)
    with pytest.raises(CommandError) as exc:
        call_command("import_profiles", str(path), "--as", forensic.username)
    assert "would replace a 15-marker profile with a 1-marker profile" in str(exc.value)
    assert "nothing was imported" in str(exc.value)
    out = __import__("io").StringIO()
    call_command(
        "import_profiles",
        str(path),
        "--as",
        forensic.username,
        "--replace",
        "--reason",
        "re-typed",
        stdout=out,
    )
    assert "1 replaced (the old versions are kept)" in out.getvalue()
    assert "RS0MO: replaced (markers lost:" in out.getvalue()
    tracer = world["tracer"]
    with pytest.raises(CommandError, match="Not found"):
        call_command("import_profiles", str(world["lab"]), "--as", tracer.username)


def test_the_page_refuses_and_replaces(world, forensic):
    profiles_import(path=world["lab"], by=forensic)
    path, _first = one_marker(world)
    client = Client()
    client.force_login(forensic)

    def upload(**extra):
        f = SimpleUploadedFile("one.csv", path.read_bytes(), content_type="text/csv")
        return client.post("/identification/profiles/import/", {"file": f, **extra}, follow=True)

    r = upload()
    page = r.content.decode()
    assert 'data-testid="import-problems"' in page and "would replace a 15-marker" in page
    assert DNAProfile.objects.filter(barcode="RS0MO").count() == 1
    r = upload(replace="on", reason="re-typed after a mix-up")
    page = r.content.decode()
    assert "1 replaced (the old versions are kept)" in page
    assert "RS0MO: replaced (markers lost:" in page
    assert DNAProfile.objects.filter(barcode="RS0MO").count() == 2


def test_a_tracing_officer_cannot_import_profiles(world):
    with pytest.raises(NotFound):
        profiles_import(path=world["lab"], by=user_with_role(roles.TRACING_OFFICER))
