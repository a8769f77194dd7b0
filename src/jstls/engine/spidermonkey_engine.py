"""The SpiderMonkey (PythonMonkey) engine adapter: the one module that knows
PythonMonkey.

It offers the runtime what the dukpy adapter offers (``evaluate``,
``expose``, ``expose_namespace``, ``function``, ``run_microtasks``,
``take_rejections``, the bytes codec and ``close``) over SpiderMonkey, a
JIT engine, for speed.  What it does not know: Node, modules, the loop.

Theory of operation.  PythonMonkey calls between JS and Python directly (a
call costs about a microsecond either way, and values cross as Python
objects, not JSON), but it brings two things of its own that jstls must
not use, because lib/internal/loop.js is what orders timers, I/O,
nextTick and promise jobs as Node does:

1. Promise jobs.  PythonMonkey hands every promise job to the *running
   asyncio loop* (``call_soon_threadsafe``).  While JS runs for us, the
   running loop is a stand-in (``_JobQueue``) that only queues the jobs;
   ``run_microtasks`` runs them, in order, when the JS loop asks (Node's
   runMicrotasks()).  Outside our calls the previous running loop, if
   any, is put back.
2. Unhandled rejections.  PythonMonkey's tracker sends them to asyncio's
   exception handler, and in doing so marks them handled, so a handler
   attached a moment later goes unseen.  While JS runs for us, our own
   tracker is installed instead (``JS::SetPromiseRejectionTrackerCallback``
   through ctypes): it records each "rejected with no handler" and each
   "handler came later" in order, and ``take_rejections`` hands JS the
   promises still unhandled, with their reasons, as Node's
   processPromiseRejections() sees them.

PythonMonkey has one JS context and one global object per process.  A
Runtime needs a fresh global, so creating an engine *claims* the global:
everything a previous program or the PythonMonkey package put there
(console, setTimeout, URL, XMLHttpRequest, ``python``...) is taken off, so
that only the library's versions are seen; ``close()`` gives
PythonMonkey's back.  LIMITATION: so only one SpiderMonkey Runtime is
usable at a time in a process; using one after a newer one claimed the
global raises EngineUnavailable, and changes a program made to built-in
prototypes outlive it (tests/test_engine_spidermonkey.py pins both).

Bytes cross as shared memory: a Python ``bytearray`` reaches JS as a
Uint8Array over the same memory, and a Uint8Array reaches Python as a
``memoryview``.  The lib/internal/host.js wire format (a view parked in a
global slot, a length as the marker) is kept, so the JS library is the
same under both engines.

WORKAROUND: the native section uses PythonMonkey 1.4's exported C++
symbols (``GLOBAL_CX``, ``ListType::getPyObject``,
``JobQueue::promiseRejectionTracker``) and finds the stand-in loop where
CPython 3.11/3.12 keep the running loop.  pyproject pins
``pythonmonkey>=1.4,<1.5``; tests/test_engine_spidermonkey.py checks the
symbols and the job routing still hold.  It can go if PythonMonkey ever
lets an embedder drain jobs and track rejections itself.
"""

from __future__ import annotations

import asyncio.events
import collections
import ctypes
import glob
import importlib.machinery
import importlib.util
import json
import logging
import os
import sys
import time
from contextlib import contextmanager
from importlib import resources

from . import EngineError, EngineUnavailable, SlotBytesCodec

log = logging.getLogger(__name__)
log.addHandler(logging.NullHandler())

_decode = json.JSONDecoder().raw_decode
_encode = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode

# Bytes for JS below this size are lent as a bytearray (see write_bytes).
_LEND_BELOW = 16 * 1024


def _import_pythonmonkey():
    """PythonMonkey's C extension, without the package's __init__.

    The package's __init__ loads its own console, timers, URL and
    XMLHttpRequest into the global (about 0.3 s, and globals jstls would
    only take off again).  The extension alone is the engine.  When the
    package is already imported, its extension is the same one.
    """
    cached = sys.modules.get("pythonmonkey.pythonmonkey")
    if cached is not None:
        return cached
    spec = importlib.util.find_spec("pythonmonkey")
    if spec is None:
        raise EngineUnavailable(
            "the spidermonkey engine needs PythonMonkey: "
            "pip install 'jstls[spidermonkey]'"
        )
    for folder in spec.submodule_search_locations or ():
        for suffix in importlib.machinery.EXTENSION_SUFFIXES:
            path = os.path.join(folder, "pythonmonkey" + suffix)
            if not os.path.exists(path):
                continue
            name = "pythonmonkey.pythonmonkey"
            loader = importlib.machinery.ExtensionFileLoader(name, path)
            module = importlib.util.module_from_spec(
                importlib.util.spec_from_loader(name, loader)
            )
            loader.exec_module(module)
            sys.modules[name] = module
            return module
    raise EngineUnavailable("PythonMonkey is installed without its extension")


class _JobQueue:
    """The running "event loop" PythonMonkey sees while JS runs for jstls.

    PythonMonkey only ever calls ``call_soon_threadsafe`` on it, with a
    promise job; the job waits here until run_microtasks().  Its timers
    (``call_later``) are never reached: the library's own replace them.
    """

    _exception_handler = None

    def __init__(self):
        self.jobs = collections.deque()

    def call_soon_threadsafe(self, callback, *args, context=None):
        self.jobs.append(callback)

    call_soon = call_soon_threadsafe

    def call_later(self, delay, callback, *args, context=None):
        raise RuntimeError("jstls runs its own timers; PythonMonkey's are off")

    def create_future(self):
        raise RuntimeError("jstls passes no promises to Python")

    def set_exception_handler(self, handler):
        self._exception_handler = handler

    def get_debug(self):
        return False


# The tracker's C signature: (JSContext*, bool mutedErrors,
# JS::HandleObject promise, JS::PromiseRejectionHandlingState, void*).
_TRACKER = ctypes.CFUNCTYPE(
    None, ctypes.c_void_p, ctypes.c_bool, ctypes.c_void_p, ctypes.c_int,
    ctypes.c_void_p,
)

_SYMBOLS = {
    "cx": "GLOBAL_CX",
    "wrap": "_ZN8ListType11getPyObjectEP9JSContextN2JS6HandleIP8JSObjectEE",
    "pm_tracker": (
        "_ZN8JobQueue23promiseRejectionTrackerEP9JSContextbN2JS6HandleIP8"
        "JSObjectEENS2_29PromiseRejectionHandlingStateEPv"
    ),
    "set_tracker": (
        "_ZN2JS34SetPromiseRejectionTrackerCallbackEP9JSContextPFvS1_bNS_6"
        "HandleIP8JSObjectEENS_29PromiseRejectionHandlingStateEPvES7_"
    ),
}


class _Context:
    """The process's one SpiderMonkey context, and who holds its global."""

    def __init__(self):
        self.pm = _import_pythonmonkey()
        self.global_ = self.pm.eval("globalThis")
        prelude = resources.files(__package__) / "spidermonkey_prelude.js"
        self.helpers = self.pm.eval(
            prelude.read_text(encoding="utf-8"),
            {"filename": "<jstls-engine>"},
        )
        self.promise_details = self.pm.internalBinding("utils")["getPromiseDetails"]
        # Looked up once: each lookup on a JS object is a crossing.
        self.park_bytes = self.helpers["parkBytes"]
        self.alloc_bytes = self.helpers["allocBytes"]
        self.set_host_arguments = self.helpers["setHostArguments"]
        self.to_json = self.helpers["toJSON"]
        self.settle_rejections = self.helpers["settleRejections"]
        self.queue = _JobQueue()
        self.rejections = []
        self.owner = None
        self.depth = 0
        self.saved_loop = None
        self._bind_native()

    def _bind_native(self):
        # PyDLL keeps the GIL held: ListType::getPyObject is Python C API.
        folder = os.path.dirname(self.pm.__file__)
        pm_lib = ctypes.PyDLL(self.pm.__file__)
        mozjs = glob.glob(os.path.join(folder, "libmozjs*.so*"))
        js_lib = ctypes.PyDLL(mozjs[0]) if mozjs else pm_lib
        try:
            self.cx = ctypes.c_void_p.in_dll(pm_lib, _SYMBOLS["cx"]).value
            wrap = getattr(pm_lib, _SYMBOLS["wrap"])
            pm_tracker = getattr(pm_lib, _SYMBOLS["pm_tracker"])
            set_tracker = getattr(js_lib, _SYMBOLS["set_tracker"])
        except (AttributeError, ValueError) as exc:
            raise EngineUnavailable(
                f"this PythonMonkey build lacks what jstls needs ({exc}); "
                "jstls supports pythonmonkey 1.4"
            ) from None
        wrap.restype = ctypes.py_object
        wrap.argtypes = [ctypes.c_void_p, ctypes.c_void_p]
        set_tracker.restype = None
        set_tracker.argtypes = [ctypes.c_void_p, ctypes.c_void_p, ctypes.c_void_p]
        self._wrap = wrap
        self._set_tracker = set_tracker
        self._pm_tracker = ctypes.cast(pm_tracker, ctypes.c_void_p)
        self._tracker = _TRACKER(self._on_rejection)
        self._our_tracker = ctypes.cast(self._tracker, ctypes.c_void_p)

    def _on_rejection(self, cx, muted, promise, state, data):
        # Runs inside SpiderMonkey as a promise settles or gains a handler.
        # The handle is passed on as it came: ListType::getPyObject takes
        # the same JS::HandleObject and roots the promise in a Python proxy
        # that turns back into the very same promise when handed to JS.
        try:
            self.rejections.append(state)
            self.rejections.append(self._wrap(cx, promise))
        except BaseException:  # noqa: BLE001 - nothing may unwind into C
            log.exception("recording a promise rejection failed")

    @contextmanager
    def entered(self):
        """Route promise jobs and rejections to us while JS runs."""
        if self.depth == 0:
            self.saved_loop = asyncio.events._get_running_loop()
            asyncio.events._set_running_loop(self.queue)
            self._set_tracker(self.cx, self._our_tracker, None)
        self.depth += 1
        try:
            yield
        finally:
            self.depth -= 1
            if self.depth == 0:
                self._set_tracker(self.cx, self._pm_tracker, None)
                asyncio.events._set_running_loop(self.saved_loop)
                self.saved_loop = None

    def claim(self, engine):
        """Give ``engine`` a fresh global object."""
        with self.entered():
            self.helpers["claimGlobal"]()
            self.queue.jobs.clear()
            self.rejections.clear()
            self.owner = engine
            self.helpers["installGlobals"](engine._dispatch, engine._now)

    def release(self, engine):
        if self.owner is not engine:
            return
        with self.entered():
            self.helpers["releaseGlobal"]()
            self.queue.jobs.clear()
            self.rejections.clear()
        self.owner = None


_CONTEXT = None


def _context():
    global _CONTEXT
    if _CONTEXT is None:
        _CONTEXT = _Context()
    return _CONTEXT


class SpiderMonkeyEngine(SlotBytesCodec):
    """The process's SpiderMonkey context, as PythonMonkey 1.4 builds it."""

    name = "spidermonkey"

    def __init__(self):
        self._ctx = _context()
        self._funcs = {}
        self._lazy = {}
        self._origin = time.perf_counter()
        self._ctx.claim(self)

    def _check_owner(self):
        if self._ctx.owner is not self:
            raise EngineUnavailable(
                "a newer SpiderMonkey Runtime took over this process's JS "
                "global; PythonMonkey has one per process"
            )

    # -- calls from JS ---------------------------------------------------------

    def _now(self):
        """performance.now(): monotonic milliseconds since the engine began."""
        return (time.perf_counter() - self._origin) * 1000.0

    def _dispatch(self, name, mask, *args):
        """The Python side of call_python (see spidermonkey_prelude.js)."""
        func = self._funcs.get(name)
        if func is None:
            func = self.function(name)
        if mask:
            args = _with_objects(int(mask), args)
        elif args:
            args = [_json_number(v) if type(v) is float else v for v in args]
        result = func(*args)
        kind = type(result)
        if kind is str:
            return [result]
        if result is None or kind is int or kind is bool or kind is float:
            return result
        return _encode(result)

    # -- the adapter interface -------------------------------------------------

    def evaluate(self, source, /, **globals_):
        """Run ``source`` as a global script; return its JSON value.

        Keyword arguments appear in JS as properties of the ``dukpy``
        global, the name the runtime's snippets use with either engine.
        Frames of this code are named ``<dukpy>`` for the same reason (see
        lib/internal/errors.js).
        """
        self._check_owner()
        ctx = self._ctx
        pm = ctx.pm
        with ctx.entered():
            ctx.set_host_arguments("dukpy", json.dumps(globals_))
            try:
                value = pm.eval(source, {"filename": "<dukpy>"})
            except pm.SpiderMonkeyError as exc:
                raise EngineError(self._describe(exc)) from None
            text = ctx.to_json(value)
        return None if text is None else json.loads(text)

    def _describe(self, exc):
        error = getattr(exc, "jsError", None)
        if error is None:
            return str(exc).strip()
        try:
            return str(self._ctx.helpers["describe"](error))
        except self._ctx.pm.SpiderMonkeyError:
            return str(exc).strip()

    def expose(self, name, func):
        """Make ``func`` callable from JS as ``call_python(name, ...args)``."""
        self._funcs[name] = func

    def function(self, name):
        """The host function exposed as ``name`` (loading its namespace)."""
        func = self._funcs.get(name)
        if func is None:
            loader = self._lazy.pop(str(name).partition(".")[0], None)
            if loader is not None:
                loader()
            func = self._funcs.get(name)
        if func is None:
            raise KeyError(f"no host function {name!r}")
        return func

    def expose_namespace(self, prefix, loader):
        """Call ``loader()`` (which exposes ``prefix.*``) on first use."""
        self._lazy[prefix] = loader

    def run_microtasks(self):
        """Run promise jobs until the queue is empty (Node's runMicrotasks)."""
        if self._ctx.depth == 0:
            with self._ctx.entered():
                return self.run_microtasks()
        jobs = self._ctx.queue.jobs
        count = 0
        while jobs:
            job = jobs.popleft()
            try:
                job()
            except Exception:  # noqa: BLE001 - see the dukpy adapter
                # The JS side wraps every callback it queues, so a job that
                # throws is a bug in the runtime: keep draining.
                log.warning("a promise job threw past the runtime's guard")
            count += 1
        return count

    def take_rejections(self, slot):
        """Move unhandled rejections into the JS array in global ``slot``.

        The array receives [promise, reason, ...] in the order the
        rejections happened, leaving out promises that gained a handler
        since; the count is returned.
        """
        events = self._ctx.rejections
        if not events:
            return 0
        self._ctx.rejections = []
        with self._ctx.entered():
            count = self._ctx.settle_rejections(
                events, _slot(slot), self._ctx.promise_details
            )
        return int(count)

    def read_bytes(self, slot):
        """Copy out the Uint8Array held in the global ``slot``.

        The memoryview shares the array's memory; the copy is what the
        bindings keep, since JS may reuse its buffer after the call.
        """
        view = self._ctx.global_[_slot(slot)]
        return b"" if view is None else bytes(view)

    def write_bytes(self, slot, data):
        """Store an ArrayBuffer holding ``data`` in the global ``slot``.

        A small one is a bytearray's own memory, lent to JS.  A large one
        is allocated by JS and filled through a memoryview: measured with
        64 KiB reads, lending a fresh bytearray each time costs about four
        times as much, in SpiderMonkey collecting and finalizing the
        external buffers.
        """
        name = _slot(slot)
        if len(data) < _LEND_BELOW:
            self._ctx.park_bytes(name, bytearray(data))
        else:
            self._ctx.alloc_bytes(name, len(data))[:] = data

    def collect(self):
        """A full garbage collection.

        PythonMonkey runs the FinalizationRegistry callbacks it makes due
        as the collection ends, before this returns."""
        with self._ctx.entered():
            self._ctx.pm.collect()

    def close(self):
        """Give the global object back to PythonMonkey."""
        self._ctx.release(self)


def _json_number(value):
    # JSON writes a number that is an integer below 1e21 without a point,
    # so the bindings have always received those as int.
    if value.is_integer() and -1e21 < value < 1e21:
        return int(value)
    return value


def _with_objects(mask, args):
    out = []
    for index, value in enumerate(args):
        if mask >> index & 1:
            value = _decode(value)[0]
        elif type(value) is float:
            value = _json_number(value)
        out.append(value)
    return out


def _slot(slot):
    return slot.decode("ascii") if isinstance(slot, bytes) else slot
