"""Sphinx configuration of the sgd-proofs documentation site (issue 18 item 5).

Build (CI and ``tests/docs/test_docs_site.py`` do the same, warnings as errors)::

    python -m sphinx -W -b html docs docs/_build/html

The pages are Markdown (MyST), also read on GitHub; the API reference is autodoc of ``sgd_proofs.api``; the
tutorial notebook ``tutorial.ipynb`` is rendered by MyST-NB as committed (without outputs), never executed here
(``tests/docs/test_tutorial.py`` executes it).

Self-contained output: the built site loads no script, stylesheet or font from a network. Formulas
(``$...$``, ``$$...$$``) are therefore not rendered by MathJax (Sphinx's default, a script from a CDN) but
converted to MathML at build time by docutils' LaTeX-to-MathML converter (the renderer ``mathml`` below), which
browsers display natively; a formula the converter cannot read is a build warning, hence an error under ``-W``.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# the repository's packages, also when the docs are built from a checkout without an installed wheel
sys.path.insert(0, str(ROOT))

project = "sgd-proofs"
author = "the sgd-proofs authors"
copyright = "2026, the sgd-proofs authors"

# MyST-NB reads the Markdown pages (through myst_parser, which it loads) and the notebook
extensions = ["myst_nb", "sphinx.ext.autodoc"]

root_doc = "index"
exclude_patterns = ["_build", "Thumbs.db", ".DS_Store"]

# MyST: $...$ and $$...$$ formulas; anchors for headings down to ### so that `page.md#heading` links resolve
myst_enable_extensions = ["dollarmath"]
myst_heading_anchors = 3
# the notebook is shown as committed: its code and text, no kernel started at build time
nb_execution_mode = "off"

# autodoc: members in source order, type hints in the signature as written
autodoc_member_order = "bysource"
autodoc_default_options = {"members": True}

html_theme = "alabaster"
# wider than alabaster's 940 px: the module and limit tables carry long code spans that do not wrap
html_theme_options = {"page_width": "1200px", "body_max_width": "none"}
html_title = "sgd-proofs"
html_show_sourcelink = False
html_copy_source = False
html_math_renderer = "mathml"


# ------------------------------------------------------------------------------------------ MathML


def _mathml(self, node, *, block: bool) -> str:
    from docutils.utils.math import latex2mathml
    from sphinx.util import logging

    # TeX's one-token arguments, which docutils reads as one number: \tfrac12 is \tfrac{1}{2}, not \tfrac{12}
    tex = re.sub(r"\\([dt]?frac)\s*(\d)\s*(\d)", r"\\\1{\2}{\3}", node.astext())
    try:
        return latex2mathml.tex2mathml(tex, as_block=block)
    except SyntaxError as exc:  # docutils reports unknown or malformed LaTeX as SyntaxError
        logging.getLogger(__name__).warning("formula not convertible to MathML (%s): %s", exc, tex,
                                            location=node)
        return self.encode(tex)


def _visit_math(self, node) -> None:
    from docutils import nodes

    self.body.append(f'<span class="math">{_mathml(self, node, block=False)}</span>')
    raise nodes.SkipNode


def _visit_math_block(self, node) -> None:
    from docutils import nodes

    self.body.append(self.starttag(node, "div", CLASS="math"))
    self.body.append(_mathml(self, node, block=True))
    self.body.append("</div>\n")
    raise nodes.SkipNode


def setup(app):
    app.add_html_math_renderer("mathml", (_visit_math, None), (_visit_math_block, None))
