"""Benchmark (not a test): TLS echo MB/s and handshakes/s (RSA-2048,
sequential: full, resumed by ticket, resumed by session id), jstls beside
node in one run (bench/tls_echo.js under both).

    python bench/tls.py [--bytes N] [--handshakes N] [--tls13]

node runs with --tls-max-v1.2 unless --tls13, as jstls does by default.
"""

from __future__ import annotations

import argparse
import pathlib
import shutil
import subprocess
import sys
import tempfile

from net import run

HERE = pathlib.Path(__file__).parent


def make_identity(directory):
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes",
         "-keyout", str(directory / "key.pem"), "-out",
         str(directory / "cert.pem"), "-days", "2", "-subj", "/CN=localhost",
         "-addext", "subjectAltName=DNS:localhost"],
        check=True, capture_output=True,
    )


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--bytes", type=int, default=32 * 1024 * 1024)
    parser.add_argument("--handshakes", type=int, default=300)
    parser.add_argument("--tls13", action="store_true")
    args = parser.parse_args()
    flag = "--tls-max-v1.3" if args.tls13 else "--tls-max-v1.2"
    with tempfile.TemporaryDirectory() as tmp:
        tmp = pathlib.Path(tmp)
        make_identity(tmp)
        script = [str(HERE / "tls_echo.js"), str(tmp), str(args.bytes),
                  str(args.handshakes)]
        jstls = run([sys.executable, "-m", "jstls", flag, "run", *script])
        print("jstls:", jstls)
        node = shutil.which("node")
        if not node:
            print("node not installed: no ratios")
            return
        ref = run([node, flag, *script])
        print("node: ", ref)
        for key in jstls:
            print(f"ratio {key}: {jstls[key] / ref[key]:.2f}x node")


if __name__ == "__main__":
    main()
