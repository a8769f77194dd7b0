"""Benchmark (not a test): start-up of a hello-world script under jstls and
under node in one run, and the bytes codec in both directions.

    python bench/startup.py [--runs N] [--engines dukpy,spidermonkey]

Prints medians and the jstls/node ratio for each engine.  Timings are wall-clock on a shared
machine: compare ratios, not absolute figures.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib.util
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


@contextlib.contextmanager
def hello_world():
    """The file name of a hello-world script, for the time it is needed."""
    with tempfile.NamedTemporaryFile("w", suffix=".js", delete=False) as f:
        f.write("console.log('hello world');\n")
    try:
        yield f.name
    finally:
        os.unlink(f.name)


def codec_throughput(name, size=1 << 20, rounds=50):
    """MB/s of bytes host->JS and JS->host through the engine adapter."""
    from jstls.engine import create_engine

    engine = create_engine(name)
    payload = os.urandom(size)
    engine.expose("give", lambda: engine.bytes_to_js(payload))
    engine.expose("take", lambda marker: len(engine.bytes_from_js(marker)))
    results = {}
    # dukpy also has a latin1-through-JSON fallback; SpiderMonkey needs none.
    modes = (True, False) if name == "dukpy" else (True,)
    for native in modes:
        engine.native = native and (name != "dukpy" or engine._state is not None)
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
    parser.add_argument("--engines", default="dukpy,spidermonkey")
    args = parser.parse_args()
    engines = [e for e in args.engines.split(",")
               if e != "spidermonkey" or importlib.util.find_spec("pythonmonkey")]

    with hello_world() as script:
        node = shutil.which("node")
        node_t = time_command([node, script], args.runs) if node else None
        if node_t:
            print(f"start-up node:  {node_t * 1000:.1f} ms (median of {args.runs})")
        for name in engines:
            cmd = [sys.executable, "-m", "jstls", "--engine", name, "run", script]
            jstls = time_command(cmd, args.runs)
            ratio = f" ({jstls / node_t:.2f}x node)" if node_t else ""
            print(f"start-up jstls {name}: {jstls * 1000:.1f} ms{ratio}")

    for name in engines:
        for label, (into, out) in codec_throughput(name).items():
            print(f"bytes codec {name} {label}: into JS {into:,.0f} MB/s, "
                  f"out of JS {out:,.0f} MB/s")


if __name__ == "__main__":
    main()
