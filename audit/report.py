"""Write the audit's three outputs: ``report.html`` (self-contained), ``report.md``, ``audit.json``.

Every assessed paper (:attr:`audit.runner.AuditResult.papers`) has its own section — title, citation, its
own status counts and its statements; ``audit.json`` names each statement's paper and lists the papers."""

from __future__ import annotations

import html
import json
import os
from pathlib import Path
from urllib.parse import quote

import proofs.numerics.constants as _constants
from audit import papers
from audit.evidence import Paper, Statement
from audit.figures import NORMALISATION, Figure
from audit.mathml import expression, prose
from audit.records import load_records, semialgebraic_verdicts
from audit.runner import AuditResult
from audit.status import STATUS_ORDER, Outcome
from proofs.outputs import atomic_write

BADGE = {
    "proved": "#1e7b34",
    "argued by hand": "#6c5ce7",
    "confirmed numerically": "#1f6fb2",
    "not covered": "#7f8c8d",
    "refuted": "#c0392b",
    "check failed": "#c0392b",
}

CSS = """
body{font-family:-apple-system,Segoe UI,Helvetica,Arial,sans-serif;margin:2em auto;max-width:1100px;
color:#222;line-height:1.45;padding:0 1em}
h1{font-size:1.6em;margin-bottom:.2em}h2{margin-top:1.6em;border-bottom:1px solid #ddd;padding-bottom:.2em}
table{border-collapse:collapse;width:100%;font-size:.88em}th,td{border:1px solid #ddd;padding:.35em .5em;
vertical-align:top;text-align:left}th{background:#f4f6f8}
.badge{display:inline-block;color:#fff;border-radius:3px;padding:.05em .45em;font-size:.85em;
white-space:nowrap}
.small{font-size:.82em;color:#555}.fail{color:#c0392b;font-weight:bold}.ok{color:#1e7b34;font-weight:bold}
figure{margin:1.2em 0;border:1px solid #e3e3e3;padding:.6em;background:#fafafa}figure img{max-width:100%}
figcaption{font-size:.85em;color:#333;margin-top:.4em}code{background:#f3f3f3;padding:0 .2em}
p.summary span{margin-right:1.2em}
.ev{margin-bottom:.35em}.mini{border:1px solid;border-radius:3px;padding:0 .3em;font-size:.8em;white-space:nowrap}
.caveat{color:#8a5a00;margin:.2em 0}td a{color:inherit}
math{font-size:1.05em}.controls{margin:.6em 0;padding:.4em .6em;background:#f4f6f8;border:1px solid #ddd}
.controls label{margin-right:1.2em}.controls select{margin-left:.3em;max-width:22em}.hide,.phide{display:none}
@media print{
.controls{display:none!important}.hide{display:table-row!important}.phide{display:block!important}
body{max-width:none;margin:0;padding:0;font-size:10pt}table{font-size:8.5pt;page-break-inside:auto}
tr,figure,img{break-inside:avoid;page-break-inside:avoid}thead{display:table-header-group}
a[href]:not([href^="#"])::after{content:" <" attr(href) ">";font-size:.85em;color:#555;word-break:break-all}
.badge{border:1px solid #000}
}
"""

#: the statement table's filter (status, paper); without JS the controls stay hidden and every row is shown
FILTER_JS = """
(function(){
var c=document.getElementById('filters');if(!c)return;c.hidden=false;
var st=document.getElementById('f-status'),pp=document.getElementById('f-paper'),
n=document.getElementById('f-count'),rows=document.querySelectorAll('tr.statement'),
secs=document.querySelectorAll('section.paper');
function apply(){var k=0;rows.forEach(function(r){
var ok=(!st.value||r.dataset.status===st.value)&&(!pp.value||r.dataset.paper===pp.value);
r.classList.toggle('hide',!ok);if(ok)k++;});
secs.forEach(function(s){s.classList.toggle('phide',!!pp.value&&s.dataset.paper!==pp.value);});
n.textContent=k+' of '+rows.length+' statements shown';}
st.addEventListener('change',apply);pp.addEventListener('change',apply);apply();
})();
"""


def _badge(status: str) -> str:
    return f'<span class="badge" style="background:{BADGE.get(status, "#555")}">{html.escape(status)}</span>'


def _evidence_html(o: Outcome, here: Path | None = None) -> str:
    """One piece of evidence: its own status (coloured), the method and the detail with digits."""
    col = BADGE.get(o.status, "#555")
    dig = f" <span class='small'>[{html.escape(o.digits)} digits]</span>" if o.digits not in ("", "exact") else ""
    return (
        f"<div class='ev'><span class='mini' style='color:{col};border-color:{col}'>{html.escape(o.status)}</span> "
        f"<b>{prose(o.method)}</b>{dig}<br>{prose(o.detail)}{_coq_links(o, here)}</div>"
    )


def _coq_links(o: Outcome, here: Path | None = None) -> str:
    """Links to the Coq proofs of a piece of evidence (issue 12), relative to the report when it can be."""
    if not o.coq:
        return ""
    return "<br>Coq: " + ", ".join(
        f"<a href='{html.escape(_href(Path(f), here))}'>{html.escape(Path(f).name)}</a>" for f in o.coq)


def _href(f: Path, here: Path | None) -> str:
    """A link to the file ``f`` from the directory ``here`` (the report's): relative, else a file:// URI."""
    if here is not None:
        try:
            return quote(Path(os.path.relpath(f.resolve(), here.resolve())).as_posix())
        except ValueError:  # another drive
            pass
    return f.resolve().as_uri()


def _cert_link(res: AuditResult, name: str, here: Path | None, label: str | None = None) -> str:
    """A certificate's file name, linked to the file when it exists in the audit's certificate directory."""
    f = res.certdir / name
    text = html.escape(name if label is None else label)
    if here is None or not f.is_file():
        return text
    return f"<a class='cert' href='{html.escape(_href(f, here))}'>{text}</a>"


def assessed_papers(res: AuditResult) -> list[Paper]:
    """The papers of the audit (an :class:`AuditResult` built without them: the default paper)."""
    return list(res.papers) or [papers.load()]


def paper_of(res: AuditResult) -> dict[str, str]:
    """Statement key -> the key of its paper."""
    return dict(res.paper_of) or {k: p.key for p in assessed_papers(res) for k in p.keys()}


def _statements(res: AuditResult) -> dict[str, Statement]:
    return {s.key: s for p in assessed_papers(res) for s in p.statements}


def summary_counts(res: AuditResult, paper: str | None = None) -> dict[str, int]:
    """Count per status, over every assessed statement or those of the paper ``paper`` (a key)."""
    of = paper_of(res) if paper is not None else {}
    counts: dict[str, int] = {}
    for k, a in res.assessments.items():
        if paper is None or of.get(k) == paper:
            counts[a.status] = counts.get(a.status, 0) + 1
    return counts


def _by_paper(res: AuditResult) -> list[tuple[Paper, list[str]]]:
    """Each assessed paper with its assessed statement keys, in order."""
    of = paper_of(res)
    return [(p, [k for k in res.assessments if of.get(k) == p.key]) for p in assessed_papers(res)]


#: the findings summary of a paper: (heading, statuses) in reading order
FINDINGS = (("proved", ("proved",)), ("confirmed on exact instances or numerically", ("confirmed numerically",)),
            ("argued by hand", ("argued by hand",)), ("wrong (refuted)", ("refuted",)),
            ("certificate rejected", ("check failed",)), ("not covered", ("not covered",)))


def findings(res: AuditResult, paper: str) -> list[tuple[str, list[str]]]:
    """What the audit found for one paper, computed from its statuses: per group the statement keys, a
    refuted statement with its exact witness or counterexample (the part of its detail that names it)."""
    keys = [k for k in res.assessments if paper_of(res).get(k) == paper]
    out = []
    for head, sts in FINDINGS:
        items = []
        for k in keys:
            a = res.assessments[k]
            if a.status not in sts:
                continue
            w = next((part.strip() for part in a.detail.split("; ") if part.strip().startswith("exact ")), "")
            items.append(f"{k} ({w})" if a.status == "refuted" and w else k)
        if items:
            out.append((head, items))
    return out


def citation(res: AuditResult) -> str:
    """The top-level ``paper`` of audit.json: the citation, or every paper's joined by `` | ``."""
    return " | ".join(p.citation for p in assessed_papers(res))


def to_json(res: AuditResult, figures: list[Figure]) -> dict:
    stm = _statements(res)
    of = paper_of(res)
    return {
        "ok": res.ok,
        "paper": citation(res),
        "papers": [
            {"key": p.key, "title": p.title, "citation": p.citation, "summary": summary_counts(res, p.key),
             "findings": {h: items for h, items in findings(res, p.key)}}
            for p in assessed_papers(res)
        ],
        "normalisation": NORMALISATION,
        "machine": res.machine,
        "timings_seconds": {k: round(v, 2) for k, v in res.timings.items()},
        "summary": summary_counts(res),
        "statements": [
            {
                "key": k,
                "paper": of.get(k),
                "kind": stm[k].kind,
                "where": stm[k].where,
                "summary": stm[k].summary,
                "reconstructed": stm[k].reconstructed,
                "status": a.status,
                "methods": a.methods,
                "detail": a.detail,
                "caveat": a.caveat,
                "depends_on": a.depends_on,
                "certificates": a.certs,
                "baseline_status": res.baseline[k].status if k in res.baseline else None,
                "evidence": [
                    {
                        "status": o.status,
                        "method": o.method,
                        "detail": o.detail,
                        "digits": o.digits,
                        "certificates": o.certs,
                        "coq": o.coq,
                    }
                    for o in a.outcomes
                ],
            }
            for k, a in res.assessments.items()
        ],
        "certificates": [{"file": f, "valid": v, "detail": d} for f, (v, d) in sorted(res.verdicts.items())],
        "producers": res.producers,
        "regressions": res.regressions,
        "failed_checks": res.failed_checks,
        "drift_from_committed": res.drift,
        "supplied": res.supplied,
        "derivations": derivations(res),
        "figures": [
            {
                "key": f.key,
                "title": f.title,
                "caption": f.caption,
                "available": f.png is not None,
                "note": f.note,
                "seconds": round(f.seconds, 2),
            }
            for f in figures
        ],
    }


def _other_claims(res: AuditResult) -> list[tuple[str, str, bool, str, str]]:
    """Certificates not used by any statement of the assessed papers (e.g. sharpness probes), with their verdict
    and file."""
    used = {c for a in res.assessments.values() for c in a.certs}
    out = []
    recs = load_records(res.certdir, res.verdicts)
    for name, r in sorted(recs.items()):
        if r.file in used:
            continue
        verdicts = semialgebraic_verdicts(r.content) if r.kind == "semialgebraic" else {}
        stmt = str(
            r.content.get(
                "statement",
                r.content.get("claim", {}).get("statement", "")
                if isinstance(r.content.get("claim"), dict)
                else "",
            )
        )
        v = ", ".join(f"{k}: {x}" for k, x in sorted(verdicts.items())) or r.check_detail
        if r.content.get("expect"):
            v = f"expected: {r.content['expect']}; {v}"
        out.append((name, stmt, r.valid, v, r.file))
    return out


def _counts_html(counts: dict[str, int]) -> str:
    return "".join(f"<span>{_badge(s)} {counts.get(s, 0)}</span>" for s in STATUS_ORDER if counts.get(s))


def _statement_row(res: AuditResult, k: str, s: Statement, paper: str, here: Path) -> str:
    a = res.assessments[k]
    rec = " <span class='small'>(formula reconstructed)</span>" if s.reconstructed else ""
    how = "".join(_evidence_html(o, here) for o in a.outcomes) or f"<div>{prose(a.detail)}</div>"
    if a.caveat:
        how += f"<div class='caveat'>Not established: {prose(a.caveat)}</div>"
    if a.depends_on:
        how += "<div class='small'>depends on: " + ", ".join(
            f"<a href='#{html.escape(d)}'>{html.escape(d)}</a>" for d in a.depends_on
        ) + "</div>"
    if a.certs:
        how += "<div class='small'>certificates: " + ", ".join(_cert_link(res, c, here) for c in a.certs) + "</div>"
    return (
        f"<tr id='{html.escape(k)}' class='statement' data-status='{html.escape(a.status)}' "
        f"data-paper='{html.escape(paper)}'><td><b>{html.escape(k)}</b></td><td "
        f"class='small'>{html.escape(s.where)}</td>"
        f"<td class='summary'>{prose(s.summary)}{rec}</td><td>{_badge(a.status)}</td><td "
        f"class='small'>{how}</td></tr>"
    )


def write_html(res: AuditResult, figures: list[Figure], path: Path) -> None:
    plist = assessed_papers(res)
    stm = _statements(res)
    counts = summary_counts(res)
    title = plist[0].title if len(plist) == 1 else f"{len(plist)} papers"
    p: list[str] = [
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>",
        "<title>sgd-proofs audit</title>",
        f"<style>{CSS}</style></head><body>",
        f"<h1>Audit: {html.escape(title)}</h1>",
        f"<p class='small'>{html.escape(plist[0].citation) + ' ' if len(plist) == 1 else ''}Every status below is "
        "computed from the certificates in <code>certificates/</code> of this audit and the independent "
        "standard-library checker's verdict on each file; nothing is hard-coded.</p>",
        f"<p class='small normalisation'><b>Normalisation.</b> {prose(NORMALISATION.rstrip('.'))}.</p>",
    ]
    if len(plist) > 1:
        p.append("<ul class='papers'>" + "".join(
            f"<li><a href='#paper-{html.escape(x.key)}'>{html.escape(x.title)}</a> "
            f"<span class='small'>({html.escape(x.key)})</span></li>" for x in plist) + "</ul>")
    here = path.parent
    verdict = "<span class='ok'>PASS</span>" if res.ok else "<span class='fail'>FAIL</span>"
    p.append(f"<p class='summary'>{verdict} " + _counts_html(counts) + "</p>")
    if res.regressions:
        p.append(
            "<p class='fail'>Regressions (proved in the committed certificates, not now): "
            + html.escape(", ".join(res.regressions))
            + "</p>"
        )
    if res.supplied:
        p.append(
            "<h2>Formulas supplied as data (statements/*.toml)</h2><ul>"
            + "".join(
                f"<li><code>{html.escape(x['file'])}</code> "
                f"({html.escape(x['statement'])}, {html.escape(x['relation'])}): "
                f"<b class='{'ok' if x['verdict'] == 'agrees' else 'fail'}'>{html.escape(x['verdict'])}</b> "
                f"&mdash; {_supplied_formula(x)} vs the reconstruction {expression(x['reconstruction'])}; "
                f"{prose(x['detail'])}</li>"
                for x in res.supplied
            )
            + "</ul>"
        )
    if res.failed_checks:
        p.append(
            "<p class='fail'>Certificates failing the independent checker:</p><ul>"
            + "".join(f"<li>{html.escape(x)}</li>" for x in res.failed_checks)
            + "</ul>"
        )
    present = [x for x in STATUS_ORDER if counts.get(x)] + sorted(set(counts) - set(STATUS_ORDER))
    p.append(
        f"<h2>Numbered statements of the {'paper' if len(plist) == 1 else 'papers'}</h2>"
        "<div id='filters' class='controls' hidden><label>status<select id='f-status'><option value=''>all</option>"
        + "".join(f"<option value='{html.escape(x)}'>{html.escape(x)} ({counts[x]})</option>" for x in present)
        + "</select></label><label>paper<select id='f-paper'><option value=''>all</option>"
        + "".join(f"<option value='{html.escape(x.key)}'>{html.escape(x.key)}: {html.escape(x.title)}</option>"
                  for x in plist)
        + "</select></label><span id='f-count' class='small'></span></div><div id='statements'>"
    )
    for paper, keys in _by_paper(res):
        pk = html.escape(paper.key)
        p.append(
            f"<section class='paper' id='paper-{pk}' data-paper='{pk}'>"
            f"<h3>{html.escape(paper.title)}</h3><p class='small citation'>{html.escape(paper.citation)}</p>"
            f"<p class='summary'>{_counts_html(summary_counts(res, paper.key)) or 'no statements assessed'}</p>"
            + "<ul class='findings small'>" + "".join(
                f"<li><b>{html.escape(h)}:</b> {html.escape('; '.join(items))}</li>" for h, items in
                findings(res, paper.key)) + "</ul>"
            "<table class='statements'><thead><tr><th>statement</th><th>where</th><th>summary</th>"
            "<th>status</th><th>how</th></tr></thead><tbody>"
        )
        p.extend(_statement_row(res, k, stm[k], paper.key, here) for k in keys)
        p.append("</tbody></table></section>")
    p.append("</div>")
    p.append("<h2>Figures</h2>")
    for f in figures:
        if f.png:
            p.append(
                f"<figure><img alt='{html.escape(f.title)}' src='{f.data_uri()}'>"
                f"<figcaption><b>{html.escape(f.title)}.</b> {prose(f.caption)}"
                + (f" <span class='fail'>{html.escape(f.note)}</span>" if f.note else "")
                + "</figcaption></figure>"
            )
        else:
            p.append(
                f"<figure><p><b>{html.escape(f.title)}: not available.</b></p><figcaption>"
                f"{prose(f.caption)}</figcaption></figure>"
            )
    other = _other_claims(res)
    if other:
        p.append(
            "<h2>Further certified claims (not numbered in the paper)</h2><table><tr><th>claim</th>"
            "<th>statement</th><th>check</th><th>verdicts</th></tr>"
        )
        for name, st, valid, v, file in other:
            p.append(
                f"<tr><td>{_cert_link(res, file, here, label=name)}</td><td>{prose(st)}</td><td>"
                f"{'<span class=ok>valid</span>' if valid else '<span class=fail>FAILS</span>'}</td>"
                f"<td class='small'>{html.escape(v)}</td></tr>"
            )
        p.append("</table>")
    p.append("<h2>Certificates and the independent checker</h2><table><tr><th>file</th><th>check</th></tr>")
    for f, (v, d) in sorted(res.verdicts.items()):
        p.append(
            f"<tr><td>{_cert_link(res, f, here)}</td><td>"
            f"{'<span class=ok>valid</span>' if v else '<span class=fail>FAILS</span>'}"
            f" <span class='small'>{html.escape(d)}</span></td></tr>"
        )
    p.append("</table>")
    if res.drift:
        p.append(
            "<h2>Drift from the committed certificates</h2><ul>"
            + "".join(f"<li class='small'>{html.escape(x)}</li>" for x in res.drift)
            + "</ul>"
        )
    p.append("<h2>Run</h2><table><tr><th>producer</th><th>status</th><th>seconds</th><th>claims</th></tr>")
    for r in res.producers:
        p.append(
            f"<tr><td>{html.escape(r['producer'])}</td><td>{html.escape(r['status'])}</td><td>{r['seconds']}</td>"
            f"<td class='small'>{html.escape(', '.join(str(c.get('claim')) for c in r['claims']))}</td></tr>"
        )
    p.append("</table>")
    p.append(
        "<p class='small'>Timings (s): "
        f"{html.escape(json.dumps({k: round(v, 1) for k, v in res.timings.items()}))}; "
        f"machine: {html.escape(res.machine)}.</p>"
        f"<script>{FILTER_JS}</script></body></html>"
    )
    atomic_write(path, "\n".join(p))


def _supplied_formula(x: dict) -> str:
    """A supplied formula (claim grammar) as MathML: ``formula`` or ``(formula)/(denominator)``."""
    if x.get("denominator", "1").strip() in ("", "1"):
        return expression(x["formula"])
    return expression(f"({x['formula']})/({x['denominator']})")


#: the closed forms behind every numerics certificate, as derived in proofs.numerics.constants (one line)
NUMERICS_DERIVATION = "derivation (proofs.numerics.constants): " + " ".join(
    (_constants.__doc__ or "").split("\n\n", 1)[-1].split())


def derivations(res: AuditResult) -> dict[str, list[str]]:
    """For each reconstructed statement (of every assessed paper): the derivation its certificates record
    (argument text or steps)."""
    stm = _statements(res)
    out: dict[str, list[str]] = {}
    for k, a in res.assessments.items():
        if not stm[k].reconstructed:
            continue
        steps: list[str] = []
        for f in a.certs:
            try:
                c = json.loads((res.certdir / f).read_text(encoding="utf-8")).get("content", {})
            except (OSError, ValueError):
                continue
            if isinstance(c.get("argument"), str):
                steps.append(f"{f}: {c['argument']}")
            der = c.get("derivation")
            if isinstance(der, list):
                steps += [f"{f} step {i + 1}: {d.get('claim', '')} [{d.get('check', '')}]"
                          for i, d in enumerate(der) if isinstance(d, dict)]
            if not isinstance(c.get("argument"), str) and not isinstance(der, list) and c.get("method"):
                steps.append(f"{f} (how it was derived and checked): {c['method']}")
            if c.get("family") in ("theorem2", "divergence", "prop3", "prop4") and NUMERICS_DERIVATION not in steps:
                steps.append(NUMERICS_DERIVATION)
        steps += [f"argued: {o.detail}" for o in a.outcomes if o.method == "argued by hand"]
        out[k] = steps
    return out


def _counts_text(counts: dict[str, int]) -> str:
    order = [x for x in STATUS_ORDER if counts.get(x)] + sorted(set(counts) - set(STATUS_ORDER))
    return ", ".join(f"{counts[x]} {x}" for x in order) or "no statements assessed"


def write_md(res: AuditResult, figures: list[Figure], path: Path) -> None:
    plist = assessed_papers(res)
    stm = _statements(res)
    one = len(plist) == 1
    lines = [
        f"# Audit: {plist[0].title if one else f'{len(plist)} papers'}",
        "",
        f"Result: **{'PASS' if res.ok else 'FAIL'}** ({_counts_text(summary_counts(res))}). "
        f"Normalisation: {NORMALISATION}.",
        "",
        "Statuses are computed from the certificates and the independent checker at audit time.",
    ]
    for paper, keys in _by_paper(res):
        lines += [
            "",
            f"## {paper.title}",
            "",
            f"{paper.citation} (`{paper.key}`)",
            "",
            f"Statuses: {_counts_text(summary_counts(res, paper.key))}.",
            "",
            "Findings:",
            "",
            *[f"- **{h}:** {'; '.join(items)}" for h, items in findings(res, paper.key)],
            "",
            "| statement | where | status | how |",
            "|---|---|---|---|",
        ]
        for k in keys:
            a = res.assessments[k]
            how = " / ".join(f"{o.status}: {o.method} — {o.detail}" for o in a.outcomes) or a.detail
            if a.caveat:
                how += f" **Not established:** {a.caveat}"
            if a.depends_on:
                how += f" (depends on: {', '.join(a.depends_on)})"
            rec = " (reconstructed)" if stm[k].reconstructed else ""
            lines.append(f"| {k}{rec} | {stm[k].where} | **{a.status}** | {how.replace('|', '/')} |")
    lines += ["", "## Reconstructed formulas and their derivations", "",
              "The text copy of the paper lost these formulas; each was re-derived from the update rule and is "
              "checked as stated above. The derivation, as its certificates record it:", ""]
    of = paper_of(res)
    for k, steps in derivations(res).items():
        lines.append(f"* **{k}**{'' if one else f' ({of.get(k)})'} — {stm[k].summary}")
        lines += [f"  * {x}" for x in steps] or ["  * (derivation: see the evidence and caveat in the table)"]
    lines += ["", "## Figures", ""]
    for f in figures:
        lines.append(f"* **{f.title}** — {'see report.html' if f.png else 'not available'}: {f.caption}")
    if res.supplied:
        lines += ["", "## Formulas supplied as data (statements/*.toml)", ""] + [
            f"* `{x['file']}` ({x['statement']}, {x['quantity']}, {x['relation']}): **{x['verdict']}** — "
            f"`{x['formula']}` / `{x['denominator']}` vs the reconstruction `{x['reconstruction']}` "
            f"({x['meaning']}); {x['detail']}. Source: {x['source']}"
            for x in res.supplied
        ]
    if res.regressions:
        lines += ["", "## Regressions", ""] + [f"* {r}" for r in res.regressions]
    if res.failed_checks:
        lines += ["", "## Failed certificate checks", ""] + [f"* {r}" for r in res.failed_checks]
    if res.drift:
        lines += ["", "## Drift from the committed certificates", ""] + [f"* {r}" for r in res.drift]
    lines += ["", "## Certificates", ""] + [
        f"* `{f}`: {'valid' if v else 'FAILS'} — {d}" for f, (v, d) in sorted(res.verdicts.items())
    ]
    lines += [
        "",
        f"Timings (s): {json.dumps({k: round(v, 1) for k, v in res.timings.items()})}; machine: "
        f"{res.machine}",
        "",
    ]
    atomic_write(path, "\n".join(lines))


def write_all(res: AuditResult, figures: list[Figure], out: Path) -> dict:
    """Write audit.json, report.html, report.md into ``out``; the directory ignores itself in git."""
    out.mkdir(parents=True, exist_ok=True)
    ignore = out / ".gitignore"
    if not ignore.exists():  # an output directory, wherever it is, is never committed by accident
        atomic_write(ignore, "# written by sgd-proofs audit: this directory is output\n*\n")
    data = to_json(res, figures)
    atomic_write(out / "audit.json", json.dumps(data, indent=1, sort_keys=False) + "\n")
    write_html(res, figures, out / "report.html")
    write_md(res, figures, out / "report.md")
    return data
