"""How right the offline demo is: on the real OV-MERD clip and on generated clips in English and Mandarin.

    python benchmarks/demo_quality.py [--write]

Per clip: the language detected, the transcript's character error rate (CER) against what was said, whether the
transcript was flagged unreliable, the EW-L1 F of the labels against the clip's ground truth (emotion wheels 2025),
and whether pitch was found (median F0). The real clip is ``affectgpt-demo-clip/sample_00000000.mp4`` from
``EMER_DATA`` (never copied into the repository); its ground truth is OV-MERD's. Generated clips: espeak-ng speech over
the public-domain astronaut portrait (smiling) or a face-free gradient. espeak-ng's Mandarin is robotic: Whisper base
recognises some sentences as Chinese and hears others as another language (or as English words), so those rows
measure the refusal to pass off nonsense.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from benchmarks.error_rates import character_error_rate  # noqa: E402
from benchmarks.results import write_section  # noqa: E402

REAL_TRUTH = "pleasurable, self-deprecating, relaxed, complaining, relieved, humorous, joyful, happy"
REAL_SAID = "我哪知道啊！我，我，我也没有这方面的经验。"


@dataclass(frozen=True)
class Case:
    name: str
    said: str  # what is spoken (the CER reference)
    truth: str  # ground-truth labels
    spoken: str = ""  # what espeak-ng is given, when it differs from ``said`` (pinyin for Mandarin)
    voice: str = "en-us"
    face: bool = True
    subtitle: str = ""
    language: str = "auto"


GENERATED = (
    Case("en, smiling face, happy words", "I am so happy today, this is wonderful news and I love it.", "happy"),
    Case("en, no face, angry words", "I am so angry and fed up with all of this, I hate it.", "angry", face=False),
    Case("en, smiling face, angry words", "I am so angry and fed up with all of this, I hate it.", "angry, happy"),
    Case("zh (espeak pinyin), no face, happy words", "我今天非常高兴，因为我们赢了比赛。", "happy",
         spoken="wo3 jin1tian1 fei1chang2 gao1xing4, yin1wei4 wo3men2 ying2 le5 bi3sai4.",
         voice="cmn-latn-pinyin", face=False),
    Case("zh (espeak pinyin), no face, happy words, language zh", "我今天非常高兴，因为我们赢了比赛。", "happy",
         spoken="wo3 jin1tian1 fei1chang2 gao1xing4, yin1wei4 wo3men2 ying2 le5 bi3sai4.",
         voice="cmn-latn-pinyin", face=False, language="zh"),
    Case("zh (espeak pinyin), no face, angry words", "你又这样做了，我真的很生气，受够了！", "angry",
         spoken="ni3 you4 zhe4yang4 zuo4 le5, wo3 zhen1de5 hen3 sheng1qi4, shou4gou4 le5!",
         voice="cmn-latn-pinyin", face=False),
    Case("zh (espeak cmn voice), no face, happy words", "我今天非常高兴，因为我们赢了比赛。", "happy", voice="cmn",
         face=False),
    Case("zh (espeak cmn voice), no face, angry words, language en", "你又这样做了，我真的很生气，受够了！", "angry",
         voice="cmn", face=False, language="en"),
    Case("zh subtitle, smiling face, angry words", "你又这样做了，我真的很生气，受够了！", "angry, happy",
         spoken="ni3 you4 zhe4yang4 zuo4 le5, wo3 zhen1de5 hen3 sheng1qi4, shou4gou4 le5!",
         voice="cmn-latn-pinyin", subtitle="你又这样做了，我真的很生气，受够了！"),
)


def ew_l1_f(labels: list[str], truth: str) -> float:
    import emer_eval

    if not labels:
        return 0.0
    result = emer_eval.score({"clip": labels}, {"clip": truth}, bootstrap=0)
    return float(result.metrics["EW-L1"].f)


def evaluate(path: Path, said: str, truth: str, *, subtitle: str = "", language: str = "auto") -> list[str]:
    from space.demo.pipeline import explain

    result = explain(path, subtitle=subtitle, language=language)
    pitch = next((cue.value for cue in result.acoustic.findings if cue.name == "pitch"), None)
    labels = [label.label for label in result.labels]
    cer = "subtitle" if subtitle else f"{character_error_rate(said, result.transcript.text):.0%}"
    return [result.transcript.language_detected or "–", f"“{result.transcript.text[:40]}”", cer,
            "yes" if subtitle or result.transcript.reliable else "**flagged**", ", ".join(labels) or "–",
            f"{ew_l1_f(labels, truth) * 100:.0f}", f"{pitch:.0f} Hz" if pitch else "no"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true")
    args = parser.parse_args()
    from space.demo import acoustic, lexical, models, speech
    from space.demo.examples import make_clip, no_face

    for module in (models, speech, acoustic, lexical):
        module.warm_up()
    data = Path(os.environ.get("EMER_DATA", REPO.parent / "shared" / "emer-data").split(os.pathsep)[0])
    real = data / "affectgpt-demo-clip" / "sample_00000000.mp4"
    rows = []
    for language, subtitle in (("auto", ""), ("en", ""), ("auto", REAL_SAID)):
        label = f"real OV-MERD clip, language {language}" + (", Chinese subtitle" if subtitle else "")
        rows.append([label, *evaluate(real, REAL_SAID, REAL_TRUTH, subtitle=subtitle, language=language)])
    folder = Path(tempfile.mkdtemp(prefix="emer-demo-quality-"))
    for index, case in enumerate(GENERATED):
        clip = make_clip(folder / f"case{index}.mp4", case.spoken or case.said, voice=case.voice,
                         image=None if case.face else no_face())
        rows.append([case.name, *evaluate(clip, case.said, case.truth, subtitle=case.subtitle,
                                          language=case.language)])
    header = ["clip", "detected", "transcript", "CER", "transcript trusted", "labels", "EW-L1 F", "pitch"]
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    lines += ["", f"Ground truth of the real clip (OV-MERD): {REAL_TRUTH}; it says “{REAL_SAID}”. Generated clips' "
              "ground truth is the emotion of their words (and 'happy' for the smiling astronaut). Offline backend; "
              "'flagged' means the demo warned and left the words out (wrong language or Whisper unsure)."]
    body = "\n".join(lines)
    print(body)
    if args.write:
        write_section("Demo quality", body)


if __name__ == "__main__":
    main()
