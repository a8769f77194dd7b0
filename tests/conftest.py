"""Shared fixtures: how tests run jstls and, where it is installed, node.

Engines: every test of a module that runs JS runs once per engine (dukpy,
spidermonkey), the engine named by JSTLS_ENGINE, which in-process Runtimes
and the jstls subprocesses both honour.  Tests of a module in
ENGINE_NEUTRAL (pure Python, or one engine's adapter) run once.  The
spidermonkey runs skip when PythonMonkey is not installed;
``--engine NAME`` runs one engine only.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys

import pytest

NODE = shutil.which("node")

ENGINES = ("dukpy", "spidermonkey")
HAVE_SPIDERMONKEY = importlib.util.find_spec("pythonmonkey") is not None
ENGINE_NEUTRAL = {
    "test_engine",
    "test_engine_spidermonkey",
    "test_tls_machine",
}


def pytest_addoption(parser):
    parser.addoption(
        "--engine", choices=ENGINES, default=None,
        help="run the JS tests under this engine only (default: both)",
    )


def pytest_generate_tests(metafunc):
    if metafunc.module.__name__ in ENGINE_NEUTRAL:
        return
    chosen = metafunc.config.getoption("--engine")
    names = [chosen] if chosen else list(ENGINES)
    metafunc.parametrize("js_engine", names, indirect=True)


@pytest.fixture(autouse=True)
def js_engine(request, monkeypatch):
    """The engine this test runs under, exported as JSTLS_ENGINE."""
    name = getattr(request, "param", "dukpy")
    if name == "spidermonkey" and not HAVE_SPIDERMONKEY:
        pytest.skip("pythonmonkey is not installed")
    monkeypatch.setenv("JSTLS_ENGINE", name)
    return name


def clean_env(**extra):
    """The environment scripts run in: no NODE_OPTIONS or NODE_DEBUG leaks."""
    env = {k: v for k, v in os.environ.items()
           if k not in ("NODE_OPTIONS", "NODE_DEBUG")}
    env.update(extra)
    return env


def run_jstls(args, cwd=None, input=None, env=None, timeout=60):
    """Run the jstls command line in a subprocess, as a user would, under
    the engine of the running test (an environment made earlier may name
    another)."""
    env = dict(env or clean_env())
    env["JSTLS_ENGINE"] = os.environ.get("JSTLS_ENGINE", "dukpy")
    return subprocess.run(
        [sys.executable, "-m", "jstls", *args],
        cwd=cwd,
        input=input,
        capture_output=True,
        env=env,
        timeout=timeout,
    )


def run_node(args, cwd=None, input=None, env=None, timeout=60):
    return subprocess.run(
        [NODE, "--tls-max-v1.2", *args],
        cwd=cwd,
        input=input,
        capture_output=True,
        env=env or clean_env(),
        timeout=timeout,
    )


needs_node = pytest.mark.skipif(NODE is None, reason="node is not installed")


class TestTimeout(Exception):
    """Raised in a test that ran past its time: a hang must fail, not block."""


@pytest.fixture(autouse=True)
def _time_limit():
    import signal

    def expire(signum, frame):
        raise TestTimeout("test ran past 120 s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.alarm(120)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, previous)
