"""The audit never reports a forged certificate's statement as proved or confirmed: its verdicts come from
the standalone checker, which binds every certificate to its specification."""

from __future__ import annotations

import shutil

import pytest
from forgery_kit import CERTS, load, write
from test_forgeries import FORGERIES

from audit.assess import assess
from audit.records import check_dir, load_records
from audit.status import CERTIFIED

#: one forgery per kind of evidence the audit rests on (each case re-checks the whole directory)
CASES = [(n, f, r) for n, f, r in FORGERIES if f.__name__ in {
    "forge_goal_1_gt_0", "forge_add_hypothesis", "forge_other_content_renamed", "forge_relabel_refuted",
    "forge_substitution", "forge_derivation_S", "forge_quantified_target", "forge_theorem2_constant"}]
# (forgeries of argued certificates are not listed: the audit assesses an argued statement from its
# specification and its dependencies' certificates, which the forgeries above cover)


@pytest.mark.slow
@pytest.mark.parametrize(("name", "forge", "reason"), CASES, ids=[f"{n}-{f.__name__}" for n, f, _ in CASES])
def test_forged_certificate_never_assessed_proved(tmp_path, name, forge, reason):
    d = tmp_path / "certificates"
    shutil.copytree(CERTS, d)
    cert = load(name)
    forge(cert)
    write(d, cert, name)
    verdicts = check_dir(d)
    accepted, detail = verdicts[f"{name}.json"]
    assert not accepted, "the checker accepted a forgery"
    assert reason in detail, detail  # rejected by the check the forgery names, not by an unrelated one
    after = assess(load_records(d, verdicts))
    touched = {k: a for k, a in after.items() if f"{name}.json" in a.certs}
    assert touched, f"no audited statement rests on {name}.json"
    for k, a in touched.items():
        assert a.status not in CERTIFIED, f"{k}: {a.status} although {name}.json is forged"
