"""Amounts in words, as a decision writes the total bonus."""

import pytest

from thidua.core.text import money, money_in_words, number_in_words


@pytest.mark.parametrize(
    ("number", "words"),
    [
        (0, "không"),
        (5, "năm"),
        (10, "mười"),
        (15, "mười lăm"),
        (21, "hai mươi mốt"),
        (24, "hai mươi bốn"),
        (25, "hai mươi lăm"),
        (105, "một trăm lẻ năm"),
        (110, "một trăm mười"),
        (351_000, "ba trăm năm mươi mốt nghìn"),
        (1_000_000, "một triệu"),
        (1_053_000, "một triệu không trăm năm mươi ba nghìn"),
        (1_000_005, "một triệu không trăm lẻ năm"),
        (2_340_000, "hai triệu ba trăm bốn mươi nghìn"),
        (7_020_000, "bảy triệu không trăm hai mươi nghìn"),
        (1_500_000_000, "một tỷ năm trăm triệu"),
        (12_000_000_000_000, "mười hai nghìn tỷ"),
    ],
)
def test_number_in_words(number, words):
    assert number_in_words(number) == words


def test_money_in_words_starts_with_a_capital_and_ends_with_dong():
    assert money_in_words(2_340_000) == "Hai triệu ba trăm bốn mươi nghìn đồng"


def test_money_has_dots_between_thousands():
    assert money(2_340_000) == "2.340.000"
    assert money(351_000) == "351.000"
    assert money(0) == "0"
