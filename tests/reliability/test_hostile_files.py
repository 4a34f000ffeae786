"""Every hostile or broken file of the corpus (``hostile.py``) through the portal, the CLI and — a subset — the app.

Each case must end in its specific error message or in the correct score, within a bounded time and memory, with
the store unchanged when the file is refused (and exactly one record added when it is scored), and the app must go on
serving. The measured figures are printed at the end of the module and written to ``.figures/hostile.json``.
"""

from __future__ import annotations

import dataclasses
import io
import json
import tempfile
import unicodedata
import urllib.request
import zipfile
import zlib
from pathlib import Path
from typing import Any

import pytest
from harness import FIGURES, LIMITS, TRACK, Measure, measure, run_cli, summarise
from hostile import CLEAN, Case, Expect, MiB, corpus, crc32_zeros
from hub_helpers import DECLARED, make_settings, private_tracks

import emer_eval
from space.hub import Hub
from space.portal.submit import submit

MARKER = Path(tempfile.mkdtemp(prefix="emer-hostile-")) / "unpickled-or-evaluated"
CASES = corpus(MARKER)
APP_CASES = [case for case in CASES if case.app]
FIGURES_DIR = Path(__file__).resolve().parent / ".figures"
MAX_SECONDS = 20.0
META = {"model_name": "Hostile corpus", "organisation": "QA", "link": "https://example.org/qa", **DECLARED}


def _meta(case: Case) -> dict[str, Any]:
    """The case's own model name, so that owners never share one (a shared name is refused as a look-alike)."""
    return {**META, "model_name": f"Hostile corpus {case.id}"}


def test_corpus_is_large_and_varied():
    assert len(CASES) >= 40
    errors = [case for case in CASES if case.portal.kind == "error"]
    assert len(errors) >= 30 and len(CASES) - len(errors) >= 15
    assert len({case.category for case in CASES}) >= 8


def test_the_zip_bomb_is_a_real_one(base):
    """The bomb is a valid archive that would really inflate to 8 GiB (its CRC maths checked against zlib)."""
    for count in (0, 1, 7, 4096, 123_457):
        assert crc32_zeros(zlib.crc32(b"npy"), count) == zlib.crc32(bytes(count), zlib.crc32(b"npy"))
    bomb = base.zip_bomb
    with zipfile.ZipFile(io.BytesIO(bomb)) as archive:
        infos = archive.infolist()
        assert [info.filename for info in infos] == ["filenames.npy", "fileitems.npy"]
        with archive.open(infos[0]) as member:
            head = member.read(MiB)                                       # a bounded read: it really inflates
    assert sum(info.file_size for info in infos) > 8 * 2**30 - 4 * MiB and len(bomb) < 9 * MiB
    assert head.startswith(b"\x93NUMPY") and not head[256:].strip(b"\0") and len(head) == MiB


@pytest.fixture(scope="module")
def cli_baseline_mb() -> float:
    """Peak RSS of the CLI doing nothing but start (imports), subtracted to report what a file costs."""
    code, _, _, _, peak = run_cli(["--version"])
    assert code == 0
    return peak


# --- checking ------------------------------------------------------------------------------------------------------

def _one_line(message: str) -> None:
    assert "\n" not in message and "\r" not in message, message
    bad = [ch for ch in message if unicodedata.category(ch) in ("Cc", "Cf", "Cs")]
    assert not bad, f"control/format characters in a message: {bad!r}"


def check(expect: Expect, *, scored: bool, errors: list[str], scores: dict[str, Any], warnings: list[str],
          oov: dict[str, Any] | None, reference: dict[str, Any]) -> str:
    """Assert one outcome against its expectation; returns the outcome's short description for the figures."""
    for message in [*errors, *warnings]:
        _one_line(message)
    if expect.kind == "error":
        assert not scored, f"expected an error containing {expect.text!r}, but the file was scored"
        assert errors and any(expect.text in error for error in errors), (expect.text, errors)
        return "error"
    assert scored, f"expected a score, got {errors}"
    wanted = reference["EW-L1"]["f"] if expect.f == CLEAN else expect.f
    assert scores["EW-L1"]["f"] == pytest.approx(wanted, abs=5e-5)
    if expect.f == CLEAN:
        # the track is private: its answers are rounded to 4 decimals
        assert scores["EW-L1"]["p"] == pytest.approx(reference["EW-L1"]["p"], abs=5e-5)
        assert scores["EW-L1"]["r"] == pytest.approx(reference["EW-L1"]["r"], abs=5e-5)
    if expect.warning:
        assert any(expect.warning in warning for warning in warnings), (expect.warning, warnings)
    if expect.oov:
        assert expect.oov in [word for word, _ in (oov or {}).get("top_dropped", [])], oov
    return "same score as clean" if expect.f == CLEAN else "score"


@pytest.fixture(scope="module")
def reference(base, gt_path) -> dict[str, Any]:
    """The untouched file's scores, computed by the library directly."""
    return emer_eval.score(base.path, gt_path, bootstrap=0).scores()


@pytest.fixture(scope="module")
def portal_hub(tmp_path_factory):
    folder = tmp_path_factory.mktemp("hostile-portal")
    hub = Hub.start(make_settings(folder, EMER_HUB_TRACKS=private_tracks(folder), **LIMITS))
    yield hub
    hub.store.close()


def _store_state(hub: Hub) -> tuple[int, int]:
    files = hub.settings.store_dir / "files"
    return len(hub.store.records()), sum(1 for path in files.rglob("*") if path.is_file()) if files.is_dir() else 0


def _record(channel: str, case: Case, outcome: str, measured: Measure, size: int, note: str = "") -> None:
    FIGURES[channel][case.id] = {"category": case.category, "outcome": outcome, "seconds": round(measured.seconds, 3),
                                 "peak_rss_growth_mb": round(measured.peak_mb, 1), "bytes": size,
                                 **({"note": note} if note else {})}


# --- the three channels --------------------------------------------------------------------------------------------

@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_portal(case: Case, base, portal_hub, reference, tmp_path):
    payload = case.build(base)
    upload = tmp_path / "upload"  # the server-side copy; the client's file name is case.filename
    upload.write_bytes(payload)

    def send():
        # one owner and one model name per case: the cases are the same predictions in hostile forms, which the
        # portal accepts once per owner (from another owner they are accepted and marked identical), and one name
        # under two owners is refused as a look-alike
        return submit(portal_hub, user=f"hostile-{case.id}", upload=upload, filename=case.filename, track_id=TRACK,
                      metadata=_meta(case))

    if case.resubmit:
        assert send().status == "scored"
    before = _store_state(portal_hub)
    with measure() as measured:
        outcome = send()
    after = _store_state(portal_hub)

    result = check(case.portal, scored=outcome.status == "scored", errors=outcome.errors, scores=outcome.scores,
                   warnings=outcome.warnings, oov=outcome.oov, reference=reference)
    if outcome.status == "scored":
        # new files: the upload and the labels it was scored with, unless the same bytes are already stored
        assert after[0] == before[0] + 1 and after[1] - before[1] in (0, 1, 2)
        stored = portal_hub.store.get(outcome.submission_id).file["name"]
        assert "/" not in stored and "\\" not in stored and len(stored) <= 120
        assert all(unicodedata.category(ch) not in ("Cc", "Cf") for ch in stored)
        assert outcome.per_sample is None                        # hidden track
    else:
        assert after == before, "a refused file changed the store"
    assert measured.seconds < MAX_SECONDS
    assert measured.peak_mb < case.max_rss_mb, f"{measured.peak_mb:.0f} MB"
    assert not MARKER.exists(), "an upload was unpickled or evaluated"
    _record("portal", case, result, measured, len(payload))


@pytest.mark.parametrize("case", [case for case in CASES if case.cli is not None],
                         ids=[case.id for case in CASES if case.cli is not None])
def test_cli(case: Case, base, gt_path, reference, cli_baseline_mb, tmp_path):
    path = tmp_path / (case.cli_name or case.filename)
    payload = case.build(base)
    path.write_bytes(payload)
    code, out, err, seconds, peak = run_cli(["score", "--pred", str(path), "--gt", str(gt_path), "--bootstrap", "0",
                                             "--json"])
    assert case.cli is not None
    if case.cli.kind == "error":
        assert code == 2, (code, out, err)
        assert out == ""
        lines = err.splitlines()
        assert len(lines) == 1 and lines[0].startswith("emer_eval: error: "), err
        result = check(case.cli, scored=False, errors=[lines[0]], scores={}, warnings=[], oov=None,
                       reference=reference)
    else:
        assert code == 0 and err == "", (code, err)
        document = json.loads(out)
        result = check(case.cli, scored=True, errors=[], scores=document["metrics"], warnings=document["warnings"],
                       oov=document["oov"], reference=reference)
    growth = max(0.0, peak - cli_baseline_mb)
    assert seconds < MAX_SECONDS
    assert growth < case.max_rss_mb + 128, f"{growth:.0f} MB"  # + what scoring imports beyond --version
    assert not MARKER.exists()
    _record("cli", case, result, Measure(seconds, growth, "ru_maxrss"), len(payload))


def _get(url: str) -> int:
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.status


@pytest.mark.parametrize("case", APP_CASES, ids=[case.id for case in APP_CASES])
def test_app(case: Case, base, app, client, reference, tmp_path, request):
    from gradio_client import handle_file

    demo, hub = app
    path = tmp_path / case.filename
    payload = case.build(base)
    path.write_bytes(payload)
    expect = case.app_expect or case.portal
    shared = hub.settings  # one local identity per case (see test_portal), restored after the case
    hub.settings = dataclasses.replace(shared, local_user=f"hostile-app-{case.id}")
    request.addfinalizer(lambda: setattr(hub, "settings", shared))
    before = _store_state(hub)
    with measure() as measured:
        try:
            outcome = client.predict(file=handle_file(str(path)), track=TRACK, model_name=_meta(case)["model_name"],
                                     organisation="", link="", modalities=[], description="",
                                     api_name="/submit_predictions", **DECLARED)
            refusal = None
        except Exception as error:  # refused by Gradio before the handler: 413, invalid file type
            outcome, refusal = None, f"{type(error).__name__}: {error}"
    if expect.kind == "refused":
        assert outcome is None and expect.text in refusal, refusal
        result = "refused by the server"
    else:
        assert outcome is not None, refusal
        result = check(expect, scored=outcome["status"] == "scored", errors=outcome["errors"],
                       scores=outcome["scores"], warnings=outcome["warnings"], oov=outcome["oov"],
                       reference=reference)
        assert "per_sample" not in outcome
    if result == "error" or expect.kind == "refused":
        assert _store_state(hub) == before
    assert measured.seconds < MAX_SECONDS
    assert _get(demo.local_url) == 200                           # still serving
    assert not MARKER.exists()
    _record("app", case, result, measured, len(payload), note=refusal or "")


# --- figures -------------------------------------------------------------------------------------------------------

@pytest.fixture(scope="module", autouse=True)
def figures():
    """After the module: write the figures to ``.figures/hostile.json`` (printed by conftest's terminal summary)."""
    yield
    if not any(FIGURES.values()):
        return
    FIGURES_DIR.mkdir(exist_ok=True)
    (FIGURES_DIR / ".gitignore").write_text("*\n")  # measurements of one machine: never committed
    (FIGURES_DIR / "hostile.json").write_text(json.dumps({"summary": summarise(FIGURES), "cases": FIGURES}, indent=1,
                                                         ensure_ascii=False), encoding="utf-8")
