"""What only the SpiderMonkey adapter has: jobs routed away from asyncio,
large and small bytes, JSON-shaped arguments, the claimed global, the V8
stack API, and the limits of one global per process.  What both adapters
share is tested in test_engine.py."""

from __future__ import annotations

import asyncio
import subprocess
import sys

import pytest

from conftest import HAVE_SPIDERMONKEY, clean_env

pytestmark = pytest.mark.skipif(
    not HAVE_SPIDERMONKEY, reason="pythonmonkey is not installed"
)


@pytest.fixture
def engine():
    from jstls.engine.spidermonkey_engine import SpiderMonkeyEngine

    engine = SpiderMonkeyEngine()
    yield engine
    engine.close()


def test_jobs_wait_for_run_microtasks(engine):
    # PythonMonkey would run them on asyncio; here nothing runs them but us.
    engine.evaluate("var ran = 0; Promise.resolve().then(() => ran++); null")
    assert engine.evaluate("ran") == 0
    assert engine.run_microtasks() == 1
    assert engine.evaluate("ran") == 1


def test_running_loop_is_ours_only_while_js_runs(engine):
    engine.evaluate("null")
    with pytest.raises(RuntimeError):
        asyncio.get_running_loop()

    async def inside_asyncio():
        mine = asyncio.get_running_loop()
        engine.evaluate("Promise.resolve().then(() => 1); null")
        assert asyncio.get_running_loop() is mine
        return engine.run_microtasks()

    assert asyncio.run(inside_asyncio()) == 1


def test_bytes_into_js_outlive_the_host_copy(engine):
    # The ArrayBuffer is the bytearray's memory: JS must keep it alive.
    engine.expose("give", lambda: engine.bytes_to_js(b"\x07" * 4096))
    engine.expose("collect", engine.collect)
    out = engine.evaluate(
        "var n = call_python('give');"
        "var kept = new Uint8Array(globalThis.__jstlsBytesIn, 0, n);"
        "globalThis.__jstlsBytesIn = undefined;"
        "call_python('collect');"
        "[kept.length, kept.every((b) => b === 7)]"
    )
    assert out == [4096, True]


def test_arguments_and_results_are_json_shaped(engine):
    seen = []

    def record(*args):
        seen.append(args)
        return {"list": [1, 2.5, None], "text": "x"}

    engine.expose("record", record)
    out = engine.evaluate(
        "call_python('record', 1, 2.5, null, undefined, NaN, 'x',"
        " {a: [1, {b: 2}]}, [1], () => 1, true)"
    )
    assert out == {"list": [1, 2.5, None], "text": "x"}
    args = seen[0]
    assert args == (1, 2.5, None, None, None, "x", {"a": [1, {"b": 2}]}, [1],
                    None, True)
    assert type(args[0]) is int and type(args[1]) is float


def test_the_global_is_claimed_from_pythonmonkey(engine):
    # PythonMonkey's own globals must not shadow the library's.
    names = engine.evaluate(
        "['console', 'setTimeout', 'python', 'pmEval', 'XMLHttpRequest',"
        " 'URL'].filter((n) => n in globalThis)"
    )
    assert names == []
    # LIMITATION: PythonMonkey's debugger global is permanent and read-only;
    # it stays, though not enumerable (Object.keys(globalThis) omits it).
    assert engine.evaluate("Object.keys(globalThis).includes('debuggerGlobal')") \
        is False


def test_close_gives_pythonmonkey_its_global_back(engine):
    from jstls.engine.spidermonkey_engine import SpiderMonkeyEngine, _context

    engine.close()
    pm = _context().pm
    pm.eval("globalThis.pmOwn = 1")
    claimed = SpiderMonkeyEngine()
    assert claimed.evaluate("typeof pmOwn") == "undefined"
    claimed.close()
    assert pm.eval("typeof pmOwn") == "number"
    pm.eval("delete globalThis.pmOwn")


def test_stack_api_reads_like_v8(engine):
    out = engine.evaluate(
        "function thrower() { return new TypeError('bad'); }\n"
        "var err = thrower(); err.message = 'changed';\n"
        "var captured = {};\n"
        "function hidden() { Error.captureStackTrace(captured, hidden); }\n"
        "function caller() { hidden(); }\n"
        "caller();\n"
        "[err.stack, captured.stack]"
    )
    stack, captured = out
    # The header is taken at the first read, as V8 does.
    assert stack.startswith("TypeError: changed\n    at thrower (<dukpy>:1:")
    assert captured.splitlines()[1].startswith("    at caller (<dukpy>:5:")


def test_limitation_method_frames_lack_their_receiver(engine):
    # LIMITATION: SpiderMonkey names a frame by its function only; V8 writes
    # `K.m` for a method (QuickJS does as SpiderMonkey does).
    out = engine.evaluate(
        "class K { m() { return new Error('x').stack.split('\\n')[1]; } }\n"
        "new K().m()"
    )
    assert out.startswith("    at m (<dukpy>:1:")


def test_limitation_one_usable_engine_per_process(engine):
    # LIMITATION: PythonMonkey has one global per process; a newer engine
    # takes it, and the older one refuses to run rather than share it.
    from jstls.engine import EngineUnavailable
    from jstls.engine.spidermonkey_engine import SpiderMonkeyEngine

    newer = SpiderMonkeyEngine()
    try:
        with pytest.raises(EngineUnavailable):
            engine.evaluate("1")
        assert newer.evaluate("1 + 1") == 2
    finally:
        newer.close()


def test_limitation_builtin_changes_outlive_a_runtime():
    # LIMITATION: the claimed global starts from ECMAScript's objects as the
    # last program left them; a new Runtime does not undo prototype changes.
    from jstls.engine.spidermonkey_engine import SpiderMonkeyEngine

    first = SpiderMonkeyEngine()
    first.evaluate("Array.prototype.jstlsMark = 1; globalThis.leak = 1; null")
    second = SpiderMonkeyEngine()
    try:
        assert second.evaluate("[typeof leak, [].jstlsMark]") == ["undefined", 1]
        second.evaluate("delete Array.prototype.jstlsMark; null")
    finally:
        second.close()


def test_missing_pythonmonkey_is_one_line_and_exit_9():
    code = (
        "import sys; sys.modules['pythonmonkey'] = None\n"
        "from jstls.cli import main\n"
        "sys.exit(main(['--engine', 'spidermonkey', '-e', '1']))\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True,
                          env=clean_env(), timeout=60)
    assert proc.returncode == 9
    err = proc.stderr.decode()
    assert err.count("\n") == 1 and "jstls[spidermonkey]" in err
    assert "Traceback" not in err
