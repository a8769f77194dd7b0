"""Shared fixtures: how tests run jstls and, where it is installed, node."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest

NODE = shutil.which("node")


def clean_env(**extra):
    """The environment scripts run in: no NODE_OPTIONS or NODE_DEBUG leaks."""
    env = {k: v for k, v in os.environ.items()
           if k not in ("NODE_OPTIONS", "NODE_DEBUG")}
    env.update(extra)
    return env


def run_jstls(args, cwd=None, input=None, env=None, timeout=60):
    """Run the jstls command line in a subprocess, as a user would."""
    return subprocess.run(
        [sys.executable, "-m", "jstls", *args],
        cwd=cwd,
        input=input,
        capture_output=True,
        env=env or clean_env(),
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
