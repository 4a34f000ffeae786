"""The mismatched-reference control of the EMER-V1 judge: each sampled description judged against another clip's
reference, so a judge talked into a score shows as a score that does not care which reference it is given."""

from __future__ import annotations

from pathlib import Path

import pytest
from fake_llm import judge_reply

from emer_eval import score_judged
from emer_eval.extract import LLMConfig
from emer_eval.metrics.judge import CONTROL_CLIPS, Judge, JudgeControl, clue_prompt

MODEL = "fake-judge-7b"


def judge_for(url: str, cache: Path) -> Judge:
    return Judge(LLMConfig(base_url=url, model=MODEL), cache_dir=str(cache))


def clips(n: int) -> tuple[dict[str, str], dict[str, str]]:
    """``n`` clips whose references share no character with another clip's, and predictions that echo their own."""
    refs = {f"clip{i:02d}": chr(0x4E00 + 40 * i) * 3 + chr(0x4E01 + 40 * i) * 3 for i in range(n)}
    return {name: text + "。" for name, text in refs.items()}, refs


def test_the_control_pairs_are_a_deterministic_derangement_of_a_sample(make_server, tmp_path):
    server = make_server(judge_reply)
    preds, refs = clips(30)
    control = judge_for(server.base_url, tmp_path).control(preds, refs)
    assert control is not None and control.n == CONTROL_CLIPS == 20
    assert set(control.ids) <= set(refs) and len(set(control.ids)) == 20
    assert sorted(control.against) == sorted(control.ids)                       # each sampled reference used once
    assert all(clip != other for clip, other in zip(control.ids, control.against, strict=True))
    sent = {request["body"]["messages"][0]["content"] for request in server.requests}
    assert {clue_prompt(refs[other], preds[clip]) for clip, other in zip(control.ids, control.against,
                                                                          strict=True)} <= sent
    again = judge_for(server.base_url, tmp_path).control(preds, refs)          # a re-score: same pairs, cache only
    assert again == control and len(server.requests) == 40
    other = judge_for(server.base_url, tmp_path).control({**preds, "clip00": "另一段描述"}, refs)
    assert other is not None and other.ids != control.ids                      # seeded by the predictions' content
    secret = judge_for(server.base_url, tmp_path).control(preds, refs, secret="the server's")
    assert secret is not None and secret.ids != control.ids                    # a draw no submitter can compute
    assert judge_for(server.base_url, tmp_path).control(preds, refs, secret="the server's") == secret


def test_honest_descriptions_score_above_their_control(make_server, tmp_path):
    preds, refs = clips(30)
    control = judge_for(make_server(judge_reply).base_url, tmp_path).control(preds, refs)
    assert control is not None
    assert control.matched_mean == 10.0 and control.control_mean == 1.0 and control.gap == 9.0


def test_edge_cases_one_clip_two_clips_more_samples_than_clips(make_server, tmp_path):
    judge = judge_for(make_server(judge_reply).base_url, tmp_path)
    assert judge.control(*clips(1)) is None                                     # no other clip to pair with
    two = judge.control(*clips(2))
    assert two is not None and two.n == 2 and two.against == (two.ids[1], two.ids[0])
    assert judge.control(*clips(5), k=50).n == 5                                # k above the clips: all of them
    assert judge.control(*clips(5), k=1) is None and judge.control(*clips(5), k=3).n == 3


def test_the_control_is_stored_and_read_back(make_server, tmp_path):
    preds, refs = clips(6)
    result = score_judged(preds, refs, judge=judge_for(make_server(judge_reply).base_url, tmp_path),
                          metrics=("clue_overlap",), control=4)
    stored = result.scores()["control"]
    assert stored["metric"] == "clue_overlap" and stored["n"] == 4 and stored["gap"] == 9.0
    assert JudgeControl.from_dict(stored) == result.control
    assert "control" not in score_judged(preds, refs, judge=judge_for(make_server(judge_reply).base_url, tmp_path),
                                         metrics=("clue_overlap",)).scores()
    with pytest.raises(ValueError, match="pairs"):
        JudgeControl.from_dict({**stored, "pairs": [["clip00", "clip00", 5, 5]]})
