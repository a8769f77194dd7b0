"""Host side of Node's ``os`` module and of the legacy ``constants`` table.

What it is: the facts ``os`` reports about the machine, read where libuv
reads them on Linux (/proc, /sys, getifaddrs, the passwd database), and the
numeric constants Node exposes (errno, signals, fs, dlopen, priority and
the OpenSSL ones), with values from this host and from the OpenSSL that the
``cryptography`` package actually loaded.

What it is not: portable beyond Linux-like systems (``/proc`` readers fall
back to zeros), nor a way to change the machine (only ``setPriority``).
"""

from __future__ import annotations

import ctypes
import ctypes.util
import errno as _errno
import os
import pwd
import signal
import socket
import sys

from . import HostError
from .fs import fs_constants


def _read(path):
    try:
        with open(path, encoding="ascii", errors="replace") as f:
            return f.read()
    except OSError:
        return None


def _system_error(exc, syscall):
    """Node's SystemError for a failed uv_os_* call (ERR_SYSTEM_ERROR)."""
    code = _errno.errorcode.get(exc.errno, "EIO")
    reason = (exc.strerror or code).lower()
    return HostError(
        "ERR_SYSTEM_ERROR",
        f"A system error occurred: {syscall} returned {code} ({reason})",
        name="SystemError",
        info={
            "errno": -exc.errno,
            "code": code,
            "message": reason,
            "syscall": syscall,
        },
    )


class OsBinding:
    """Backs ``require('os')``, ``require('constants')`` and ``fs.constants``."""

    def __init__(self):
        self._constants = None

    # -- static facts ------------------------------------------------------

    def info(self):
        """os.type/release/version/machine/arch/platform/endianness/EOL."""
        uname = os.uname()
        machine = uname.machine
        return {
            "type": uname.sysname,
            "release": uname.release,
            "version": uname.version,
            "machine": machine,
            "arch": {
                "x86_64": "x64",
                "amd64": "x64",
                "aarch64": "arm64",
                "i686": "ia32",
                "i386": "ia32",
                "armv7l": "arm",
                "ppc64le": "ppc64",
            }.get(machine, machine),
            "platform": sys.platform,
            "endianness": "LE" if sys.byteorder == "little" else "BE",
        }

    def hostname(self):
        """os.hostname()."""
        return socket.gethostname()

    def tmpdir(self):
        """os.tmpdir(): $TMPDIR, $TMP, $TEMP or /tmp, without a trailing '/'."""
        path = (
            os.environ.get("TMPDIR")
            or os.environ.get("TMP")
            or os.environ.get("TEMP")
            or "/tmp"
        )
        if len(path) > 1 and path.endswith("/"):
            path = path[:-1]
        return path

    def homedir(self):
        """os.homedir(): $HOME, else the passwd entry (uv_os_homedir)."""
        home = os.environ.get("HOME")
        if home:
            return home
        try:
            return pwd.getpwuid(os.geteuid()).pw_dir
        except KeyError as exc:
            raise _system_error(
                OSError(_errno.ENOENT, os.strerror(_errno.ENOENT)),
                "uv_os_homedir",
            ) from exc

    def user_info(self):
        """os.userInfo(): the passwd entry of the effective user."""
        try:
            entry = pwd.getpwuid(os.geteuid())
        except KeyError as exc:
            raise _system_error(
                OSError(_errno.ENOENT, os.strerror(_errno.ENOENT)),
                "uv_os_get_passwd",
            ) from exc
        return {
            "uid": entry.pw_uid,
            "gid": entry.pw_gid,
            "username": entry.pw_name,
            "homedir": entry.pw_dir,
            "shell": entry.pw_shell or None,
        }

    def ids(self):
        """[uid, gid] of the process (process.getuid/getgid)."""
        return [os.getuid(), os.getgid()]

    def effective_ids(self):
        """[euid, egid] of the process (process.geteuid/getegid)."""
        return [os.geteuid(), os.getegid()]

    # -- changing facts ------------------------------------------------------

    def cpus(self):
        """os.cpus(): one {model, speed, times} per CPU listed in /proc/stat.

        Times are milliseconds (clock ticks scaled by the tick rate); speed
        is the current frequency in MHz from cpufreq, 0 where the kernel
        does not publish it (as libuv reports).
        """
        stat_text = _read("/proc/stat") or ""
        rows = []
        for line in stat_text.splitlines():
            parts = line.split()
            if not parts or not parts[0].startswith("cpu") or parts[0] == "cpu":
                continue
            rows.append((int(parts[0][3:]), [int(x) for x in parts[1:8]]))
        models = []
        for line in (_read("/proc/cpuinfo") or "").splitlines():
            key, _, value = line.partition(":")
            if key.strip() in ("model name", "Processor") and value.strip():
                models.append(value.strip())
        try:
            tick = os.sysconf("SC_CLK_TCK")
        except (ValueError, OSError):
            tick = 100
        scale = 1000 // tick if tick else 10
        out = []
        for position, (number, values) in enumerate(rows):
            values += [0] * (7 - len(values))
            user, nice, system, idle, _iowait, irq, _softirq = values
            freq = _read(
                f"/sys/devices/system/cpu/cpu{number}/cpufreq/scaling_cur_freq"
            )
            try:
                speed = int(freq) // 1000 if freq else 0
            except ValueError:
                speed = 0
            if position < len(models):
                model = models[position]
            else:
                model = models[0] if models else "unknown"
            out.append(
                {
                    "model": model,
                    "speed": speed,
                    "times": {
                        "user": user * scale,
                        "nice": nice * scale,
                        "sys": system * scale,
                        "idle": idle * scale,
                        "irq": irq * scale,
                    },
                }
            )
        return out

    def available_parallelism(self):
        """os.availableParallelism()."""
        try:
            return max(1, len(os.sched_getaffinity(0)))
        except (AttributeError, OSError):
            return os.cpu_count() or 1

    def memory(self):
        """[totalmem, freemem] in bytes, from MemTotal and MemAvailable."""
        fields = {}
        for line in (_read("/proc/meminfo") or "").splitlines():
            key, _, value = line.partition(":")
            parts = value.split()
            if parts:
                fields[key] = int(parts[0]) * 1024
        total = fields.get("MemTotal")
        if total is None:
            pages = os.sysconf("SC_PHYS_PAGES")
            total = pages * os.sysconf("SC_PAGE_SIZE")
        free = fields.get("MemAvailable", fields.get("MemFree", 0))
        return [total, free]

    def loadavg(self):
        """os.loadavg(): /proc/loadavg first, as libuv reads it."""
        text = _read("/proc/loadavg")
        if text:
            try:
                return [float(x) for x in text.split()[:3]]
            except ValueError:
                pass
        try:
            return list(os.getloadavg())
        except OSError:
            return [0, 0, 0]

    def uptime(self):
        """os.uptime(): seconds since boot."""
        text = _read("/proc/uptime")
        if text:
            return float(text.split()[0])
        return 0

    def get_priority(self, pid):
        """os.getPriority(pid)."""
        try:
            return os.getpriority(os.PRIO_PROCESS, pid)
        except OSError as exc:
            raise _system_error(exc, "uv_os_getpriority") from exc

    def set_priority(self, pid, priority):
        """os.setPriority(pid, priority)."""
        try:
            os.setpriority(os.PRIO_PROCESS, pid, priority)
        except OSError as exc:
            raise _system_error(exc, "uv_os_setpriority") from exc

    def network_interfaces(self):
        """os.networkInterfaces(): addresses of interfaces that are up.

        Read with getifaddrs(3) as libuv does: IPv4 and IPv6 entries of
        interfaces that are up and running, each with the interface's MAC
        (from its AF_PACKET entry).  Returns [] when getifaddrs is missing.
        """
        try:
            return _interfaces()
        except (OSError, AttributeError):
            return []

    # -- constants ---------------------------------------------------------------

    def constants(self):
        """The numeric tables behind os.constants, fs.constants and
        require('constants'), computed once."""
        if self._constants is None:
            self._constants = _build_constants()
        return self._constants


# ---------------------------------------------------------------------------
# getifaddrs through ctypes.

_IFF_UP = 0x1
_IFF_LOOPBACK = 0x8
_IFF_RUNNING = 0x40
_AF_PACKET = getattr(socket, "AF_PACKET", 17)


class _Sockaddr(ctypes.Structure):
    _fields_ = [("family", ctypes.c_ushort), ("data", ctypes.c_ubyte * 14)]


class _SockaddrIn(ctypes.Structure):
    _fields_ = [
        ("family", ctypes.c_ushort),
        ("port", ctypes.c_uint16),
        ("addr", ctypes.c_ubyte * 4),
        ("zero", ctypes.c_ubyte * 8),
    ]


class _SockaddrIn6(ctypes.Structure):
    _fields_ = [
        ("family", ctypes.c_ushort),
        ("port", ctypes.c_uint16),
        ("flowinfo", ctypes.c_uint32),
        ("addr", ctypes.c_ubyte * 16),
        ("scope_id", ctypes.c_uint32),
    ]


class _SockaddrLl(ctypes.Structure):
    _fields_ = [
        ("family", ctypes.c_ushort),
        ("protocol", ctypes.c_uint16),
        ("ifindex", ctypes.c_int),
        ("hatype", ctypes.c_ushort),
        ("pkttype", ctypes.c_ubyte),
        ("halen", ctypes.c_ubyte),
        ("addr", ctypes.c_ubyte * 8),
    ]


class _Ifaddrs(ctypes.Structure):
    pass


_Ifaddrs._fields_ = [
    ("next", ctypes.POINTER(_Ifaddrs)),
    ("name", ctypes.c_char_p),
    ("flags", ctypes.c_uint),
    ("addr", ctypes.POINTER(_Sockaddr)),
    ("netmask", ctypes.POINTER(_Sockaddr)),
    ("ifu", ctypes.POINTER(_Sockaddr)),
    ("data", ctypes.c_void_p),
]


def _interfaces():
    libc = ctypes.CDLL(ctypes.util.find_library("c") or None, use_errno=True)
    head = ctypes.POINTER(_Ifaddrs)()
    if libc.getifaddrs(ctypes.byref(head)) != 0:
        raise OSError(ctypes.get_errno(), "getifaddrs")
    try:
        entries = []
        node = head
        while node:
            entries.append(node.contents)
            node = node.contents.next
        macs = {}
        for entry in entries:
            if entry.addr and entry.addr.contents.family == _AF_PACKET:
                ll = ctypes.cast(entry.addr, ctypes.POINTER(_SockaddrLl)).contents
                macs[entry.name] = ":".join(
                    f"{b:02x}" for b in bytes(ll.addr)[:6]
                )
        out = []
        for entry in entries:
            wanted = _IFF_UP | _IFF_RUNNING
            if (entry.flags & wanted) != wanted or not entry.addr:
                continue
            family = entry.addr.contents.family
            if family not in (socket.AF_INET, socket.AF_INET6):
                continue
            name = entry.name.decode("utf-8", "replace")
            record = {
                "name": name,
                "mac": macs.get(entry.name, "00:00:00:00:00:00"),
                "internal": bool(entry.flags & _IFF_LOOPBACK),
            }
            if family == socket.AF_INET:
                addr = ctypes.cast(entry.addr, ctypes.POINTER(_SockaddrIn)).contents
                record["family"] = "IPv4"
                record["address"] = socket.inet_ntop(family, bytes(addr.addr))
                mask = b"\0" * 4
                if entry.netmask:
                    mask = bytes(
                        ctypes.cast(
                            entry.netmask, ctypes.POINTER(_SockaddrIn)
                        ).contents.addr
                    )
            else:
                addr = ctypes.cast(entry.addr, ctypes.POINTER(_SockaddrIn6)).contents
                record["family"] = "IPv6"
                record["address"] = socket.inet_ntop(family, bytes(addr.addr))
                record["scopeid"] = addr.scope_id
                mask = b"\0" * 16
                if entry.netmask:
                    mask = bytes(
                        ctypes.cast(
                            entry.netmask, ctypes.POINTER(_SockaddrIn6)
                        ).contents.addr
                    )
            record["netmask"] = socket.inet_ntop(family, mask)
            record["prefix"] = sum(b.bit_count() for b in mask)
            out.append(record)
        return out
    finally:
        libc.freeifaddrs(head)


# ---------------------------------------------------------------------------
# Constant tables.  Names and their order are Node's; the values come from
# this host wherever Python can see them.

_ERRNO_NAMES = (
    "E2BIG EACCES EADDRINUSE EADDRNOTAVAIL EAFNOSUPPORT EAGAIN EALREADY "
    "EBADF EBADMSG EBUSY ECANCELED ECHILD ECONNABORTED ECONNREFUSED "
    "ECONNRESET EDEADLK EDESTADDRREQ EDOM EDQUOT EEXIST EFAULT EFBIG "
    "EHOSTUNREACH EIDRM EILSEQ EINPROGRESS EINTR EINVAL EIO EISCONN EISDIR "
    "ELOOP EMFILE EMLINK EMSGSIZE EMULTIHOP ENAMETOOLONG ENETDOWN ENETRESET "
    "ENETUNREACH ENFILE ENOBUFS ENODATA ENODEV ENOENT ENOEXEC ENOLCK ENOLINK "
    "ENOMEM ENOMSG ENOPROTOOPT ENOSPC ENOSR ENOSTR ENOSYS ENOTCONN ENOTDIR "
    "ENOTEMPTY ENOTSOCK ENOTSUP ENOTTY ENXIO EOPNOTSUPP EOVERFLOW EPERM EPIPE "
    "EPROTO EPROTONOSUPPORT EPROTOTYPE ERANGE EROFS ESPIPE ESRCH ESTALE ETIME "
    "ETIMEDOUT ETXTBSY EWOULDBLOCK EXDEV"
).split()

_SIGNAL_NAMES = (
    "SIGHUP SIGINT SIGQUIT SIGILL SIGTRAP SIGABRT SIGIOT SIGBUS SIGFPE "
    "SIGKILL SIGUSR1 SIGSEGV SIGUSR2 SIGPIPE SIGALRM SIGTERM SIGCHLD "
    "SIGSTKFLT SIGCONT SIGSTOP SIGTSTP SIGTTIN SIGTTOU SIGURG SIGXCPU "
    "SIGXFSZ SIGVTALRM SIGPROF SIGWINCH SIGIO SIGPOLL SIGPWR SIGSYS"
).split()

_PRIORITY = [
    ("PRIORITY_LOW", 19),
    ("PRIORITY_BELOW_NORMAL", 10),
    ("PRIORITY_NORMAL", 0),
    ("PRIORITY_ABOVE_NORMAL", -7),
    ("PRIORITY_HIGH", -14),
    ("PRIORITY_HIGHEST", -20),
]

# SSL_OP_* names Node 20 publishes.  Values come from the loaded OpenSSL
# binding; the fallbacks are the bit positions in OpenSSL's ssl.h, for the
# few options the cryptography binding does not export.
_SSL_OP_NAMES = (
    "ALL ALLOW_NO_DHE_KEX ALLOW_UNSAFE_LEGACY_RENEGOTIATION "
    "CIPHER_SERVER_PREFERENCE CISCO_ANYCONNECT COOKIE_EXCHANGE "
    "CRYPTOPRO_TLSEXT_BUG DONT_INSERT_EMPTY_FRAGMENTS LEGACY_SERVER_CONNECT "
    "NO_COMPRESSION NO_ENCRYPT_THEN_MAC NO_QUERY_MTU NO_RENEGOTIATION "
    "NO_SESSION_RESUMPTION_ON_RENEGOTIATION NO_SSLv2 NO_SSLv3 NO_TICKET "
    "NO_TLSv1 NO_TLSv1_1 NO_TLSv1_2 NO_TLSv1_3 PRIORITIZE_CHACHA "
    "TLS_ROLLBACK_BUG"
).split()

_SSL_OP_FALLBACK = {
    "ALLOW_NO_DHE_KEX": 1 << 10,
    "CISCO_ANYCONNECT": 1 << 15,
    "NO_SESSION_RESUMPTION_ON_RENEGOTIATION": 1 << 16,
    "ALLOW_UNSAFE_LEGACY_RENEGOTIATION": 1 << 18,
    "NO_ENCRYPT_THEN_MAC": 1 << 19,
    "PRIORITIZE_CHACHA": 1 << 21,
    "CRYPTOPRO_TLSEXT_BUG": 1 << 31,
    "ALL": 0x80000850,
    "CIPHER_SERVER_PREFERENCE": 1 << 22,
    "COOKIE_EXCHANGE": 1 << 13,
    "DONT_INSERT_EMPTY_FRAGMENTS": 1 << 11,
    "LEGACY_SERVER_CONNECT": 1 << 2,
    "NO_COMPRESSION": 1 << 17,
    "NO_QUERY_MTU": 1 << 12,
    "NO_RENEGOTIATION": 1 << 30,
    "NO_SSLv2": 0,
    "NO_SSLv3": 1 << 25,
    "NO_TICKET": 1 << 14,
    "NO_TLSv1": 1 << 26,
    "NO_TLSv1_1": 1 << 28,
    "NO_TLSv1_2": 1 << 27,
    "NO_TLSv1_3": 1 << 29,
    "TLS_ROLLBACK_BUG": 1 << 23,
}

# OpenSSL's engine.h values.  OpenSSL 4 removed ENGINE, but Node 20 still
# publishes these names and code only ever passes them back to setEngine.
_ENGINE_METHODS = [
    ("ENGINE_METHOD_RSA", 0x1),
    ("ENGINE_METHOD_DSA", 0x2),
    ("ENGINE_METHOD_DH", 0x4),
    ("ENGINE_METHOD_RAND", 0x8),
    ("ENGINE_METHOD_EC", 0x800),
    ("ENGINE_METHOD_CIPHERS", 0x40),
    ("ENGINE_METHOD_DIGESTS", 0x80),
    ("ENGINE_METHOD_PKEY_METHS", 0x200),
    ("ENGINE_METHOD_PKEY_ASN1_METHS", 0x400),
    ("ENGINE_METHOD_ALL", 0xFFFF),
    ("ENGINE_METHOD_NONE", 0x0),
]

# From OpenSSL's dh.h, rsa.h and ec.h; stable across OpenSSL 1.1 to 4.
_DH_RSA = [
    ("DH_CHECK_P_NOT_SAFE_PRIME", 0x2),
    ("DH_CHECK_P_NOT_PRIME", 0x1),
    ("DH_UNABLE_TO_CHECK_GENERATOR", 0x4),
    ("DH_NOT_SUITABLE_GENERATOR", 0x8),
    ("RSA_PKCS1_PADDING", 1),
    ("RSA_NO_PADDING", 3),
    ("RSA_PKCS1_OAEP_PADDING", 4),
    ("RSA_X931_PADDING", 5),
    ("RSA_PKCS1_PSS_PADDING", 6),
    ("RSA_PSS_SALTLEN_DIGEST", -1),
    ("RSA_PSS_SALTLEN_MAX_SIGN", -2),
    ("RSA_PSS_SALTLEN_AUTO", -2),
]

_POINT_CONVERSION = [
    ("POINT_CONVERSION_COMPRESSED", 2),
    ("POINT_CONVERSION_UNCOMPRESSED", 4),
    ("POINT_CONVERSION_HYBRID", 6),
]

# Node 20's default cipher list (its documented `tls.DEFAULT_CIPHERS`).
DEFAULT_CIPHER_LIST = ":".join(
    [
        "TLS_AES_256_GCM_SHA384",
        "TLS_CHACHA20_POLY1305_SHA256",
        "TLS_AES_128_GCM_SHA256",
        "ECDHE-RSA-AES128-GCM-SHA256",
        "ECDHE-ECDSA-AES128-GCM-SHA256",
        "ECDHE-RSA-AES256-GCM-SHA384",
        "ECDHE-ECDSA-AES256-GCM-SHA384",
        "DHE-RSA-AES128-GCM-SHA256",
        "ECDHE-RSA-AES128-SHA256",
        "DHE-RSA-AES128-SHA256",
        "ECDHE-RSA-AES256-SHA384",
        "DHE-RSA-AES256-SHA384",
        "ECDHE-RSA-AES256-SHA256",
        "DHE-RSA-AES256-SHA256",
        "HIGH",
        "!aNULL",
        "!eNULL",
        "!EXPORT",
        "!DES",
        "!RC4",
        "!MD5",
        "!PSK",
        "!SRP",
        "!CAMELLIA",
    ]
)


def _openssl_lib():
    try:
        from cryptography.hazmat.bindings.openssl.binding import Binding

        return Binding().lib
    except Exception:  # noqa: BLE001 - no OpenSSL: use header values
        return None


def _crypto_constants():
    lib = _openssl_lib()

    def lib_value(name, default):
        value = getattr(lib, name, None) if lib is not None else None
        return value if isinstance(value, int) else default

    table = [["OPENSSL_VERSION_NUMBER", lib_value("OPENSSL_VERSION_NUMBER", 0)]]
    for name in _SSL_OP_NAMES:
        table.append(
            [f"SSL_OP_{name}", lib_value(f"SSL_OP_{name}", _SSL_OP_FALLBACK[name])]
        )
    table += [list(pair) for pair in _ENGINE_METHODS + _DH_RSA]
    table.append(["defaultCoreCipherList", DEFAULT_CIPHER_LIST])
    for name, value in (
        ("TLS1_VERSION", 0x301),
        ("TLS1_1_VERSION", 0x302),
        ("TLS1_2_VERSION", 0x303),
        ("TLS1_3_VERSION", 0x304),
    ):
        table.append([name, lib_value(name, value)])
    table += [list(pair) for pair in _POINT_CONVERSION]
    table.append(["defaultCipherList", DEFAULT_CIPHER_LIST])
    return table


def _build_constants():
    """Ordered [name, value] tables (JSON objects would lose no order, but
    lists say plainly that the order is Node's)."""
    errnos = [
        [name, getattr(_errno, name)]
        for name in _ERRNO_NAMES
        if hasattr(_errno, name)
    ]
    signals = [
        [name, int(getattr(signal, name))]
        for name in _SIGNAL_NAMES
        if hasattr(signal, name)
    ]
    dlopen = [
        [name, getattr(os, name)]
        for name in (
            "RTLD_LAZY",
            "RTLD_NOW",
            "RTLD_GLOBAL",
            "RTLD_LOCAL",
            "RTLD_DEEPBIND",
        )
        if hasattr(os, name)
    ]
    return {
        "UV_UDP_REUSEADDR": 4,
        "dlopen": dlopen,
        "errno": errnos,
        "signals": signals,
        "priority": [list(pair) for pair in _PRIORITY],
        "fs": fs_constants(),
        "crypto": _crypto_constants(),
    }
