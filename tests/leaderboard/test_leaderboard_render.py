"""Escaped cells rendered by Gradio's own markdown pipeline (the ``marked`` setup bundled in gradio's server build).

Why: the escaping tests check our strings; this checks what the browser would get from them — the exact text, no
element, no link except https. It runs the bundled renderer under Node, without a browser. It depends on a private,
minified bundle (pinned gradio 6.31.0), so it skips — never fails — when Node or the renderer cannot be found.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from space.leaderboard.detail import detail_markdown
from space.leaderboard.table import build_table

from .factories import TRACK, make_record

NAMES = ["<img src=x onerror=alert(1)>", "[x](javascript:alert(1))", "www.evil.example http://x.example a@b.example",
         "- *em* `code` # h | pipe", "Chat-UniVi"]


@pytest.fixture(scope="module")
def render(tmp_path_factory):
    """A function markdown → HTML using gradio's bundled markdown renderer, run by Node."""
    gradio = pytest.importorskip("gradio")
    node = shutil.which("node")
    server = Path(gradio.__file__).parent / "templates" / "node" / "build" / "server"
    bundles = sorted((server / "chunks").glob("markdown-code-*.js")) if server.is_dir() else []
    if node is None or not bundles:
        pytest.skip("node or gradio's server-side markdown bundle not available")
    source = bundles[0].read_text(encoding="utf-8")
    match = re.search(r"function (\w+)\(\{header_links:\w+,line_breaks:\w+,latex_delimiters:\w+\}\)", source)
    if match is None:
        pytest.skip("gradio's markdown factory not found in the bundle (gradio version changed)")
    work = tmp_path_factory.mktemp("gradio-md")
    shutil.copytree(server, work / "server")
    shutil.copy(server.parent / "package.json", work / "package.json")  # "type": "module"
    copied = work / "server" / "chunks" / bundles[0].name
    copied.write_text(source + f"\nexport {{ {match.group(1)} as __factory }};\n", encoding="utf-8")
    script = work / "render.mjs"
    script.write_text(
        "import fs from 'fs';\n"
        f"const {{ __factory }} = await import('./server/chunks/{bundles[0].name}');\n"
        "const md = __factory({header_links: false, line_breaks: true, latex_delimiters: []});\n"
        "const texts = JSON.parse(fs.readFileSync(0, 'utf8'));\n"
        "const out = [];\n"
        "for (const t of texts) out.push(await md.parse(t));\n"
        "process.stdout.write(JSON.stringify(out));\n", encoding="utf-8")

    def run(texts: list[str]) -> list[str]:
        done = subprocess.run([node, str(script)], input=json.dumps(texts), capture_output=True, text=True,
                              cwd=work, timeout=60)
        if done.returncode != 0:
            pytest.skip(f"bundled renderer did not run: {done.stderr[-300:]}")
        return json.loads(done.stdout)

    return run


def visible_text(html: str) -> str:
    import html as html_module

    return html_module.unescape(re.sub(r"<[^>]+>", "", html)).strip()


def test_table_cells_render_as_the_exact_user_text(render):
    records = [make_record(f"r{i}", 0.5 - i / 100, name=name, organisation=name, link="http://insecure.example")
               for i, name in enumerate(NAMES)]
    board = build_table(records, [], TRACK).set_index("id")
    cells = [board.loc[f"r{i}", column] for i in range(len(NAMES)) for column in ("Model", "Organisation")]
    for cell, html, expected in zip(cells, render(cells), [n for n in NAMES for _ in range(2)], strict=False):
        assert visible_text(html) == expected, (cell, html)
        assert "<a " not in html and "<img" not in html and "<code" not in html and "<em" not in html, html


def test_https_link_renders_as_the_only_link(render):
    board = build_table([make_record("r", 0.5, name=NAMES[0], link="https://example.org/a(b)?q=1&r=2")], [], TRACK)
    (html,) = render([board["Model"].iloc[0]])
    assert re.findall(r"<a [^>]*href=\"([^\"]+)\"", html) == ["https://example.org/a%28b%29?q=1&amp;r=2"]
    assert visible_text(html) == NAMES[0]


def test_detail_view_renders_without_elements_or_foreign_links(render):
    record = make_record("r", 0.5, name=NAMES[0], organisation=NAMES[1], description="\n".join(NAMES),
                         user="<b>bob</b>", link="https://example.org/m")
    (html,) = render([detail_markdown(record)])
    assert re.findall(r"href=\"([^\"]+)\"", html) == ["https://example.org/m"]
    for tag in ("<img", "<b>", "<code", "<em", "<ul", "<h1", "<script"):
        assert tag not in html
    text = visible_text(html)
    for name in NAMES:
        assert name in text
