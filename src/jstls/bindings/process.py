"""Host side of ``process``, stdio and the module loader's file access.

Stdout and stderr are written synchronously, as Node does for files and
TTYs, so nothing written before ``process.exit()`` is lost.  Module
resolution follows Node's algorithm for CommonJS (LOAD_AS_FILE,
LOAD_AS_DIRECTORY, LOAD_NODE_MODULES) and runs here, where stat is cheap.
"""

from __future__ import annotations

import json
import os
import resource
import sys
import time

from . import HostError, utf8
from ..loop import FdReader

_START = time.monotonic()


class ProcessBinding:
    def __init__(self, runtime):
        self._runtime = runtime

    def info(self):
        """The static facts JS builds ``process`` from, in one crossing."""
        import platform

        # The OpenSSL that cryptography (and so pyOpenSSL) carries, not the
        # system's; importing just the Rust binding keeps start-up short.
        from cryptography.hazmat.bindings._rust import openssl as rust_openssl

        version = rust_openssl.openssl_version_text().split()[1]
        return {
            "pid": os.getpid(),
            "ppid": os.getppid(),
            "platform": sys.platform,
            "arch": {"x86_64": "x64", "aarch64": "arm64"}.get(
                platform.machine(), platform.machine()
            ),
            "execPath": self._runtime.exec_path,
            "openssl": version,
            "python": platform.python_version(),
            "hostname": platform.node(),
        }

    def env(self):
        return dict(os.environ)

    def set_env(self, key, value):
        if value is None:
            os.environ.pop(key, None)
        else:
            os.environ[key] = value

    def cwd(self):
        return os.getcwd()

    def chdir(self, path):
        try:
            os.chdir(path)
        except OSError as exc:
            raise HostError(
                _errname(exc),
                f"{_errname(exc)}: {exc.strerror}, chdir {os.getcwd()} -> '{path}'",
                errno=-exc.errno,
                syscall="chdir",
                path=os.getcwd(),
                dest=path,
            ) from exc

    def hrtime(self):
        """Monotonic nanoseconds as [seconds, nanoseconds]."""
        ns = time.monotonic_ns()
        return [ns // 1_000_000_000, ns % 1_000_000_000]

    def uptime(self):
        return time.monotonic() - _START

    def memory_usage(self):
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
        try:
            with open("/proc/self/statm") as f:
                rss = int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
        except OSError:
            pass
        return rss

    def isatty(self, fd):
        if fd in (1, 2) and (self._runtime.capture or self._runtime._streams.get(fd)):
            return False
        return os.isatty(fd)

    def write(self, fd, text):
        """Write a string to stdout (1) or stderr (2), synchronously."""
        self._runtime.write_stdio(fd, utf8(text))

    def write_bytes(self, fd, data):
        self._runtime.write_stdio(fd, self._runtime.engine.bytes_from_js(data))

    def stdin_open(self):
        """A reader handle over fd 0; JS starts and stops it."""
        reader = FdReader(self._runtime.loop, self._runtime.stdin_fd)
        return reader.id

    def reader_start(self, handle_id):
        self._runtime.loop.handles[handle_id].start()

    def reader_stop(self, handle_id):
        handle = self._runtime.loop.handles.get(handle_id)
        if handle is not None:
            handle.stop()

    def reader_close(self, handle_id):
        handle = self._runtime.loop.handles.get(handle_id)
        if handle is not None:
            handle.close()

    def ref(self, handle_id, refed):
        handle = self._runtime.loop.handles.get(handle_id)
        if handle is not None:
            handle.refed = bool(refed)

    def poll(self, timeout_ms, js_alive):
        """One poll phase; see loop.HostLoop.poll."""
        batch = self._runtime.loop.poll(timeout_ms, js_alive)
        if batch is None:
            return None
        events, data = batch
        return [
            events,
            None if data is None else self._runtime.engine.bytes_to_js(data),
        ]

    def loop_alive(self):
        """Whether any ref'd host handle is still active."""
        return self._runtime.loop.refed_count() > 0

    def run_microtasks(self):
        """Drain promise jobs, then report how many rejections went unhandled."""
        engine = self._runtime.engine
        engine.run_microtasks()
        return engine.take_rejections(b"__jstlsRejections")

    def exit(self, code):
        # Rejections still untold (an uncaught error ended the program
        # first) die with the process, as in Node; left with the engine,
        # dukpy would report the first as a failure of the evaluation.
        self._runtime.engine.take_rejections(b"__jstlsRejections")
        self._runtime.flush_stdio()
        return code


def _errname(exc):
    import errno

    return errno.errorcode.get(exc.errno, "EIO")


class ModulesBinding:
    """Node's CommonJS resolution, on the host file system."""

    EXTENSIONS = (".js", ".json")

    def resolve(self, request, parent_dir):
        """Absolute file name for ``request`` seen from ``parent_dir``."""
        if request.startswith(("./", "../", "/")) or request in (".", ".."):
            base = os.path.normpath(os.path.join(parent_dir, request))
            found = self._load_as_file(base) or self._load_as_directory(base)
        else:
            found = self._load_node_modules(request, parent_dir)
        if found is None:
            raise HostError("MODULE_NOT_FOUND", f"Cannot find module '{request}'")
        return found

    def read(self, filename):
        with open(filename, encoding="utf-8") as f:
            return f.read()

    def read_json(self, filename):
        with open(filename, encoding="utf-8") as f:
            return json.load(f)

    def _load_as_file(self, base):
        if os.path.isfile(base):
            return base
        for ext in self.EXTENSIONS:
            if os.path.isfile(base + ext):
                return base + ext
        return None

    def _load_as_directory(self, base):
        package = os.path.join(base, "package.json")
        if os.path.isfile(package):
            try:
                with open(package, encoding="utf-8") as f:
                    main = json.load(f).get("main")
            except (OSError, ValueError):
                main = None
            if isinstance(main, str) and main:
                target = os.path.normpath(os.path.join(base, main))
                found = self._load_as_file(target) or self._load_index(target)
                if found:
                    return found
        return self._load_index(base)

    def _load_index(self, base):
        for ext in self.EXTENSIONS:
            candidate = os.path.join(base, "index" + ext)
            if os.path.isfile(candidate):
                return candidate
        return None

    def _load_node_modules(self, request, start):
        directory = os.path.abspath(start)
        while True:
            if os.path.basename(directory) != "node_modules":
                base = os.path.join(directory, "node_modules", request)
                found = self._load_as_file(base) or self._load_as_directory(base)
                if found:
                    return found
            parent = os.path.dirname(directory)
            if parent == directory:
                return None
            directory = parent
