"""Each engine adapter on its own: draining jobs, rejections, bytes.

The adapters' shared behaviour is tested on both; what only the dukpy
adapter has is tested here too, the SpiderMonkey adapter's own in
test_engine_spidermonkey.py.
"""

from __future__ import annotations

import os

import pytest

from conftest import HAVE_SPIDERMONKEY
from jstls.engine import create_engine
from jstls.engine.dukpy_engine import DukpyEngine


@pytest.fixture(params=["dukpy", "spidermonkey"])
def engine(request):
    if request.param == "spidermonkey" and not HAVE_SPIDERMONKEY:
        pytest.skip("pythonmonkey is not installed")
    engine = create_engine(request.param)
    yield engine
    engine.close()


@pytest.fixture
def dukpy():
    return DukpyEngine()


def test_dukpy_native_path_is_live(dukpy):
    # The private layout this relies on holds for the pinned dukpy.
    assert dukpy.native
    assert dukpy._state.drain_depth == 0


def test_run_microtasks_from_inside_a_host_call(engine):
    engine.expose("drain", engine.run_microtasks)
    engine.expose("echo", lambda x: x)
    order = engine.evaluate(
        "var log = [];"
        "Promise.resolve().then(() => log.push(call_python('echo', 'job')))"
        "  .then(() => log.push('chained'));"
        "log.push('before');"
        "call_python('drain');"
        "log.push('after');"
        "log"
    )
    assert order == ["before", "job", "chained", "after"]


def test_take_rejections_hands_real_objects_to_js(engine):
    def drain():
        engine.run_microtasks()
        return engine.take_rejections(b"rej")

    engine.expose("drain", drain)
    out = engine.evaluate(
        "var rej = [];"
        "var p1 = Promise.reject(new TypeError('one'));"
        "var handledLater = Promise.reject(2);"
        "Promise.resolve().then(() => handledLater.catch(() => {}));"
        "var p3 = (async () => { throw 3; })();"
        "var n = call_python('drain');"
        "[n, rej[0] === p1, rej[1] instanceof TypeError, rej[1].message,"
        " rej[2] === p3, rej[3]]"
    )
    assert out == [2, True, True, "one", True, 3]


@pytest.mark.parametrize("size", [0, 1, 255, 65536, 1 << 20])
def test_bytes_round_trip(engine, size):
    data = os.urandom(size)
    engine.expose("give", lambda: engine.bytes_to_js(data))
    engine.expose("take", lambda marker: engine.bytes_from_js(marker).hex())
    out = engine.evaluate(
        "var n = call_python('give');"
        "var view = new Uint8Array(globalThis.__jstlsBytesIn, 0, n);"
        "globalThis.__jstlsBytesOut = view.subarray(0);"
        "call_python('take', 0)"
    )
    assert out == data.hex()


def test_dukpy_bytes_fallback_codec_without_native(dukpy):
    engine = dukpy
    engine.native = False
    data = bytes(range(256))
    engine.expose("give", lambda: engine.bytes_to_js(data))
    engine.expose("take", lambda s: engine.bytes_from_js(s).hex())
    out = engine.evaluate(
        "var s = call_python('give');"
        "call_python('take', s)"
    )
    assert out == data.hex()
