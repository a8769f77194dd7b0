"""The tls docs' own examples, run as the docs run them.

* The echo server and client, unmodified: in one folder holding
  server-key.pem, server-cert.pem, client-key.pem and client-cert.pem
  (self-signed, made with the openssl commands the docs give), the server
  on port 8000 started first, then the client with its stdin piped to the
  server.  Under jstls, and under node when installed, the client must
  print the same lines.
* The openssl commands of "TLS/SSL Concepts" (doc_examples/pki/
  commands.sh: key, CSR, self-signed certificate, PKCS#12), run as
  written where openssl is installed, else the same files made with
  cryptography; a server made from the PFX must then serve a client
  (pfx_server.js prints pfx_server.out).
* The --tls-cipher-list commands, the flag and the NODE_OPTIONS form,
  parsed from the docs' text and run on doc_examples/cipher_list.js.

The session-store snippet and tls.getCiphers() are conformance scripts
(tests/test_conformance.py); the `openssl s_client -reconnect` check is
tests/test_tls_sessions.py::test_s_client_reconnect_reuses.
"""

from __future__ import annotations

import datetime
import pathlib
import shlex
import shutil
import socket
import subprocess
import sys
import time

import pytest

from conftest import NODE, clean_env, run_jstls, run_node

DOC_EXAMPLES = pathlib.Path(__file__).parent.parent / "conformance" / "doc_examples"
EXAMPLES = DOC_EXAMPLES / "echo"
PKI = DOC_EXAMPLES / "pki"
OPENSSL = shutil.which("openssl")


def _port_free(port):
    with socket.socket() as s:
        try:
            s.bind(("0.0.0.0", port))
        except OSError:
            return False
    return True


needs_openssl = pytest.mark.skipif(OPENSSL is None,
                                   reason="the docs' commands need openssl")
needs_node = pytest.mark.skipif(NODE is None, reason="node is not installed")
# The echo pair listens on the docs' port.
needs_port_8000 = pytest.mark.skipif(not _port_free(8000),
                                     reason="port 8000 is taken")


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
        if line != b"server bound\n":
            error = server.stderr.read()
            if b"EADDRINUSE" in error:
                # Someone else took the docs' port since collection.
                pytest.skip("port 8000 is taken")
            raise AssertionError(error)
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


@needs_openssl
@needs_port_8000
def test_docs_echo_pair_under_jstls(folder):
    client = _run_pair(folder, [sys.executable, "-m", "jstls", "run"])
    assert client.returncode == 0, client.stderr
    assert lines(client.stdout) == EXPECTED, client.stderr


@needs_openssl
@needs_port_8000
@needs_node
def test_docs_echo_pair_under_node(folder):
    client = _run_pair(folder, [NODE, "--tls-max-v1.2"])
    assert lines(client.stdout) == EXPECTED


# -- the openssl commands of "TLS/SSL Concepts" -------------------------------

PFX_PASSWORD = "ryans-pfx-password"  # pfx_server.js's PASSPHRASE


def docs_commands():
    """commands.sh as argument lists: comments dropped, continuation
    lines joined."""
    text = (PKI / "commands.sh").read_text().replace("\\\n", " ")
    return [shlex.split(line) for line in text.splitlines()
            if line.strip() and not line.startswith("#")]


def _run_docs_commands(folder):
    # Each command alone, in a new session: with no terminal, openssl
    # reads its prompts' answers from stdin (req: accept every default;
    # pkcs12: the export password, twice).
    answers = {"req": "\n" * 20, "pkcs12": f"{PFX_PASSWORD}\n" * 2}
    for argv in docs_commands():
        assert argv[0] == "openssl"
        proc = subprocess.run([OPENSSL, *argv[1:]], cwd=folder,
                              input=answers.get(argv[1], ""), text=True,
                              capture_output=True, start_new_session=True,
                              timeout=60)
        assert proc.returncode == 0, (argv, proc.stderr)


def _make_docs_files_with_cryptography(folder):
    """The four files the commands make, made with cryptography: a 2048-bit
    RSA key, a CSR with req's default answers, the certificate that CSR
    signs for itself (x509 -req's 30 days), and the PKCS#12 of key,
    certificate and ca-cert.pem under the export password."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import rsa
    from cryptography.hazmat.primitives.serialization import pkcs12
    from cryptography.x509.oid import NameOID

    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name([
        x509.NameAttribute(NameOID.COUNTRY_NAME, "AU"),
        x509.NameAttribute(NameOID.STATE_OR_PROVINCE_NAME, "Some-State"),
        x509.NameAttribute(NameOID.ORGANIZATION_NAME,
                           "Internet Widgits Pty Ltd")])
    csr = (x509.CertificateSigningRequestBuilder().subject_name(name)
           .sign(key, hashes.SHA256()))
    now = datetime.datetime.now(datetime.timezone.utc)
    cert = (x509.CertificateBuilder().subject_name(csr.subject)
            .issuer_name(csr.subject).public_key(csr.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(now)
            .not_valid_after(now + datetime.timedelta(days=30))
            .sign(key, hashes.SHA256()))
    pem = serialization.Encoding.PEM
    (folder / "ryans-key.pem").write_bytes(key.private_bytes(
        pem, serialization.PrivateFormat.TraditionalOpenSSL,
        serialization.NoEncryption()))
    (folder / "ryans-csr.pem").write_bytes(csr.public_bytes(pem))
    (folder / "ryans-cert.pem").write_bytes(cert.public_bytes(pem))
    ca = x509.load_pem_x509_certificate((folder / "ca-cert.pem").read_bytes())
    (folder / "ryans.pfx").write_bytes(pkcs12.serialize_key_and_certificates(
        None, key, cert, [ca],
        serialization.BestAvailableEncryption(PFX_PASSWORD.encode())))


def _pki_folder(tmp_path, maker):
    from tls_fixtures import write_fixtures

    # ca-cert.pem, the file -certfile names: the test suite's CA.
    fixtures = write_fixtures(tmp_path / "fixtures")
    shutil.copy(fixtures / "ca-cert.pem", tmp_path / "ca-cert.pem")
    if maker == "openssl":
        _run_docs_commands(tmp_path)
    else:
        _make_docs_files_with_cryptography(tmp_path)
    for name in ("ryans-key.pem", "ryans-csr.pem", "ryans-cert.pem",
                 "ryans.pfx"):
        assert (tmp_path / name).stat().st_size > 0, name
    shutil.copy(PKI / "pfx_server.js", tmp_path / "pfx_server.js")
    return tmp_path


@pytest.mark.parametrize("maker", [
    pytest.param("openssl", marks=needs_openssl), "cryptography"])
def test_docs_openssl_commands_make_a_pfx_server(tmp_path, maker):
    folder = _pki_folder(tmp_path, maker)
    proc = run_jstls(["run", "pfx_server.js"], cwd=folder)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == (PKI / "pfx_server.out").read_bytes(), proc.stderr


@needs_openssl
@needs_node
def test_docs_pfx_server_under_node(tmp_path):
    folder = _pki_folder(tmp_path, "openssl")
    proc = run_node(["pfx_server.js"], cwd=folder)
    assert proc.stdout == (PKI / "pfx_server.out").read_bytes(), proc.stderr


# -- "Modifying the Default TLS Cipher Suite" ---------------------------------

DOCS_FLAG_FORM = 'node --tls-cipher-list="ECDHE-RSA-AES128-GCM-SHA256:!RC4" server.js'
DOCS_ENV_FORM = ('export NODE_OPTIONS=--tls-cipher-list='
                 '"ECDHE-RSA-AES128-GCM-SHA256:!RC4"\nnode server.js')


def _docs_command(form, runner):
    """(argv, extra environment) of one of the docs' two forms, with node
    replaced by ``runner`` and server.js by cipher_list.js."""
    env = {}
    lines = [shlex.split(line) for line in form.splitlines()]
    for words in lines[:-1]:
        assert words[0] == "export"
        name, value = words[1].split("=", 1)
        env[name] = value
    node, *args = lines[-1]
    assert node == "node" and args[-1] == "server.js"
    args[-1] = "cipher_list.js"
    if runner == "node":
        command = [NODE, "--tls-max-v1.2", *args]
    else:
        command = [sys.executable, "-m", "jstls", "run", *args]
    return command, env


@pytest.fixture(scope="module")
def fixture_env(tmp_path_factory):
    from tls_fixtures import write_fixtures

    return clean_env(TLS_FIXTURES=str(
        write_fixtures(tmp_path_factory.mktemp("cipher-list"))))


@pytest.mark.parametrize("runner", [
    "jstls", pytest.param("node", marks=needs_node)])
@pytest.mark.parametrize("form", [DOCS_FLAG_FORM, DOCS_ENV_FORM],
                         ids=["flag", "NODE_OPTIONS"])
def test_docs_cipher_list_commands(form, runner, fixture_env):
    command, extra = _docs_command(form, runner)
    proc = subprocess.run(command, cwd=DOC_EXAMPLES, capture_output=True,
                          env={**fixture_env, **extra}, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == (DOC_EXAMPLES / "cipher_list.out").read_bytes()


def test_cipher_list_without_the_flag_differs(fixture_env):
    # The control: without the flag the default list is node's own and
    # the AES-256 client is served.
    proc = run_jstls(["run", "cipher_list.js"], cwd=DOC_EXAMPLES,
                     env=fixture_env)
    text = proc.stdout.decode()
    assert proc.returncode == 0, proc.stderr
    assert "ECDHE-RSA-AES128-GCM-SHA256:!RC4" not in text
    assert "client ECDHE-RSA-AES256-GCM-SHA384 cipher" in text
