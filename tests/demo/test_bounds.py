"""The demo's inputs are bounded before any stage runs: a megabyte of subtitle costs what 2,000 characters cost."""

from __future__ import annotations

from space.demo.pipeline import MAX_SUBTITLE_CHARS, explain


def test_a_huge_subtitle_is_cut_with_a_notice(demo_clips, face_models):
    result = explain(demo_clips.path("speech.mp4"), subtitle="I am so angry with you. " * 45_000)   # ~1 MB
    assert 0 < len(result.lexical.transcript) <= MAX_SUBTITLE_CHARS      # what the lexical stage was given
    assert any(f"only the first {MAX_SUBTITLE_CHARS:,} were read" in notice for notice in result.all_notices())
    assert result.lexical.findings and result.done
