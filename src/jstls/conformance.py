"""The tls conformance suite: documented API items and the scripts that
show them working.

    jstls conformance [--node] [--filter X] [--json out.json] [--dir D]

``conformance/manifest.json`` lists every item of the tls docs (classes,
events, methods, properties, options, constants, deprecated ones too),
each with the scripts that cover it.  A script lives in one of:

* ``items/NAME.js``: must print ``NAME.out`` (made by
  ``node --tls-max-v1.2``) under jstls;
* ``known_issues/NAME.js``: behaviour jstls does not have yet, with a
  ``// known-issue: reason`` line; it is expected to differ from its
  ``.out`` (node's output), and is reported as "fixed?" once it does not;
* ``doc_examples/NAME.js``: the docs' own example snippets, unmodified;
* ``../tests/scripts/tls/NAME.js``: a differential test script of the
  suite that already shows an item; named in place, not copied.

An item with no script carries ``"missing": true`` in the manifest.
Each script runs as ``python -m jstls run NAME.js`` (and, with --node,
as ``node --tls-max-v1.2 NAME.js``) in its own directory, with
TLS_FIXTURES naming the PEM files it reads: taken from the environment,
or written to a temporary directory by the checkout's
tests/tls_fixtures.py.  The exit status is 1 when a covered item fails.
"""

from __future__ import annotations

import argparse
import concurrent.futures
import json
import os
import pathlib
import re
import shutil
import subprocess
import sys
import tempfile

KNOWN_DIR = "known_issues"
TIMEOUT = 60


def default_dir():
    """conformance/ of the checkout this module runs from, else of cwd."""
    here = pathlib.Path(__file__).resolve().parents[2] / "conformance"
    if (here / "manifest.json").exists():
        return here
    return pathlib.Path.cwd() / "conformance"


def load_manifest(directory):
    return json.loads((pathlib.Path(directory) / "manifest.json").read_text())


def is_known_issue(script):
    return str(script).startswith(KNOWN_DIR + "/")


def known_issue_reason(path):
    match = re.search(r"^// known-issue: (.*)$", path.read_text(), re.M)
    return match.group(1).strip() if match else None


def expected(path):
    """(stdout bytes, exit code) a script must give: its .out and
    ``// expect-exit: N`` (0 when absent)."""
    out = path.with_suffix(".out").read_bytes()
    match = re.search(r"^// expect-exit: (\d+)", path.read_text(), re.M)
    return out, int(match.group(1)) if match else 0


def script_env(fixtures):
    env = {k: v for k, v in os.environ.items()
           if k not in ("NODE_OPTIONS", "NODE_DEBUG")}
    env["TLS_FIXTURES"] = str(fixtures)
    return env


def make_fixtures(directory):
    """A directory of fixture PEM files: $TLS_FIXTURES, or written by the
    checkout's tests/tls_fixtures.py into a new temporary directory.
    Returns (path, temporary directory to remove or None)."""
    if os.environ.get("TLS_FIXTURES"):
        return pathlib.Path(os.environ["TLS_FIXTURES"]), None
    tests = pathlib.Path(directory).resolve().parent / "tests"
    if not (tests / "tls_fixtures.py").exists():
        raise SystemExit("jstls conformance: set TLS_FIXTURES (no "
                         f"{tests / 'tls_fixtures.py'} to make them)")
    sys.path.insert(0, str(tests))
    try:
        from tls_fixtures import write_fixtures
    finally:
        sys.path.remove(str(tests))
    tmp = tempfile.mkdtemp(prefix="jstls-conformance-")
    return write_fixtures(tmp), tmp


def run_script(path, env, node=False):
    """Run one script; return (stdout bytes, exit code, stderr text)."""
    if node:
        command = [shutil.which("node") or "node", "--tls-max-v1.2", path.name]
    else:
        command = [sys.executable, "-m", "jstls", "run", path.name]
    try:
        proc = subprocess.run(command, cwd=path.parent, env=env,
                              capture_output=True, timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        return b"", None, f"timed out after {TIMEOUT} s"
    return proc.stdout, proc.returncode, proc.stderr.decode(errors="replace")


def check_script(path, env, node=False):
    """True when the script prints its .out and exits as expected."""
    out, code = expected(path)
    stdout, rc, _ = run_script(path, env, node=node)
    return stdout == out and rc == code


def select(manifest, pattern):
    items = manifest["items"]
    if not pattern:
        return items
    return [item for item in items
            if pattern in item["id"]
            or any(pattern in s for s in item.get("scripts", []))]


def run_suite(directory, items, env, with_node=False, jobs=None):
    """Run every script the items name; return {script: {"jstls": bool,
    "node": bool | None}}."""
    directory = pathlib.Path(directory)
    scripts = sorted({s for item in items for s in item.get("scripts", [])})
    results = {s: {"jstls": None, "node": None} for s in scripts}
    tasks = [(s, False) for s in scripts]
    if with_node:
        tasks += [(s, True) for s in scripts]
    with concurrent.futures.ThreadPoolExecutor(jobs or os.cpu_count() or 4) as pool:
        futures = {pool.submit(check_script, directory / s, env, node): (s, node)
                   for s, node in tasks}
        for future in concurrent.futures.as_completed(futures):
            s, node = futures[future]
            results[s]["node" if node else "jstls"] = future.result()
    return results


def judge(items, results, with_node=False):
    """Per-item rows and the summary counts."""
    rows = []
    counts = {"items": len(items), "covered": 0, "matching node": 0,
              "known issues": 0, "missing": 0, "failing": 0, "fixed?": 0,
              "node mismatch": 0}
    for item in items:
        scripts = item.get("scripts", [])
        plain = [s for s in scripts if not is_known_issue(s)]
        known = [s for s in scripts if is_known_issue(s)]
        fixed = [s for s in known if results[s]["jstls"]]
        node_col = "-"
        if with_node and scripts:
            node_col = "pass" if all(results[s]["node"] for s in scripts) else "FAIL"
        if plain:
            counts["covered"] += 1
            ok = all(results[s]["jstls"] for s in plain)
            status = "pass" if ok else "FAIL"
            node_ok = not with_node or all(results[s]["node"] for s in plain)
            if ok and node_ok:
                counts["matching node"] += 1
            if not node_ok:
                counts["node mismatch"] += 1
            if not ok:
                counts["failing"] += 1
            if known:
                status += f" (+{len(known)} known issue)"
        elif known:
            counts["known issues"] += 1
            status = "known issue"
        else:
            counts["missing"] += 1
            status = "missing"
        if fixed:
            counts["fixed?"] += 1
            status += " FIXED? " + ",".join(fixed)
        rows.append({"item": item["id"], "scripts": scripts,
                     "jstls": status, "node": node_col})
    return rows, counts


def summary_line(counts):
    line = (f"items: {counts['items']}, covered: {counts['covered']}, "
            f"matching node: {counts['matching node']}, "
            f"known issues: {counts['known issues']}, "
            f"missing: {counts['missing']}")
    if counts["failing"]:
        line += f", FAILING: {counts['failing']}"
    if counts["node mismatch"]:
        line += f", .out not node's: {counts['node mismatch']}"
    if counts["fixed?"]:
        line += f", known issues now passing: {counts['fixed?']}"
    return line


def print_table(rows, file=sys.stdout):
    width = max([len(r["item"]) for r in rows] + [4])
    def names(r):
        text = ", ".join(pathlib.PurePosixPath(s).stem for s in r["scripts"])
        return (text[:37] + "...") if len(text) > 40 else text
    swidth = max([len(names(r)) for r in rows] + [7])
    jwidth = max([len(r["jstls"]) for r in rows] + [5])
    print(f"{'item':<{width}}  {'scripts':<{swidth}}  {'jstls':<{jwidth}}  node",
          file=file)
    for r in rows:
        print(f"{r['item']:<{width}}  {names(r) or '-':<{swidth}}  "
              f"{r['jstls']:<{jwidth}}  {r['node']}", file=file)


def main(argv=None):
    parser = argparse.ArgumentParser(prog="jstls conformance",
                                     description=__doc__.split("\n\n")[0])
    parser.add_argument("--node", action="store_true",
                        help="also run each script under node --tls-max-v1.2")
    parser.add_argument("--filter", default="",
                        help="only items (or scripts) whose name contains this")
    parser.add_argument("--json", dest="json_out",
                        help="write the rows and the summary to this file")
    parser.add_argument("--dir", default=None,
                        help="the conformance directory (default: the checkout's)")
    parser.add_argument("--jobs", type=int, default=None)
    parser.add_argument("--engine", default=None,
                        help="the engine jstls runs the scripts under "
                             "(default: $JSTLS_ENGINE, else dukpy)")
    args = parser.parse_args(argv)

    directory = pathlib.Path(args.dir) if args.dir else default_dir()
    manifest = load_manifest(directory)
    items = select(manifest, args.filter)
    if args.node and not shutil.which("node"):
        print("jstls conformance: --node given, but node is not installed",
              file=sys.stderr)
        return 2
    fixtures, tmp = make_fixtures(directory)
    env = script_env(fixtures)
    if args.engine:
        env["JSTLS_ENGINE"] = args.engine
    try:
        results = run_suite(directory, items, env,
                            with_node=args.node, jobs=args.jobs)
    finally:
        if tmp:
            shutil.rmtree(tmp, ignore_errors=True)
    rows, counts = judge(items, results, with_node=args.node)
    print_table(rows)
    print(summary_line(counts))
    if args.json_out:
        pathlib.Path(args.json_out).write_text(json.dumps(
            {"rows": rows, "summary": counts, "scripts": results}, indent=2))
    return 1 if counts["failing"] or counts["node mismatch"] else 0


if __name__ == "__main__":
    sys.exit(main())
