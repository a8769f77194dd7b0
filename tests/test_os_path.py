"""``path``, ``os`` and ``constants`` under jstls.

path.js is also compared with Node's own ``path`` on several thousand
inputs by tests/js/path_cases.js (run under real node, loading the jstls
file through a shim).
"""

from __future__ import annotations

import json
import os
import pathlib
import subprocess

import pytest

from conftest import NODE, needs_node
from jstls import Runtime
from jstls.bindings.fs import fs_constants

HERE = pathlib.Path(__file__).parent


def run_json(source):
    result = Runtime(capture=True).run_script(source)
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def os_binding():
    """An OsBinding, without importing jstls.bindings.os as a submodule:
    that import would rebind the package's own ``os`` name, which
    jstls/bindings/__init__.py uses for the standard library."""
    import importlib.util
    import sys

    module = sys.modules.get("jstls.bindings.os")
    if module is None:
        import jstls.bindings

        path = pathlib.Path(jstls.bindings.__file__).with_name("os.py")
        spec = importlib.util.spec_from_file_location(
            "jstls.bindings._os_for_tests", path)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
    return module.OsBinding()


# -- path ---------------------------------------------------------------------


@needs_node
def test_path_matches_node_on_many_inputs():
    proc = subprocess.run(
        [NODE, str(HERE / "js" / "path_cases.js")],
        capture_output=True, text=True, timeout=120, check=False,
    )
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr
    assert proc.stdout.strip().endswith("0 mismatches")


def test_path_under_jstls(tmp_path):
    out = run_json(f"""
        const path = require('path');
        process.chdir({json.dumps(str(tmp_path))});
        let win32;
        try {{ path.win32.join('a', 'b'); }} catch (e) {{ win32 = e.code; }}
        console.log(JSON.stringify({{
          join: path.join('/a', '../b', 'c/'),
          resolve: path.resolve('x'),
          relative: path.relative('/a/b/c', '/a/d'),
          parse: path.parse('/home/u/f.txt'),
          format: path.format({{ dir: '/x', name: 'n', ext: 'e' }}),
          basename: path.basename('/a/b.js', '.js'),
          posix: require('path/posix') === path && path.posix === path,
          win32, win32sep: path.win32.sep,
          error: (() => {{ try {{ path.join(1); }} catch (e) {{
            return [e.name, e.code, e.message]; }} }})(),
        }}));
    """)
    assert out["join"] == "/b/c/"
    assert out["resolve"] == os.path.join(os.path.realpath(tmp_path), "x") or \
        out["resolve"] == os.path.join(str(tmp_path), "x")
    assert out["relative"] == "../../d"
    assert out["parse"] == {"root": "/", "dir": "/home/u", "base": "f.txt",
                            "ext": ".txt", "name": "f"}
    assert out["format"] == "/x/n.e"
    assert out["basename"] == "b"
    assert out["posix"] is True
    assert out["win32"] == "ERR_METHOD_NOT_IMPLEMENTED"
    assert out["win32sep"] == "\\"
    assert out["error"] == [
        "TypeError", "ERR_INVALID_ARG_TYPE",
        'The "path" argument must be of type string. Received type number (1)',
    ]


# -- os binding ---------------------------------------------------------------


def test_tmpdir_follows_the_environment(monkeypatch):
    binding = os_binding()
    for name in ("TMPDIR", "TMP", "TEMP"):
        monkeypatch.delenv(name, raising=False)
    assert binding.tmpdir() == "/tmp"
    monkeypatch.setenv("TEMP", "/temp/")
    assert binding.tmpdir() == "/temp"
    monkeypatch.setenv("TMP", "/tmp2")
    assert binding.tmpdir() == "/tmp2"
    monkeypatch.setenv("TMPDIR", "/")
    assert binding.tmpdir() == "/"
    monkeypatch.setenv("TMPDIR", "")
    assert binding.tmpdir() == "/tmp2"


def test_machine_facts():
    binding = os_binding()
    info = binding.info()
    assert info["type"] == os.uname().sysname
    assert info["release"] == os.uname().release
    assert info["endianness"] in ("LE", "BE")
    cpus = binding.cpus()
    with open("/proc/stat") as f:
        count = sum(1 for line in f if line[:3] == "cpu" and line[3].isdigit())
    assert len(cpus) == count
    assert set(cpus[0]) == {"model", "speed", "times"}
    assert set(cpus[0]["times"]) == {"user", "nice", "sys", "idle", "irq"}
    total, free = binding.memory()
    assert 0 <= free <= total
    assert len(binding.loadavg()) == 3
    assert binding.uptime() > 0
    assert binding.ids() == [os.getuid(), os.getgid()]
    names = {entry["name"] for entry in binding.network_interfaces()}
    if os.path.exists("/sys/class/net/lo"):
        assert "lo" in names


def test_system_error_of_get_priority():
    binding = os_binding()
    with pytest.raises(Exception) as info:
        binding.get_priority(2147483647)
    record = info.value.record()
    assert record["code"] == "ERR_SYSTEM_ERROR"
    assert record["message"] == (
        "A system error occurred: uv_os_getpriority returned ESRCH "
        "(no such process)"
    )
    assert record["info"]["errno"] == -3


def test_openssl_constants_come_from_the_loaded_library():
    from cryptography.hazmat.bindings.openssl.binding import Binding

    lib = Binding().lib
    crypto = dict(os_binding().constants()["crypto"])
    assert crypto["OPENSSL_VERSION_NUMBER"] == lib.OPENSSL_VERSION_NUMBER
    for name, value in crypto.items():
        if name.startswith("SSL_OP_") and hasattr(lib, name):
            assert value == getattr(lib, name), name
    assert crypto["TLS1_2_VERSION"] == 0x303
    assert crypto["RSA_PKCS1_OAEP_PADDING"] == 4
    assert crypto["defaultCipherList"] == crypto["defaultCoreCipherList"]
    assert crypto["defaultCipherList"].startswith("TLS_AES_256_GCM_SHA384:")


@needs_node
def test_constants_match_node_except_openssl():
    proc = subprocess.run(
        [NODE, "-e", "console.log(JSON.stringify(require('constants')))"],
        capture_output=True, text=True, timeout=60, check=False,
    )
    theirs = json.loads(proc.stdout)
    tables = os_binding().constants()
    ours = {}
    for group in ("dlopen", "errno", "priority", "signals", "fs", "crypto"):
        ours.update(dict(tables[group]))
    skip = {"OPENSSL_VERSION_NUMBER", "defaultCipherList"}
    assert [k for k in theirs if k not in skip] == [
        k for k in ours if k not in skip
    ]
    for key, value in theirs.items():
        if key not in skip and not key.startswith("SSL_OP_"):
            assert ours[key] == value, key
    assert dict(tables["fs"]) == dict(fs_constants())


# -- os and constants under jstls ---------------------------------------------


def test_os_module_under_jstls():
    out = run_json("""
        const os = require('os');
        let err;
        try { os.getPriority(2147483647); } catch (e) { err = e; }
        console.log(JSON.stringify({
          eol: os.EOL, devNull: os.devNull, type: os.type(),
          platform: os.platform(), arch: os.arch() === process.arch,
          cpus: os.cpus().length, tmpdir: os.tmpdir(),
          sigint: os.constants.signals.SIGINT,
          enoent: os.constants.errno.ENOENT,
          prio: os.constants.priority.PRIORITY_HIGHEST,
          user: Object.keys(os.userInfo()),
          error: [err.name, err.code, err.syscall, err.info.code],
          legacy: [require('constants').O_CREAT, require('constants').SIGTERM,
                   Object.isFrozen(require('constants'))],
        }));
    """)
    assert out["eol"] == "\n" and out["devNull"] == "/dev/null"
    assert out["type"] == "Linux" and out["platform"] == "linux"
    assert out["arch"] is True
    assert out["cpus"] == len(os_binding().cpus())
    assert out["tmpdir"] == os_binding().tmpdir()
    assert out["sigint"] == 2 and out["enoent"] == 2 and out["prio"] == -20
    assert out["user"] == ["uid", "gid", "username", "homedir", "shell"]
    assert out["error"] == ["SystemError", "ERR_SYSTEM_ERROR",
                            "uv_os_getpriority", "ESRCH"]
    assert out["legacy"] == [os.O_CREAT, 15, True]
