"""Engine adapters: the seam between jstls and a JavaScript engine.

An adapter offers ``evaluate(source, **globals)``, ``expose(name, func)``,
``run_microtasks()``, ``take_rejections(slot)`` and the bytes codec
``bytes_from_js``/``bytes_to_js``.  Only dukpy is built today; a second
engine is a second module here, chosen by name in ``create_engine``.
"""

from __future__ import annotations


# dukpy's JSRuntimeError: what evaluate() raises for a JS exception.
from .dukpy_engine import JSError as EngineError

__all__ = ["EngineError", "EngineUnavailable", "create_engine"]


class EngineUnavailable(RuntimeError):
    """The engine asked for is not installed or not known."""


def create_engine(name="dukpy"):
    """Return a fresh engine instance of the given kind."""
    if name == "dukpy":
        from .dukpy_engine import DukpyEngine

        return DukpyEngine()
    raise EngineUnavailable(f"unknown JavaScript engine {name!r} (known: dukpy)")
