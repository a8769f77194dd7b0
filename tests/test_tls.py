"""tls over real loopback sockets against real peers: openssl s_server and
s_client, and Python's ssl module, in both directions."""

from __future__ import annotations

import hashlib
import os
import shutil
import socket
import ssl
import subprocess
import threading
import time

import pytest

from jstls import Runtime
from tls_fixtures import write_fixtures

OPENSSL = shutil.which("openssl")
needs_openssl = pytest.mark.skipif(OPENSSL is None, reason="no openssl CLI")


@pytest.fixture(scope="module")
def fx(tmp_path_factory):
    return write_fixtures(tmp_path_factory.mktemp("tls"))


def run_js(source, fx, **kwargs):
    env_js = f"const FX = {str(fx)!r};\n"
    with Runtime(capture=True, **kwargs) as rt:
        result = rt.run_script(env_js + source)
    assert "Traceback" not in result.stderr
    return result


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for_port(port, timeout=10):
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), 0.2).close()
            return
        except OSError:
            time.sleep(0.05)
    raise TimeoutError(f"nothing listening on {port}")


@needs_openssl
@pytest.mark.parametrize("version", ["-tls1_2", "-tls1_3"])
def test_client_against_openssl_s_server(fx, version):
    port = free_port()
    server = subprocess.Popen(
        [OPENSSL, "s_server", "-accept", str(port), "-key",
         str(fx / "server-key.pem"), "-cert", str(fx / "server-cert.pem"),
         version, "-alpn", "h2,http/1.1", "-rev", "-quiet"],
        stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    try:
        wait_for_port(port)
        result = run_js(f"""
const tls = require('tls'); const fs = require('fs');
const c = tls.connect({{ port: {port}, host: 'localhost',
  ca: fs.readFileSync(FX + '/ca-cert.pem'),
  maxVersion: 'TLSv1.3', ALPNProtocols: ['http/1.1'] }}, () => {{
  console.log(c.authorized, c.getProtocol(), c.alpnProtocol);
  c.write('olleh\\n');
}});
c.setEncoding('utf8');
c.on('data', (d) => {{ console.log('reversed:', d.trim()); c.destroy(); }});
""", fx)
    finally:
        server.kill()
        server.wait()
    want = "TLSv1.2" if version == "-tls1_2" else "TLSv1.3"
    assert result.stdout == f"true {want} http/1.1\nreversed: hello\n"


@needs_openssl
def test_server_against_openssl_s_client_with_client_cert(fx):
    def client(port):
        proc = subprocess.run(
            [OPENSSL, "s_client", "-connect", f"127.0.0.1:{port}",
             "-servername", "localhost", "-CAfile", str(fx / "ca-cert.pem"),
             "-cert", str(fx / "client-cert.pem"),
             "-key", str(fx / "client-key.pem"), "-verify_return_error",
             "-quiet"],
            input=b"ping\n", capture_output=True, timeout=30,
        )
        box["out"] = proc.stdout

    box = {}
    with Runtime(capture=True) as rt:
        rt.expose("startClient", lambda port: threading.Thread(
            target=client, args=(port,), daemon=True).start())
        result = rt.run_script(f"""
const tls = require('tls'); const fs = require('fs');
const FX = {str(fx)!r};
const server = tls.createServer({{
  key: fs.readFileSync(FX + '/server-key.pem'),
  cert: fs.readFileSync(FX + '/server-cert.pem'),
  ca: fs.readFileSync(FX + '/ca-cert.pem'), requestCert: true,
}}, (s) => {{
  console.log('authorized', s.authorized, s.getPeerCertificate().subject.CN);
  s.setEncoding('utf8');
  s.on('data', (d) => {{ s.end('pong:' + d); server.close(); }});
}});
server.listen(0, '127.0.0.1', () => startClient(server.address().port));
""")
    assert result.stdout == "authorized true client\n"
    deadline = time.time() + 10
    while "out" not in box and time.time() < deadline:
        time.sleep(0.05)
    assert box["out"] == b"pong:ping\n"


def _python_tls_server(fx, context_setup=None):
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.load_cert_chain(fx / "server-cert.pem", fx / "server-key.pem")
    if context_setup:
        context_setup(ctx)
    srv = socket.socket()
    srv.bind(("127.0.0.1", 0))
    srv.listen(4)
    box = {}

    def serve():
        conn, _ = srv.accept()
        try:
            with ctx.wrap_socket(conn, server_side=True) as tconn:
                box["version"] = tconn.version()
                box["sni"] = getattr(tconn, "sni", None)
                digest = hashlib.sha256()
                total = 0
                while True:
                    data = tconn.recv(65536)
                    if not data:
                        break
                    digest.update(data)
                    total += len(data)
                box["received"] = (total, digest.hexdigest())
                tconn.sendall(digest.hexdigest().encode())
                tconn.unwrap()
        except (ssl.SSLError, OSError) as exc:
            box["error"] = exc
        finally:
            srv.close()

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    return srv.getsockname()[1], thread, box


def test_client_to_python_ssl_server_integrity(fx):
    port, thread, box = _python_tls_server(fx)
    payload_size = 5 * 1024 * 1024 + 3
    result = run_js(f"""
const tls = require('tls'); const fs = require('fs');
const crypto = require('crypto');
const data = crypto.randomBytes({payload_size});
const want = crypto.createHash('sha256').update(data).digest('hex');
const c = tls.connect({{ port: {port}, host: 'localhost',
  ca: fs.readFileSync(FX + '/ca-cert.pem') }}, () => c.end(data));
let reply = '';
c.setEncoding('utf8');
c.on('data', (d) => reply += d);
c.on('end', () => console.log(reply === want, c.getProtocol()));
""", fx)
    thread.join(10)
    assert result.stdout == "true TLSv1.2\n", result.stderr
    assert box["received"][0] == payload_size


def test_python_ssl_client_to_server_tls13(fx):
    ctx = ssl.create_default_context(cafile=str(fx / "ca-cert.pem"))
    ctx.minimum_version = ssl.TLSVersion.TLSv1_3
    box = {}

    def client(port):
        with socket.create_connection(("127.0.0.1", port)) as raw:
            with ctx.wrap_socket(raw, server_hostname="localhost") as c:
                box["version"] = c.version()
                c.sendall(b"x" * 300000)
                box["reply"] = c.recv(100)

    with Runtime(capture=True) as rt:
        rt.expose("startClient", lambda port: threading.Thread(
            target=client, args=(port,), daemon=True).start())
        result = rt.run_script(f"""
const tls = require('tls'); const fs = require('fs');
const FX = {str(fx)!r};
const server = tls.createServer({{
  key: fs.readFileSync(FX + '/server-key.pem'),
  cert: fs.readFileSync(FX + '/server-cert.pem'),
  maxVersion: 'TLSv1.3',
}}, (s) => {{
  let n = 0;
  s.on('data', (d) => {{
    n += d.length;
    if (n === 300000) {{
      console.log(s.getProtocol(), n);
      s.end('thanks');
      server.close();
    }}
  }});
}});
server.listen(0, '127.0.0.1', () => startClient(server.address().port));
""")
    deadline = time.time() + 10
    while "reply" not in box and time.time() < deadline:
        time.sleep(0.05)
    assert result.stdout == "TLSv1.3 300000\n", result.stderr
    assert box == {"version": "TLSv1.3", "reply": b"thanks"}


def test_server_keeps_serving_after_garbage_and_stalled_clients(fx):
    result = run_js("""
const tls = require('tls'); const net = require('net');
const fs = require('fs');
const errors = [];
const server = tls.createServer({
  key: fs.readFileSync(FX + '/server-key.pem'),
  cert: fs.readFileSync(FX + '/server-cert.pem'),
  handshakeTimeout: 100,
}, (s) => s.end('ok'));
server.on('tlsClientError', (e) => {
  errors.push(e.code);
  if (errors.length === 2) {
    const good = tls.connect({ port: server.address().port,
      ca: fs.readFileSync(FX + '/ca-cert.pem'), servername: 'localhost' });
    let got = '';
    good.on('data', (d) => got += d);
    good.on('end', () => {
      console.log(errors.sort().join(' '), got);
      server.close();
    });
  }
});
server.listen(0, () => {
  const port = server.address().port;
  const garbage = net.connect(port, () => garbage.write(Buffer.alloc(300, 7)));
  garbage.on('error', () => {});
  const staller = net.connect(port);
  staller.on('error', () => {});
  staller.on('close', () => {});
});
""", fx)
    garbage_code, timeout_code, reply = result.stdout.split()
    assert garbage_code.startswith("ERR_SSL_")
    assert timeout_code == "ERR_TLS_HANDSHAKE_TIMEOUT"
    assert reply == "ok"


def test_node_tls_reject_unauthorized_zero_warns(fx):
    os.environ["NODE_TLS_REJECT_UNAUTHORIZED"] = "0"
    try:
        result = run_js("""
const tls = require('tls'); const fs = require('fs');
const server = tls.createServer({
  key: fs.readFileSync(FX + '/self-key.pem'),
  cert: fs.readFileSync(FX + '/self-cert.pem'),
}, (s) => s.end());
server.listen(0, () => {
  const c = tls.connect(server.address().port, 'localhost', () => {
    console.log('connected', c.authorized, c.authorizationError);
    c.end(); server.close();
  });
  c.resume();
});
""", fx)
    finally:
        del os.environ["NODE_TLS_REJECT_UNAUTHORIZED"]
    assert result.stdout == "connected false DEPTH_ZERO_SELF_SIGNED_CERT\n"
    assert "NODE_TLS_REJECT_UNAUTHORIZED" in result.stderr
