"""``jstls.Runtime``: one engine, one loop, one Node-like process.

The runtime loads the JS library (lib/) into a fresh engine as one script,
installs the host bindings, and runs a program: the JS side's ``runMain``
executes the entry module and then the event loop until nothing ref'd is
left or ``process.exit()`` is called, and returns the exit code.

What it is not: a sandbox.  Scripts see the real file system, environment
and network, as they would under Node.
"""

from __future__ import annotations

import importlib
import io
import os
import sys
from dataclasses import dataclass, field
from importlib import resources

from . import bindings
from .bindings.process import ModulesBinding, ProcessBinding
from .engine import EngineError, create_engine
from .loop import HostLoop

__all__ = ["Runtime", "Result", "JSError"]

class JSError(Exception):
    """An error thrown by JS that the program did not handle."""

    def __init__(self, message, stack=None):
        super().__init__(message)
        self.stack = stack


@dataclass
class Result:
    """What a program run left behind."""

    exit_code: int
    stdout: str = ""
    stderr: str = ""
    stdout_bytes: bytes = field(default=b"", repr=False)
    stderr_bytes: bytes = field(default=b"", repr=False)


def _library_files():
    """{builtin id: source} for every module under lib/.

    vendor.js among them is the npm bundle (events, buffer, readable-stream,
    util, assert, string_decoder) built from js/ at package build time."""
    root = resources.files("jstls") / "lib"
    found = []

    def walk(node, prefix):
        for child in sorted(node.iterdir(), key=lambda c: c.name):
            if child.is_dir():
                walk(child, prefix + child.name + "/")
            elif child.name.endswith(".js"):
                found.append(prefix + child.name[:-3])

    walk(root, "")
    sources = {}
    for name in found:
        sources[name] = (root / (name + ".js")).read_text(encoding="utf-8")
    return sources


_LIBRARY_CACHE = None


def _library_bundle():
    """One script holding the whole library, and its line table.

    Every frame of this script is named ``<dukpy>`` by the engine, so the
    table (first line, module id) lets lib/internal/errors.js name the
    module a frame belongs to.
    """
    global _LIBRARY_CACHE
    if _LIBRARY_CACHE is not None:
        return _LIBRARY_CACHE
    sources = _library_files()
    if "vendor" not in sources:
        raise RuntimeError(
            "jstls/lib/vendor.js is missing: build the package (pip install .) "
            "so that js/build.mjs bundles the npm modules"
        )
    parts = ["// jstls library bundle"]
    table = []
    line = 2

    def add(text, module_id):
        nonlocal line
        table.append([line, module_id])
        parts.append(text)
        line += text.count("\n") + 1

    add(sources.pop("internal/preamble"), "internal/preamble")
    add(sources.pop("vendor"), "internal/deps/vendor")
    for name, text in sources.items():
        header = f"__jstlsDefine({name!r}, function (exports, require, module, host) {{"
        parts.append(header)
        line += 1
        add(text, name)
        parts.append("});")
        line += 1
    table.append([line, None])
    _LIBRARY_CACHE = ("\n".join(parts) + "\n", table)
    return _LIBRARY_CACHE


class Runtime:
    """A Node-like process running in an embedded JS engine.

    ``stdout``/``stderr``: file objects (text or binary) to write to;
    default: the real ones.  ``capture=True`` collects them instead and
    returns them on the :class:`Result`.  ``engine``: ``'dukpy'`` or
    ``'spidermonkey'``; by default $JSTLS_ENGINE, else dukpy.
    """

    def __init__(
        self,
        *,
        engine=None,
        argv0="jstls",
        exec_argv=(),
        stdout=None,
        stderr=None,
        stdin_fd=0,
        capture=False,
        env_options=None,
    ):
        self.engine = create_engine(engine)
        self.loop = HostLoop()
        self.exec_path = sys.argv[0] if sys.argv and sys.argv[0] else "jstls"
        self.argv0 = argv0
        self.exec_argv = list(exec_argv)
        self.options = dict(env_options or {})
        self.capture = capture
        self._captured = {1: io.BytesIO(), 2: io.BytesIO()}
        self._streams = {1: stdout, 2: stderr}
        self.stdin_fd = stdin_fd
        self.exit_code = None
        self._booted = False

        bindings.install(self.engine, "process", ProcessBinding(self))
        bindings.install(self.engine, "modules", ModulesBinding())
        for name, module_name, class_name in _lazy_bindings():
            _install_lazily(self, name, module_name, class_name)

    # -- context manager ---------------------------------------------------

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def close(self):
        """Release every handle and the engine."""
        self.loop.close()
        self.engine.close()

    # -- stdio -------------------------------------------------------------

    def write_stdio(self, fd, data):
        if self.capture:
            self._captured[fd].write(data)
            return
        stream = self._streams.get(fd)
        if stream is None:
            stream = sys.stdout if fd == 1 else sys.stderr
        buffer = getattr(stream, "buffer", None)
        if buffer is not None:
            stream.flush()
            buffer.write(data)
            buffer.flush()
        elif isinstance(stream, io.TextIOBase):
            stream.write(data.decode("utf-8", "replace"))
        else:
            stream.write(data)

    def flush_stdio(self):
        for fd in (1, 2):
            stream = self._streams.get(fd) or (sys.stdout if fd == 1 else sys.stderr)
            try:
                stream.flush()
            except (OSError, ValueError):
                pass

    # -- running -----------------------------------------------------------

    def _boot(self):
        if self._booted:
            return
        source, table = _library_bundle()
        self.engine.evaluate(source + "null;")
        self.engine.evaluate(
            "__jstls.require('internal/bootstrap').boot(dukpy.config); null;",
            config={
                "lineTable": table,
                "argv0": self.argv0,
                "version": _version(),
                "execArgv": self.exec_argv,
                "native": self.engine.native,
                "options": self.options,
                "debug": sorted(bindings.debug_sections()),
            },
        )
        self._booted = True

    def expose(self, name, func):
        """Make a Python callable a global JS function ``name(...args)``.

        Arguments and the result cross as JSON; a Python exception becomes
        a JS Error with code ERR_JSTLS_HOST.
        """
        self._boot()
        bindings.install_function(self.engine, "expose." + name, func)
        self.engine.evaluate("__jstls.exposeGlobal(dukpy.name); null;", name=name)

    def eval(self, expression):
        """Evaluate a JS expression in the global scope; return its JSON value."""
        self._boot()
        try:
            return self.engine.evaluate(
                "__jstls.evalForHost(dukpy.source)", source=expression
            )
        except EngineError as exc:
            raise JSError(str(exc).splitlines()[0], str(exc)) from None

    def run_file(self, path, argv=()):
        """Run a script file as the main module; return a :class:`Result`."""
        filename = os.path.abspath(path)
        return self._run({"file": filename, "argv": [filename, *argv]})

    def run_script(self, source, filename="[eval]", argv=()):
        """Run source text as the main module; return a :class:`Result`."""
        return self._run({"source": source, "file": filename, "argv": list(argv)})

    def _run(self, entry):
        if self.exit_code is not None:
            raise RuntimeError("this Runtime's process has already exited")
        self._boot()
        try:
            code = self.engine.evaluate("__jstls.runMain(dukpy.entry)", entry=entry)
        except EngineError as exc:  # a failure of the runtime itself
            self.write_stdio(2, f"jstls: internal error: {exc}\n".encode())
            code = 70
        self.exit_code = code
        self.flush_stdio()
        out = self._captured[1].getvalue()
        err = self._captured[2].getvalue()
        return Result(
            exit_code=code,
            stdout=out.decode("utf-8", "replace"),
            stderr=err.decode("utf-8", "replace"),
            stdout_bytes=out,
            stderr_bytes=err,
        )


def _version():
    from . import __version__

    return __version__


def _lazy_bindings():
    """(name, module, class) of the bindings installed on first use."""
    return [
        ("buffer", "buffer", "BufferBinding"),
        ("crypto", "crypto", "CryptoBinding"),
        ("fs", "fs", "FsBinding"),
        ("os", "os", "OsBinding"),
        ("tcp", "tcp", "TcpBinding"),
        ("tls", "tls", "TlsBinding"),
    ]


def _install_lazily(runtime, name, module_name, class_name):
    def load():
        module = importlib.import_module(f".bindings.{module_name}", __package__)
        cls = getattr(module, class_name)
        binding = cls() if module_name == "os" else cls(runtime)
        bindings.install(runtime.engine, name, binding)

    runtime.engine.expose_namespace(name, load)
