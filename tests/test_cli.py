"""The jstls command line, run as users run it."""

from __future__ import annotations

import pathlib

import pytest

from conftest import HAVE_SPIDERMONKEY, NODE, clean_env, run_jstls, run_node

# PythonMonkey's permanent debugger global tells the engines apart.
ENGINE_PROBE = ["-p", "typeof debuggerGlobal"]
PROBED = {"dukpy": b"undefined\n", "spidermonkey": b"object\n"}


def test_version():
    proc = run_jstls(["--version"])
    assert proc.returncode == 0
    assert proc.stdout.decode().startswith("v")


def test_eval_and_print():
    assert run_jstls(["-e", "console.log(6 * 7)"]).stdout == b"42\n"
    assert run_jstls(["-p", "[1, 2].length"]).stdout == b"2\n"


def test_run_passes_arguments(tmp_path):
    script = tmp_path / "a.js"
    script.write_text("console.log(process.argv.slice(2).join('|'))")
    proc = run_jstls(["run", str(script), "x", "--flag"])
    assert proc.stdout == b"x|--flag\n"
    proc = run_jstls([str(script), "y"])
    assert proc.stdout == b"y\n"


def test_tls_flags_and_node_options_reach_exec_argv(tmp_path):
    script = tmp_path / "flags.js"
    script.write_text("console.log(process.execArgv.join(' '))")
    env = clean_env(NODE_OPTIONS="--tls-min-v1.0 --max-old-space-size=64")
    proc = run_jstls(
        ["--tls-max-v1.3", "--tls-cipher-list=AES128-SHA", "run", str(script)],
        env=env,
    )
    assert proc.stdout == b"--tls-min-v1.0 --tls-max-v1.3 --tls-cipher-list=AES128-SHA\n"


def test_missing_script_is_module_not_found(tmp_path):
    proc = run_jstls(["run", str(tmp_path / "nope.js")])
    assert proc.returncode == 1
    assert b"Cannot find module" in proc.stderr
    assert b"MODULE_NOT_FOUND" in proc.stderr


def test_syntax_error_names_file_and_line(tmp_path):
    script = tmp_path / "bad.js"
    script.write_text("'use strict';\nconst ok = 1;\nlet x = ;\n")
    proc = run_jstls(["run", str(script)])
    assert proc.returncode == 1
    err = proc.stderr.decode()
    assert f"{script}:3\nlet x = ;\n" in err
    assert "SyntaxError" in err


def test_output_before_exit_is_not_lost(tmp_path):
    script = tmp_path / "big.js"
    script.write_text(
        "for (let i = 0; i < 2000; i++) console.log('line', i);"
        "process.exit(0);"
    )
    proc = run_jstls(["run", str(script)])
    lines = proc.stdout.decode().splitlines()
    assert len(lines) == 2000 and lines[-1] == "line 1999"


def test_stdin_pipe_to_stdout():
    proc = run_jstls(["-e", "process.stdin.pipe(process.stdout)"],
                     input=b"echo me\n" * 5000)
    assert proc.returncode == 0
    assert proc.stdout == b"echo me\n" * 5000


def test_node_debug_turns_on_debuglog():
    proc = run_jstls(
        ["-e", "require('util').debuglog('tls')('hello %d', 5)"],
        env=clean_env(NODE_DEBUG="tls,net"),
    )
    assert proc.stderr.decode().startswith("TLS ")
    assert "hello 5" in proc.stderr.decode()
    quiet = run_jstls(["-e", "require('util').debuglog('tls')('hello')"])
    assert quiet.stderr == b""


def test_jstls_engine_environment_picks_the_engine(js_engine):
    # run_jstls exports the test's engine as JSTLS_ENGINE.
    assert run_jstls(ENGINE_PROBE).stdout == PROBED[js_engine]


@pytest.mark.skipif(not HAVE_SPIDERMONKEY, reason="pythonmonkey is not installed")
def test_engine_flag_wins_over_the_environment(tmp_path):
    script = tmp_path / "probe.js"
    script.write_text("console.log(typeof debuggerGlobal)")
    for name, printed in PROBED.items():
        assert run_jstls(["--engine", name, *ENGINE_PROBE]).stdout == printed
        proc = run_jstls(["run", "--engine", name, str(script)])
        assert proc.stdout == printed


def test_unknown_engine_is_one_line_and_exit_9():
    proc = run_jstls(["--engine", "v8", "-e", "1"])
    assert proc.returncode == 9
    err = proc.stderr.decode()
    assert err.count("\n") == 1 and "'v8'" in err
    assert "Traceback" not in err


EXAMPLES = pathlib.Path(__file__).resolve().parents[1] / "examples"


def test_example_hello_runs():
    proc = run_jstls(["run", str(EXAMPLES / "hello.js")])
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.decode().splitlines() == [
        "promise jobs run first",
        f"hello from jstls on OpenSSL {_openssl_version()}",
        "exit code 0",
    ]


def _openssl_version():
    from cryptography.hazmat.backends.openssl import backend

    return backend.openssl_version_text().split()[1]


@pytest.mark.skipif(NODE is None, reason="node is not installed")
def test_example_tls_echo_prints_what_node_prints():
    mine = run_jstls(["run", str(EXAMPLES / "tls_echo.js")])
    theirs = run_node([str(EXAMPLES / "tls_echo.js")])
    assert mine.returncode == 0, mine.stderr
    assert mine.stdout == theirs.stdout
    assert b"echoed: hello over TLS" in mine.stdout
