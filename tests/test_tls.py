"""tls over real loopback sockets against real peers: openssl s_server and
s_client, and Python's ssl module, in both directions.  Also TLS over JS
Duplex streams (the ciphertext crossing into JS), and the defaults that
come from the command line and from an OpenSSL configuration file,
compared with node where it is installed."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import socket
import ssl
import subprocess
import threading
import time

import pytest
from conftest import NODE, clean_env, run_jstls
from tls_fixtures import write_fixtures

from jstls import Runtime

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


# ---------------------------------------------------------------------------
# TLS over a JS Duplex: the ciphertext crosses into JS.

def test_duplex_pair_with_backpressure_moves_megabytes_intact(fx):
    # The Duplex pair holds each write until the other side reads it, so
    # a TLSSocket that stops reading stops its peer's writes.
    result = run_js("""
const tls = require('tls'); const fs = require('fs');
const crypto = require('crypto');
const { Duplex } = require('stream');
function duplexPair() {
  const sides = [];
  const held = [null, null];
  for (let i = 0; i < 2; i++) {
    sides.push(new Duplex({
      highWaterMark: 16384,
      read() {
        const callback = held[1 - i];
        held[1 - i] = null;
        if (callback) callback();
      },
      write(chunk, encoding, callback) {
        if (sides[1 - i].push(chunk)) callback();
        else held[i] = callback;
      },
      final(callback) { sides[1 - i].push(null); callback(); },
    }));
  }
  return sides;
}
const [a, b] = duplexPair();
const data = crypto.randomBytes(4 * 1024 * 1024 + 5);
const want = crypto.createHash('sha256').update(data).digest('hex');
const server = new tls.TLSSocket(b, { isServer: true,
  secureContext: tls.createSecureContext({
    key: fs.readFileSync(FX + '/server-key.pem'),
    cert: fs.readFileSync(FX + '/server-cert.pem') }) });
const hash = crypto.createHash('sha256');
let total = 0;
let paused = false;
server.on('data', (chunk) => {
  hash.update(chunk);
  total += chunk.length;
  if (!paused && total > 1024 * 1024) {
    paused = true;
    server.pause();
    setTimeout(() => {
      console.log('client buffered while paused', client.writableLength > 0);
      server.resume();
    }, 50);
  }
});
server.on('end', () => server.end(hash.digest('hex')));
const client = tls.connect({ socket: a, servername: 'localhost',
  ca: fs.readFileSync(FX + '/ca-cert.pem') }, send);
let sent = 0;
function send() {
  while (sent < data.length) {
    const chunk = data.subarray(sent, sent + 65536);
    sent += chunk.length;
    if (!client.write(chunk)) {
      client.once('drain', send);
      return;
    }
  }
  client.end();
}
let reply = '';
client.setEncoding('utf8');
client.on('data', (d) => reply += d);
client.on('close', () => console.log(reply === want, total));
""", fx)
    want = f"client buffered while paused true\ntrue {4 * 1024 * 1024 + 5}\n"
    assert result.stdout == want, result.stderr


def test_unconnected_net_socket_as_transport_to_python_ssl(fx):
    # new net.Socket() has no host handle yet: TLS runs over it as over any
    # Duplex, against a real peer, with the socket connected afterwards.
    port, thread, box = _python_tls_server(fx)
    payload_size = 3 * 1024 * 1024 + 1
    result = run_js(f"""
const tls = require('tls'); const net = require('net');
const fs = require('fs'); const crypto = require('crypto');
const data = crypto.randomBytes({payload_size});
const want = crypto.createHash('sha256').update(data).digest('hex');
const raw = new net.Socket();
const c = tls.connect({{ socket: raw, servername: 'localhost',
  ca: fs.readFileSync(FX + '/ca-cert.pem') }}, () => c.end(data));
raw.connect({port}, '127.0.0.1');
let reply = '';
c.setEncoding('utf8');
c.on('data', (d) => reply += d);
c.on('end', () => console.log(reply === want, c.getProtocol(),
                              c.remotePort));
""", fx)
    thread.join(10)
    assert result.stdout == "true TLSv1.2 undefined\n", result.stderr
    assert box["received"][0] == payload_size


def test_server_alpn_protocols_as_an_array_of_buffers(fx):
    # The Node 10 docs allow Buffers in the array (node 20 throws on them).
    result = run_js("""
const tls = require('tls'); const fs = require('fs');
const server = tls.createServer({
  key: fs.readFileSync(FX + '/server-key.pem'),
  cert: fs.readFileSync(FX + '/server-cert.pem'),
  ALPNProtocols: [Buffer.from('h2'), new Uint8Array([0x68, 0x71])],
}, (s) => { console.log('server', s.alpnProtocol); s.end(); });
console.log(server.ALPNProtocols.toString('hex'));
server.listen(0, () => {
  const c = tls.connect({ port: server.address().port,
    ca: fs.readFileSync(FX + '/ca-cert.pem'),
    ALPNProtocols: Buffer.from('\\x02hq\\x08http/1.1') }, () => {
    console.log('client', c.alpnProtocol);
    server.close();
  });
  c.resume();
});
""", fx)
    assert result.stdout == "026832026871\nserver hq\nclient hq\n", \
        result.stderr


# ---------------------------------------------------------------------------
# Defaults from the command line and from an OpenSSL configuration file.

_SHOW_DEFAULTS = ("const tls = require('tls'); console.log(JSON.stringify("
                  "[tls.DEFAULT_MIN_VERSION, tls.DEFAULT_MAX_VERSION, "
                  "tls.DEFAULT_CIPHERS.slice(0, 20)]))")


@pytest.mark.parametrize("flags", [
    ["--tls-min-v1.3", "--tls-min-v1.0", "--tls-max-v1.3"],
    ["--tls-min-v1.1", "--tls-max-v1.3", "--tls-max-v1.2"],
    ["--tls-min-v1.2", "--tls-max-v1.2", "--tls-cipher-list=AES128-SHA"],
])
def test_tls_flags_set_the_defaults_as_node_does(flags):

    proc = run_jstls([*flags, "-e", _SHOW_DEFAULTS])
    assert proc.returncode == 0, proc.stderr
    mine = proc.stdout
    via_env = run_jstls(["-e", _SHOW_DEFAULTS],
                        env=clean_env(NODE_OPTIONS=" ".join(flags)))
    assert via_env.stdout == mine
    if NODE is not None:
        node = subprocess.run([NODE, *flags, "-e", _SHOW_DEFAULTS],
                              capture_output=True, env=clean_env(),
                              check=False)
        assert node.stdout == mine


def test_tls_min_v13_with_max_v12_is_refused():
    proc = run_jstls(["--tls-min-v1.3", "--tls-max-v1.2", "-e", "1"])
    assert proc.returncode == 9
    assert b"--tls-min-v1.3 or --tls-max-v1.2" in proc.stderr


_SECLEVEL_SCRIPT = """
const tls = require('tls'); const fs = require('fs');
const path = require('path');
const read = (name) => fs.readFileSync(path.join(process.env.TLS_FIXTURES,
                                                 name));
let server;
try {
  server = tls.createServer({ key: read('sha1-key.pem'),
                              cert: read('sha1-cert.pem') }, (s) => s.end());
} catch (err) {
  console.log('refused', err.code);
  process.exit(0);
}
server.listen(0, () => {
  const c = tls.connect({ port: server.address().port, servername: 'localhost',
    ca: read('ca-cert.pem') }, () => console.log('ok', c.authorized));
  c.on('error', (err) => console.log('refused', err.code));
  c.on('close', () => server.close());
  c.resume();
});
"""

_SECLEVEL0_CONF = """# Node reads the section its application name names.
{app} = node_init   # a comment

[ node_init ]
ssl_conf = ssl_sect

[ssl_sect]
system_default = tls_defaults

[tls_defaults]
level = 0
CipherString = DEFAULT:@SECLEVEL=$level
MinProtocol = TLSv1.2
"""


@pytest.mark.parametrize("how", ["flag", "env", "node-options", "shared",
                                 "wrong-app", "none"])
def test_openssl_config_seclevel_zero_admits_a_sha1_certificate(
        fx, tmp_path, how):
    # The leaf is signed with SHA-1, which OpenSSL takes at level 0 only.

    script = tmp_path / "seclevel.js"
    script.write_text(_SECLEVEL_SCRIPT)
    nodejs_conf = tmp_path / "nodejs.cnf"
    nodejs_conf.write_text(_SECLEVEL0_CONF.format(app="nodejs_conf"))
    shared_conf = tmp_path / "shared.cnf"
    shared_conf.write_text(_SECLEVEL0_CONF.format(app="openssl_conf"))
    env = clean_env(TLS_FIXTURES=str(fx))
    flags = []
    if how == "flag":
        flags = [f"--openssl-config={nodejs_conf}"]
    elif how == "env":
        env["OPENSSL_CONF"] = str(nodejs_conf)
    elif how == "node-options":
        env["NODE_OPTIONS"] = f"--openssl-config={nodejs_conf}"
    elif how == "shared":
        flags = ["--openssl-shared-config", f"--openssl-config={shared_conf}"]
    elif how == "wrong-app":
        # openssl_conf is not Node's section without --openssl-shared-config.
        flags = [f"--openssl-config={shared_conf}"]
    proc = run_jstls([*flags, "run", str(script)], env=env)
    works = how in ("flag", "env", "node-options", "shared")
    assert proc.returncode == 0, proc.stderr
    if works:
        assert proc.stdout == b"ok true\n", proc.stderr
    else:
        # OpenSSL 3.0 (node) refuses the certificate when the context is
        # made, OpenSSL 4.0 when the client verifies it.
        assert proc.stdout.startswith(b"refused "), proc.stderr
    if NODE is not None:
        node = subprocess.run([NODE, *flags, str(script)], env=env,
                              capture_output=True, timeout=60, check=False)
        assert node.stdout.startswith(b"ok true" if works else b"refused")


def test_openssl_config_min_protocol_is_not_honoured_as_in_node(fx, tmp_path):
    # Node 20 sets each context's minimum itself: MinProtocol = TLSv1.3 in
    # the file still lets a TLS 1.2 client in.

    conf = tmp_path / "min13.cnf"
    conf.write_text("nodejs_conf = a\n[a]\nssl_conf = b\n[b]\n"
                    "system_default = c\n[c]\nMinProtocol = TLSv1.3\n")
    script = tmp_path / "min.js"
    script.write_text("""
const tls = require('tls'); const fs = require('fs');
const server = tls.createServer({
  key: fs.readFileSync(process.env.TLS_FIXTURES + '/server-key.pem'),
  cert: fs.readFileSync(process.env.TLS_FIXTURES + '/server-cert.pem'),
  maxVersion: 'TLSv1.3' }, (s) => s.end());
server.listen(0, () => {
  const c = tls.connect({ port: server.address().port, maxVersion: 'TLSv1.2',
    rejectUnauthorized: false }, () => console.log(c.getProtocol()));
  c.on('close', () => server.close());
  c.resume();
});
""")
    proc = run_jstls([f"--openssl-config={conf}", "run", str(script)],
                     env=clean_env(TLS_FIXTURES=str(fx)))
    assert proc.stdout == b"TLSv1.2\n", proc.stderr


def test_openssl_config_that_does_not_parse_stops_the_process(tmp_path):

    conf = tmp_path / "bad.cnf"
    conf.write_text("nodejs_conf = a\n[a\n")
    proc = run_jstls([f"--openssl-config={conf}", "-e",
                      "require('tls'); console.log('ran')"])
    assert proc.returncode == 100
    assert proc.stdout == b""
    assert b"missing close square bracket" in proc.stderr
    missing = run_jstls([f"--openssl-config={tmp_path / 'none.cnf'}", "-e",
                         "require('tls'); console.log('ran')"])
    assert missing.stdout == b"ran\n"


def test_openssl_config_syntax(tmp_path):
    from jstls.bindings.tls import parse_openssl_config, read_openssl_config

    text = r"""
HOME = /home
top = 1   # trailing comment
nodejs_conf = init
[ init ]
ssl_conf = ssl
[ssl]
system_default = sys
[sys]
lvl = 0
CipherString = "DEFAULT:@SECLEVEL=${lvl}" # quoted: no expansion
Options = $HOME/x${top}$(sys::lvl)\
continued
MinProtocol = TLSv1.2
"""
    sections = parse_openssl_config(text)
    assert sections["default"]["top"] == "1"
    assert sections["sys"]["CipherString"] == "DEFAULT:@SECLEVEL=${lvl}"
    assert sections["sys"]["Options"] == "/home/x10continued"
    path = tmp_path / "x.cnf"
    path.write_text(text)
    assert read_openssl_config(path) == {
        "cipher_string": "DEFAULT:@SECLEVEL=${lvl}",
        "min_protocol": "TLSv1.2"}
    assert read_openssl_config(path, "openssl_conf") == {}
    assert read_openssl_config(tmp_path / "missing.cnf") is None
    from jstls.bindings import HostError
    for bad, reason in (("[x\n", "missing close square bracket"),
                        ("just words\n", "missing equal sign"),
                        ("a = $nothing\n", "variable has no value")):
        with pytest.raises(HostError) as info:
            parse_openssl_config(bad)
        assert info.value.props["reason"] == reason


def test_get_ciphers_is_node_list():
    # Lower case, sorted, the TLS 1.3 suites included (all five, as Node
    # lists them).
    show = "console.log(JSON.stringify(require('tls').getCiphers()))"
    mine = run_jstls(["-e", show]).stdout
    names = json.loads(mine)
    assert names == sorted(names) and all(n == n.lower() for n in names)
    assert "tls_aes_128_ccm_8_sha256" in names and "aes128-sha" in names
    if NODE is not None:
        node = subprocess.run([NODE, "-e", show], capture_output=True,
                              check=False)
        # Equal with cryptography's OpenSSL 4.0 and node 20's 3.0; another
        # OpenSSL build may list a cipher more or less.
        assert set(names) == set(json.loads(node.stdout))
