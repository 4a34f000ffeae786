"""Never silent in the hub: explanations the offline extractor cannot read well are scored with a warning that reaches
the submitter (Submit tab), the stored record and the leaderboard's detail view — or, for Chinese, refused with the
way to score them."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from hub_helpers import DECLARED

from space.hub import Hub
from space.leaderboard.board import Board
from space.leaderboard.detail import detail_markdown
from space.portal.submit import submit
from space.ui.submit_tab import render_outcome

META = {"model_name": "Foreign words", "organisation": "Lab", "link": "https://example.org/paper",
        "modalities": ["video"], "open_weights": "open", "description": "test"}

DESCRIPTIONS = {
    "spanish": "La mujer parece triste y enojada por la situación; habla en voz baja.",
    "japanese": "彼女は下を向いて、とても悲しそうに話しています。",
    "korean": "그녀는 고개를 숙이고 매우 슬프게 말합니다.",
}


@pytest.fixture(scope="module")
def sample_ids(data_dir: Path) -> list[str]:
    with (data_dir / "mertools-mer2024-ov-store" / "check-openset.csv").open(encoding="utf-8") as handle:
        return [row["name"] for row in csv.DictReader(handle)][:40]


def send(hub: Hub, folder: Path, rows: dict[str, str], name: str):
    path = folder / name
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["name", "reason"])
        writer.writerows(rows.items())
    return submit(hub, user="tester", upload=path, filename=path.name, track_id="ovmerd-explanations",
                  metadata={**META, **DECLARED})


@pytest.mark.parametrize("language", sorted(DESCRIPTIONS))
def test_a_set_in_another_language_is_scored_with_a_warning_everywhere(hub: Hub, tmp_path: Path, monkeypatch,
                                                                      sample_ids: list[str], language: str) -> None:
    monkeypatch.delenv("EMER_LLM_BASE_URL", raising=False)
    outcome = send(hub, tmp_path, {name: DESCRIPTIONS[language] for name in sample_ids}, f"{language}.csv")
    assert outcome.status == "scored", outcome.errors
    expected = f"{len(sample_ids)} of {len(sample_ids)} descriptions do not look like English"
    assert any(expected in warning for warning in outcome.warnings), outcome.warnings
    assert any("gave no emotion labels" in warning for warning in outcome.warnings)
    shown, _, _ = render_outcome(outcome.to_dict())
    assert expected in shown and "official LLM extraction" in shown
    record = hub.store.get(outcome.submission_id)
    assert record is not None and any(expected in warning for warning in record.warnings)
    assert expected in detail_markdown(Board(hub, resamples=50).entry("ovmerd-explanations", record.id))


def test_english_answers_in_other_shapes_are_scored_without_a_language_warning(hub: Hub, tmp_path: Path,
                                                                                monkeypatch,
                                                                                sample_ids: list[str]) -> None:
    monkeypatch.delenv("EMER_LLM_BASE_URL", raising=False)
    shapes = ["**Emotion:** Anger", '{"emotions": ["happy", "surprised"]}', "- sad\n- lonely", "She speaks angrily."]
    outcome = send(hub, tmp_path, {name: shapes[i % len(shapes)] for i, name in enumerate(sample_ids)}, "shapes.csv")
    assert outcome.status == "scored", outcome.errors
    assert not any("English" in warning or "gave no emotion labels" in warning for warning in outcome.warnings)


def test_chinese_explanations_are_refused_pointing_to_the_llm_extraction(hub: Hub, tmp_path: Path, monkeypatch,
                                                                         sample_ids: list[str]) -> None:
    monkeypatch.delenv("EMER_LLM_BASE_URL", raising=False)
    text = "视频中，她低着头，语气低沉，可以推断她的情绪状态是悲伤。"
    outcome = send(hub, tmp_path, dict.fromkeys(sample_ids, text), "chinese.csv")
    assert outcome.status == "rejected"
    assert any("in Chinese" in error and "official LLM extraction" in error for error in outcome.errors)
    shown, _, _ = render_outcome(outcome.to_dict())
    assert "official LLM extraction" in shown
    assert hub.store.records() == []
