"""Every user string is escaped before it reaches a markdown/HTML cell or the detail view; only https is linked."""

from __future__ import annotations

import re

import pytest

from space.leaderboard import markup
from space.leaderboard.detail import detail_markdown
from space.leaderboard.table import build_table

from .factories import TRACK, make_record

XSS_NAME = "<img src=x onerror=alert(1)>"
MD_ORG = "[x](javascript:alert(1))"
LINK_PATTERN = re.compile(r"\]\(|<a\b|href", re.IGNORECASE)


def hostile_record(link: str = "https://example.org/m") -> dict:
    return make_record("20250301T120000Z-0123456789ab", 0.5, name=XSS_NAME, organisation=MD_ORG, link=link,
                       description="line one\n# not a heading\n<script>alert(2)</script>\n"
                                   "[click](https://evil.example)",
                       user="<b>bob</b>", visibility="flagged", flag_reason="<i>suspicious</i> [r](javascript:x)",
                       oov={"labels": 10, "dropped": 2, "fraction": 0.2, "top_dropped": [["<svg onload=x>", 2]]})


def assert_inert(text: str) -> None:
    """No raw tag, no markdown link syntax, no bare scheme that GFM would auto-link."""
    assert "<img" not in text and "<script" not in text and "<svg" not in text and "<b>" not in text
    assert "](javascript" not in text and "javascript:" not in text
    assert "onerror=alert" not in text  # '=' and '(' are escaped too, so the attribute text never appears verbatim


def test_table_escapes_model_name_and_organisation():
    row = build_table([hostile_record()], [], TRACK).iloc[0]
    assert row["Model"].startswith("[&lt;img src\\=x onerror\\=alert\\(1\\)&gt;](https://example.org/m)")
    assert row["Organisation"] == "\\[x\\]\\(javascript\\:alert\\(1\\)\\)"
    assert_inert(row["Model"])
    assert_inert(row["Organisation"])
    # the plain-text twins keep the exact user strings (for plots, search and exports)
    assert row["model_name"] == XSS_NAME and row["organisation_name"] == MD_ORG


@pytest.mark.parametrize("link", [
    "http://example.org/model", "javascript:alert(1)", "JAVASCRIPT:alert(1)", "data:text/html,<script>x</script>",
    "//evil.example/x", "https://", "https://user:pw@evil.example/", "https://exa mple.org", "ftp://example.org",
    "https://example.org/\nx",
])
def test_only_https_links_are_rendered_as_links(link):
    row = build_table([hostile_record(link)], [], TRACK).iloc[0]
    assert not LINK_PATTERN.search(row["Model"]), row["Model"]
    assert row["link"] == ""
    detail = detail_markdown(hostile_record(link))
    assert not LINK_PATTERN.search(detail.split("| Link |")[1].split("\n")[0])
    assert "not linked" in detail


def test_https_link_with_markdown_breaking_characters_is_percent_encoded():
    row = build_table([hostile_record("https://example.org/a(b)<c> d\"e")], [], TRACK).iloc[0]
    assert row["link"] == ""  # a space makes it invalid
    row = build_table([hostile_record("https://example.org/a(b)<c>\"'`")], [], TRACK).iloc[0]
    target = row["Model"].split("](", 1)[1]
    assert target.startswith("https://example.org/a%28b%29%3Cc%3E%22%27%60)")


def test_detail_view_escapes_every_user_field():
    text = detail_markdown(hostile_record())
    assert_inert(text)
    assert "&lt;img src\\=x onerror\\=alert\\(1\\)&gt;" in text
    assert "\\[x\\]\\(javascript\\:alert\\(1\\)\\)" in text
    assert "&lt;b&gt;bob&lt;\\/b&gt;" in text  # user
    assert "&lt;i&gt;suspicious&lt;\\/i&gt;" in text  # flag reason
    assert "&lt;svg onload\\=x&gt; ×2" in text  # OOV word
    assert "\n# not" not in text and "\\# not a heading" in text
    assert "[click](" not in text and "\\[click\\]" in text
    # the https link of the entry itself is the only link in the whole view
    assert re.findall(r"\]\((https?://[^)]*)\)", text) == ["https://example.org/m"]


def test_escape_neutralises_markdown_autolinks_and_tables():
    escaped = markup.escape("see https://evil.example or www.evil.example | a@b.co `x` *y* _z_ ~w~ $$k$$")
    assert "https://" not in escaped and "www." not in escaped and "a@b" not in escaped
    assert "|" not in escaped.replace("\\|", "")
    for mark in "`*_~$":
        assert mark not in escaped.replace("\\" + mark, "")


def test_escape_removes_control_characters_and_truncates():
    assert "\n" not in markup.escape("a\nb\rc\u2028d") and markup.escape("a\nb") == "a b"
    assert len(markup.escape("x" * 1000)) == markup.MAX_CHARS


BIDI_AND_INVISIBLE = "\u202e\u2066\u200b\u2060\u00ad\U000e0041\ufeff"


def test_bidi_overrides_and_invisible_characters_are_shown_as_escapes():
    """A label from an uploaded file reaches the board's detail view as the OOV list: a right-to-left override in it
    (U+202E then "yppah" reads "happy") reordered the rest of that line for every visitor, and zero-width or tag
    characters hid text. Each one is shown as a visible escape, in one-line cells and in blocks alike."""
    for shown in (markup.escape(f"a{BIDI_AND_INVISIBLE}b"), markup.escape_block(f"a{BIDI_AND_INVISIBLE}\nb")):
        assert not any(ch in shown for ch in BIDI_AND_INVISIBLE), shown
        assert "u202e" in shown and "U000e0041" in shown
    record = make_record("20250301T120000Z-0123456789ac", 0.5, name="Model",
                         oov={"labels": 3, "dropped": 1, "fraction": 0.3, "top_dropped": [["\u202eyppah", 1]]})
    assert "\u202e" not in detail_markdown(record)
    assert markup.escape("Русская модель 7B 中文 naïve") == "Русская модель 7B 中文 naïve"


def test_head_to_head_labels_are_shown_with_their_invisible_characters_visible():
    """The head-to-head's table of disagreeing clips shows two entries' uploaded labels to any visitor."""
    from space.ui.leaderboard_tab import disagreement_rows

    row = disagreement_rows([{"name": "s1", "gt": ["happy"], "labels_a": ["\u202eyppah", "x\u200by"],
                              "labels_b": ["sad"], "delta_f": -1.0}])[0]
    assert row["A"] == "\\u202eyppah, x\\u200by" and row["ground truth"] == "happy"
