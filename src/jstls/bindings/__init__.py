"""Host bindings: the Python side of each Node module, like Node's internals.

A binding is a class whose public methods JS calls as
``host.call('name.method', ...args)``.  Bindings speak in plain values,
handle ids and events, never in JS objects.  Every method is wrapped once
here: a Python exception becomes a coded error record that
lib/internal/host.js turns into a Node-style Error, so no Python traceback
ever reaches a JS user.
"""

from __future__ import annotations

import codecs
import errno as _errno
import logging
import os as _os
import sys as _sys

log = logging.getLogger("jstls")
log.addHandler(logging.NullHandler())


class HostError(Exception):
    """An error with a Node error code, raised by a binding for JS to see."""

    def __init__(self, code, message, name="Error", **props):
        super().__init__(message)
        self.code = code
        self.name = name
        self.props = props

    def record(self):
        record = {"name": self.name, "message": str(self), **self.props}
        # Some of Node's errors have no code property at all (OpenSSL's
        # own reasons, such as a PKCS#12 MAC failure).
        if self.code is not None:
            record["code"] = self.code
        return record


def os_error_record(exc, syscall=None, **props):
    """Describe an OSError the way Node's uvException does."""
    code = _errno.errorcode.get(exc.errno, "EIO") if exc.errno else "EIO"
    syscall = syscall or "unknown"
    message = f"{code}: {exc.strerror or code}, {syscall}"
    path = props.get("path")
    if path is not None:
        message += f" '{path}'"
    dest = props.get("dest")
    if dest is not None:
        message += f" -> '{dest}'"
    return {
        "name": "Error",
        "code": code,
        "errno": -(exc.errno or _errno.EIO),
        "syscall": syscall,
        "message": message,
        **{k: v for k, v in props.items() if v is not None},
    }


def _replace_surrogates(exc):
    # JS strings may hold lone UTF-16 surrogates; V8 writes each as U+FFFD
    # (the UTF-8 encoder wants the replacement as bytes).
    return (b"\xef\xbf\xbd" * (exc.end - exc.start), exc.end)


codecs.register_error("jstls-fffd", _replace_surrogates)


def utf8(text):
    """Encode a JS string as Node does: lone surrogates become U+FFFD."""
    return text.encode("utf-8", "jstls-fffd")


def _wrap(func, qualname):
    def call(*args):
        try:
            return func(*args)
        except HostError as exc:
            return {"$jstlsError": exc.record()}
        except OSError as exc:
            return {"$jstlsError": os_error_record(exc, getattr(func, "syscall", None))}
        except Exception as exc:  # noqa: BLE001 - the one translation point
            log.exception("binding %s failed", qualname)
            return {
                "$jstlsError": {
                    "name": "Error",
                    "code": "ERR_JSTLS_HOST",
                    "message": f"{qualname}: {type(exc).__name__}: {exc}",
                }
            }

    return call


def install(engine, name, binding):
    """Expose every public method of ``binding`` as ``name.method``."""
    for attr in dir(binding):
        if attr.startswith("_"):
            continue
        func = getattr(binding, attr)
        if callable(func):
            install_function(engine, f"{name}.{attr}", func)


def install_function(engine, qualname, func):
    """Expose one callable under ``qualname`` with error translation."""
    engine.expose(qualname, _wrap(func, qualname))


def debuglog(section):
    """The host half of util.debuglog: a function printing
    ``SECTION <pid>: message`` to stderr when NODE_DEBUG names the section,
    else None (so a caller can skip building the message)."""
    upper = section.upper()
    if upper not in debug_sections():
        return None
    prefix = f"{upper} {_os.getpid()}: host "

    def log(message, *args):
        text = message % args if args else message
        _sys.stderr.write(prefix + text + "\n")
        _sys.stderr.flush()

    return log


def debug_sections():
    """The NODE_DEBUG sections switched on, upper-cased like Node's."""
    raw = _os.environ.get("NODE_DEBUG", "")
    return {part.strip().upper() for part in raw.split(",") if part.strip()}
