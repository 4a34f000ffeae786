"""The demo's inputs are bounded before any stage runs: a megabyte of subtitle costs what 2,000 characters cost."""

from __future__ import annotations

from space.demo import lexical
from space.demo.pipeline import MAX_SUBTITLE_CHARS, explain


def test_a_huge_subtitle_is_cut_with_a_notice(demo_clips, face_models, monkeypatch):
    seen: list[int] = []
    analyse = lexical.analyse_text

    def measured(transcript):
        seen.append(len(transcript.text))
        return analyse(transcript)

    monkeypatch.setattr(lexical, "analyse_text", measured)
    result = explain(demo_clips.path("speech.mp4"), subtitle="I am so angry with you. " * 45_000)   # ~1 MB
    assert seen and max(seen) <= MAX_SUBTITLE_CHARS
    assert any(f"only the first {MAX_SUBTITLE_CHARS:,} were read" in notice for notice in result.all_notices())
    assert result.lexical.findings and result.done
