import datetime as dt

import pytest

from casework.persons.partial_dates import NOT_A_DATE, PartialDate


@pytest.mark.parametrize(
    "text,expected",
    [
        ("1992", PartialDate(1992)),
        ("1992-05", PartialDate(1992, 5)),
        ("1992-05-14", PartialDate(1992, 5, 14)),
        ("~1950", PartialDate(1950, approximate=True)),
        ("about 1950-03", PartialDate(1950, 3, approximate=True)),
    ],
)
def test_parse_and_render(text, expected):
    parsed = PartialDate.parse(text)
    assert parsed == expected
    assert PartialDate.parse(str(parsed)) == parsed


def test_ranges_and_keys():
    d = PartialDate(1992, 2)
    assert d.earliest == dt.date(1992, 2, 1) and d.latest == dt.date(1992, 2, 29)
    assert PartialDate(1993).latest == dt.date(1993, 12, 31)
    assert PartialDate(1992, 5, 14).sort_key == 19920514
    assert PartialDate(1992).sort_key == 19920000


@pytest.mark.parametrize(
    "text,message",
    [
        ("1992-02-30", "1992-02-30 does not exist"),
        ("1992-13", "month 13 does not exist"),
        ("14/05/1992", NOT_A_DATE),
        ("1700", "year 1700 is out of range 1800–2100"),
    ],
)
def test_impossible_dates_are_refused_with_a_reason(text, message):
    with pytest.raises(ValueError) as exc:
        PartialDate.parse(text)
    assert str(exc.value) == message
