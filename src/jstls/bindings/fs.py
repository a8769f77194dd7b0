"""Host side of Node's ``fs``: file system calls, done synchronously.

What it is: one method per system operation ``fs`` needs (open, read,
stat, scandir, mkdir, ...), each failing the way libuv fails: a system
error whose message is libuv's (``ENOENT: no such file or directory, open
'/nope'``) with ``code``, negative ``errno``, ``syscall`` and the ``path``
and ``dest`` Node attaches.  File descriptors are the real ones of this
process, as in Node.

What it is not: asynchronous.  lib/fs.js runs these calls synchronously
and delivers callbacks and promises from the event loop's poll phase,
which is where Node delivers thread-pool completions.  Bytes cross through
the engine's bytes codec, never as JSON arrays.
"""

from __future__ import annotations

import ctypes
import errno as _errno
import os
import secrets
import stat as _stat
import string

from . import HostError

# libuv's messages (uv_strerror) for the errno values it knows; an errno it
# does not know is reported by Node as UNKNOWN.
_UV_MESSAGES = {
    "E2BIG": "argument list too long",
    "EACCES": "permission denied",
    "EADDRINUSE": "address already in use",
    "EADDRNOTAVAIL": "address not available",
    "EAFNOSUPPORT": "address family not supported",
    "EAGAIN": "resource temporarily unavailable",
    "EALREADY": "connection already in progress",
    "EBADF": "bad file descriptor",
    "EBUSY": "resource busy or locked",
    "ECANCELED": "operation canceled",
    "ECONNABORTED": "software caused connection abort",
    "ECONNREFUSED": "connection refused",
    "ECONNRESET": "connection reset by peer",
    "EDESTADDRREQ": "destination address required",
    "EEXIST": "file already exists",
    "EFAULT": "bad address in system call argument",
    "EFBIG": "file too large",
    "EHOSTDOWN": "host is down",
    "EHOSTUNREACH": "host is unreachable",
    "EILSEQ": "illegal byte sequence",
    "EINTR": "interrupted system call",
    "EINVAL": "invalid argument",
    "EIO": "i/o error",
    "EISCONN": "socket is already connected",
    "EISDIR": "illegal operation on a directory",
    "ELOOP": "too many symbolic links encountered",
    "EMFILE": "too many open files",
    "EMLINK": "too many links",
    "EMSGSIZE": "message too long",
    "ENAMETOOLONG": "name too long",
    "ENETDOWN": "network is down",
    "ENETUNREACH": "network is unreachable",
    "ENFILE": "file table overflow",
    "ENOBUFS": "no buffer space available",
    "ENODATA": "no data available",
    "ENODEV": "no such device",
    "ENOENT": "no such file or directory",
    "ENOMEM": "not enough memory",
    "ENONET": "machine is not on the network",
    "ENOPROTOOPT": "protocol not available",
    "ENOSPC": "no space left on device",
    "ENOSYS": "function not implemented",
    "ENOTCONN": "socket is not connected",
    "ENOTDIR": "not a directory",
    "ENOTEMPTY": "directory not empty",
    "ENOTSOCK": "socket operation on non-socket",
    "ENOTSUP": "operation not supported on socket",
    "ENOTTY": "inappropriate ioctl for device",
    "ENXIO": "no such device or address",
    "EOVERFLOW": "value too large for defined data type",
    "EPERM": "operation not permitted",
    "EPIPE": "broken pipe",
    "EPROTO": "protocol error",
    "EPROTONOSUPPORT": "protocol not supported",
    "EPROTOTYPE": "protocol wrong type for socket",
    "ERANGE": "result too large",
    "EREMOTEIO": "remote I/O error",
    "EROFS": "read-only file system",
    "ESHUTDOWN": "cannot send after transport endpoint shutdown",
    "ESOCKTNOSUPPORT": "socket type not supported",
    "ESPIPE": "invalid seek",
    "ESRCH": "no such process",
    "ETIMEDOUT": "connection timed out",
    "ETXTBSY": "text file is busy",
    "EUNATCH": "protocol driver not attached",
    "EXDEV": "cross-device link not permitted",
}

# errno values glibc gives two names; libuv knows them by these.
_ALIASES = {_errno.EWOULDBLOCK: "EAGAIN", _errno.EOPNOTSUPP: "ENOTSUP"}

# Dirent types, as libuv numbers them (fs.constants.UV_DIRENT_*).
_DIRENT_UNKNOWN, _DIRENT_FILE, _DIRENT_DIR, _DIRENT_LINK = 0, 1, 2, 3
_DIRENT_FIFO, _DIRENT_SOCKET, _DIRENT_CHAR, _DIRENT_BLOCK = 4, 5, 6, 7

_COPYFILE_EXCL = 1

_libc = ctypes.CDLL(None, use_errno=True)
_libc.access.argtypes = [ctypes.c_char_p, ctypes.c_int]
_libc.access.restype = ctypes.c_int

_TEMP_CHARS = string.ascii_letters + string.digits


def uv_error(number, syscall, path=None, dest=None):
    """The HostError Node's uvException builds for a failed fs call."""
    code = _ALIASES.get(number) or _errno.errorcode.get(number)
    message = _UV_MESSAGES.get(code) if code else None
    if message is None:
        code, message = "UNKNOWN", "unknown error"
    text = f"{code}: {message}, {syscall}"
    props = {"errno": -number, "syscall": syscall}
    if path is not None:
        text += f" '{path}'"
        props["path"] = path
    if dest is not None:
        text += f" -> '{dest}'"
        props["dest"] = dest
    return HostError(code, text, **props)


def _fail(exc, syscall, path=None, dest=None):
    return uv_error(exc.errno or _errno.EIO, syscall, path, dest)


def _stat_record(st):
    """Stats fields in Node's order, times as [seconds, nanoseconds]."""
    birth = getattr(st, "st_birthtime_ns", None)
    if birth is None:
        # LIMITATION: Python's os.stat has no statx birth time on Linux;
        # report ctime, as libuv does when the kernel gives none.
        birth = st.st_ctime_ns
    return [
        st.st_dev,
        st.st_mode,
        st.st_nlink,
        st.st_uid,
        st.st_gid,
        st.st_rdev,
        st.st_blksize,
        st.st_ino,
        st.st_size,
        st.st_blocks,
        *divmod(st.st_atime_ns, 1_000_000_000),
        *divmod(st.st_mtime_ns, 1_000_000_000),
        *divmod(st.st_ctime_ns, 1_000_000_000),
        *divmod(birth, 1_000_000_000),
    ]


def _dirent_type(entry):
    try:
        if entry.is_symlink():
            return _DIRENT_LINK
        if entry.is_dir(follow_symlinks=False):
            return _DIRENT_DIR
        if entry.is_file(follow_symlinks=False):
            return _DIRENT_FILE
        mode = entry.stat(follow_symlinks=False).st_mode
    except OSError:
        return _DIRENT_UNKNOWN
    if _stat.S_ISFIFO(mode):
        return _DIRENT_FIFO
    if _stat.S_ISSOCK(mode):
        return _DIRENT_SOCKET
    if _stat.S_ISCHR(mode):
        return _DIRENT_CHAR
    if _stat.S_ISBLK(mode):
        return _DIRENT_BLOCK
    return _DIRENT_UNKNOWN


def _name(raw):
    return raw.decode("utf-8", "replace")


class FsBinding:
    """Backs ``require('fs')`` and ``require('fs/promises')``."""

    def __init__(self, runtime):
        self._runtime = runtime

    # -- helpers -----------------------------------------------------------

    def _bytes_in(self, marker):
        return self._runtime.engine.bytes_from_js(marker)

    def _bytes_out(self, data):
        return self._runtime.engine.bytes_to_js(data)

    def _fd(self, fd):
        # fd 0 is the runtime's stdin, which a host may have redirected.
        return self._runtime.stdin_fd if fd == 0 else fd

    def constants(self):
        """fs.constants."""
        return fs_constants()

    # -- descriptors -------------------------------------------------------

    def open(self, path, flags, mode):
        """fs.openSync(path, flags, mode) -> fd."""
        try:
            return os.open(path, flags | os.O_CLOEXEC, mode)
        except OSError as exc:
            raise _fail(exc, "open", path) from None

    def close(self, fd):
        """fs.closeSync(fd)."""
        try:
            os.close(fd)
        except OSError as exc:
            raise _fail(exc, "close") from None

    def read(self, fd, length, position):
        """fs.readSync: up to ``length`` bytes at ``position`` (None: the
        current offset)."""
        try:
            if position is None or position < 0:
                data = os.read(self._fd(fd), length)
            else:
                data = os.pread(self._fd(fd), length, position)
        except OSError as exc:
            raise _fail(exc, "read") from None
        return self._bytes_out(data)

    def write(self, fd, data, position):
        """fs.writeSync with bytes: returns the count written."""
        data = self._bytes_in(data)
        if fd in (1, 2) and (position is None or position < 0):
            # Through the runtime, so that captured or redirected stdio
            # sees it in order with process.stdout/stderr.
            self._runtime.write_stdio(fd, data)
            return len(data)
        try:
            if position is None or position < 0:
                return os.write(fd, data)
            return os.pwrite(fd, data, position)
        except OSError as exc:
            raise _fail(exc, "write") from None

    def fstat(self, fd):
        """fs.fstatSync(fd)."""
        try:
            return _stat_record(os.fstat(self._fd(fd)))
        except OSError as exc:
            raise _fail(exc, "fstat") from None

    def fsync(self, fd):
        """fs.fsyncSync(fd)."""
        try:
            os.fsync(fd)
        except OSError as exc:
            raise _fail(exc, "fsync") from None

    def fdatasync(self, fd):
        """fs.fdatasyncSync(fd)."""
        try:
            os.fdatasync(fd)
        except OSError as exc:
            raise _fail(exc, "fdatasync") from None

    def ftruncate(self, fd, length):
        """fs.ftruncateSync(fd, len)."""
        try:
            os.ftruncate(fd, length)
        except OSError as exc:
            raise _fail(exc, "ftruncate") from None

    def fchmod(self, fd, mode):
        """fs.fchmodSync(fd, mode)."""
        try:
            os.fchmod(fd, mode)
        except OSError as exc:
            raise _fail(exc, "fchmod") from None

    def futimes(self, fd, atime, mtime):
        """fs.futimesSync(fd, atime, mtime); times in seconds."""
        try:
            os.utime(fd, ns=(_ns(atime), _ns(mtime)))
        except OSError as exc:
            raise _fail(exc, "futime") from None

    # -- whole files ---------------------------------------------------------

    def read_file(self, path, flags):
        """fs.readFileSync(path): the whole file's bytes."""
        try:
            fd = os.open(path, flags | os.O_CLOEXEC, 0o666)
        except OSError as exc:
            raise _fail(exc, "open", path) from None
        try:
            return self._bytes_out(self._read_all(fd))
        finally:
            os.close(fd)

    def read_fd(self, fd):
        """fs.readFileSync(fd): the rest of an open file."""
        return self._bytes_out(self._read_all(self._fd(fd)))

    def _read_all(self, fd):
        chunks = []
        try:
            size = os.fstat(fd).st_size
            step = max(size + 1, 64 * 1024) if size > 0 else 64 * 1024
            while True:
                chunk = os.read(fd, step)
                if not chunk:
                    break
                chunks.append(chunk)
        except OSError as exc:
            raise _fail(exc, "read") from None
        return b"".join(chunks)

    def write_file(self, path, data, flags, mode):
        """fs.writeFileSync / appendFileSync on a path."""
        data = self._bytes_in(data)
        try:
            fd = os.open(path, flags | os.O_CLOEXEC, mode)
        except OSError as exc:
            raise _fail(exc, "open", path) from None
        try:
            self._write_all(fd, data)
        finally:
            os.close(fd)

    def write_fd(self, fd, data):
        """fs.writeFileSync(fd, data): write all of it at the current offset."""
        data = self._bytes_in(data)
        if fd in (1, 2):
            self._runtime.write_stdio(fd, data)
            return
        self._write_all(fd, data)

    def _write_all(self, fd, data):
        view = memoryview(data)
        try:
            while view:
                written = os.write(fd, view)
                view = view[written:]
        except OSError as exc:
            raise _fail(exc, "write") from None

    # -- metadata --------------------------------------------------------------

    def stat(self, path, throw_if_no_entry=True):
        """fs.statSync(path); None for a missing file when asked."""
        try:
            return _stat_record(os.stat(path))
        except OSError as exc:
            if exc.errno == _errno.ENOENT and not throw_if_no_entry:
                return None
            raise _fail(exc, "stat", path) from None

    def lstat(self, path, throw_if_no_entry=True):
        """fs.lstatSync(path)."""
        try:
            return _stat_record(os.lstat(path))
        except OSError as exc:
            if exc.errno == _errno.ENOENT and not throw_if_no_entry:
                return None
            raise _fail(exc, "lstat", path) from None

    def access(self, path, mode):
        """fs.accessSync(path, mode), with access(2)'s own errno."""
        if _libc.access(os.fsencode(path), mode) != 0:
            raise uv_error(ctypes.get_errno(), "access", path)

    def exists(self, path):
        """fs.existsSync(path)."""
        return _libc.access(os.fsencode(path), os.F_OK) == 0

    def chmod(self, path, mode):
        """fs.chmodSync(path, mode)."""
        try:
            os.chmod(path, mode)
        except OSError as exc:
            raise _fail(exc, "chmod", path) from None

    def lchown(self, path, uid, gid):
        """fs.lchownSync(path, uid, gid)."""
        try:
            os.lchown(path, uid, gid)
        except OSError as exc:
            raise _fail(exc, "lchown", path) from None

    def chown(self, path, uid, gid):
        """fs.chownSync(path, uid, gid)."""
        try:
            os.chown(path, uid, gid)
        except OSError as exc:
            raise _fail(exc, "chown", path) from None

    def utimes(self, path, atime, mtime):
        """fs.utimesSync(path, atime, mtime); times in seconds."""
        try:
            os.utime(path, ns=(_ns(atime), _ns(mtime)))
        except OSError as exc:
            raise _fail(exc, "utime", path) from None

    def truncate(self, path, length):
        """fs.truncateSync(path, len): opens the file for writing, as Node."""
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CLOEXEC)
        except OSError as exc:
            raise _fail(exc, "open", path) from None
        try:
            os.ftruncate(fd, length)
        except OSError as exc:
            raise _fail(exc, "ftruncate") from None
        finally:
            os.close(fd)

    # -- directories -----------------------------------------------------------

    def readdir(self, path, with_types):
        """fs.readdirSync(path): names in byte order, as libuv's scandir
        sorts them; with ``with_types`` [names, dirent types]."""
        try:
            with os.scandir(os.fsencode(path)) as it:
                entries = sorted(it, key=lambda e: e.name)
        except OSError as exc:
            raise _fail(exc, "scandir", path) from None
        names = [_name(e.name) for e in entries]
        if not with_types:
            return names
        return [names, [_dirent_type(e) for e in entries]]

    def readdir_recursive(self, path, with_types):
        """readdirSync(path, {recursive: true}): breadth first, each
        directory's entries sorted; entries are [relative name, type,
        parent path]."""
        out = []
        queue = [(path, "")]
        while queue:
            directory, prefix = queue.pop(0)
            try:
                with os.scandir(os.fsencode(directory)) as it:
                    entries = sorted(it, key=lambda e: e.name)
            except OSError as exc:
                raise _fail(exc, "scandir", directory) from None
            for entry in entries:
                name = _name(entry.name)
                kind = _dirent_type(entry)
                relative = prefix + name
                out.append([relative if not with_types else name, kind, directory])
                if kind == _DIRENT_DIR:
                    queue.append((os.path.join(directory, name), relative + "/"))
        return out

    def mkdir(self, path, recursive, mode):
        """fs.mkdirSync(path, {recursive, mode}); recursive returns the
        first directory created (None when it existed)."""
        if not recursive:
            try:
                os.mkdir(path, mode)
            except OSError as exc:
                raise _fail(exc, "mkdir", path) from None
            return None
        missing = []
        current = path
        first = None
        while True:
            try:
                os.mkdir(current, mode)
                first = current
                break
            except FileExistsError:
                if os.path.isdir(current):
                    if current == path:
                        return None
                    break
                number = _errno.EEXIST if current == path else _errno.ENOTDIR
                raise uv_error(number, "mkdir", path) from None
            except FileNotFoundError:
                parent = os.path.dirname(current.rstrip("/"))
                if parent in ("", current):
                    raise uv_error(_errno.ENOENT, "mkdir", path) from None
                missing.append(current)
                current = parent
            except OSError as exc:
                raise _fail(exc, "mkdir", path) from None
        for directory in reversed(missing):
            try:
                os.mkdir(directory, mode)
            except FileExistsError:
                if not os.path.isdir(directory):
                    raise uv_error(_errno.ENOTDIR, "mkdir", path) from None
                continue
            except OSError as exc:
                raise _fail(exc, "mkdir", path) from None
            if first is None:
                first = directory
        return first

    def mkdtemp(self, prefix):
        """fs.mkdtempSync(prefix): prefix + six random characters."""
        for _ in range(100):
            suffix = "".join(secrets.choice(_TEMP_CHARS) for _ in range(6))
            candidate = prefix + suffix
            try:
                os.mkdir(candidate, 0o700)
                return candidate
            except FileExistsError:
                continue
            except OSError as exc:
                raise _fail(exc, "mkdtemp", prefix + "XXXXXX") from None
        raise uv_error(_errno.EEXIST, "mkdtemp", prefix + "XXXXXX")

    def rmdir(self, path):
        """fs.rmdirSync(path)."""
        try:
            os.rmdir(path)
        except OSError as exc:
            raise _fail(exc, "rmdir", path) from None

    def unlink(self, path):
        """fs.unlinkSync(path)."""
        try:
            os.unlink(path)
        except OSError as exc:
            raise _fail(exc, "unlink", path) from None

    def rm(self, path, recursive, force):
        """fs.rmSync(path, {recursive, force}): lstat first, as Node."""
        try:
            st = os.lstat(path)
        except OSError as exc:
            if force and exc.errno == _errno.ENOENT:
                return
            raise _fail(exc, "lstat", path) from None
        if _stat.S_ISDIR(st.st_mode):
            if not recursive:
                raise HostError(
                    "ERR_FS_EISDIR",
                    "Path is a directory: rm returned EISDIR "
                    f"(is a directory) {path}",
                    name="SystemError",
                    info={
                        "code": "EISDIR",
                        "message": "is a directory",
                        "path": path,
                        "syscall": "rm",
                        "errno": _errno.EISDIR,
                    },
                )
            self._remove_tree(path)
            return
        try:
            os.unlink(path)
        except OSError as exc:
            if force and exc.errno == _errno.ENOENT:
                return
            raise _fail(exc, "unlink", path) from None

    def _remove_tree(self, path):
        try:
            with os.scandir(path) as it:
                entries = [(e.name, e.is_dir(follow_symlinks=False)) for e in it]
        except OSError as exc:
            raise _fail(exc, "scandir", path) from None
        for name, is_dir in entries:
            child = os.path.join(path, name)
            if is_dir:
                self._remove_tree(child)
            else:
                try:
                    os.unlink(child)
                except FileNotFoundError:
                    pass
                except OSError as exc:
                    raise _fail(exc, "unlink", child) from None
        try:
            os.rmdir(path)
        except OSError as exc:
            raise _fail(exc, "rmdir", path) from None

    def rename(self, old, new):
        """fs.renameSync(oldPath, newPath)."""
        try:
            os.rename(old, new)
        except OSError as exc:
            raise _fail(exc, "rename", old, new) from None

    def copyfile(self, src, dest, mode):
        """fs.copyFileSync(src, dest, mode): data and permission bits, as
        uv_fs_copyfile (a copy onto itself is a no-op)."""
        try:
            src_fd = os.open(src, os.O_RDONLY | os.O_CLOEXEC)
        except OSError as exc:
            raise _fail(exc, "copyfile", src, dest) from None
        try:
            src_st = os.fstat(src_fd)
            if _stat.S_ISDIR(src_st.st_mode):
                raise uv_error(_errno.EISDIR, "copyfile", src, dest)
            flags = os.O_WRONLY | os.O_CREAT | os.O_CLOEXEC
            if mode & _COPYFILE_EXCL:
                flags |= os.O_EXCL
            try:
                dst_fd = os.open(dest, flags, src_st.st_mode & 0o7777)
            except OSError as exc:
                raise _fail(exc, "copyfile", src, dest) from None
            try:
                dst_st = os.fstat(dst_fd)
                if (dst_st.st_dev, dst_st.st_ino) == (src_st.st_dev, src_st.st_ino):
                    return
                os.fchmod(dst_fd, src_st.st_mode & 0o7777)
                os.ftruncate(dst_fd, 0)
                while True:
                    chunk = os.read(src_fd, 1 << 20)
                    if not chunk:
                        break
                    self._write_all(dst_fd, chunk)
            except HostError:
                raise
            except OSError as exc:
                raise _fail(exc, "copyfile", src, dest) from None
            finally:
                os.close(dst_fd)
        finally:
            os.close(src_fd)

    # -- links -----------------------------------------------------------------

    def symlink(self, target, path):
        """fs.symlinkSync(target, path)."""
        try:
            os.symlink(target, path)
        except OSError as exc:
            raise _fail(exc, "symlink", target, path) from None

    def link(self, existing, new):
        """fs.linkSync(existingPath, newPath)."""
        try:
            os.link(existing, new)
        except OSError as exc:
            raise _fail(exc, "link", existing, new) from None

    def readlink(self, path):
        """fs.readlinkSync(path)."""
        try:
            return os.readlink(path)
        except OSError as exc:
            raise _fail(exc, "readlink", path) from None

    def realpath(self, path):
        """fs.realpathSync(path): Node's own walk, one lstat per component
        of the absolute path; links are stat'ed then read, so a failure
        names the component (lstat) or the link (stat) where it happened."""
        # Like Node, '..' in the argument is resolved lexically first.
        base = os.path.normpath(os.path.join(os.getcwd(), path))
        pending = [part for part in base.split("/") if part]
        resolved = "/"
        seen = 0
        while pending:
            part = pending.pop(0)
            if part == ".":
                continue
            if part == "..":
                resolved = os.path.dirname(resolved) or "/"
                continue
            candidate = resolved.rstrip("/") + "/" + part
            try:
                st = os.lstat(candidate)
            except OSError as exc:
                raise _fail(exc, "lstat", candidate) from None
            if not _stat.S_ISLNK(st.st_mode):
                resolved = candidate
                continue
            seen += 1
            try:
                os.stat(candidate)
                target = os.readlink(candidate)
            except OSError as exc:
                raise _fail(exc, "stat", candidate) from None
            if seen > 40:
                raise uv_error(_errno.ELOOP, "stat", candidate)
            if target.startswith("/"):
                resolved = "/"
            pending[:0] = [p for p in target.split("/") if p]
        return resolved

    def realpath_native(self, path):
        """fs.realpathSync.native(path): realpath(3)."""
        try:
            os.stat(path)
            return os.path.realpath(path, strict=True)
        except OSError as exc:
            raise _fail(exc, "realpath", path) from None


def fs_constants():
    """fs.constants as ordered [name, value] pairs, in Node's order."""
    def osval(name, default=None):
        return getattr(os, name, default)

    table = [
        ("UV_FS_SYMLINK_DIR", 1),
        ("UV_FS_SYMLINK_JUNCTION", 2),
        ("O_RDONLY", os.O_RDONLY),
        ("O_WRONLY", os.O_WRONLY),
        ("O_RDWR", os.O_RDWR),
        ("UV_DIRENT_UNKNOWN", 0),
        ("UV_DIRENT_FILE", 1),
        ("UV_DIRENT_DIR", 2),
        ("UV_DIRENT_LINK", 3),
        ("UV_DIRENT_FIFO", 4),
        ("UV_DIRENT_SOCKET", 5),
        ("UV_DIRENT_CHAR", 6),
        ("UV_DIRENT_BLOCK", 7),
        ("EXTENSIONLESS_FORMAT_JAVASCRIPT", 0),
        ("EXTENSIONLESS_FORMAT_WASM", 1),
        ("S_IFMT", _stat.S_IFMT(0xFFFFFFFF)),
        ("S_IFREG", _stat.S_IFREG),
        ("S_IFDIR", _stat.S_IFDIR),
        ("S_IFCHR", _stat.S_IFCHR),
        ("S_IFBLK", _stat.S_IFBLK),
        ("S_IFIFO", _stat.S_IFIFO),
        ("S_IFLNK", _stat.S_IFLNK),
        ("S_IFSOCK", _stat.S_IFSOCK),
        ("O_CREAT", os.O_CREAT),
        ("O_EXCL", os.O_EXCL),
        ("UV_FS_O_FILEMAP", 0),
        ("O_NOCTTY", osval("O_NOCTTY")),
        ("O_TRUNC", os.O_TRUNC),
        ("O_APPEND", os.O_APPEND),
        ("O_DIRECTORY", osval("O_DIRECTORY")),
        ("O_NOATIME", osval("O_NOATIME")),
        ("O_NOFOLLOW", osval("O_NOFOLLOW")),
        ("O_SYNC", osval("O_SYNC")),
        ("O_DSYNC", osval("O_DSYNC")),
        ("O_SYMLINK", osval("O_SYMLINK")),
        ("O_DIRECT", osval("O_DIRECT")),
        ("O_NONBLOCK", osval("O_NONBLOCK")),
        ("S_IRWXU", _stat.S_IRWXU),
        ("S_IRUSR", _stat.S_IRUSR),
        ("S_IWUSR", _stat.S_IWUSR),
        ("S_IXUSR", _stat.S_IXUSR),
        ("S_IRWXG", _stat.S_IRWXG),
        ("S_IRGRP", _stat.S_IRGRP),
        ("S_IWGRP", _stat.S_IWGRP),
        ("S_IXGRP", _stat.S_IXGRP),
        ("S_IRWXO", _stat.S_IRWXO),
        ("S_IROTH", _stat.S_IROTH),
        ("S_IWOTH", _stat.S_IWOTH),
        ("S_IXOTH", _stat.S_IXOTH),
        ("F_OK", os.F_OK),
        ("R_OK", os.R_OK),
        ("W_OK", os.W_OK),
        ("X_OK", os.X_OK),
        ("UV_FS_COPYFILE_EXCL", 1),
        ("COPYFILE_EXCL", 1),
        ("UV_FS_COPYFILE_FICLONE", 2),
        ("COPYFILE_FICLONE", 2),
        ("UV_FS_COPYFILE_FICLONE_FORCE", 4),
        ("COPYFILE_FICLONE_FORCE", 4),
    ]
    return [[name, value] for name, value in table if value is not None]


def _ns(seconds):
    return round(seconds * 1_000_000_000)
