import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from casework.antemortem.models import AMRecord
from casework.antemortem.selectors import completeness
from casework.antemortem.services import am_record_save
from casework.core.errors import ValidationFailed
from casework.core.models import AuditEntry
from casework.identification.nondna import CONTRADICTING, SUPPORTING, compare
from casework.remains.models import Remains

pytestmark = pytest.mark.django_db


def test_save_validates_audits_and_reports_completeness(world):
    case = world["cases"][0]
    tracer = world["tracer"]
    with pytest.raises(ValidationFailed) as exc:
        am_record_save(
            case_id=case.pk,
            by=tracer,
            data={
                "informant": "",
                "interviewed_on": None,
                "stature_min": 180,
                "stature_max": 170,
                "dental_chart": {"19": "filled"},
            },
        )
    assert set(exc.value.errors) == {"informant", "interviewed_on", "stature_max", "dental_chart"}
    rec = am_record_save(
        case_id=case.pk,
        by=tracer,
        reason="first interview",
        data={
            "informant": "mother",
            "interviewed_on": dt.date(2015, 3, 1),
            "stature_min": 175,
            "stature_max": 180,
            "build": "slim",
            "hair": "black",
            "eyes": "brown",
            "dental_chart": {"36": "filled", "11": "crown"},
            "clothing": "green jacket",
        },
    )
    got = {s.key: (s.done, s.of) for s in completeness(rec)}
    assert got == {
        "physical": (4, 5),
        "marks": (0, 1),
        "medical": (0, 1),
        "dental": (1, 2),
        "clothing": (1, 2),
        "photos": (0, 1),
    }
    am_record_save(
        case_id=case.pk,
        by=tracer,
        reason="second interview",
        data={
            "informant": "mother",
            "interviewed_on": dt.date(2015, 3, 1),
            "stature_min": 176,
            "stature_max": 180,
            "dental_chart": {"36": "filled", "11": "crown"},
        },
    )
    last = AuditEntry.objects.filter(action="antemortem.record.save").order_by("-seq").first()
    assert last.changes["stature_min"] == [175, 176] and last.reason == "second interview"
    r = Remains.objects.get(code="R-1")
    r.pm_stature_min, r.pm_stature_max = 150, 160
    got = {f.aspect: f.verdict for f in compare(r, AMRecord.objects.get().case)}
    assert got["stature"] == CONTRADICTING
    r.pm_stature_min, r.pm_stature_max = 172, 178
    assert {f.aspect: f.verdict for f in compare(r, case)}["stature"] == SUPPORTING


def test_am_page_dental_chart_and_photo(world):
    case = world["cases"][1]
    client = Client()
    client.force_login(world["tracer"])
    r = client.post(
        f"/cases/{case.pk}/am/record/",
        {
            "informant": "sister",
            "interviewed_on": "2016-05-02",
            "tooth_36": "filled",
            "tooth_48": "missing",
        },
    )
    assert r.status_code == 302
    assert AMRecord.objects.get(case=case).dental_chart == {"36": "filled", "48": "missing"}
    bad = SimpleUploadedFile("x.exe", b"MZ", content_type="application/octet-stream")
    r = client.post(f"/cases/{case.pk}/am/photos/", {"image": bad})
    assert "Use a JPEG, PNG or WebP image" in r.content.decode()
    png = SimpleUploadedFile("face.png", b"\x89PNG\r\n\x1a\n" + b"0" * 20, content_type="image/png")
    r = client.post(f"/cases/{case.pk}/am/photos/", {"image": png, "caption": "passport photo"})
    assert r.status_code == 302
    photo = AMRecord.objects.get(case=case).photos.get()
    r = client.get(f"/am-photos/{photo.pk}/")
    assert r.status_code == 200 and r.content.startswith(b"\x89PNG")
    from casework.core import roles
    from tests.factories import user_with_role

    partner = Client()
    partner.force_login(user_with_role(roles.PARTNER))
    assert partner.get(f"/am-photos/{photo.pk}/").status_code == 404
    assert partner.get(f"/cases/{case.pk}/am/").status_code == 404
    assert partner.post(f"/cases/{case.pk}/am/record/", {"informant": "x"}).status_code == 404
    reads = AuditEntry.objects.filter(action="antemortem.photo.view", actor=world["tracer"])
    assert reads.count() == 1


def test_a_photo_needs_a_saved_record(world):
    case = world["cases"][2]
    client = Client()
    client.force_login(world["tracer"])
    png = SimpleUploadedFile("face.png", b"\x89PNG\r\n\x1a\n" + b"0" * 20, content_type="image/png")
    r = client.post(f"/cases/{case.pk}/am/photos/", {"image": png})
    from casework.antemortem.services import SAVE_RECORD_FIRST

    assert r.status_code == 200 and SAVE_RECORD_FIRST in r.content.decode()
    assert not AMRecord.objects.filter(case=case).exists()
