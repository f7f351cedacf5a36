"""Name normalisation across scripts for search and linkage.

The same person appears as ``Əliyev`` (Azerbaijani Latin), ``Алиев`` (Cyrillic),
``Aliyev`` (passport) and ``Ալիև`` (Armenian). ``name_skeleton`` maps all of these
to one ASCII key, so that typing any rendering finds the others:

1. NFC, case-folding.
2. An explicit Azerbaijani table (``ə→a``, ``x→kh``, ``q→g``, ``ş→sh``, ``ç→ch``,
   ``ğ→gh``, ``ı→i``, ``ö→o``, ``ü→u``), because ICU's generic ``Latin-ASCII``
   leaves ``ə`` alone and maps ``x`` to itself.
3. ICU ``Any-Latin; Latin-ASCII`` for Cyrillic and Armenian.
4. A phonetic folding of spellings that differ only by transcription convention:
   ``kh/x/h/gh/q→g``-class merges (Russian renders Azerbaijani ``h`` as ``г``),
   ``ch→c``, ``sh→s``, ``zh→z``, ``j→y``, ``iy→i``, ``e→a`` (``ə`` is written
   ``е`` or ``а`` in Russian: Məmmədov/Мамедов), ``y``+vowel → vowel
   (``-yev/-ev``, ``-yan/-ян``), ``w→v``, doubled letters collapsed.

The skeleton is deliberately coarse (it favours recall): it drives search and
candidate blocking, never a merge on its own.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import icu

_AZ_TABLE = str.maketrans(
    {"ə": "a", "ı": "i", "ş": "sh", "ç": "ch", "ğ": "gh", "ö": "o", "ü": "u", "x": "kh", "q": "g"}
)
_TRANSLIT = icu.Transliterator.createInstance("Any-Latin; Latin-ASCII")
_NON_LETTERS = re.compile(r"[^a-z]+")
_FOLDS = [
    ("ch", "c"),
    ("sh", "s"),
    ("zh", "z"),
    ("ts", "c"),
    ("kh", "h"),
    ("gh", "g"),
    ("h", "g"),
    ("q", "g"),
    ("x", "g"),
    ("w", "v"),
    ("j", "y"),
    ("iy", "i"),
    ("yy", "y"),
    ("e", "a"),
]
_Y_VOWEL = re.compile(r"y([aeiou])")
_DOUBLES = re.compile(r"([a-z])\1+")
_TOKENS = re.compile(r"[\s,;/]+")


@lru_cache(maxsize=65536)
def name_skeleton(text: str) -> str:
    """One name part → its ASCII search skeleton ('' for no letters)."""
    folded = unicodedata.normalize("NFC", text or "").casefold()
    folded = folded.replace("i̇", "i").translate(_AZ_TABLE)
    ascii_text = _TRANSLIT.transliterate(folded).lower()
    s = _NON_LETTERS.sub("", ascii_text)
    for old, new in _FOLDS:
        s = s.replace(old, new)
    s = _Y_VOWEL.sub(r"\1", s)
    s = _DOUBLES.sub(r"\1", s)
    return s


def query_skeletons(query: str) -> list[str]:
    """A free-text query → the skeleton of each word (empty ones dropped)."""
    return [sk for sk in (name_skeleton(tok) for tok in _TOKENS.split(query or "")) if sk]


def search_keys(parts: list[str]) -> str:
    """Skeletons of many name parts as one space-delimited string with a leading and
    trailing space, so a prefix search is ``LIKE '% key%'``."""
    keys: list[str] = []
    for part in parts:
        for token in _TOKENS.split(part or ""):
            sk = name_skeleton(token)
            if sk and sk not in keys:
                keys.append(sk)
    return " " + " ".join(keys) + " " if keys else ""


def fold_for_display_sort(text: str) -> str:
    """Case- and accent-insensitive sort key for display names."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))
