"""The interoperability matrix (src/jstls/interop.py), a test per cell:
jstls against openssl s_server / s_client, Python's ssl module and curl,
both ways, over real loopback sockets.  A cell whose peer tool is not
installed is skipped.  Where node is installed, each cell also runs with
node in jstls's place, which keeps the expectations node's.

Two controls show the cells can fail: a jstls server with no
newSession/resumeSession listeners cannot resume session ids, and a
client that offers no ALPN gets none."""

from __future__ import annotations

import pathlib

import pytest

from conftest import NODE
from jstls import interop
from tls_fixtures import write_fixtures

SCRIPTS = pathlib.Path(__file__).resolve().parent.parent / "conformance" / "interop"
CELLS = interop.cells()


@pytest.fixture(scope="module")
def fixtures(tmp_path_factory):
    return write_fixtures(tmp_path_factory.mktemp("interop"))


def _check(result):
    if result["status"] == "skip":
        pytest.skip(result["detail"])
    assert result["status"] == "pass", result["detail"]


@pytest.mark.parametrize("cell", CELLS, ids=[c.id for c in CELLS])
def test_cell(cell, fixtures):
    _check(interop.run_cell(interop.Setup(fixtures, SCRIPTS), cell))


@pytest.mark.skipif(NODE is None, reason="node is not installed")
@pytest.mark.parametrize("cell", CELLS, ids=[c.id for c in CELLS])
def test_cell_under_node(cell, fixtures):
    _check(interop.run_cell(interop.Setup(fixtures, SCRIPTS, "node"), cell))


def test_every_feature_has_cells_in_both_directions():
    for feature in interop.FEATURES:
        directions = {c.direction for c in CELLS if c.feature == feature}
        assert directions == set(interop.DIRECTIONS), feature


def test_session_ids_without_a_store_do_not_resume(fixtures, monkeypatch):
    options = dict(interop.SERVER_OPTIONS["resume-session-id"])
    options.pop("sessionStore")
    monkeypatch.setitem(interop.SERVER_OPTIONS, "resume-session-id", options)
    cell = interop.Cell("resume-session-id", "python-ssl", "jstls server")
    result = interop.run_cell(interop.Setup(fixtures, SCRIPTS), cell)
    assert result["status"] == "fail", result
    assert "reused" in result["detail"]


def test_alpn_not_offered_is_not_chosen(fixtures, monkeypatch):
    monkeypatch.setitem(interop.CLIENT_OPTIONS, "alpn", {})
    cell = interop.Cell("alpn", "python-ssl", "jstls client")
    result = interop.run_cell(interop.Setup(fixtures, SCRIPTS), cell)
    assert result["status"] == "fail", result
    assert result["detail"].startswith("alpnProtocol")


def test_missing_peer_tool_skips_with_reason(fixtures, monkeypatch):
    real_which = interop.shutil.which
    monkeypatch.setattr(interop.shutil, "which",
                        lambda name: None if name == "curl" else real_which(name))
    cell = interop.Cell("tls1.2-default", "curl", "jstls server")
    result = interop.run_cell(interop.Setup(fixtures, SCRIPTS), cell)
    assert result == {"status": "skip", "detail": "curl is not installed"}
