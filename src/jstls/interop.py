"""The interoperability matrix: jstls against real TLS peers, both ways.

Each cell is one feature, one peer and one direction.  The peers are
``openssl s_server`` / ``s_client``, Python's ``ssl`` module and ``curl``
(a client only); the direction says which side jstls plays:

* ``jstls client``: ``conformance/interop/client.js`` under jstls connects
  to the peer's server;
* ``jstls server``: the peer connects to ``conformance/interop/server.js``
  under jstls.

Both scripts report what each connection negotiated as JSON lines; the
cell compares that, and what the peer reports, with what the Node docs
promise.  Everything runs on real loopback sockets with the fixture
certificates of tests/tls_fixtures.py.  A cell whose peer tool is not
installed is skipped with that reason.

The same scripts run under ``node --tls-max-v1.2`` (``runner="node"``),
which is how the expectations were checked against node; the one place
jstls follows the docs where node 20 does not (no common ALPN protocol:
the docs give ``alpnProtocol === false``, node 20 sends a fatal alert) is
spelled out in that cell.

What it is not: a test of jstls against itself (tests/scripts/tls/ and
conformance/items/ do that), nor a benchmark.  It is used by
``jstls conformance`` (the matrix in its report) and tests/test_interop.py
(a test per cell).
"""

from __future__ import annotations

import json
import os
import pathlib
import shutil
import socket
import ssl
import subprocess
import sys
import threading
import warnings
from dataclasses import dataclass
from typing import Callable

PEERS = ("openssl", "python-ssl", "curl")
DIRECTIONS = ("jstls client", "jstls server")
TIMEOUT = 20

# Features, in the order the matrix prints them, with what each checks.
FEATURES = {
    "tls1.2-default": "no version options: TLSv1.2, the documented maximum",
    "tls1.3-opt-in": "maxVersion 'TLSv1.3' on the jstls side: TLSv1.3",
    "tls1.1-refused": "a TLSv1.1-only peer is refused by default",
    "tls1.1-seclevel0": "minVersion 'TLSv1.1' with ciphers "
                        "'DEFAULT@SECLEVEL=0': TLSv1.1 is allowed",
    "client-cert": "client certificate required and presented: accepted",
    "client-cert-missing": "client certificate required, none: rejected",
    "sni": "the client sends a servername; the server picks its context",
    "alpn": "ALPN: the server picks a protocol both offer",
    "alpn-no-overlap": "ALPN with no common protocol: no protocol chosen",
    "resume-session-id": "TLS 1.2 session-id resumption (tickets off)",
    "resume-ticket": "TLS 1.2 session-ticket resumption",
}

TLS11_CIPHERS = "DEFAULT@SECLEVEL=0"

# Where jstls follows the Node docs and node 20 does not, each runner is
# held to its own behaviour: (feature, direction) -> what differs.
NODE_DIFFERS = {
    ("alpn-no-overlap", "jstls server"):
        "with no common ALPN protocol the docs give alpnProtocol false "
        "(jstls); node 20 refuses the handshake (no_application_protocol)",
}


class CellFailed(Exception):
    """A cell's outcome differs from the expected one."""


class CellSkipped(Exception):
    """A cell cannot run here (its peer tool is missing)."""


@dataclass
class Setup:
    """What every cell needs: the fixture folder, the scripts' folder and
    the runner of the JS side ("jstls" or "node")."""

    fixtures: pathlib.Path
    scripts: pathlib.Path
    runner: str = "jstls"

    def command(self, script):
        if self.runner == "node":
            node = shutil.which("node")
            if node is None:
                raise CellSkipped("node is not installed")
            return [node, "--tls-max-v1.2", str(self.scripts / script)]
        return [sys.executable, "-m", "jstls", "run",
                str(self.scripts / script)]

    def env(self, options, **extra):
        env = {k: v for k, v in os.environ.items()
               if k not in ("NODE_OPTIONS", "NODE_DEBUG")}
        env["TLS_FIXTURES"] = str(self.fixtures)
        env["INTEROP_OPTIONS"] = json.dumps(options)
        env.update(extra)
        return env

    def fx(self, name):
        return str(self.fixtures / name)


def expect(condition, detail):
    if not condition:
        raise CellFailed(detail)


def _records(text):
    out = []
    for line in text.splitlines():
        try:
            out.append(json.loads(line))
        except ValueError:
            out.append({"event": "unparsed", "line": line})
    return out


def tool(name):
    path = shutil.which(name)
    if path is None:
        raise CellSkipped(f"{name} is not installed")
    return path


# -- the jstls side -----------------------------------------------------------


class JsServer:
    """server.js in a subprocess; ``port`` once it listens, ``records()``
    (one dict per connection outcome) once it has exited."""

    def __init__(self, setup, **options):
        self.proc = subprocess.Popen(
            setup.command("server.js"), env=setup.env(options),
            stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
            stderr=subprocess.PIPE, text=True)
        line = self.proc.stdout.readline()
        try:
            self.port = json.loads(line)["port"]
        except (ValueError, KeyError, TypeError):
            self.proc.kill()
            raise CellFailed("server did not start: " + line +
                             self.proc.stderr.read()[-500:]) from None

    def records(self):
        try:
            out, err = self.proc.communicate(timeout=TIMEOUT)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            out, err = self.proc.communicate()
            raise CellFailed("jstls server did not finish") from None
        records = _records(out)
        expect(self.proc.returncode == 0,
               f"server exit {self.proc.returncode}: {err[-500:]}")
        return records

    def kill(self):
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.communicate()


def run_server_cell(setup, options, peer_action):
    """Start server.js with ``options``, run ``peer_action(port)`` and
    return (its result, the server's records)."""
    server = JsServer(setup, **options)
    try:
        peer = peer_action(server.port)
        return peer, server.records()
    finally:
        server.kill()


def run_js_client(setup, port, **options):
    proc = subprocess.run(
        setup.command("client.js"),
        env=setup.env(options, INTEROP_PORT=str(port)),
        capture_output=True, text=True, timeout=TIMEOUT)
    expect(proc.returncode == 0,
           f"client exit {proc.returncode}: {proc.stderr[-500:]}")
    return _records(proc.stdout)


# -- peers as servers ---------------------------------------------------------


class OpenSSLServer:
    """``openssl s_server -rev`` for ``naccept`` connections."""

    def __init__(self, setup, *args, naccept=1):
        self.proc = subprocess.Popen(
            [tool("openssl"), "s_server", "-accept", "127.0.0.1:0",
             "-key", setup.fx("server-key.pem"),
             "-cert", setup.fx("server-cert.pem"),
             "-naccept", str(naccept), "-rev", *args],
            stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT, text=True)
        self.lines = []
        for line in self.proc.stdout:
            self.lines.append(line)
            if line.startswith("ACCEPT"):
                self.port = int(line.rsplit(":", 1)[1])
                return
        raise CellFailed("s_server did not start: " + "".join(self.lines))

    def output(self):
        try:
            out, _ = self.proc.communicate(timeout=TIMEOUT)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            out, _ = self.proc.communicate()
        return "".join(self.lines) + out

    def kill(self):
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.communicate()


class PythonServer:
    """A Python ``ssl`` server in a thread: accepts ``naccept``
    connections one after the other, records what each negotiated, says
    hello and closes with close_notify (so its session-id cache keeps the
    session)."""

    def __init__(self, context, naccept=1):
        self.context = context
        self.results = []
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(naccept)
        self.sock.settimeout(TIMEOUT)
        self.port = self.sock.getsockname()[1]
        self.sni = []
        self.thread = threading.Thread(target=self._serve, args=(naccept,),
                                       daemon=True)
        self.thread.start()

    def _serve(self, naccept):
        try:
            for _ in range(naccept):
                raw, _ = self.sock.accept()
                raw.settimeout(TIMEOUT)
                self._one(raw)
        except OSError as exc:
            self.results.append({"error": f"accept: {exc}"})
        finally:
            self.sock.close()

    def _one(self, raw):
        try:
            conn = self.context.wrap_socket(raw, server_side=True)
        except (ssl.SSLError, OSError) as exc:
            raw.close()
            self.results.append({"error": getattr(exc, "reason", None)
                                 or str(exc)})
            return
        with conn:
            cert = conn.getpeercert()
            peer = None
            if cert:
                peer = dict(pair[0] for pair in cert["subject"])["commonName"]
            self.results.append({
                "protocol": conn.version(), "peer": peer,
                "alpn": conn.selected_alpn_protocol(),
                "reused": conn.session_reused})
            try:
                conn.sendall(b"hello\n")
                while conn.recv(1024):
                    pass
                conn.unwrap()
            except (ssl.SSLError, OSError):
                pass

    def finish(self):
        self.thread.join(TIMEOUT)
        return self.results


def python_server_context(setup, *, tls11=False, client_cert=False,
                          alpn=None, no_ticket=False):
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.load_cert_chain(setup.fx("server-cert.pem"), setup.fx("server-key.pem"))
    if tls11:
        _tls11_only(ctx)
    if client_cert:
        ctx.verify_mode = ssl.CERT_REQUIRED
        ctx.load_verify_locations(setup.fx("ca-cert.pem"))
    if alpn:
        ctx.set_alpn_protocols(alpn)
    if no_ticket:
        ctx.options |= ssl.OP_NO_TICKET
    return ctx


def _tls11_only(ctx):
    # TLS 1.1 needs security level 0 under OpenSSL 3 (its handshake signs
    # with MD5+SHA-1); the peer is made able to speak it, and nothing else.
    ctx.set_ciphers(TLS11_CIPHERS)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        ctx.minimum_version = ssl.TLSVersion.TLSv1_1
        ctx.maximum_version = ssl.TLSVersion.TLSv1_1


def _only(records, events=("secure", "error")):
    return [r for r in records if r.get("event") in events]


# -- cells: jstls client against a peer server --------------------------------


def _openssl_server_args(feature):
    return {
        "tls1.1-refused": ["-tls1_1", "-cipher", TLS11_CIPHERS],
        "tls1.1-seclevel0": ["-tls1_1", "-cipher", TLS11_CIPHERS],
        "client-cert": ["-Verify", "1", "-CAfile", "{ca}"],
        "client-cert-missing": ["-Verify", "1", "-CAfile", "{ca}"],
        "sni": ["-servername", "a.example.com", "-cert2", "{sni_cert}",
                "-key2", "{sni_key}"],
        "alpn": ["-alpn", "http/1.1"],
        "alpn-no-overlap": ["-alpn", "h2"],
        "resume-session-id": ["-no_ticket"],
        "resume-ticket": ["-no_cache"],
    }.get(feature, [])


# The options of client.js per feature, and how many connections it makes.
CLIENT_OPTIONS = {
    "tls1.2-default": {},
    "tls1.3-opt-in": {"maxVersion": "TLSv1.3"},
    "tls1.1-refused": {},
    "tls1.1-seclevel0": {"minVersion": "TLSv1.1", "ciphers": TLS11_CIPHERS},
    "client-cert": {"clientCert": True},
    "client-cert-missing": {},
    "sni": {"servername": "a.example.com"},
    "alpn": {"ALPNProtocols": ["x-other", "http/1.1"]},
    "alpn-no-overlap": {"ALPNProtocols": ["http/1.1"]},
    "resume-session-id": {"connections": 2},
    "resume-ticket": {"connections": 2},
}


def _client_outcome(feature, records, peer_saw=None, peer_refuses=()):
    """Check client.js's records for ``feature``; ``peer_saw`` is the
    peer server's view ({'peer': CN, 'servername': ...}) where it has one.
    Returns a short description of what happened."""
    records = _only(records)
    expect(records, "client reported nothing")
    first = records[0]
    if feature in ("tls1.1-refused", "client-cert-missing") + peer_refuses:
        expect(first["event"] == "error",
               f"expected a refused handshake, got {first}")
        return f"refused ({first['code']})"
    expect(first["event"] == "secure", f"handshake failed: {first}")
    expect(first["authorized"], f"server not authorized: {first}")
    want = {"tls1.3-opt-in": "TLSv1.3",
            "tls1.1-seclevel0": "TLSv1.1"}.get(feature, "TLSv1.2")
    expect(first["protocol"] == want,
           f"protocol {first['protocol']}, expected {want}")
    if feature == "client-cert":
        expect(peer_saw and peer_saw.get("peer") == "client",
               f"server saw client certificate {peer_saw}")
        return "server saw CN=client"
    if feature == "sni":
        expect(first["peer"] == "a.example.com",
               f"server certificate {first['peer']}, expected a.example.com")
        if peer_saw is not None:
            expect(peer_saw.get("servername") == "a.example.com",
                   f"server saw servername {peer_saw}")
        return "got a.example.com's certificate"
    if feature == "alpn":
        expect(first["alpn"] == "http/1.1", f"alpnProtocol {first['alpn']}")
        return "alpnProtocol http/1.1"
    if feature == "alpn-no-overlap":
        expect(first["alpn"] is False, f"alpnProtocol {first['alpn']}")
        return "alpnProtocol false"
    if feature.startswith("resume-"):
        expect(len(records) == 2, f"expected two connections: {records}")
        second = records[1]
        expect(second["event"] == "secure", f"second handshake: {second}")
        expect(not first["reused"] and second["reused"],
               f"reused: {first['reused']}, then {second['reused']}")
        ticket = feature == "resume-ticket"
        expect(first["ticket"] == ticket,
               f"session ticket {'missing' if ticket else 'present'}")
        return "second connection resumed"
    return first["protocol"]


def cell_openssl_server(setup, feature):
    args = [a.format(ca=setup.fx("ca-cert.pem"),
                     sni_cert=setup.fx("sni-a-cert.pem"),
                     sni_key=setup.fx("sni-a-key.pem"))
            for a in _openssl_server_args(feature)]
    options = CLIENT_OPTIONS[feature]
    server = OpenSSLServer(setup, *args, naccept=options.get("connections", 1))
    try:
        records = run_js_client(setup, server.port, **options)
        text = server.output()
    finally:
        server.kill()
    saw = {}
    for line in text.splitlines():
        if line.startswith("Peer certificate: CN = "):
            saw["peer"] = line.split("CN = ", 1)[1].strip()
        if line.startswith("Hostname in TLS extension:"):
            saw["servername"] = line.split(":", 1)[1].strip().strip('"')
    # s_server ends a handshake with no common ALPN protocol with a
    # no_application_protocol alert (Python's server goes on without one).
    return _client_outcome(feature, records, saw,
                           peer_refuses=("alpn-no-overlap",))


def cell_python_server(setup, feature):
    options = CLIENT_OPTIONS[feature]
    seen_names = []
    ctx = python_server_context(
        setup, tls11=feature.startswith("tls1.1"),
        client_cert=feature.startswith("client-cert"),
        alpn={"alpn": ["http/1.1"], "alpn-no-overlap": ["h2"]}.get(feature),
        no_ticket=feature == "resume-session-id")
    if feature == "sni":
        sni_ctx = python_server_context(setup)
        sni_ctx.load_cert_chain(setup.fx("sni-a-cert.pem"),
                                setup.fx("sni-a-key.pem"))

        def pick(conn, name, _ctx):
            seen_names.append(name)
            if name == "a.example.com":
                conn.context = sni_ctx
        ctx.sni_callback = pick
    # Python has no switch for a server's session-id cache, so
    # resume-ticket leaves it on: client.js's records say whether a ticket
    # came (and the session-id cell switches tickets off).
    server = PythonServer(ctx, naccept=options.get("connections", 1))
    records = run_js_client(setup, server.port, **options)
    results = server.finish()
    saw = dict(results[0]) if results else {}
    if seen_names:
        saw["servername"] = seen_names[0]
    if feature == "client-cert-missing":
        expect(results and "error" in results[0],
               f"Python server accepted: {results}")
    return _client_outcome(feature, records, saw)


# -- cells: a peer client against the jstls server ----------------------------


# The options of server.js per feature.
SERVER_OPTIONS = {
    "tls1.2-default": {},
    "tls1.3-opt-in": {"maxVersion": "TLSv1.3"},
    "tls1.1-refused": {},
    "tls1.1-seclevel0": {"minVersion": "TLSv1.1", "ciphers": TLS11_CIPHERS},
    "client-cert": {"requestCert": True, "rejectUnauthorized": True},
    "client-cert-missing": {"requestCert": True, "rejectUnauthorized": True},
    "sni": {"sni": True},
    "alpn": {"ALPNProtocols": ["h2", "http/1.1"]},
    "alpn-no-overlap": {"ALPNProtocols": ["x-none"]},
    "resume-session-id": {"connections": 2, "noTicket": True,
                          "sessionStore": True},
    "resume-ticket": {"connections": 2},
}

SNI_NAME = "x.b.example.com"  # served from the '*.b.example.com' context


def _server_outcome(setup, feature, records, peer):
    """Check server.js's records and the peer client's own view ``peer``
    (a list of dicts, one per connection: {'ok', 'protocol', 'alpn',
    'reused', 'error'}).  Returns a short description."""
    outcomes = [r for r in records
                if r.get("event") in ("secure", "tlsClientError")]
    expect(outcomes, f"server reported nothing: {records}")
    first, mine = outcomes[0], peer[0]
    refused = feature in ("tls1.1-refused", "client-cert-missing")
    if setup.runner == "node" and (feature, "jstls server") in NODE_DIFFERS:
        refused = True
    if refused:
        expect(first["event"] == "tlsClientError",
               f"server accepted: {first}")
        expect(not mine["ok"], f"peer connected: {mine}")
        return f"refused ({first['code']})"
    expect(first["event"] == "secure", f"server refused: {first}")
    expect(mine["ok"], f"peer failed: {mine.get('error')}")
    want = {"tls1.3-opt-in": "TLSv1.3",
            "tls1.1-seclevel0": "TLSv1.1"}.get(feature, "TLSv1.2")
    expect(first["protocol"] == want and mine.get("protocol") in (None, want),
           f"server {first['protocol']}, peer {mine.get('protocol')}, "
           f"expected {want}")
    if feature == "client-cert":
        expect(first["authorized"] and first["peer"] == "client",
               f"server: authorized {first['authorized']}, "
               f"peer {first['peer']}")
        return "authorized CN=client"
    if feature == "sni":
        expect(first["servername"] == SNI_NAME,
               f"servername {first['servername']}")
        return f"servername {SNI_NAME}, certificate verified"
    if feature == "alpn":
        expect(first["alpn"] == "http/1.1" and mine.get("alpn") in
               (None, "http/1.1"),
               f"server {first['alpn']}, peer {mine.get('alpn')}")
        return "http/1.1"
    if feature == "alpn-no-overlap":
        expect(first["alpn"] is False and not mine.get("alpn"),
               f"server {first['alpn']}, peer {mine.get('alpn')}")
        return "alpnProtocol false"
    if feature.startswith("resume-"):
        expect(len(outcomes) == 2 and outcomes[1]["event"] == "secure",
               f"expected two connections: {outcomes}")
        expect(not first["reused"] and outcomes[1]["reused"],
               f"server reused: {first['reused']}, "
               f"then {outcomes[1]['reused']}")
        if len(peer) > 1 and peer[1].get("reused") is not None:
            expect(peer[1]["reused"], "the peer did not resume")
        return "second connection resumed"
    return first["protocol"]


def _s_client_view(text, errors):
    view = {"ok": False}
    for line in text.splitlines():
        line = line.strip()
        if line.startswith("Protocol  :") or line.startswith("Protocol:"):
            view["protocol"] = line.split(":", 1)[1].strip()
        elif line.startswith("ALPN protocol:"):
            view["alpn"] = line.split(":", 1)[1].strip()
        elif line.startswith("No ALPN negotiated"):
            view["alpn"] = None
        elif line.startswith(("New,", "Reused,")):
            view["reused"] = line.startswith("Reused,")
            # s_client may exit 1 on an unexpected EOF after a finished
            # handshake; "New, (NONE)" is a handshake that did not finish.
            view["ok"] = "(NONE)" not in line
        elif line.startswith("Verify return code:"):
            view["verify"] = line.split(":", 1)[1].strip()
    # A TLS 1.2 client finishes its side before the server refuses its
    # certificate: the refusal is the alert that follows.
    if "SSL alert number" in errors:
        view["ok"] = False
    return view


def _openssl_client_args(setup, feature):
    ca = setup.fx("ca-cert.pem")
    args = ["-CAfile", ca, "-verify_return_error", "-servername", "localhost"]
    if feature.startswith("tls1.1"):
        args += ["-tls1_1", "-cipher", TLS11_CIPHERS]
    if feature == "client-cert":
        args += ["-cert", setup.fx("client-cert.pem"),
                 "-key", setup.fx("client-key.pem")]
    if feature == "sni":
        args[-1] = SNI_NAME
        args += ["-verify_hostname", SNI_NAME]
    if feature == "alpn":
        args += ["-alpn", "x-other,http/1.1"]
    if feature == "alpn-no-overlap":
        args += ["-alpn", "http/1.1"]
    if feature.startswith("resume-"):
        args += ["-tls1_2"]
    if feature == "resume-session-id":
        args += ["-no_ticket"]
    return args


def cell_openssl_client(setup, feature):
    openssl = tool("openssl")
    args = _openssl_client_args(setup, feature)

    def connect(port):
        views = []
        session = setup.fixtures / f"s_client-{os.getpid()}-{port}.pem"
        rounds = 2 if feature.startswith("resume-") else 1
        try:
            for n in range(rounds):
                extra = ["-sess_out", str(session)]
                if n:
                    extra += ["-sess_in", str(session)]
                proc = subprocess.run(
                    [openssl, "s_client", "-connect", f"127.0.0.1:{port}",
                     *args, *extra],
                    input="", capture_output=True, text=True,
                    timeout=TIMEOUT)
                views.append(_s_client_view(proc.stdout, proc.stderr))
                if not views[-1]["ok"]:
                    views[-1]["error"] = proc.stderr.strip()[-300:]
        finally:
            session.unlink(missing_ok=True)
        return views

    peer, records = run_server_cell(setup, SERVER_OPTIONS[feature], connect)
    return _server_outcome(setup, feature, records, peer)


def cell_python_client(setup, feature):
    ctx = ssl.create_default_context(cafile=setup.fx("ca-cert.pem"))
    if feature.startswith("tls1.1"):
        _tls11_only(ctx)
    if feature == "client-cert":
        ctx.load_cert_chain(setup.fx("client-cert.pem"),
                            setup.fx("client-key.pem"))
    if feature == "alpn":
        ctx.set_alpn_protocols(["x-other", "http/1.1"])
    if feature == "alpn-no-overlap":
        ctx.set_alpn_protocols(["http/1.1"])
    if feature.startswith("resume-"):
        ctx.maximum_version = ssl.TLSVersion.TLSv1_2
    if feature == "resume-session-id":
        ctx.options |= ssl.OP_NO_TICKET
    name = SNI_NAME if feature == "sni" else "localhost"

    def connect(port):
        views, session = [], None
        for _ in range(2 if feature.startswith("resume-") else 1):
            try:
                with socket.create_connection(("127.0.0.1", port),
                                              timeout=TIMEOUT) as raw:
                    with ctx.wrap_socket(raw, server_hostname=name,
                                         session=session) as conn:
                        views.append({
                            "ok": True, "protocol": conn.version(),
                            "alpn": conn.selected_alpn_protocol(),
                            "reused": conn.session_reused})
                        while conn.recv(1024):
                            pass
                        session = conn.session
            except (ssl.SSLError, OSError) as exc:
                views.append({"ok": False, "error": str(exc)})
        return views

    peer, records = run_server_cell(setup, SERVER_OPTIONS[feature], connect)
    return _server_outcome(setup, feature, records, peer)


def _curl_view(proc):
    view = {"ok": proc.returncode == 0, "error": proc.stderr.strip()[-300:]}
    for line in proc.stderr.splitlines():
        if "SSL connection using " in line:
            view["protocol"] = line.split("using ", 1)[1].split(" ")[0]
        elif "ALPN: server accepted" in line:
            view["alpn"] = line.rsplit(" ", 1)[1].strip()
        elif "SSL re-using session ID" in line:
            view["reused"] = True
    return view


def cell_curl_client(setup, feature):
    curl = tool("curl")
    name = SNI_NAME if feature == "sni" else "localhost"
    args = ["-sS", "-v", "--http1.1", "--cacert", setup.fx("ca-cert.pem")]
    if feature.startswith("tls1.1"):
        args += ["--tlsv1.1", "--tls-max", "1.1", "--ciphers", TLS11_CIPHERS]
    if feature == "client-cert":
        args += ["--cert", setup.fx("client-cert.pem"),
                 "--key", setup.fx("client-key.pem")]
    if feature.startswith("resume-"):
        args += ["--tls-max", "1.2"]

    def connect(port):
        urls = [f"https://{name}:{port}/"]
        if feature.startswith("resume-"):
            urls.append(f"https://{name}:{port}/again")
        proc = subprocess.run(
            [curl, *args, "--resolve", f"{name}:{port}:127.0.0.1", *urls],
            capture_output=True, text=True, timeout=TIMEOUT)
        view = _curl_view(proc)
        if view["ok"]:
            expect(proc.stdout == "ok\n" * len(urls),
                   f"curl got {proc.stdout!r}")
        views = [view]
        if len(urls) > 1:
            views.append({"ok": view["ok"], "reused": view.get("reused")})
            view["reused"] = None
        return views

    options = {**SERVER_OPTIONS[feature], "http": True}
    peer, records = run_server_cell(setup, options, connect)
    return _server_outcome(setup, feature, records, peer)


# -- the matrix ---------------------------------------------------------------


RUNNERS: dict[tuple[str, str], Callable[[Setup, str], str]] = {
    ("openssl", "jstls client"): cell_openssl_server,
    ("openssl", "jstls server"): cell_openssl_client,
    ("python-ssl", "jstls client"): cell_python_server,
    ("python-ssl", "jstls server"): cell_python_client,
    ("curl", "jstls server"): cell_curl_client,
}


# Cells that cannot exist, and why; the matrix prints them as "n/a".
NOT_APPLICABLE = {
    ("curl", "resume-ticket"): "curl 7.88 (OpenSSL) sends no session_ticket "
                               "extension: it resumes by session id only",
}


@dataclass(frozen=True)
class Cell:
    feature: str
    peer: str
    direction: str

    @property
    def id(self):
        return f"{self.peer}/{self.feature}/{self.direction.replace(' ', '-')}"


def cells():
    """Every cell of the matrix, feature by feature."""
    return [Cell(feature, peer, direction)
            for feature in FEATURES
            for peer in PEERS
            for direction in DIRECTIONS
            if (peer, direction) in RUNNERS
            and (peer, feature) not in NOT_APPLICABLE]


def run_cell(setup, cell):
    """Run one cell: {'status': 'pass'|'fail'|'skip', 'detail': text}."""
    try:
        detail = RUNNERS[cell.peer, cell.direction](setup, cell.feature)
    except CellSkipped as exc:
        return {"status": "skip", "detail": str(exc)}
    except CellFailed as exc:
        return {"status": "fail", "detail": str(exc)}
    except (OSError, subprocess.SubprocessError) as exc:
        return {"status": "fail", "detail": f"{type(exc).__name__}: {exc}"}
    return {"status": "pass", "detail": detail}
