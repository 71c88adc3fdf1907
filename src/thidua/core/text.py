"""Vietnamese text helpers: folding for search, and collation keys for sorting.

Sorting is done by a stored key made only of digits, so that SQLite and PostgreSQL (whatever
its collation) order rows the same way and pages can sort and paginate in the database.
"""

import unicodedata

_ALPHABET = "0123456789aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"
_CODES = {ch: f"{i + 1:02d}" for i, ch in enumerate(_ALPHABET)}
# Dictionary order of tones: ngang, huyền, hỏi, ngã, sắc, nặng.
_TONES = {"\u0300": "1", "\u0309": "2", "\u0303": "3", "\u0301": "4", "\u0323": "5"}
_WITH_MODIFIER = {
    ("a", "\u0306"): "ă",
    ("a", "\u0302"): "â",
    ("e", "\u0302"): "ê",
    ("o", "\u0302"): "ô",
    ("o", "\u031b"): "ơ",
    ("u", "\u031b"): "ư",
}


def fold(text: str) -> str:
    """Lower case without diacritics, for search: 'Đắk Nông' -> 'dak nong'."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(stripped.lower().split())


def _letters(word: str) -> list[tuple[str, str]]:
    """(letter of the Vietnamese alphabet, tone digit) for each letter of a word."""
    result: list[tuple[str, str]] = []
    for ch in unicodedata.normalize("NFD", word.lower()):
        if ch in _TONES:
            if result:
                result[-1] = (result[-1][0], _TONES[ch])
        elif unicodedata.combining(ch):
            if result and (result[-1][0], ch) in _WITH_MODIFIER:
                result[-1] = (_WITH_MODIFIER[(result[-1][0], ch)], result[-1][1])
        elif ch in _CODES:
            result.append((ch, "0"))
    return result


def collation_key(words: list[str]) -> str:
    """Digits-only key, word by word: a word's letters, then its tones as the second level."""
    parts: list[str] = []
    for word in words:
        letters = _letters(word)
        parts.append("".join(_CODES[letter] for letter, _ in letters))
        parts.append("00")
        parts.append("".join(tone for _, tone in letters))
    return "".join(parts)[:255]


def name_sort_key(text: str) -> str:
    """Key for a unit or any title: word by word in reading order."""
    return collation_key(text.split())


def person_sort_key(full_name: str) -> str:
    """Vietnamese order of people: given name, then family name, then middle names."""
    words = full_name.split()
    if len(words) < 2:
        return collation_key(words)
    return collation_key([words[-1], words[0], *words[1:-1]])


_DIGITS = ("không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín")
_GROUPS = ("", "nghìn", "triệu", "tỷ", "nghìn tỷ", "triệu tỷ")


def _hundreds(number: int, *, full: bool) -> list[str]:
    """Words of 0-999; `full` when a higher group precedes it ("không trăm lẻ năm")."""
    hundreds, rest = divmod(number, 100)
    tens, units = divmod(rest, 10)
    words: list[str] = []
    if hundreds or full:
        words += [_DIGITS[hundreds], "trăm"]
    if tens == 0:
        if units:
            words += (["lẻ"] if words else []) + [_DIGITS[units]]
        return words
    words += ["mười"] if tens == 1 else [_DIGITS[tens], "mươi"]
    if units == 1 and tens > 1:
        words.append("mốt")
    elif units == 5:
        words.append("lăm")
    elif units:
        words.append(_DIGITS[units])
    return words


def number_in_words(number: int) -> str:
    """An integer in Vietnamese words, as amounts are written on decisions: 2340000 →
    "hai triệu ba trăm bốn mươi nghìn"."""
    if number < 0:
        return "âm " + number_in_words(-number)
    if number == 0:
        return _DIGITS[0]
    groups = []
    while number:
        number, group = divmod(number, 1000)
        groups.append(group)
    if len(groups) > len(_GROUPS):
        raise ValueError("number too large to write in words")
    words: list[str] = []
    for index in range(len(groups) - 1, -1, -1):
        if groups[index] == 0:
            continue
        words += _hundreds(groups[index], full=bool(words))
        if _GROUPS[index]:
            words.append(_GROUPS[index])
    return " ".join(words)


def money_in_words(amount: int) -> str:
    """ "Hai triệu ba trăm bốn mươi nghìn đồng"."""
    words = number_in_words(amount)
    return f"{words[:1].upper()}{words[1:]} đồng"


def money(amount: int) -> str:
    """ "2.340.000" with dots between thousands, as Vietnamese write amounts."""
    return f"{amount:,}".replace(",", ".")


def date_text(day, blank: str = "…") -> str:
    """A date as Vietnamese documents and messages write it: 05/01/2026; `blank` when none."""
    return f"{day:%d/%m/%Y}" if day else blank
