"""The dukpy (QuickJS-NG) engine adapter: the one module that knows dukpy.

What it offers the runtime: evaluate a script, expose host functions, drain
the promise-job queue on demand, hand unhandled rejections to JS, and move
bytes across the boundary. What it does not know: Node, modules, the loop.

Theory of operation.  dukpy's only public door into JS is ``eval_string``,
and every call runs QuickJS's cycle collector twice (measured: 15 us on an
empty heap, 5 ms with 20,000 closures alive).  So the runtime enters JS once
for a whole program run and stays there: the event loop is a JS function
that calls back into Python (``call_python``, about 3 us, no GC) to poll for
I/O.  That leaves two things dukpy only does at the end of an eval:

1. Draining promise jobs.  Node drains them after every callback.  We call
   QuickJS's own ``JS_ExecutePendingJob`` through ctypes from inside a host
   call, which is what Node's ``runMicrotasks()`` does with V8.
2. Reporting unhandled rejections.  dukpy's tracker keeps them in a list and
   throws the first one when the outermost eval ends.  After each drain we
   unlink the entries from that list and hand promise and reason to JS, so
   ``'unhandledRejection'`` sees the real objects.

Bytes cross as Uint8Array memory read and written with ctypes (GB/s), not
as JSON text.  When the native symbols are missing (another dukpy build),
the adapter falls back to latin1 strings through JSON, which is slower but
needs nothing private; ``native`` tells which path is live.

WORKAROUND: the native path reads dukpy 0.6's private ``DukPyContext`` and
``DukPyRejectedPromise`` layouts (``_support.h``).  pyproject pins
``dukpy>=0.6,<0.7``; tests/test_engine.py checks the layout still holds, and
the whole native section can go if dukpy ever exposes job draining.
"""

from __future__ import annotations

import ctypes
import importlib.machinery
import importlib.util
import json
import logging
import os
import sys

from . import EngineError, SlotBytesCodec


def _import_extension():
    """Import dukpy's C extension without running dukpy/__init__.py.

    The package's __init__ pulls in its installer, urllib and certifi,
    about 16 ms of start-up that a runtime with its own loader never uses.
    """
    cached = sys.modules.get("dukpy._dukpy")
    if cached is not None:
        return cached
    spec = importlib.util.find_spec("dukpy")
    for folder in spec.submodule_search_locations or ():
        for suffix in importlib.machinery.EXTENSION_SUFFIXES:
            path = os.path.join(folder, "_dukpy" + suffix)
            if os.path.exists(path):
                loader = importlib.machinery.ExtensionFileLoader("dukpy._dukpy", path)
                ext_spec = importlib.util.spec_from_loader("dukpy._dukpy", loader)
                module = importlib.util.module_from_spec(ext_spec)
                loader.exec_module(module)
                sys.modules["dukpy._dukpy"] = module
                return module
    import dukpy._dukpy as module

    return module


_dukpy = _import_extension()

log = logging.getLogger(__name__)
log.addHandler(logging.NullHandler())

JSError = _dukpy.JSRuntimeError

_CAPSULE_NAME = b"DUKPY_CONTEXT_CAPSULE"

# JSValue in QuickJS-NG on 64-bit builds without NaN boxing: a union and a tag.
_JS_TAG_OBJECT = -1


class _JSValue(ctypes.Structure):
    _fields_ = [("u", ctypes.c_int64), ("tag", ctypes.c_int64)]


class _RejectedPromise(ctypes.Structure):
    pass


_RejectedPromise._fields_ = [
    ("promise", _JSValue),
    ("reason", _JSValue),
    ("eval_id", ctypes.c_ulong),
    ("next", ctypes.POINTER(_RejectedPromise)),
]


class _DukPyContext(ctypes.Structure):
    _fields_ = [
        ("runtime", ctypes.c_void_p),
        ("context", ctypes.c_void_p),
        ("rejected_promises", ctypes.POINTER(_RejectedPromise)),
        ("current_eval_id", ctypes.c_ulong),
        ("next_eval_id", ctypes.c_ulong),
        ("next_commonjs_wrapper_id", ctypes.c_ulong),
        ("drain_depth", ctypes.c_int),
        ("unusable", ctypes.c_int),
    ]


def _load_native():
    """Bind the QuickJS entry points we need, or None when they are absent."""
    try:
        # PyDLL, not CDLL: a job may call back into Python (call_python),
        # so the GIL must stay held across every QuickJS call.
        lib = ctypes.PyDLL(_dukpy.__file__)
        sig = {
            "JS_ExecutePendingJob": (
                ctypes.c_int,
                [ctypes.c_void_p, ctypes.POINTER(ctypes.c_void_p)],
            ),
            "JS_IsJobPending": (ctypes.c_bool, [ctypes.c_void_p]),
            "JS_RunGC": (None, [ctypes.c_void_p]),
            "JS_GetException": (_JSValue, [ctypes.c_void_p]),
            "JS_GetGlobalObject": (_JSValue, [ctypes.c_void_p]),
            "JS_GetPropertyStr": (
                _JSValue,
                [ctypes.c_void_p, _JSValue, ctypes.c_char_p],
            ),
            "JS_SetPropertyStr": (
                ctypes.c_int,
                [ctypes.c_void_p, _JSValue, ctypes.c_char_p, _JSValue],
            ),
            "JS_FreeValue": (None, [ctypes.c_void_p, _JSValue]),
            "JS_GetUint8Array": (
                ctypes.c_void_p,
                [ctypes.c_void_p, ctypes.POINTER(ctypes.c_size_t), _JSValue],
            ),
            "JS_NewArrayBufferCopy": (
                _JSValue,
                [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_size_t],
            ),
        }
        for name, (restype, argtypes) in sig.items():
            fn = getattr(lib, name)
            fn.restype = restype
            fn.argtypes = argtypes
        libc = ctypes.CDLL(None)
        libc.free.argtypes = [ctypes.c_void_p]
        libc.free.restype = None
        return lib, libc
    except (OSError, AttributeError) as exc:
        log.info("dukpy native entry points unavailable: %s", exc)
        return None


_NATIVE = _load_native()

_decode = json.JSONDecoder().raw_decode
_encode = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode

_capsule_pointer = ctypes.pythonapi.PyCapsule_GetPointer
_capsule_pointer.restype = ctypes.c_void_p
_capsule_pointer.argtypes = [ctypes.py_object, ctypes.c_char_p]


class DukpyEngine(SlotBytesCodec):
    """One QuickJS context, as dukpy 0.6 builds it."""

    name = "dukpy"

    def __init__(self):
        # dukpy's C side looks these three attributes up on the object it is
        # given; dukpy.JSInterpreter would also install its own require,
        # process and console globals, which Node code must not see.
        self._ctx = _dukpy.create_context()
        self._funcs = {}
        self._lazy = {}
        self._state = None
        self.native = False
        if _NATIVE is not None:
            address = _capsule_pointer(self._ctx, _CAPSULE_NAME)
            self._state = _DukPyContext.from_address(address)
            self._lib, self._libc = _NATIVE
            self.native = True

    # -- the dukpy callbacks -------------------------------------------------

    # These two run on every call_python, so they avoid json's generic entry
    # points (encoding detection, keyword handling): about a third of the
    # host-side cost of a small call.

    def _check_exported_function_exists(self, name):
        name = name.decode("utf-8")
        if name in self._funcs:
            return True
        loader = self._lazy.pop(name.partition(".")[0], None)
        if loader is not None:
            loader()
        return name in self._funcs

    def _call_python(self, name, json_args):
        func = self._funcs[name.decode("utf-8")]
        if json_args == b"[]":
            result = func()
        else:
            result = func(*_decode(json_args.decode("utf-8"))[0])
        if result is None:
            return None
        return _encode(result).encode("utf-8")

    # -- the adapter interface -----------------------------------------------

    def evaluate(self, source, /, **globals_):
        """Run ``source`` as a global script; return its JSON-decoded value.

        Keyword arguments appear in JS as properties of the ``dukpy`` global.
        Stack frames of this code are named ``<dukpy>``; the runtime maps
        their line numbers back to files (see lib/internal/errors.js).
        """
        code = source.encode("utf-8")
        args = json.dumps(globals_).encode("utf-8")
        try:
            result = _dukpy.eval_string(self, code, args, False, "<dukpy>")
        except JSError as exc:
            raise EngineError(str(exc)) from None
        return None if result is None else json.loads(result)

    def expose(self, name, func):
        """Make ``func`` callable from JS as ``call_python(name, ...args)``."""
        self._funcs[name] = func

    def function(self, name):
        """The host function exposed as ``name`` (loading its namespace)."""
        self._check_exported_function_exists(name.encode("utf-8"))
        return self._funcs[name]

    def expose_namespace(self, prefix, loader):
        """Call ``loader()`` (which exposes ``prefix.*``) on first use.

        Bindings whose imports are heavy (cryptography's x509, pyOpenSSL)
        then cost nothing to scripts that never touch them."""
        self._lazy[prefix] = loader

    def run_microtasks(self):
        """Run promise jobs until the queue is empty (Node's runMicrotasks)."""
        if not self.native:
            return 0
        lib = self._lib
        runtime = self._state.runtime
        job_ctx = ctypes.c_void_p()
        count = 0
        while lib.JS_IsJobPending(runtime):
            if lib.JS_ExecutePendingJob(runtime, ctypes.byref(job_ctx)) < 0:
                # A job that throws leaves its exception pending.  The JS
                # side wraps every callback it queues, so this is a bug in
                # the runtime itself: clear it rather than wedge the engine.
                exc = lib.JS_GetException(job_ctx or self._state.context)
                lib.JS_FreeValue(self._state.context, exc)
                log.warning("a promise job threw past the runtime's guard")
            count += 1
        return count

    def take_rejections(self, slot):
        """Move unhandled rejections out of dukpy's list into a JS array.

        The array lands in the global ``slot`` as [promise, reason, ...] in
        the order the rejections happened; the count is returned.
        """
        if not self.native or not self._state.rejected_promises:
            return 0
        # Collect plain addresses: pointer objects read from a structure
        # share its memory and would change under us when the list is cut.
        addresses = []
        node = self._state.rejected_promises
        while node:
            addresses.append(ctypes.addressof(node.contents))
            node = node.contents.next
        self._state.rejected_promises = None

        ctx = self._state.context
        lib = self._lib
        glob = lib.JS_GetGlobalObject(ctx)
        array = lib.JS_GetPropertyStr(ctx, glob, slot)
        # dukpy prepends, so the oldest rejection is last.
        for index, address in enumerate(reversed(addresses)):
            entry = _RejectedPromise.from_address(address)
            # JS_SetPropertyStr takes over each value's reference.
            for offset, value in enumerate((entry.promise, entry.reason)):
                key = str(2 * index + offset).encode()
                lib.JS_SetPropertyStr(ctx, array, key, value)
            self._libc.free(address)
        lib.JS_FreeValue(ctx, array)
        lib.JS_FreeValue(ctx, glob)
        return len(addresses)

    def read_bytes(self, slot):
        """Copy out the Uint8Array held in the global ``slot``."""
        ctx = self._state.context
        lib = self._lib
        glob = lib.JS_GetGlobalObject(ctx)
        value = lib.JS_GetPropertyStr(ctx, glob, slot)
        size = ctypes.c_size_t()
        pointer = lib.JS_GetUint8Array(ctx, ctypes.byref(size), value)
        data = ctypes.string_at(pointer, size.value) if pointer else b""
        if not pointer:
            lib.JS_FreeValue(ctx, lib.JS_GetException(ctx))
        lib.JS_FreeValue(ctx, value)
        lib.JS_FreeValue(ctx, glob)
        return data

    def write_bytes(self, slot, data):
        """Store a fresh ArrayBuffer holding ``data`` in the global ``slot``."""
        ctx = self._state.context
        lib = self._lib
        glob = lib.JS_GetGlobalObject(ctx)
        buffer = lib.JS_NewArrayBufferCopy(ctx, data, len(data))
        lib.JS_SetPropertyStr(ctx, glob, slot, buffer)
        lib.JS_FreeValue(ctx, glob)

    def collect(self):
        """A full garbage collection (cycles; the rest is freed at once).

        FinalizationRegistry callbacks it makes due run as promise jobs."""
        if self.native:
            self._lib.JS_RunGC(self._state.runtime)

    def close(self):
        """Nothing to give back: the context goes with this object."""
