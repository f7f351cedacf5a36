import pytest

from casework.core.errors import ImportRejected
from casework.identification.profiles import marker_key, profiles_store
from casework.samples.models import CustodyEvent, DNAProfile
from tests.identification_world import write_long

pytestmark = pytest.mark.django_db


def import_profiles(path, *, table, by=None, **kw):
    """The flow's body against the world's table (the flow itself is tested in
    test_profile_replacement.py and the role tests)."""
    from tests.factories import example_user

    return profiles_store(path, table=table, by=by or example_user("farida"), **kw)


def problems(path, table):
    with pytest.raises(ImportRejected) as exc:
        import_profiles(path, table=table)
    assert DNAProfile.objects.count() == 0  # nothing written
    return exc.value.problems


def test_import_marks_profiled_and_is_idempotent(world):
    report = import_profiles(world["lab"], table=world["table"])
    assert len(report.new) == 9 and not report.unchanged
    assert CustodyEvent.objects.filter(step="profiled").count() == 6
    again = import_profiles(world["lab"], table=world["table"])
    assert len(again.unchanged) == 9 and not again.new
    assert DNAProfile.objects.count() == 9


def test_each_problem_is_reported_per_line(world):
    rows = [r[:] for r in world["rows"][:3]]
    rows += [
        ["RS0MO", "D18S51", "OL", "14"],
        ["RS0MO", "TH01", "6", "7"],
        ["PM9", "TH01", "6", "7"],
        ["RS0MO", "XYZ123", "6", "7"],
        ["RS0MO", "FGA", "19", "99"],
    ]
    path = write_long(world["tmp"] / "bad.csv", rows)
    with open(path, "a") as f:
        f.write("RS0MO,D7S820,8,9,10\n")  # a third allele in an extra column
    got = problems(path, world["table"])
    assert "row 5: D18S51: off-ladder allele (OL); resolve it before import" in got
    assert any(p.startswith("row 8: XYZ123: unknown marker") for p in got)
    assert any(p.startswith("row 9: FGA: allele 99 is not in the frequency table") for p in got)
    assert "row 7: barcode: no sample or remains with barcode PM9" in got


def test_three_alleles_and_header(world):
    path = world["tmp"] / "three.csv"
    path.write_text("barcode,marker,allele1,allele2,allele3\nRS0MO,TH01,6,7,8\n")
    assert problems(path, world["table"]) == [
        "row 2: TH01: 3 alleles (6, 7, 8); a single-source profile has at most two"
    ]
    path.write_text("who,marker,a,b\nRS0MO,TH01,6,7\n")
    assert problems(path, world["table"]) == [
        "row 1: header: no barcode column (barcode, sample or Sample Name)"
    ]


def test_no_profiling_before_receipt(world):
    from casework.samples.models import ReferenceSample
    from casework.samples.services import sample_register

    member = ReferenceSample.objects.get(barcode="RS0MO").member
    sample_register(
        case_id=member.pedigree.case_id,
        member_id=member.pk,
        barcode="RSNEW",
        collected_on=member.samples.first().collected_on,
        holder="team",
        place="",
        by=world["tracer"],
    )
    path = write_long(world["tmp"] / "early.csv", [["RSNEW", "TH01", "6", "7"]])
    assert problems(path, world["table"]) == [
        "row 2: barcode: sample RSNEW has not been received by the laboratory "
        "(no profiling before receipt)"
    ]


def test_wide_and_genemapper_layouts_with_aliases_and_amelogenin(world):
    wide = world["tmp"] / "wide.csv"
    wide.write_text("Sample,vWA,THO1,Amelogenin,D3S1358\nPM1,16/17,6,X/Y,15\n")
    import_profiles(wide, table=world["table"])
    p = DNAProfile.objects.get(barcode="PM1")
    assert p.genotypes == {"VWA": ["16", "17"], "TH01": ["6", "6"], "D3S1358": ["15", "15"]}
    assert p.amelogenin == "X,Y"
    gm = world["tmp"] / "genemapper.txt"
    gm.write_text(
        "Sample Name\tPanel\tMarker\tAllele 1\tAllele 2\tAllele 3\n"
        "PM2\tPP16\tvWA\t14\t18\t\nPM2\tPP16\tAMEL\tX\t\t\n"
        "PM2\tPP16\tPenta D\t\t\t\n"
    )
    import_profiles(gm, table=world["table"])
    p2 = DNAProfile.objects.get(barcode="PM2")
    assert p2.genotypes == {"VWA": ["14", "18"]} and p2.amelogenin == "X"  # Penta D untyped
    assert marker_key("Penta D") == marker_key("PENTA_D") == "PENTAD"


def test_xlsx_layout_and_unreadable_workbook(world):
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(["Sample", "vWA", "D3S1358"])
    ws.append(["PM3", "16/17", 15])  # a number cell, as Excel stores a homozygote
    path = world["tmp"] / "lab.xlsx"
    wb.save(path)
    import_profiles(path, table=world["table"])
    assert DNAProfile.objects.get(barcode="PM3").genotypes == {
        "VWA": ["16", "17"],
        "D3S1358": ["15", "15"],
    }
    broken = world["tmp"] / "broken.xlsx"
    broken.write_bytes(b"not a workbook")
    with pytest.raises(ImportRejected) as exc:
        import_profiles(broken, table=world["table"])
    assert exc.value.problems[0].startswith("file: not a readable XLSX workbook")
    assert DNAProfile.objects.count() == 1  # nothing more written
