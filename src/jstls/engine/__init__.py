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
    "create_engine",
    "default_engine",
]

ENGINES = ("dukpy", "spidermonkey")


class EngineError(Exception):
    """A JS exception that reached the host: what evaluate() raises.

    Its text is the error's header line, then its stack."""


class EngineUnavailable(RuntimeError):
    """The engine asked for is not installed or not known."""


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
