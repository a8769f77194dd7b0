"""The tls docs' echo server and client examples, unmodified, as the docs
run them: in one folder holding server-key.pem, server-cert.pem,
client-key.pem and client-cert.pem (self-signed, made with the openssl
commands the docs give), the server on port 8000 started first, then the
client with its stdin piped to the server.  Under jstls, and under node
when installed, the client must print the same lines."""

from __future__ import annotations

import pathlib
import shutil
import socket
import subprocess
import sys
import time

import pytest

from conftest import NODE, clean_env

EXAMPLES = pathlib.Path(__file__).parent.parent / "conformance" / "doc_examples" / "echo"
OPENSSL = shutil.which("openssl")


def _port_free(port):
    with socket.socket() as s:
        try:
            s.bind(("0.0.0.0", port))
        except OSError:
            return False
    return True


pytestmark = [
    pytest.mark.skipif(OPENSSL is None, reason="the docs' fixtures need openssl"),
    pytest.mark.skipif(not _port_free(8000), reason="port 8000 is taken"),
]


def _self_signed(folder, name):
    # The docs' commands: a key, a CSR, a certificate signed by its own key
    # (-subj answers the questions the docs' req asks interactively).
    key, csr, cert = (folder / f"{name}-{kind}.pem" for kind in ("key", "csr", "cert"))
    subprocess.run([OPENSSL, "genrsa", "-out", key, "2048"], check=True,
                   capture_output=True)
    subprocess.run([OPENSSL, "req", "-new", "-sha256", "-key", key, "-out", csr,
                    "-subj", f"/CN={name}"], check=True, capture_output=True)
    subprocess.run([OPENSSL, "x509", "-req", "-in", csr, "-signkey", key,
                    "-out", cert], check=True, capture_output=True)


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    out = tmp_path_factory.mktemp("doc-echo")
    _self_signed(out, "server")
    _self_signed(out, "client")
    for script in ("server.js", "client.js"):
        shutil.copy(EXAMPLES / script, out / script)
    return out


def _run_pair(folder, command):
    server = subprocess.Popen([*command, "server.js"], cwd=folder,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              env=clean_env())
    try:
        line = server.stdout.readline()
        assert line == b"server bound\n", server.stderr.read()
        client = subprocess.run([*command, "client.js"], cwd=folder,
                                input=b"hello from stdin\n",
                                capture_output=True, env=clean_env(),
                                timeout=60)
    finally:
        server.kill()
        server.wait()
        # Let the port go before the next pair binds it.
        deadline = time.time() + 5
        while not _port_free(8000) and time.time() < deadline:
            time.sleep(0.05)
    return client


# console.log(data) adds a newline to each chunk; how the server's two
# writes fall into chunks depends on timing (in node too), so blank lines
# are not compared.
EXPECTED = [b"client connected authorized", b"welcome!", b"hello from stdin",
            b"server ends connection"]


def lines(output):
    return [line for line in output.splitlines() if line]


def test_docs_echo_pair_under_jstls(folder):
    client = _run_pair(folder, [sys.executable, "-m", "jstls", "run"])
    assert client.returncode == 0, client.stderr
    assert lines(client.stdout) == EXPECTED, client.stderr


@pytest.mark.skipif(NODE is None, reason="node is not installed")
def test_docs_echo_pair_under_node(folder):
    client = _run_pair(folder, [NODE, "--tls-max-v1.2"])
    assert lines(client.stdout) == EXPECTED
