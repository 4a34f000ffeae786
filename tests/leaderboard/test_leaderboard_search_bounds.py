"""The search box's cost is bounded whatever a client sends: a 60 KB query used to stall every visitor."""

from __future__ import annotations

from pandas.core.strings.accessor import StringMethods

from space.leaderboard.table import MAX_QUERY_CHARS, MAX_QUERY_WORDS, build_table, filter_table, search_words

from .factories import TRACK, make_record


def test_a_query_is_cut_to_a_bounded_number_of_distinct_words():
    words = search_words(" ".join(f"w{n}" for n in range(20_000)))
    assert len(words) == MAX_QUERY_WORDS and words[0] == "w0"
    assert search_words("x" * 60_000) == ["x" * MAX_QUERY_CHARS]
    assert search_words("Lab lab LAB") == ["lab"]


def test_a_huge_query_costs_at_most_the_bounded_number_of_passes(monkeypatch):
    board = build_table([make_record(f"r{n}", 0.5, name=f"Model {n}") for n in range(50)], [], TRACK)
    passes: list[str] = []
    contains = StringMethods.contains

    def counted(self, pattern, *args, **kwargs):
        passes.append(pattern)
        return contains(self, pattern, *args, **kwargs)

    monkeypatch.setattr(StringMethods, "contains", counted)
    shown = filter_table(board, " ".join(f"model{n} 1" for n in range(10_000)))
    assert len(passes) <= MAX_QUERY_WORDS and all(len(word) <= MAX_QUERY_CHARS for word in passes)
    assert shown.empty                                   # the words that were kept still have to match
    assert filter_table(board, "model 1" + " " * 70_000).equals(filter_table(board, "model 1"))
