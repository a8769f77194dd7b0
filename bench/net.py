"""Benchmark (not a test): TCP echo MB/s and sequential connections/s,
jstls beside node in one run (bench/net_echo.js under both).

    python bench/net.py [--bytes N] [--connections N]
"""

from __future__ import annotations

import argparse
import json
import pathlib
import shutil
import subprocess
import sys

HERE = pathlib.Path(__file__).parent


def run(cmd):
    out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--bytes", type=int, default=64 * 1024 * 1024)
    parser.add_argument("--connections", type=int, default=2000)
    args = parser.parse_args()
    script = [str(HERE / "net_echo.js"), str(args.bytes), str(args.connections)]

    jstls = run([sys.executable, "-m", "jstls", "run", *script])
    print("jstls:", jstls)
    node = shutil.which("node")
    if not node:
        print("node not installed: no ratios")
        return
    ref = run([node, *script])
    print("node: ", ref)
    for key in jstls:
        print(f"ratio {key}: {jstls[key] / ref[key]:.2f}x node")


if __name__ == "__main__":
    main()
