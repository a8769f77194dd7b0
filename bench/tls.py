"""Benchmark (not a test): TLS under node and under jstls with each engine,
for each protocol version, in one run: start-up of a hello-world script,
full and resumed (session ticket; session id under TLS 1.2) handshakes
per second (RSA-2048, sequential), echo MB/s and the round trip of a 32-byte message
(bench/tls_echo.js, unchanged under all three).

    python bench/tls.py [--bytes N] [--handshakes N] [--round-trips N]
                        [--engines dukpy,spidermonkey] [--protocols 1.2,1.3]

node runs with --tls-max-v1.2 when jstls runs TLS 1.2 (jstls's default, the
Node 10 docs' DEFAULT_MAX_VERSION), --tls-max-v1.3 for 1.3.  An engine that
is not installed is skipped.  Timings are wall-clock on a shared machine:
compare ratios, not absolute figures.
"""

from __future__ import annotations

import argparse
import importlib.util
import pathlib
import shutil
import subprocess
import sys
import tempfile

from net import run
from startup import hello_world, time_command

HERE = pathlib.Path(__file__).parent

# Higher is better for all but these two.
LOWER_IS_BETTER = {"startup_ms", "round_trip_us"}
COLUMNS = ["startup_ms", "handshakes_per_s", "resumed_per_s",
           "resumed_id_per_s", "echo_MBps", "round_trip_us"]


def make_identity(directory):
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes",
         "-keyout", str(directory / "key.pem"), "-out",
         str(directory / "cert.pem"), "-days", "2", "-subj", "/CN=localhost",
         "-addext", "subjectAltName=DNS:localhost"],
        check=True, capture_output=True,
    )


def installed(engine):
    if engine == "spidermonkey":
        return importlib.util.find_spec("pythonmonkey") is not None
    return True


def commands(engines):
    """{label: argv prefix} for node and each installed engine."""
    found = {}
    node = shutil.which("node")
    if node:
        found["node"] = [node]
    for engine in engines:
        if installed(engine):
            found[engine] = [sys.executable, "-m", "jstls", "--engine", engine]
        else:
            print(f"{engine}: not installed, skipped")
    return found


def print_table(title, rows):
    width = 20
    heads = [c + (" (low=good)" if c in LOWER_IS_BETTER else "") for c in COLUMNS]
    print(f"\n{title}")
    print(f"{'':20}" + "".join(f"{h:>{width + 6}}" for h in heads))
    for label, row in rows.items():
        cells = "".join(f"{row.get(c, float('nan')):>{width + 6},.1f}"
                        for c in COLUMNS)
        print(f"{label:20}{cells}")
    ref = rows.get("node")
    if ref is None:
        return
    for label, row in rows.items():
        if label == "node":
            continue
        cells = []
        for c in COLUMNS:
            ratio = f"{row[c] / ref[c]:.2f}x" if row.get(c) and ref.get(c) else "-"
            cells.append(f"{ratio:>{width + 6}}")
        print(f"{label + ' / node':20}" + "".join(cells))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--bytes", type=int, default=32 * 1024 * 1024)
    parser.add_argument("--handshakes", type=int, default=300)
    parser.add_argument("--round-trips", type=int, default=2000)
    parser.add_argument("--startup-runs", type=int, default=7)
    parser.add_argument("--engines", default="dukpy,spidermonkey")
    parser.add_argument("--protocols", default="1.2,1.3")
    parser.add_argument("--tls13", action="store_true",
                        help="the same as --protocols 1.3")
    args = parser.parse_args()
    protocols = ["1.3"] if args.tls13 else args.protocols.split(",")
    found = commands(args.engines.split(","))

    startup = {}
    with hello_world() as script:
        for label, argv in found.items():
            run_argv = argv + (["run"] if label != "node" else [])
            seconds = time_command(run_argv + [script], args.startup_runs)
            startup[label] = seconds * 1000

    with tempfile.TemporaryDirectory() as tmp:
        tmp = pathlib.Path(tmp)
        make_identity(tmp)
        script = [str(HERE / "tls_echo.js"), str(tmp), str(args.bytes),
                  str(args.handshakes), str(args.round_trips)]
        for version in protocols:
            flag = f"--tls-max-v{version}"
            rows = {}
            for label, argv in found.items():
                prefix = argv + [flag] + (["run"] if label != "node" else [])
                rows[label] = {"startup_ms": startup[label], **run(prefix + script)}
            print_table(f"TLS {version}", rows)


if __name__ == "__main__":
    main()
