"""Benchmark (not a test): start-up of a hello-world script under jstls and
under node in one run, and the bytes codec in both directions.

    python bench/startup.py [--runs N]

Prints medians and the jstls/node ratio.  Timings are wall-clock on a shared
machine: compare ratios, not absolute figures.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time


def time_command(cmd, runs):
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def codec_throughput(size=1 << 20, rounds=50):
    """MB/s of bytes host->JS and JS->host through the engine adapter."""
    from jstls.engine import create_engine

    engine = create_engine()
    payload = os.urandom(size)
    engine.expose("give", lambda: engine.bytes_to_js(payload))
    engine.expose("take", lambda marker: len(engine.bytes_from_js(marker)))
    results = {}
    for native in (True, False):
        engine.native = native and engine._state is not None
        label = "native" if engine.native else "latin1-json"
        engine.evaluate(
            "globalThis.bench = function (rounds) {"
            "  const t0 = performance.now();"
            "  let view;"
            "  for (let i = 0; i < rounds; i++) {"
            "    const m = call_python('give');"
            "    view = typeof m === 'string' ? m :"
            "      new Uint8Array(globalThis.__jstlsBytesIn, 0, m);"
            "  }"
            "  const t1 = performance.now();"
            "  if (typeof view === 'string') {"
            "    for (let i = 0; i < rounds; i++) call_python('take', view);"
            "  } else {"
            "    for (let i = 0; i < rounds; i++) {"
            "      globalThis.__jstlsBytesOut = view; call_python('take', 0);"
            "    }"
            "  }"
            "  return [t1 - t0, performance.now() - t1];"
            "}; null"
        )
        n = rounds if engine.native else max(2, rounds // 10)
        into_ms, out_ms = engine.evaluate(f"bench({n})")
        mb = size * n / 1e6
        results[label] = (mb / (into_ms / 1000), mb / (out_ms / 1000))
    return results


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()

    with tempfile.NamedTemporaryFile("w", suffix=".js", delete=False) as f:
        f.write("console.log('hello world');\n")
        script = f.name
    try:
        jstls = time_command([sys.executable, "-m", "jstls", "run", script], args.runs)
        print(f"start-up jstls: {jstls * 1000:.1f} ms (median of {args.runs})")
        node = shutil.which("node")
        if node:
            node_t = time_command([node, script], args.runs)
            print(f"start-up node:  {node_t * 1000:.1f} ms")
            print(f"ratio jstls/node: {jstls / node_t:.2f}x")
        else:
            print("node not installed: no ratio")
    finally:
        os.unlink(script)

    for label, (into, out) in codec_throughput().items():
        print(f"bytes codec {label}: into JS {into:,.0f} MB/s, out of JS {out:,.0f} MB/s")


if __name__ == "__main__":
    main()
