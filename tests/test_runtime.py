"""The Python API: jstls.Runtime as an embedding host uses it."""

from __future__ import annotations

import io

import pytest

from jstls import JSError, Runtime


def run(source, **kwargs):
    with Runtime(capture=True, **kwargs) as rt:
        return rt.run_script(source)


def test_run_script_captures_stdout_and_stderr():
    result = run("console.log('out', 1); console.error('err', [2]);")
    assert result.stdout == "out 1\n"
    assert result.stderr == "err [ 2 ]\n"
    assert result.exit_code == 0


def test_exit_code_from_process_exit_and_exit_code():
    assert run("process.exit(4)").exit_code == 4
    assert run("process.exitCode = 6").exit_code == 6
    assert run("setTimeout(() => process.exit(2), 5)").exit_code == 2


def test_uncaught_error_is_exit_1_with_node_style_report():
    result = run("function f() { throw new TypeError('bad') }\nf()",)
    assert result.exit_code == 1
    assert "TypeError: bad" in result.stderr
    assert "at f ([eval]:1:" in result.stderr
    assert "Traceback" not in result.stderr


def test_run_file_names_the_file_in_stack_traces(tmp_path):
    script = tmp_path / "thrower.js"
    script.write_text("'use strict';\n\nnull.x;\n")
    with Runtime(capture=True) as rt:
        result = rt.run_file(str(script))
    assert result.exit_code == 1
    assert f"{script}:3" in result.stderr


def test_argv_reaches_process_argv(tmp_path):
    script = tmp_path / "argv.js"
    script.write_text("console.log(JSON.stringify(process.argv.slice(1)))")
    with Runtime(capture=True) as rt:
        result = rt.run_file(str(script), argv=["a", "b c"])
    assert result.stdout.strip() == f'["{script}","a","b c"]'


def test_eval_returns_json_values():
    with Runtime() as rt:
        assert rt.eval("1 + 2") == 3
        assert rt.eval("({a: [1, 'x', null]})") == {"a": [1, "x", None]}
        assert rt.eval("undefined") is None


def test_eval_error_becomes_jserror():
    with Runtime() as rt:
        with pytest.raises(JSError) as info:
            rt.eval("null.x")
        assert "TypeError" in str(info.value)


def test_expose_python_callable():
    seen = []

    def add(a, b):
        seen.append((a, b))
        return a + b

    with Runtime(capture=True) as rt:
        rt.expose("pyAdd", add)
        result = rt.run_script("console.log(pyAdd(2, 3), pyAdd('a', 'b'))")
    assert result.stdout == "5 ab\n"
    assert seen == [(2, 3), ("a", "b")]


def test_exposed_python_exception_is_a_coded_js_error():
    def fail():
        raise ValueError("python says no")

    with Runtime(capture=True) as rt:
        rt.expose("fail", fail)
        result = rt.run_script(
            "try { fail() } catch (e) { console.log(e.code, e.message) }"
        )
    assert result.stdout.startswith("ERR_JSTLS_HOST expose.fail: ValueError")
    assert "Traceback" not in result.stdout + result.stderr


def test_writes_to_given_streams():
    out = io.StringIO()
    with Runtime(stdout=out) as rt:
        rt.run_script("process.stdout.write('to a text stream\\n')")
    assert out.getvalue() == "to a text stream\n"


def test_a_runtime_runs_one_program():
    with Runtime(capture=True) as rt:
        rt.run_script("1")
        with pytest.raises(RuntimeError):
            rt.run_script("2")


def test_unknown_engine_is_a_clear_error():
    from jstls.engine import EngineUnavailable

    with pytest.raises(EngineUnavailable):
        Runtime(engine="nope")


def test_stdin_is_a_readable_stream(tmp_path):
    data = tmp_path / "in.txt"
    data.write_bytes(b"line one\nline two\n" * 1000)
    with open(data, "rb") as f, Runtime(capture=True, stdin_fd=f.fileno()) as rt:
        result = rt.run_script(
            "let n = 0; process.stdin.on('data', (d) => { n += d.length; });"
            "process.stdin.on('end', () => console.log('bytes', n));"
        )
    assert result.stdout == f"bytes {data.stat().st_size}\n"


def test_huge_allocation_is_a_js_error_not_a_crash():
    result = run(
        "try { Buffer.alloc(2 ** 40) } catch (e) { console.log(e.name) }\n"
        "try { Buffer.alloc(512 * 1024 * 1024) } catch (e) {"
        " console.log('big', e instanceof Error) }"
    )
    assert result.exit_code == 0
    assert result.stdout.splitlines()[0] == "RangeError"
