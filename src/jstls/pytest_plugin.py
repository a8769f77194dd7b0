"""A pytest plugin: users' JS test files become pytest items run by jstls.

Files matching ``jstls_js_files`` (default ``test_*.js``; set it in the
ini file, e.g. ``jstls_js_files = test_*.js *_test.js``) are collected.
Each runs as its own ``jstls run`` process, as a Node test script runs
under ``node``: it passes when it exits 0, and a failure shows what the
script wrote to stderr (the JS stack).  ``require('jstls/test')`` gives
Node-style helpers (mustCall, mustNotCall, fixtures).

What it is not: a JS test framework.  One file is one test.
"""

from __future__ import annotations

import fnmatch
import subprocess
import sys

import pytest


def pytest_addoption(parser):
    parser.addini(
        "jstls_js_files",
        "glob patterns of JS test files that jstls runs as tests",
        type="args",
        default=["test_*.js"],
    )


def pytest_collect_file(file_path, parent):
    patterns = parent.config.getini("jstls_js_files")
    if file_path.suffix == ".js" and any(
        fnmatch.fnmatch(file_path.name, p) for p in patterns
    ):
        return JSFile.from_parent(parent, path=file_path)
    return None


class JSFile(pytest.File):
    def collect(self):
        yield JSItem.from_parent(self, name=self.path.name)


class JSFailure(Exception):
    """A JS test that exited non-zero."""


class JSItem(pytest.Item):
    def runtest(self):
        proc = subprocess.run(
            [sys.executable, "-m", "jstls", "run", str(self.path)],
            cwd=self.path.parent,
            capture_output=True,
            timeout=300,
        )
        if proc.returncode != 0:
            raise JSFailure(proc.returncode, proc.stdout, proc.stderr)

    def repr_failure(self, excinfo):
        if isinstance(excinfo.value, JSFailure):
            code, out, err = excinfo.value.args
            text = f"{self.path.name} exited with code {code}\n"
            if out:
                text += "--- stdout ---\n" + out.decode("utf-8", "replace")
            if err:
                text += "--- stderr ---\n" + err.decode("utf-8", "replace")
            return text
        return super().repr_failure(excinfo)

    def reportinfo(self):
        return self.path, 0, f"jstls: {self.path.name}"
