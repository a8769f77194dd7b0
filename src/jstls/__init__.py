"""jstls: run unmodified Node.js TLS code from Python.

A Python host embeds a JavaScript engine (dukpy, QuickJS inside), gives it
Node's modules, and backs them with real sockets and real OpenSSL::

    from jstls import Runtime
    with Runtime() as rt:
        result = rt.run_file("server.js")
"""

from .runtime import JSError, Result, Runtime

__version__ = "0.1.0"
__all__ = ["Runtime", "Result", "JSError", "__version__"]
