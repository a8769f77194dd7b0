"""Scripts with expected output: each tests/scripts/AREA/NAME.js runs under
jstls and must print NAME.out exactly and exit with the code named by an
``// expect-exit: N`` line (0 otherwise).  The same scripts run under real
node, when installed, to show the expected output is node's own.
"""

from __future__ import annotations

import pathlib
import re

import pytest

from conftest import clean_env, needs_node, run_jstls, run_node
from tls_fixtures import write_fixtures

ROOT = pathlib.Path(__file__).parent / "scripts"
SCRIPTS = sorted(
    p for p in ROOT.glob("*/*.js") if "fixture" not in p.parts
)


def expected(script):
    out = script.with_suffix(".out").read_bytes()
    match = re.search(r"^// expect-exit: (\d+)", script.read_text(), re.M)
    return out, int(match.group(1)) if match else 0


def _id(path):
    return str(path.relative_to(ROOT))


@pytest.fixture(scope="session")
def script_env(tmp_path_factory):
    """The environment scripts run in: TLS_FIXTURES names their PEM files."""
    fixtures = write_fixtures(tmp_path_factory.mktemp("tls-fixtures"))
    return clean_env(TLS_FIXTURES=str(fixtures))


@pytest.mark.parametrize("script", SCRIPTS, ids=_id)
def test_jstls_matches_expected(script, script_env):
    out, code = expected(script)
    proc = run_jstls(["run", script.name], cwd=script.parent, env=script_env)
    assert proc.stdout.decode() == out.decode(), proc.stderr.decode()
    assert proc.returncode == code, proc.stderr.decode()


@needs_node
@pytest.mark.parametrize("script", SCRIPTS, ids=_id)
def test_node_agrees(script, script_env):
    out, code = expected(script)
    proc = run_node([script.name], cwd=script.parent, env=script_env)
    assert proc.stdout == out
    assert proc.returncode == code
