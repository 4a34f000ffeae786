"""How faithfully the offline extractor stands in for the official LLM extraction (spec §5).

The OV-MER authors released, for 10 baseline models, both the free-text descriptions each model wrote for the 332
OV-MERD samples and the labels the official LLM extracted from them. Scoring both label sets against the OV-MERD ground
truth gives, per model, the official EW-L1 F and the EW-L1 F the hub would report without an LLM. The offline extractor
is a usable fallback if the two agree in level (mean absolute difference ≤ 3 points) and, above all, in ranking
(Spearman ρ ≥ 0.9 across the 10 models), since leaderboards are read as rankings.

The targets apply to the ``nosubtitle-addsub`` descriptions. The extractor's rules were developed on them, so those
numbers are in-sample. The two other released sets (``subtitle``, ``nosubtitle``; other description styles, and for
``subtitle`` partly Chinese subtitles the rules cannot read) were consulted only to find further non-emotion words; they
are reported beside the main set, without a target, as a check that the rules are not specific to one style.

Run ``python benchmarks/extractor_fidelity.py [--data DIR] [--write]``; ``--write`` replaces this benchmark's section of
``benchmarks/RESULTS.md`` and leaves the rest of the file alone.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Mapping, Sequence

import numpy as np
from scipy.stats import spearmanr

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run as a script: make the repository importable

from benchmarks.results import machine, write_section  # noqa: E402
from emer_eval.extract.offline import OfflineExtractor  # noqa: E402
from emer_eval.io import load_ground_truth, load_predictions  # noqa: E402
from emer_eval.metrics.ew import sample_stats, summarise  # noqa: E402
from emer_eval.wheels import Wheels, load_wheels  # noqa: E402

#: The 10 baseline models whose descriptions and official extractions the OV-MER authors released.
MODELS: tuple[str, ...] = ("Chat-UniVi", "LLaMA-VID", "Otter", "Qwen-Audio", "SALMONN", "Video-ChatGPT", "Video-LLaVA",
                           "VideoChat", "VideoChat2", "mPLUG-Owl")
#: The description set the fidelity targets apply to, then the two reported only as a generalisation check.
MAIN_VARIANT = "nosubtitle-addsub"
VARIANTS: tuple[str, ...] = (MAIN_VARIANT, "subtitle", "nosubtitle")
TARGET_SPEARMAN = 0.9
TARGET_MEAN_ABS_DIFF = 0.03

OUTPUTS = "ovmer-baseline-outputs-ovmerd"
GROUND_TRUTH = ("mertools-mer2024-ov-store", "check-openset.csv")
SECTION_TITLE = "Offline extractor fidelity"


@dataclass(frozen=True)
class ModelFidelity:
    """One model's EW-L1 F (fractions) with the official LLM labels and with the offline labels."""

    model: str
    official: float
    offline: float

    @property
    def abs_diff(self) -> float:
        return abs(self.offline - self.official)


@dataclass(frozen=True)
class Fidelity:
    """Per-model comparison plus the two summary statistics the targets are set on."""

    variant: str
    rows: tuple[ModelFidelity, ...]
    extractor: str
    texts: int  # descriptions extracted, over all models
    seconds: float  # offline extraction time for those descriptions

    @property
    def spearman(self) -> float:
        """Rank correlation of the models' offline EW-L1 F with their official EW-L1 F."""
        return float(spearmanr([row.official for row in self.rows], [row.offline for row in self.rows]).statistic)

    @property
    def mean_abs_diff(self) -> float:
        return float(np.mean([row.abs_diff for row in self.rows]))

    def meets_targets(self) -> bool:
        return self.spearman >= TARGET_SPEARMAN and self.mean_abs_diff <= TARGET_MEAN_ABS_DIFF


def default_data_dir() -> Path:
    """The first ``EMER_DATA`` entry, else the repository's sibling ``../shared/emer-data``."""
    entries = [entry for entry in os.environ.get("EMER_DATA", "").split(os.pathsep) if entry]
    if entries:
        return Path(entries[0]).expanduser()
    return Path(__file__).resolve().parents[2] / "shared" / "emer-data"


def load_model_outputs(data_dir: Path, model: str, variant: str) -> tuple[dict[str, str], dict[str, list[str]]]:
    """One model's descriptions (sample id → English text) and the official LLM's labels for them."""
    stem = data_dir / OUTPUTS / model / f"output-reason-7b-{variant}-eng"
    descriptions = json.loads(stem.with_suffix(".json").read_text(encoding="utf-8"))["name2reason"]
    official = load_predictions(stem.with_name(stem.name + "-openset.npz")).labels
    if official is None:
        raise ValueError(f"{stem.name}-openset.npz holds no label lists")
    return descriptions, official


def ew_l1_f(wheels: Wheels, predictions: Mapping[str, Sequence[str]],
            ground_truth: Mapping[str, Sequence[str]]) -> float:
    """The official EW-L1 F (fraction) of one label set."""
    return float(summarise(sample_stats(wheels, predictions, ground_truth))["EW-L1"]["f"])


def fidelity_table(data_dir: str | os.PathLike[str], variant: str = MAIN_VARIANT) -> Fidelity:
    """Score the official and the offline labels of every model's descriptions (2025 wheels, OV-MERD ground truth)."""
    data_dir = Path(data_dir)
    wheels = load_wheels("2025", (str(data_dir),))
    ground_truth = load_ground_truth(data_dir.joinpath(*GROUND_TRUTH))
    extractor = OfflineExtractor(wheels)
    rows = []
    texts = 0
    seconds = 0.0
    for model in MODELS:
        descriptions, official = load_model_outputs(data_dir, model, variant)
        texts += len(descriptions)
        start = time.perf_counter()
        offline = extractor.extract_many(descriptions)[0]
        seconds += time.perf_counter() - start
        rows.append(ModelFidelity(model, ew_l1_f(wheels, official, ground_truth),
                                  ew_l1_f(wheels, offline, ground_truth)))
    return Fidelity(variant, tuple(rows), extractor.name, texts, seconds)


def render(main: Fidelity, others: Sequence[Fidelity]) -> str:
    """The markdown report: per-model table of the main set, its summary against the targets, the other sets."""
    lines = [
        f"Extractor `{main.extractor}` vs the official LLM labels (Qwen2.5-7B, released by the OV-MER authors); "
        f"description set `{main.variant}`, 2025 wheels, ground truth `check-openset.csv`. EW-L1 F ×100.",
        "",
        "| Model | Official | Offline | \\|Δ\\| |",
        "|---|---:|---:|---:|",
    ]
    lines += [f"| {row.model} | {100 * row.official:.2f} | {100 * row.offline:.2f} | {100 * row.abs_diff:.2f} |"
              for row in main.rows]
    verdict = "met" if main.meets_targets() else "NOT met"
    lines += [
        "",
        f"- Spearman ρ across the {len(main.rows)} models: **{main.spearman:.3f}** (target ≥ {TARGET_SPEARMAN})",
        f"- Mean |Δ| EW-L1: **{100 * main.mean_abs_diff:.2f}** points (target ≤ {100 * TARGET_MEAN_ABS_DIFF:.0f})",
        f"- Targets {verdict}. Offline extraction of {main.texts:,} descriptions: {main.seconds:.2f} s.",
    ]
    if others:
        lines += [
            "",
            "Other description sets (no target; a check that the rules are not specific to one description style):",
            "",
            "| Description set | Spearman ρ | Mean \\|Δ\\| | Mean official | Mean offline |",
            "|---|---:|---:|---:|---:|",
        ]
        for result in others:
            official = np.mean([row.official for row in result.rows])
            offline = np.mean([row.offline for row in result.rows])
            lines.append(f"| `{result.variant}` | {result.spearman:.3f} | {100 * result.mean_abs_diff:.2f} | "
                         f"{100 * official:.2f} | {100 * offline:.2f} |")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=None,
                        help="EMER data directory (default: $EMER_DATA, else ../shared/emer-data next to the repo)")
    parser.add_argument("--write", action="store_true", help="replace this benchmark's section in RESULTS.md")
    args = parser.parse_args(argv)
    data_dir = args.data if args.data is not None else default_data_dir()
    main_result = fidelity_table(data_dir, MAIN_VARIANT)
    others = [fidelity_table(data_dir, variant) for variant in VARIANTS if variant != MAIN_VARIANT]
    report = render(main_result, others)
    print(f"{machine()}\n\n{report}")
    if args.write:
        write_section(SECTION_TITLE, report)
    return 0 if main_result.meets_targets() else 1


if __name__ == "__main__":
    sys.exit(main())
