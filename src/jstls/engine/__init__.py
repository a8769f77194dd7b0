"""Engine adapters: the seam between jstls and a JavaScript engine.

An adapter offers ``evaluate(source, **globals)``, ``expose(name, func)``,
``expose_namespace``, ``function``, ``run_microtasks()``,
``take_rejections(slot)``, the bytes codec ``bytes_from_js``/``bytes_to_js``
(over ``read_bytes``/``write_bytes``), ``collect()`` and ``close()``.

Two are built: dukpy (QuickJS-NG, the default, always installed) and
spidermonkey (PythonMonkey, the ``jstls[spidermonkey]`` extra).  Each lives
in its own module, imported only when asked for.
"""

from __future__ import annotations

import os

__all__ = [
    "ENGINES",
    "EngineError",
    "EngineUnavailable",
    "SlotBytesCodec",
    "create_engine",
    "default_engine",
]

ENGINES = ("dukpy", "spidermonkey")


class EngineError(Exception):
    """A JS exception that reached the host: what evaluate() raises.

    Its text is the error's header line, then its stack."""


class EngineUnavailable(RuntimeError):
    """The engine asked for is not installed or not known."""


class SlotBytesCodec:
    """The bytes half of the wire format lib/internal/host.js speaks.

    JS hands bytes to a host call by parking a Uint8Array in the global
    BYTES_OUT and passing the marker 0 (or, without a native path, a latin1
    string); the host hands bytes back by parking an ArrayBuffer in
    BYTES_IN and returning its length (or the latin1 string).  An adapter
    supplies ``native``, ``read_bytes(slot)`` and ``write_bytes(slot, data)``.
    """

    BYTES_OUT = b"__jstlsBytesOut"
    BYTES_IN = b"__jstlsBytesIn"
    native = True

    def bytes_from_js(self, value):
        """Decode the bytes argument of a host call."""
        if isinstance(value, str):
            return value.encode("latin-1")
        return self.read_bytes(self.BYTES_OUT)

    def bytes_to_js(self, data):
        """Encode ``data`` as the result of a host call."""
        if not self.native:
            return bytes(data).decode("latin-1")
        self.write_bytes(self.BYTES_IN, data)
        return len(data)


def default_engine():
    """The engine a Runtime uses when none is named: $JSTLS_ENGINE or dukpy."""
    return os.environ.get("JSTLS_ENGINE") or "dukpy"


def create_engine(name=None):
    """Return a fresh engine instance of the given kind."""
    if name is None:
        name = default_engine()
    if name == "dukpy":
        from .dukpy_engine import DukpyEngine

        return DukpyEngine()
    if name == "spidermonkey":
        from .spidermonkey_engine import SpiderMonkeyEngine

        return SpiderMonkeyEngine()
    known = ", ".join(ENGINES)
    raise EngineUnavailable(f"unknown JavaScript engine {name!r} (known: {known})")
