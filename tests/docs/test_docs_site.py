"""Issue 18 item 5: the documentation site (docs/, Sphinx + MyST) builds with warnings as errors, documents the
Python API from its docstrings, includes the trust model from checker/README.md, renders formulas as MathML, and
loads nothing from a network; the tutorial notebook is rendered as committed (MyST-NB, never executed here).

The site is built once per module into a temporary directory (about 2-3 s), exactly as CI and the README do it.
"""

from __future__ import annotations

import inspect
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest

import sgd_proofs.api

ROOT = Path(__file__).resolve().parents[2]
#: the pages of the toctree (docs/index.md), one HTML file each
PAGES = ["index", "normalisation", "claim-files", "certificate-format", "trust-model", "limits", "benchmarks", "api",
         "tutorial"]


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("docs-html")
    proc = subprocess.run([sys.executable, "-m", "sphinx", "-W", "--keep-going", "-q", "-b", "html", "docs", str(out)],
                          cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, f"sphinx -W failed (exit {proc.returncode}):\n{proc.stderr}\n{proc.stdout}"
    assert "WARNING" not in proc.stderr, proc.stderr
    return out


class _Page(HTMLParser):
    """The visible text of a page and every URL it loads (scripts, stylesheets, fonts, images, frames)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.text: list[str] = []
        self.loads: list[tuple[str, str]] = []
        self.styles: list[str] = []
        self._skip = 0
        self._in_style = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag in ("script", "style"):
            self._skip += 1
            self._in_style = tag == "style"
        for attr in ("src", "srcset", "data"):
            if a.get(attr):
                self.loads.append((tag, a[attr]))
        if tag == "link" and a.get("href") and set((a.get("rel") or "").split()) & {
                "stylesheet", "preload", "prefetch", "icon", "modulepreload", "preconnect", "dns-prefetch"}:
            self.loads.append((tag, a["href"]))
        if a.get("style"):
            self.styles.append(a["style"])

    def handle_endtag(self, tag):
        if tag in ("script", "style") and self._skip:
            self._skip -= 1
            self._in_style = False

    def handle_data(self, data):
        if self._in_style:
            self.styles.append(data)
        elif not self._skip:
            self.text.append(data)


def _parse(path: Path) -> _Page:
    page = _Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


def _words(text: str) -> str:
    """Text with whitespace collapsed and Sphinx's smart quotes undone."""
    text = text.replace("\u2019", "'").replace("\u2018", "'").replace("\u201c", '"').replace("\u201d", '"')
    return " ".join(text.split())


def _first_paragraph(obj) -> str:
    """The first paragraph of a docstring as the built page shows it: ``literals`` and :role:`targets` as text."""
    para = inspect.getdoc(obj).split("\n\n")[0]
    para = re.sub(r":(?:func|meth):`~?([^`]+)`", r"\1()", para)
    para = re.sub(r":\w+:`~?([^`]+)`", r"\1", para)
    return _words(para.replace("``", ""))


def _external(url: str) -> bool:
    return urlparse(url).scheme not in ("", "file") or url.startswith("//")


def test_builds_every_page(site):
    for name in PAGES:
        assert (site / f"{name}.html").is_file(), name
    toc = _words("".join(_parse(site / "index.html").text))
    for title in ("Normalisation", "Claim files", "Certificate format", "The standalone checker: the trusted base",
                  "Resource limits", "Benchmarks", "Python API", "sgd-proofs tutorial"):
        assert title in toc, title


@pytest.mark.parametrize("name", ["theorem2", "prove"])
def test_api_page_documents_from_docstrings(site, name):
    html = (site / "api.html").read_text(encoding="utf-8")
    assert f'id="sgd_proofs.api.{name}"' in html
    text = _words("".join(_parse(site / "api.html").text))
    obj = getattr(sgd_proofs.api, name)
    assert _first_paragraph(obj) in text
    example = next(line for line in inspect.getdoc(obj).splitlines() if line.startswith(">>>"))
    assert _words(example) in text, example


def test_api_page_documents_every_public_name(site):
    html = (site / "api.html").read_text(encoding="utf-8")
    missing = [n for n in sgd_proofs.api.__all__ if f'id="sgd_proofs.api.{n}"' not in html]
    assert not missing


def test_trust_model_is_the_checker_readme(site):
    text = _words("".join(_parse(site / "trust-model.html").text))
    readme = (ROOT / "checker" / "README.md").read_text(encoding="utf-8")
    for heading in re.findall(r"^#+ (.+)$", readme, flags=re.M):
        assert _words(heading.replace("`", "")) in text, heading
    assert "The checker never takes what was proved from a certificate" in text


def test_normalisation_formulas_are_mathml(site):
    html = (site / "normalisation.html").read_text(encoding="utf-8")
    assert html.count("<math") >= 10
    assert 'display="block"' in html
    text = "".join(_parse(site / "normalisation.html").text)
    assert "$" not in text and "\\frac" not in text and "\\lambda" not in text  # no formula left as LaTeX
    # the recorded texts themselves, included from symbolic/normalisation.py
    from symbolic import normalisation

    assert normalisation.GENERIC[:40] in _words(text)


def test_tutorial_rendered_without_executing(site):
    import nbformat

    nb = nbformat.read(ROOT / "docs" / "tutorial.ipynb", as_version=4)
    html = (site / "tutorial.html").read_text(encoding="utf-8")
    text = _words("".join(_parse(site / "tutorial.html").text))
    code = [c.source for c in nb.cells if c.cell_type == "code"]
    assert code and all(_words(src) in text for src in code)  # every code cell, as written
    headings = [line.lstrip("#").strip() for c in nb.cells if c.cell_type == "markdown"
                for line in c.source.splitlines() if line.startswith("#")]
    assert headings and all(_words(h.replace("`", "")) in text for h in headings)
    assert "<math" in html  # its formulas too, as MathML
    assert "cell_output" not in html  # nothing was executed: the notebook is committed without outputs


def test_nothing_loaded_from_a_network(site):
    pages = sorted(site.rglob("*.html"))
    assert len(pages) >= len(PAGES)
    for path in pages:
        page = _parse(path)
        for tag, url in page.loads:
            assert not _external(url), f"{path.name}: <{tag}> loads {url}"
            target = path.parent / unquote(urlparse(url).path)
            if tag in ("script", "link"):  # every local script and stylesheet is in the build
                assert target.is_file(), f"{path.name}: <{tag}> {url} is missing"
        for css in page.styles:
            assert not re.search(r"(@import|url\()\s*['\"]?\s*(https?:)?//", css), f"{path.name}: {css}"
    for css in site.rglob("*.css"):
        body = css.read_text(encoding="utf-8", errors="replace")
        assert not re.search(r"(@import|url\()\s*['\"]?\s*(https?:)?//", body), css.name
    assert "mathjax" not in (site / "normalisation.html").read_text(encoding="utf-8").lower().replace(
        "mathjax_ignore", "")
