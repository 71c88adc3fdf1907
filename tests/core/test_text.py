from hypothesis import given
from hypothesis import strategies as st

from thidua.core.text import fold, name_sort_key, person_sort_key


def test_fold_removes_diacritics_and_d_stroke():
    assert fold("  UBND xã Đắk   Glong ") == "ubnd xa dak glong"


def test_people_sort_by_given_name_then_family_then_middle():
    names = ["Trần Văn Bình", "Lê Thị Ánh", "Nguyễn Văn Anh", "Lê Văn Anh", "Đỗ Đức"]
    assert sorted(names, key=person_sort_key) == [
        "Lê Văn Anh",
        "Nguyễn Văn Anh",
        "Lê Thị Ánh",
        "Trần Văn Bình",
        "Đỗ Đức",
    ]


def test_vietnamese_letters_follow_the_alphabet():
    words = ["đa", "da", "ơ", "ô", "o", "ư", "u", "ă", "â", "a", "e", "ê"]
    assert sorted(words, key=name_sort_key) == [
        "a", "ă", "â", "da", "đa", "e", "ê", "o", "ô", "ơ", "u", "ư"
    ]  # fmt: skip


def test_tones_order_after_letters():
    words = ["mạ", "má", "mã", "mả", "mà", "ma", "mai"]
    assert sorted(words, key=name_sort_key) == ["ma", "mà", "mả", "mã", "má", "mạ", "mai"]


@given(st.lists(st.text(alphabet="aăâbcdđeêghiklmnoôơpqrstuưvxyàáảãạ ", max_size=12)))
def test_sort_key_is_digits_only_so_every_database_orders_alike(names):
    for name in names:
        assert person_sort_key(name).isdigit() or person_sort_key(name) == ""


@given(st.text(alphabet="aăâbcdđeêghiklmnoôơpqrstuưvxyàáảãạ", min_size=1, max_size=10))
def test_fold_is_idempotent(word):
    assert fold(fold(word)) == fold(word)
