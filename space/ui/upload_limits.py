"""Over-limit files refused in the browser with the tab's own message, before a byte is sent.

Gradio enforces one app-wide ``max_file_size``: the server answers HTTP 413 and, before that, its browser client
refuses the file with a generic toast ("File(s) exceed the maximum allowed size of 20.0 MB"). Gradio 6 has no
per-component limit or message, so the page gets a small script (``launch(js=…)``) that checks the size of every file
chosen or dropped on a guarded upload area first. A file over that area's limit never reaches Gradio's upload code:
the area shows its own message (what the limit is, how to get under it) and the file input is cleared. The server's
413 still holds for API clients and for anyone who bypasses the page.

The limits come from :class:`~space.config.Settings` through :func:`upload_limits`, the one place the demo tab and the
Submit tab also read them from, so the stated, the checked and the enforced limit cannot drift apart.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass

from ..config import Settings
from ..demo.decode import MAX_BYTES as DECODE_MAX_BYTES
from ..demo.decode import MAX_SECONDS

DEMO_VIDEO = "demo-video"
SUBMIT_FILE = "submit-file"


@dataclass(frozen=True)
class UploadLimit:
    """The largest file one upload area takes and what it says about a larger one.

    ``message`` may use ``{name}`` (the file's name) and ``{size}`` (its size in MB, one decimal); the script
    substitutes them and shows the text as plain text (a file name is never read as HTML).
    """

    bytes: int
    message: str


def demo_limit(settings: Settings) -> int:
    """The demo's clip limit in bytes: the decoder's own cap, or the server's upload limit when that is lower."""
    return min(DECODE_MAX_BYTES, settings.max_upload_bytes)


def upload_limits(settings: Settings) -> dict[str, UploadLimit]:
    """Each guarded upload area (by ``elem_id``) with its limit and message."""
    demo_mb = demo_limit(settings) // 2**20
    return {
        DEMO_VIDEO: UploadLimit(
            demo_limit(settings),
            f"“{{name}}” is {{size}} MB: the demo takes clips of at most {demo_mb} MB and {MAX_SECONDS:.0f} s. "
            f"Cut or shrink it first, e.g. ffmpeg -i clip.mp4 -t {MAX_SECONDS:.0f} -vf scale=-2:480 small.mp4"),
        SUBMIT_FILE: UploadLimit(
            settings.max_upload_bytes,
            f"“{{name}}” is {{size}} MB: a predictions file is at most {settings.max_upload_mb} MB. Label and "
            "explanation files of the hub's tracks are far smaller; check that this is the right file"),
    }


_SCRIPT = """\
() => {
  const limits = %s;
  const areaOf = (node) => Object.keys(limits).find((id) => {
    const area = document.getElementById(id);
    return area !== null && node instanceof Node && area.contains(node);
  });
  const say = (id, text) => {
    let note = document.getElementById(id + "-refusal");
    if (note === null) {
      note = document.createElement("div");
      note.id = id + "-refusal";
      note.className = "upload-refusal";
      note.setAttribute("role", "alert");
      document.getElementById(id).insertAdjacentElement("afterend", note);
    }
    note.textContent = text;
    note.hidden = text === "";
  };
  const check = (event, files) => {
    const id = areaOf(event.target);
    if (id === undefined || !files || files.length === 0) return;
    const big = Array.from(files).find((file) => file.size > limits[id].bytes);
    if (big === undefined) { say(id, ""); return; }
    event.preventDefault();
    event.stopImmediatePropagation();
    if (event.type === "change") event.target.value = "";
    say(id, limits[id].message.replace("{name}", big.name)
                              .replace("{size}", (big.size / 1048576).toFixed(1)));
  };
  document.addEventListener("change", (event) => check(event, event.target.files), true);
  document.addEventListener("drop", (event) => check(event, event.dataTransfer && event.dataTransfer.files), true);
}
"""

CSS = ".upload-refusal { color: var(--error-text-color, #b91c1c); margin: 4px 0 8px; font-size: 0.9rem; }\n"


def guard_script(settings: Settings) -> str:
    """The page-load script (``launch(js=…)``): capture-phase listeners that see a chosen or dropped file before
    Gradio's own handlers and stop it when it is over its area's limit."""
    limits = {area: asdict(limit) for area, limit in upload_limits(settings).items()}
    return _SCRIPT % json.dumps(limits, ensure_ascii=False).replace("</", "<\\/")
