import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from emer_eval.labels import parse_label_list


@pytest.mark.parametrize("cell, expected", [
    ("[happy, sad]", ["happy", "sad"]),
    ("['happy', 'sad']", ["happy", "sad"]),
    ('["Happy", "SAD "]', ["happy", "sad"]),
    ("happy, sad", ["happy", "sad"]),
    ("don't know", ["don", "t know"]),          # the official parser splits at the apostrophe
    ("happy; sad", ["happy; sad"]),             # ';' is not a separator
    ("[[happy]]", ["[happy]"]),                  # only ONE bracket is dropped at each end
    ("[]", []),
    ("", []),
    (" , ,", []),
    (None, []),
    (math.nan, []),
    (["Happy ", "sad"], ["happy", "sad"]),       # lists are used as they are, then normalised
    ("['愤怒', '悲伤']", ["愤怒", "悲伤"]),
])
def test_official_parser_cases(cell, expected):
    assert parse_label_list(cell) == expected


LABEL_CHARS = st.characters(whitelist_categories=("L", "N", "Pd"), whitelist_characters=" ")


@given(st.lists(st.text(alphabet=LABEL_CHARS, min_size=1).map(str.strip).filter(lambda s: s and s.isprintable()),
                max_size=8))
def test_list_repr_round_trips(labels):
    """Python's list repr of clean labels parses back to the same labels, lower-cased."""
    assert parse_label_list(repr(labels)) == [label.lower().strip() for label in labels]


@given(st.text())
def test_parser_never_raises_and_returns_clean_labels(text):
    labels = parse_label_list(text)
    assert all(label == label.strip().lower() and label for label in labels)
