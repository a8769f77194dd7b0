"""The pytest plugin: JS test files as pytest items, run by jstls."""

from __future__ import annotations

import subprocess
import sys

from conftest import clean_env


def write(path, text):
    path.write_text(text)
    return path


def test_js_files_become_items(tmp_path):
    write(tmp_path / "test_pass.js", """
const { mustCall, mustNotCall, fixture } = require('jstls/test');
const assert = require('assert');
assert.ok(fixture('x.pem').endsWith('/fixtures/x.pem'));
setTimeout(mustCall(() => {}), 1);
new (require('events'))().on('never', mustNotCall());
""")
    write(tmp_path / "test_mismatch.js", """
const { mustCall } = require('jstls/test');
mustCall(function handler() {}, 2)();
""")
    write(tmp_path / "test_throws.js", "require('assert').strictEqual(1, 2);\n")
    write(tmp_path / "helper.js", "throw new Error('not a test');\n")
    proc = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
         str(tmp_path)],
        capture_output=True, env=clean_env(), cwd=tmp_path, timeout=120,
    )
    out = proc.stdout.decode()
    assert "2 failed, 1 passed" in out, out
    assert "Mismatched handler function calls. Expected exactly 2, actual 1." in out
    assert "AssertionError [ERR_ASSERTION]: Expected values to be strictly equal" in out


def test_pattern_is_configurable(tmp_path):
    write(tmp_path / "pytest.ini", "[pytest]\njstls_js_files = *_spec.js\n")
    write(tmp_path / "thing_spec.js", "console.log('ran');\n")
    write(tmp_path / "test_ignored.js", "process.exit(3);\n")
    proc = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
         str(tmp_path)],
        capture_output=True, env=clean_env(), cwd=tmp_path, timeout=120,
    )
    assert "1 passed" in proc.stdout.decode(), proc.stdout.decode()
