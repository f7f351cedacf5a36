import pytest

from linkage.normalise import name_skeleton, query_skeletons, search_keys


@pytest.mark.parametrize(
    "variants",
    [
        ["Aliyev", "Əliyev", "Алиев", "Aliev", "ALIYEV"],
        ["Huseynov", "Hüseynov", "Гусейнов"],
        ["Mammadov", "Məmmədov", "Мамедов"],
        ["Khalilov", "Xəlilov", "Халилов"],
        ["Petrosyan", "Петросян", "Պետրոսյան"],
        ["Shukurov", "Şükürov", "Шукюров"],
        ["Hasanov", "Həsənov", "Гасанов"],
        ["Yusif", "Юсиф"],
    ],
)
def test_renderings_of_one_name_share_a_skeleton(variants):
    assert len({name_skeleton(v) for v in variants}) == 1


def test_different_names_stay_apart():
    assert name_skeleton("Aliyev") != name_skeleton("Abbasov")
    assert name_skeleton("Petrosyan") != name_skeleton("Grigoryan")


def test_keys_and_queries():
    keys = search_keys(["Elçin", "Rəşid oğlu", "Əliyev"])
    assert keys.startswith(" ") and keys.endswith(" ")
    assert " " + name_skeleton("Aliyev") in keys
    assert query_skeletons("  Aliyev,  Elchin ") == [
        name_skeleton("Aliyev"),
        name_skeleton("Elçin"),
    ]
    assert query_skeletons("—") == []
