"""TLS session resumption against real peers: openssl s_client
-reconnect (the check Node's docs give), a restarted jstls server with the
same ticketKeys, Python's ssl module as a resuming client, and the
session DER reader behind getTLSTicket().  The jstls-against-jstls cases
are differential scripts: tests/scripts/tls/session_*.js."""

from __future__ import annotations

import shutil
import socket
import ssl
import subprocess
import sys

import pytest

from conftest import clean_env, run_jstls
import tls_fixtures

SERVER = r"""
const tls = require('tls');
const fs = require('fs');
const path = require('path');
const { constants } = require('crypto');
const dir = process.env.TLS_FIXTURES;
const read = (name) => fs.readFileSync(path.join(dir, name));
const extra = JSON.parse(process.env.SERVER_OPTIONS || '{}');
if (extra.ticketKeys) extra.ticketKeys = Buffer.from(extra.ticketKeys, 'hex');
if (extra.noTicket) extra.secureOptions = constants.SSL_OP_NO_TICKET;
delete extra.noTicket;
const server = tls.createServer({
  key: read('server-key.pem'), cert: read('server-cert.pem'), ...extra,
}, (socket) => {
  socket.on('data', () => {});
  socket.on('end', () => socket.end());
});
if (process.env.SESSION_STORE) {
  const store = new Map();
  server.on('newSession', (id, data, cb) => {
    store.set(id.toString('hex'), data); cb();
  });
  server.on('resumeSession', (id, cb) => {
    cb(null, store.get(id.toString('hex')) || null);
  });
}
server.listen(0, '127.0.0.1', () => {
  console.log(server.address().port);
});
process.stdin.on('data', () => {});
process.stdin.on('end', () => server.close());
"""

CLIENT = r"""
const tls = require('tls');
const fs = require('fs');
const path = require('path');
const dir = process.env.TLS_FIXTURES;
const file = process.env.SESSION_FILE;
const session = fs.existsSync(file) ? fs.readFileSync(file) : undefined;
const c = tls.connect({
  port: +process.env.PORT, host: '127.0.0.1', servername: 'localhost',
  ca: fs.readFileSync(path.join(dir, 'ca-cert.pem')), session,
  maxVersion: process.env.MAX_VERSION,
}, () => {
  console.log('reused', c.isSessionReused());
  // A resumed TLS 1.2 session brings no new one (as in node).
  if (c.isSessionReused() && c.getProtocol() !== 'TLSv1.3') c.end();
});
// Otherwise end once a session arrived: a TLS 1.3 ticket comes after the
// handshake, and a client that ends at once may close before reading it.
c.once('session', (s) => {
  fs.writeFileSync(file, s);
  c.end();
});
c.on('data', () => {});
"""


@pytest.fixture(scope="module")
def fixtures(tmp_path_factory):
    return tls_fixtures.write_fixtures(tmp_path_factory.mktemp("fx"))


class JstlsServer:
    def __init__(self, tmp_path, fixtures, **env):
        script = tmp_path / "server.js"
        script.write_text(SERVER)
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "jstls", str(script)],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE,
            stderr=subprocess.PIPE, text=True,
            env=clean_env(TLS_FIXTURES=str(fixtures), **env))
        self.port = int(self.proc.stdout.readline())

    def stop(self):
        self.proc.stdin.close()
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.stop()


def _s_client(port, *flags):
    proc = subprocess.run(
        ["openssl", "s_client", "-connect", f"127.0.0.1:{port}",
         "-reconnect", *flags],
        input=b"", capture_output=True, timeout=30)
    text = proc.stdout.decode("latin-1")
    return [line.split(",")[0] for line in text.splitlines()
            if line.startswith(("New,", "Reused,"))]


needs_openssl = pytest.mark.skipif(shutil.which("openssl") is None,
                                   reason="openssl not installed")


@needs_openssl
@pytest.mark.parametrize("flags,env", [
    (["-tls1_2"], {}),
    (["-tls1_2", "-no_ticket"], {"SESSION_STORE": "1",
                                 "SERVER_OPTIONS": '{"noTicket": true}'}),
], ids=["ticket", "session-id-store"])
def test_s_client_reconnect_reuses(tmp_path, fixtures, flags, env):
    with JstlsServer(tmp_path, fixtures, **env) as server:
        lines = _s_client(server.port, *flags)
    # s_client connects once, then five more times with the session.
    assert lines[0] == "New"
    assert lines[1:] and set(lines[1:]) == {"Reused"}, lines


@needs_openssl
def test_s_client_session_ids_not_cached_without_listeners(tmp_path,
                                                           fixtures):
    # Node's contexts keep no session-id cache of their own: without
    # newSession/resumeSession listeners only tickets resume.
    with JstlsServer(tmp_path, fixtures) as server:
        lines = _s_client(server.port, "-tls1_2", "-no_ticket")
    assert lines and set(lines) == {"New"}, lines


@pytest.mark.parametrize("version", ["TLSv1.2", "TLSv1.3"])
def test_restarted_server_with_same_ticket_keys(tmp_path, fixtures,
                                                version):
    client = tmp_path / "client.js"
    client.write_text(CLIENT)
    keys = {"SERVER_OPTIONS": '{"ticketKeys": "' + "ab" * 48 + '", '
                              '"maxVersion": "TLSv1.3"}'}
    session_file = tmp_path / "session.der"

    def run_client(port):
        proc = run_jstls([str(client)], env=clean_env(
            TLS_FIXTURES=str(fixtures), PORT=str(port),
            SESSION_FILE=str(session_file), MAX_VERSION=version))
        assert proc.returncode == 0, proc.stderr
        return proc.stdout.decode().strip()

    with JstlsServer(tmp_path, fixtures, **keys) as server:
        assert run_client(server.port) == "reused false"
    assert session_file.exists()
    with JstlsServer(tmp_path, fixtures, **keys) as server:
        assert run_client(server.port) == "reused true"
    # Other keys: the ticket is refused, a full handshake follows.
    with JstlsServer(tmp_path, fixtures, SERVER_OPTIONS='{"maxVersion": '
                     '"TLSv1.3"}') as server:
        assert run_client(server.port) == "reused false"


@pytest.mark.parametrize("version", [ssl.TLSVersion.TLSv1_2,
                                     ssl.TLSVersion.TLSv1_3])
def test_python_ssl_client_resumes(tmp_path, fixtures, version):
    ctx = ssl.create_default_context(cafile=str(fixtures / "ca-cert.pem"))
    ctx.maximum_version = version
    with JstlsServer(tmp_path, fixtures,
                     SERVER_OPTIONS='{"maxVersion": "TLSv1.3"}') as server:
        session = None
        reused = []
        for _ in range(2):
            with socket.create_connection(("127.0.0.1", server.port)) as raw:
                with ctx.wrap_socket(raw, server_hostname="localhost",
                                     session=session) as conn:
                    conn.sendall(b"x")
                    conn.settimeout(0.5)
                    try:  # TLS 1.3 tickets arrive after the handshake
                        conn.recv(1)
                    except (TimeoutError, socket.timeout):
                        pass
                    reused.append(conn.session_reused)
                    session = conn.session
    assert reused == [False, True]


def test_session_fields_reads_id_and_ticket():
    from jstls.bindings.tls_machine import session_fields

    # SEQUENCE { 1, 0x0303, cipher, id, master, [10] { ticket } }
    body = (b"\x02\x01\x01" b"\x02\x02\x03\x03" b"\x04\x02\x13\x01"
            b"\x04\x03abc" b"\x04\x01m" b"\xaa\x06\x04\x04TICK")
    der = b"\x30" + bytes([len(body)]) + body
    assert session_fields(der) == {"id": b"abc", "ticket": b"TICK"}
    with pytest.raises(ValueError):
        session_fields(b"\x04\x00")


def test_ticket_keys_without_openssl_setter(monkeypatch, fixtures):
    # LIMITATION pinned: when the hidden setter cannot be resolved the
    # context says so (JS then throws ERR_METHOD_NOT_IMPLEMENTED).
    from jstls.bindings import secure_context

    monkeypatch.setattr(secure_context, "_hidden_table", {})
    ctx = secure_context.SecureContext.from_options({})
    assert ctx.set_ticket_keys(b"k" * 48) is False
    assert ctx.get_ticket_keys() is None
