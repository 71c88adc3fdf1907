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
