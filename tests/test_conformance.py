"""The tls conformance suite (conformance/, see src/jstls/conformance.py).

The manifest must be honest: an item with no script is marked
``"missing": true`` and one with scripts is not, every script it names
exists with its .out, every script on disk is named, and the number of
missing items may only go down.  Then each script runs under jstls:
items/ and doc_examples/ scripts must print their .out; known_issues/
scripts must still differ (xfail strict), so a fix gets noticed and the
script moves to items/.
"""

from __future__ import annotations

import pathlib

import pytest

from conftest import run_jstls
from jstls import conformance
from tls_fixtures import write_fixtures

ROOT = pathlib.Path(__file__).resolve().parent.parent / "conformance"
MANIFEST = conformance.load_manifest(ROOT)
ITEMS = MANIFEST["items"]
# Items the docs list that no script covers yet (each is "missing": true
# in the manifest).  Lower this when covering one; it must not grow.
MAX_MISSING = 0

# interop/ holds the matrix's server and client (tests/test_interop.py).
SCRIPTS = sorted(p.relative_to(ROOT).as_posix()
                 for p in ROOT.glob("*/*.js") if p.parent.name != "interop")


def test_items_are_unique():
    ids = [item["id"] for item in ITEMS]
    assert len(ids) == len(set(ids))


def test_uncovered_items_are_marked_missing():
    wrong = [item["id"] for item in ITEMS
             if bool(item.get("scripts")) == bool(item.get("missing"))]
    assert not wrong, ("items with no script must have \"missing\": true, "
                       "items with scripts must not: " + ", ".join(wrong))


def test_missing_does_not_grow():
    missing = [item["id"] for item in ITEMS if item.get("missing")]
    assert len(missing) <= MAX_MISSING, missing


def test_named_scripts_exist_with_expected_output():
    named = {s for item in ITEMS for s in item.get("scripts", [])}
    for script in named:
        assert (ROOT / script).is_file(), script
        assert (ROOT / script).with_suffix(".out").is_file(), script
    unnamed = sorted(set(SCRIPTS) - named)
    assert not unnamed, f"scripts no manifest item names: {unnamed}"


def test_known_issues_say_why():
    for script in SCRIPTS:
        if conformance.is_known_issue(script):
            assert conformance.known_issue_reason(ROOT / script), script


@pytest.fixture(scope="session")
def conformance_env(tmp_path_factory):
    fixtures = write_fixtures(tmp_path_factory.mktemp("conformance-fixtures"))
    return conformance.script_env(fixtures)


def _param(script):
    if conformance.is_known_issue(script):
        reason = conformance.known_issue_reason(ROOT / script) or "known issue"
        return pytest.param(script, id=script,
                            marks=pytest.mark.xfail(strict=True, reason=reason))
    return pytest.param(script, id=script)


@pytest.mark.parametrize("script", [_param(s) for s in SCRIPTS])
def test_conformance_script(script, conformance_env):
    path = ROOT / script
    out, code = conformance.expected(path)
    env = {**conformance_env, **conformance.script_extra_env(path)}
    proc = run_jstls(["run", *conformance.script_flags(path), path.name],
                     cwd=path.parent, env=env)
    assert proc.stdout.decode() == out.decode(), proc.stderr.decode()
    assert proc.returncode == code, proc.stderr.decode()


def test_command_line(tmp_path):
    report = tmp_path / "report.json"
    proc = run_jstls(["conformance", "--filter", "CLIENT_RENEG",
                      "--json", str(report)], timeout=120)
    text = proc.stdout.decode()
    assert proc.returncode == 0, text + proc.stderr.decode()
    assert "tls.CLIENT_RENEG_LIMIT" in text
    assert ("items: 2, covered: 2, matching node: 2, known issues: 0, "
            "missing: 0") in text
    import json
    data = json.loads(report.read_text())
    assert data["summary"]["covered"] == 2
    assert {row["item"] for row in data["rows"]} == {
        "tls.CLIENT_RENEG_LIMIT", "tls.CLIENT_RENEG_WINDOW"}


def test_command_line_prints_the_interop_matrix(tmp_path):
    report = tmp_path / "report.json"
    proc = run_jstls(["conformance", "--filter", "tls1.2-default",
                      "--json", str(report)], timeout=120)
    text = proc.stdout.decode()
    assert proc.returncode == 0, text + proc.stderr.decode()
    assert "interop matrix" in text
    assert "interop: 5 cells, pass: " in text and ", fail: 0," in text
    import json
    data = json.loads(report.read_text())
    cells = data["interop"]["cells"]
    assert {c["peer"] for c in cells} == {"openssl", "python-ssl", "curl"}
    assert {c["jstls"]["status"] for c in cells} <= {"pass", "skip"}


def test_doc_examples_name_files_and_tests_that_exist():
    repo = ROOT.parent
    for example in MANIFEST["doc_examples"]:
        for name in example["files"]:
            assert (ROOT / name).is_file(), (example["id"], name)
        assert example["tests"], example["id"]
        for test in example["tests"]:
            path, function = test.split("::")
            source = (repo / path).read_text()
            assert f"def {function}(" in source, test
