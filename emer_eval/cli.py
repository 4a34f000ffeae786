"""Command line: ``python -m emer_eval score|compare|resources`` — a thin shell over the Python API.

Bad input ends with one line on stderr naming the file, row/column and fix, and exit status 2.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from collections.abc import Sequence
from typing import Any

import numpy as np

from . import __version__
from . import resources as res
from .errors import EmerEvalError
from .io import load_ground_truth
from .metrics.ew import paired_bootstrap
from .safe_text import neutralise, terminal_json, terminal_lines
from .scoring import METRIC_FAMILIES, Result, score
from .stats import paired_mean_test
from .wheels import EW_METRICS


def _metric_list(text: str) -> list[str]:
    families = [item.strip() for item in text.split(",") if item.strip()]
    unknown = sorted(set(families) - set(METRIC_FAMILIES))
    if unknown:
        raise argparse.ArgumentTypeError(f"unknown metric {', '.join(unknown)}; "
                                         f"choose from {', '.join(METRIC_FAMILIES)}")
    return families


def _count(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {text!r}") from None
    if value < 0:
        raise argparse.ArgumentTypeError(f"must not be negative, got {value}")
    return value


def _add_scoring_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--gt", required=True, help="ground-truth file (e.g. check-openset.csv)")
    parser.add_argument("--data", action="append", metavar="DIR",
                        help="folder holding the resources (repeatable; default: $EMER_DATA, then the cache)")
    parser.add_argument("--wheels", choices=("2025", "2026"), default="2025",
                        help="emotion-wheel resources: 2025 = published numbers (default), 2026 = fixed")
    parser.add_argument("--split", help="split of a MERBench corpus JSON ground truth, e.g. test1_corpus")
    parser.add_argument("--extractor", choices=("auto", "offline", "llm"), default="auto",
                        help="for descriptions: offline (non-official), llm (official) or auto (llm when configured)")
    parser.add_argument("--runs", type=int, default=1, help="LLM extraction runs to average (mean ± std)")
    parser.add_argument("--llm-base-url", help="OpenAI-compatible endpoint (default $EMER_LLM_BASE_URL)")
    parser.add_argument("--llm-model", help="model name (default $EMER_LLM_MODEL)")
    parser.add_argument("--llm-api-key", help="API key (default $EMER_LLM_API_KEY)")
    parser.add_argument("--cache-only", action="store_true", help="use only cached LLM replies (no endpoint)")
    parser.add_argument("--workers", type=int, default=4, help="concurrent requests to the LLM judge (g1)")
    parser.add_argument("--lang", choices=("zh", "en"),
                        help="g1: language of the reference descriptions (default: detected from the text)")
    parser.add_argument("--judge-control", type=_count, default=0, metavar="K",
                        help="g1: also judge K clips against other clips' references, the mismatched-reference "
                             "control of the clue overlap (K more judge calls; 0: none)")
    parser.add_argument("--bootstrap", type=_count, default=1000, help="bootstrap resamples for the 95%% CI (0: none)")
    parser.add_argument("--seed", type=int, default=12345, help="bootstrap seed")


def _extractor(args: argparse.Namespace) -> Any:
    """The extractor the options ask for, or None to let score() choose (auto)."""
    if args.extractor == "offline":
        from .extract.offline import OfflineExtractor
        from .wheels import load_wheels

        return OfflineExtractor(load_wheels(args.wheels, tuple(args.data) if args.data else None))
    overrides = {key: value for key, value in (("base_url", args.llm_base_url), ("model", args.llm_model),
                                                ("api_key", args.llm_api_key)) if value}
    if args.extractor == "llm" or overrides or args.cache_only:
        from .config import LLMConfig
        from .extract.llm import LLMExtractor

        config = LLMConfig.from_env(**overrides)
        if config is None and args.cache_only and args.llm_model:
            # the cache is keyed by model, prompt and sampling — the endpoint address plays no part in it
            config = LLMConfig(base_url="", model=args.llm_model)
        if config is None:
            raise EmerEvalError("--extractor llm needs --llm-base-url and --llm-model (or EMER_LLM_BASE_URL and "
                                "EMER_LLM_MODEL); --cache-only needs only --llm-model")
        return LLMExtractor(config, cache_only=args.cache_only)
    return None


def _judge(args: argparse.Namespace) -> Any:
    """The G1 judge on the endpoint the options (or ``EMER_LLM_*``) name; with --cache-only only --llm-model counts."""
    from .config import LLMConfig
    from .metrics.judge import Judge

    overrides = {key: value for key, value in (("base_url", args.llm_base_url), ("model", args.llm_model),
                                                ("api_key", args.llm_api_key)) if value}
    config = LLMConfig.from_env(**overrides)
    if config is None and args.cache_only and args.llm_model:
        config = LLMConfig(base_url="", model=args.llm_model)  # cached replies are keyed by model and prompt only
    if config is None:
        raise EmerEvalError("--metrics g1 needs a judge: --llm-base-url and --llm-model (or EMER_LLM_BASE_URL and "
                            "EMER_LLM_MODEL); --cache-only needs only --llm-model")
    return Judge(config, cache_only=args.cache_only, workers=args.workers)


def _score(args: argparse.Namespace, predictions: str) -> Result:
    if "g1" in args.metrics:
        return score(predictions, args.gt, metrics=args.metrics, judge=_judge(args), lang=args.lang,
                     judge_control=args.judge_control)
    return score(predictions, args.gt, wheels=args.wheels, metrics=args.metrics, data_dirs=args.data,
                 split=args.split, extractor=_extractor(args), runs=args.runs, groupings=args.groupings,
                 references=args.references, bootstrap=args.bootstrap, seed=args.seed)


def format_judged(result: Result) -> str:
    """The G1 table: each judge metric's mean on the 1–10 scale, unscored replies, notes, warnings and signature."""
    lines = [f"{'metric':<14} {'mean':>6} {'95% CI':>14} {'n':>5} {'unscored':>9}   (1-10, judge "
             f"{result.signature.judge})"]
    for name, judged in (result.judged or {}).items():
        low, high = judged.ci95
        lines.append(f"{name:<14} {judged.mean:6.2f} {f'[{low:.2f}, {high:.2f}]':>14} {judged.n:5d} "
                     f"{len(judged.unscored):9d}")
    if result.control is not None:
        control = result.control
        lines.append(f"control  {control.metric} on {control.n} clips: {control.matched_mean:.2f} against their own "
                     f"references, {control.control_mean:.2f} against other clips' (gap {control.gap:.2f}; a gap "
                     f"near 0 means the judge is not scoring the match)")
    lines += [f"note     {note}" for note in result.notes]
    lines += [f"warning  {warning}" for warning in result.warnings]
    lines.append(str(result.signature))
    return "\n".join(lines)


def format_table(result: Result) -> str:
    """A readable ×100 table of every metric, the aggregates, the OOV line and the signature."""
    if result.judged is not None:
        return format_judged(result)
    values = result.metrics
    lines = [f"{'metric':<8} {'F':>7} {'P':>7} {'R':>7} {'n':>5}"]
    for name in (*EW_METRICS, "EW-L1", "EW-L2"):
        value = values[name]
        line = f"{name:<8} {value.f * 100:7.2f} {value.p * 100:7.2f} {value.r * 100:7.2f}"
        if value.n is not None:
            line += f" {value.n:5d}"
        if value.ci95 is not None:
            low, high = value.ci95
            line += f"   F 95% CI [{low * 100:.2f}, {high * 100:.2f}]"
        lines.append(line)
    lines.append(f"{'M-avg':<8} {(result.m_avg or 0.0) * 100:7.2f}")
    if result.runs is not None:
        lines.append(f"runs     {result.runs.k} extraction runs, EW-L1 F std {result.runs.std * 100:.2f}")
    if result.hit is not None:
        lines.append(f"hit rate {result.hit.hit * 100:7.2f}  (mean of the 5 level-1 wheels)")
    g2 = result.g2
    if g2 is not None:
        lines.append(f"G2       Accuracy_s {g2.accuracy_s * 100:.2f}  Recall_s {g2.recall_s * 100:.2f}  "
                     f"Avg {g2.avg * 100:.2f}  (n={g2.n})")
    if result.text is not None:
        lines.append("text     " + "  ".join(f"{key} {value:.4f}" for key, value in result.text.to_dict().items()
                                            if isinstance(value, float)) + "  (non-official)")
    oov = result.oov
    lines.append(f"OOV      {oov['dropped']}/{oov['labels']} predicted labels ({oov['fraction'] * 100:.1f}%) "
                 f"dropped by the official protocol" + (": " + ", ".join(f"{w} ×{n}" for w, n in oov["top_dropped"])
                                              if oov["top_dropped"] else ""))
    if g2 is not None:
        lines.append(f"G2 groupings {g2.groupings}, covering {g2.coverage:.1%} of the predicted labels")
    lines += [f"note     {note}" for note in result.notes]
    lines += [f"warning  {warning}" for warning in result.warnings]
    lines.append(str(result.signature))
    return "\n".join(lines)


def _write_per_sample(result: Result, args: argparse.Namespace, path: str) -> None:
    """The per-sample CSV, text cells neutralised like the hub's exports (labels and ids come from the files)."""
    gt = {} if result.judged is not None else load_ground_truth(args.gt, split=args.split)
    rows = [{key: neutralise(value) for key, value in row.items()} for row in result.per_sample_rows(gt)]
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]) if rows else ["name"])
        writer.writeheader()
        writer.writerows(rows)


def _emit(text: str, *, as_json: bool = False) -> None:
    """Print output built from untrusted files without raw control or bidi characters (see :mod:`.safe_text`)."""
    print(terminal_json(text) if as_json else terminal_lines(text))


def cmd_score(args: argparse.Namespace) -> int:
    result = _score(args, args.pred)
    if args.per_sample:
        _write_per_sample(result, args, args.per_sample)
    if args.json:
        _emit(json.dumps(result.to_dict(), ensure_ascii=False), as_json=True)
    else:
        _emit(format_table(result))
    return 0


MIN_PAIRED_RESAMPLES = 100
"""Below this a p-value cannot go under 0.01 and its own sampling error is larger than the differences it tests."""


def cmd_compare(args: argparse.Namespace) -> int:
    """Both scores, and the paired bootstrap test unless ``--bootstrap 0`` (then: no test, no confidence interval)."""
    if 0 < args.bootstrap < MIN_PAIRED_RESAMPLES:
        raise EmerEvalError(f"--bootstrap {args.bootstrap} is too few resamples for a meaningful p-value; use at "
                            f"least {MIN_PAIRED_RESAMPLES} (1000 is the default), or 0 for no test")
    first, second = _score(args, args.pred_a), _score(args, args.pred_b)
    if first.judged is not None and second.judged is not None:
        return _compare_judged(args, first, second)
    if first.stats is None or second.stats is None:
        raise EmerEvalError("compare tests emotion-wheel scores (or g1 judge scores with --metrics g1)")
    test = (paired_bootstrap(first.stats, second.stats, resamples=args.bootstrap, seed=args.seed)
            if args.bootstrap else None)
    payload = {"a": first.to_dict(), "b": second.to_dict(), "paired_bootstrap": test}
    if args.json:
        _emit(json.dumps(payload, ensure_ascii=False), as_json=True)
        return 0
    lines = [f"A EW-L1 F {first.metrics['EW-L1'].f * 100:.2f}   B EW-L1 F {second.metrics['EW-L1'].f * 100:.2f}"]
    if test is None:
        lines.append("no paired test (--bootstrap 0)")
    else:
        low, high = test["ci95"]
        lines.append(f"A − B = {test['delta'] * 100:+.2f}  95% CI [{low * 100:+.2f}, {high * 100:+.2f}]  "
                     f"p = {test['p_value']:.4f}  ({test['resamples']} paired resamples)")
    lines += [f"warning  A: {warning}" for warning in first.warnings]
    lines += [f"warning  B: {warning}" for warning in second.warnings]
    lines.append(str(first.signature))
    _emit("\n".join(lines))
    return 0


def _compare_judged(args: argparse.Namespace, first: Result, second: Result) -> int:
    """Judge scores of two files, and per metric the paired bootstrap of the difference of their mean per-clip score
    (1–10 scale): both files judged by the same judge, prompts and references, so the clips pair up."""
    assert first.judged is not None and second.judged is not None
    tests: dict[str, Any] = {}
    for name, a in first.judged.items():
        b = second.judged[name]
        tests[name] = (paired_mean_test(np.array(a.counted), np.array(b.counted), resamples=args.bootstrap,
                                        seed=args.seed) if args.bootstrap else None)
    if args.json:
        _emit(json.dumps({"a": first.to_dict(), "b": second.to_dict(), "paired_bootstrap": tests},
                         ensure_ascii=False), as_json=True)
        return 0
    lines = []
    for name, test in tests.items():
        line = f"{name:<14} A {first.judged[name].mean:5.2f}   B {second.judged[name].mean:5.2f}"
        if test is None:
            line += "   no paired test (--bootstrap 0)"
        else:
            low, high = test["ci95"]
            line += (f"   A − B = {test['delta']:+.2f}  95% CI [{low:+.2f}, {high:+.2f}]  p = {test['p_value']:.4f}  "
                     f"({test['resamples']} paired resamples, 1-10 scale)")
        lines.append(line)
    lines += [f"note     {note}" for note in first.notes]
    lines += [f"warning  A: {warning}" for warning in first.warnings]
    lines += [f"warning  B: {warning}" for warning in second.warnings]
    lines.append(str(first.signature))
    _emit("\n".join(lines))
    return 0


def cmd_resources(args: argparse.Namespace) -> int:
    names = args.names or sorted(res.registry())
    if args.action == "fetch":
        for name in names:
            for status in res.fetch(name):
                missing = status.status == "missing"
                note = " (converted from a pickle upstream: obtain a prepared copy)" if missing else ""
                print(f"{status.status:<8} {name}/{status.path}{note}")
        return 0
    if args.action == "list":
        for name in names:
            resource = res.get(name)
            try:
                where = str(res.resolve(name, args.data))
            except EmerEvalError:
                where = "not present"
            print(f"{name}\n    {resource.description}\n    {len(resource.files)} files · {resource.repository}@"
                  f"{resource.commit[:7]} · {resource.licence}\n    location: {where}")
        return 0
    statuses = res.verify(names, args.data)
    for status in statuses:
        print(f"{status.status:<8} {status.resource}/{status.path}")
    bad = [s for s in statuses if s.status != "ok"]
    print(f"{len(statuses) - len(bad)}/{len(statuses)} files ok")
    return 1 if bad else 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="emer-eval", description="EMER emotion-wheel metrics, offline.")
    parser.add_argument("--version", action="version", version=f"emer-eval {__version__}")
    commands = parser.add_subparsers(dest="command", required=True)

    scorer = commands.add_parser("score", help="score one prediction file")
    scorer.add_argument("--pred", required=True, help="predictions (csv / json / jsonl / npz)")
    _add_scoring_options(scorer)
    scorer.add_argument("--metrics", type=_metric_list, default=["ew"],
                        help="comma list of ew,hit,g2,text; or g1 alone (LLM-judged clue/label overlap, "
                             "--gt = reference descriptions)")
    scorer.add_argument("--groupings", help="cached G2 grouping replies (zip or folder of .npy)")
    scorer.add_argument("--references", help="reference explanations for the text metrics")
    scorer.add_argument("--json", action="store_true", help="print one JSON object instead of the table")
    scorer.add_argument("--per-sample", metavar="OUT.csv", help="write per-sample labels and scores")
    scorer.set_defaults(handler=cmd_score)

    compare = commands.add_parser("compare", help="paired bootstrap test of two prediction files")
    compare.add_argument("--pred-a", required=True)
    compare.add_argument("--pred-b", required=True)
    _add_scoring_options(compare)
    compare.add_argument("--metrics", type=_metric_list, default=["ew"],
                         help="ew (default: the EW-L1 F test) or g1 (each judge metric's mean per-clip score; --gt = "
                              "reference descriptions)")
    compare.add_argument("--json", action="store_true")
    compare.set_defaults(handler=cmd_compare, groupings=None, references=None)

    resources = commands.add_parser("resources", help="list, verify or fetch the benchmark resources")
    resources.add_argument("action", choices=("list", "verify", "fetch"))
    resources.add_argument("names", nargs="*", help="resource names (default: all)")
    resources.add_argument("--data", action="append", metavar="DIR")
    resources.set_defaults(handler=cmd_resources)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return int(args.handler(args))
    except EmerEvalError as error:
        print(f"emer_eval: error: {error}", file=sys.stderr)
        return 2
