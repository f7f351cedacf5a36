import pytest

from casework.persons.models import Place, Script
from casework.persons.partial_dates import PartialDate
from casework.persons.services import NameInput
from casework.tracing.models import CaseStatus, Event
from casework.tracing.selectors import RegistryFilters, registry_list
from casework.tracing.services import SoughtInput
from tests.factories import open_request, person_input

pytestmark = pytest.mark.django_db


@pytest.fixture
def registry(tomas):
    open_request(
        by=tomas,
        sought=[
            SoughtInput(
                person=person_input("Elçin", "Əliyev"),
                disappearance=PartialDate(1992, 5),
                disappearance_place="Dərəkənd",
                event="shelling of place 1",
            ),
            SoughtInput(person=person_input("Игорь", "Алиев", script=Script.CYRILLIC)),
            SoughtInput(
                person=person_input(
                    "Արամ",
                    "Պետրոսյան",
                    script=Script.ARMENIAN,
                    extra=[NameInput(Script.ENGLISH, "Aram", "", "Petrosyan")],
                )
            ),
            SoughtInput(person=person_input("Kamran", "Abbasov"), disappearance=PartialDate(1993)),
        ],
    )


@pytest.mark.parametrize(
    "query,expected",
    [
        ("Aliyev", {"Əliyev Elçin", "Алиев Игорь"}),
        ("aliev", {"Əliyev Elçin", "Алиев Игорь"}),
        ("ƏLİYEV", {"Əliyev Elçin", "Алиев Игорь"}),
        ("Aliyev Elchin", {"Əliyev Elçin"}),
        ("Петросян", {"Պետրոսյան Արամ"}),
        ("petros", {"Պետրոսյան Արամ"}),
        ("Nobody", set()),
    ],
)
def test_search_any_script_any_spelling(tomas, registry, query, expected):
    found = {
        c.person.display_name for c in registry_list(viewer=tomas, filters=RegistryFilters(q=query))
    }
    assert found == expected


def test_filters_by_status_dates_place_and_event(tomas, registry):
    def names(**kw):
        return {
            c.person.display_name
            for c in registry_list(viewer=tomas, filters=RegistryFilters(**kw))
        }

    assert names(status=[CaseStatus.IDENTIFIED]) == set()
    assert len(names(status=[CaseStatus.OPEN])) == 4
    assert names(disappeared_from=1992, disappeared_to=1992) == {"Əliyev Elçin"}
    assert names(disappeared_from=1993) == {"Abbasov Kamran"}
    event = Event.objects.get(name="shelling of place 1")
    assert names(event=event.pk) == {"Əliyev Elçin"}
    place = Place.objects.get(name="Dərəkənd")
    assert names(place=place.pk) == {"Əliyev Elçin"}
