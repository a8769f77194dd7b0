"""OCSP stapling and renegotiation against real peers: openssl s_client
asks a jstls server for a stapled response and renegotiates with it;
openssl s_server staples for a jstls client and answers its
renegotiations.  The TLS machine tests (tests/test_tls_machine.py) cover
the same at the machine level, the conformance scripts against node."""

from __future__ import annotations

import contextlib
import shutil
import subprocess
import threading
import time

import pytest
from test_tls import free_port, run_js, wait_for_port
from tls_fixtures import write_fixtures

OPENSSL = shutil.which("openssl")
pytestmark = pytest.mark.skipif(OPENSSL is None, reason="no openssl CLI")


@pytest.fixture(scope="module")
def fx(tmp_path_factory):
    return write_fixtures(tmp_path_factory.mktemp("tls"))


SERVER = """
const tls = require('tls'); const fs = require('fs');
const read = (name) => fs.readFileSync(FX + '/' + name);
const server = tls.createServer({
  key: read('server-key.pem'),
  cert: Buffer.concat([read('server-cert.pem'), read('ca-cert.pem')]),
}, (s) => {
  s.on('secure', () => console.log('secure again'));
  s.on('error', (err) => { console.log('error', err.code); s.destroy(); });
  s.setEncoding('utf8');
  s.on('data', (d) => s.write('echo:' + d));
  s.on('end', () => s.end());
  s.on('close', () => server.close());
});
"""


def _serve_js(fx, script, client):
    """Run ``script`` (it listens on PORT) while ``client(port)`` runs in
    a thread; return the JS result and what the client returned."""
    box = {}
    port = free_port()

    def run_client():
        wait_for_port(port)
        box["client"] = client(port)

    thread = threading.Thread(target=run_client, daemon=True)
    thread.start()
    result = run_js(f"const PORT = {port};\n" + script, fx)
    thread.join(30)
    return result, box.get("client")


def test_s_client_status_gets_the_response_a_listener_staples_later(fx):
    script = SERVER + """
server.on('OCSPRequest', (cert, issuer, callback) => {
  console.log('OCSPRequest issuer', issuer !== null);
  setTimeout(() => callback(null, read('ocsp-response.der')), 30);
});
server.listen(PORT, '127.0.0.1');
"""

    def client(port):
        return subprocess.run(
            [OPENSSL, "s_client", "-connect", f"127.0.0.1:{port}",
             "-servername", "localhost", "-CAfile", str(fx / "ca-cert.pem"),
             "-status", "-tls1_2"],
            input=b"", capture_output=True, timeout=30).stdout.decode()

    result, out = _serve_js(fx, script, client)
    assert result.stdout.startswith("OCSPRequest issuer true\n")
    assert "OCSP Response Status: successful" in out
    assert "Cert Status: good" in out


@contextlib.contextmanager
def _s_server(fx, *flags):
    """openssl s_server (TLS 1.2) with the fixture identity; its port."""
    port = free_port()
    server = subprocess.Popen(
        [OPENSSL, "s_server", "-accept", str(port), "-key",
         str(fx / "server-key.pem"), "-cert", str(fx / "server-cert.pem"),
         "-tls1_2", *flags],
        stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL)
    try:
        wait_for_port(port)
        yield port
    finally:
        server.kill()
        server.wait()


def test_client_request_ocsp_against_s_server_status_file(fx):
    with _s_server(fx, "-status_file", str(fx / "ocsp-response.der"),
                   "-www") as port:
        result = run_js(f"""
const tls = require('tls'); const fs = require('fs');
const c = tls.connect({{ port: {port}, servername: 'localhost',
  ca: fs.readFileSync(FX + '/ca-cert.pem'), requestOCSP: true }}, () => {{
  console.log('secureConnect');
  c.end();
}});
c.on('OCSPResponse', (resp) => console.log('OCSPResponse',
  resp.equals(fs.readFileSync(FX + '/ocsp-response.der'))));
c.resume();
""", fx)
    assert result.stdout == "OCSPResponse true\nsecureConnect\n"


def _s_client_renegotiating(fx, port, count):
    # s_client renegotiates on an input line "R" (commands are read when
    # neither -quiet nor -ign_eof is given); a pause lets each finish.
    proc = subprocess.Popen(
        [OPENSSL, "s_client", "-connect", f"127.0.0.1:{port}",
         "-servername", "localhost", "-CAfile", str(fx / "ca-cert.pem"),
         "-tls1_2"],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT)
    try:
        for _ in range(count):
            time.sleep(0.3)
            proc.stdin.write(b"R\n")
            proc.stdin.flush()
        time.sleep(0.3)
        proc.stdin.write(b"bye\n")
        proc.stdin.flush()
        time.sleep(0.3)
        proc.stdin.close()
    except BrokenPipeError:
        pass  # the server hung up first
    out, _ = proc.communicate(timeout=30)
    return out.decode(errors="replace")


def test_s_client_renegotiations_are_allowed_up_to_the_limit(fx):
    script = SERVER + """
tls.CLIENT_RENEG_LIMIT = 2;
server.listen(PORT, '127.0.0.1');
"""
    result, out = _serve_js(
        fx, script, lambda port: _s_client_renegotiating(fx, port, 3))
    # Two renegotiations pass, the third is refused: the server's socket
    # reports the attack and hangs up, so "bye" is never echoed.
    assert result.stdout == ("secure again\nsecure again\n"
                             "error ERR_TLS_SESSION_ATTACK\n")
    assert out.count("RENEGOTIATING") == 3
    assert "echo:bye" not in out


def test_s_client_renegotiation_refused_after_disable_renegotiation(fx):
    script = SERVER.replace("s.on('secure'", "s.disableRenegotiation();\n"
                            "  s.on('secure'") + """
server.listen(PORT, '127.0.0.1');
"""
    result, _ = _serve_js(
        fx, script, lambda port: _s_client_renegotiating(fx, port, 1))
    assert result.stdout == "error ERR_TLS_RENEGOTIATION_DISABLED\n"


def test_client_renegotiates_with_s_server(fx):
    with _s_server(fx, "-client_renegotiation", "-rev", "-quiet") as port:
        result = run_js(f"""
const tls = require('tls'); const fs = require('fs');
const c = tls.connect({{ port: {port}, servername: 'localhost',
  ca: fs.readFileSync(FX + '/ca-cert.pem') }}, () => {{
  const finished = c.getFinished();
  console.log('renegotiate', c.renegotiate({{}}, (err) => {{
    console.log('renegotiated', err, !c.getFinished().equals(finished));
    c.write('olleh\\n');
  }}));
}});
c.setEncoding('utf8');
c.on('data', (d) => {{ console.log(d.trim()); c.destroy(); }});
""", fx)
    assert result.stdout == "renegotiate true\nrenegotiated null true\nhello\n"
