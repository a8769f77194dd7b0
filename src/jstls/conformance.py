"""The tls conformance suite: documented API items and the scripts that
show them working.

    jstls conformance [--node] [--filter X] [--json out.json] [--dir D]
                      [--no-interop]

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
A script may say how it is started, for node and jstls alike:
``// flags: --tls-cipher-list=...`` (before the script name) and
``// env: NAME=VALUE`` (added to its environment).

After the items, the report prints the interoperability matrix
(src/jstls/interop.py): jstls against openssl, Python's ssl and curl,
feature by feature, jstls as client and as server (``--no-interop``
leaves it out; ``--filter`` also selects its cells by id).
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


def script_flags(path):
    """The command-line flags a script's ``// flags:`` line asks for."""
    match = re.search(r"^// flags: (.*)$", path.read_text(), re.M)
    return match.group(1).split() if match else []


def script_extra_env(path):
    """The variables a script's ``// env: NAME=VALUE`` lines set."""
    pairs = re.findall(r"^// env: ([A-Za-z_][A-Za-z0-9_]*)=(.*)$",
                       path.read_text(), re.M)
    return dict(pairs)


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
    flags = script_flags(path)
    if node:
        command = [shutil.which("node") or "node", "--tls-max-v1.2", *flags,
                   path.name]
    else:
        command = [sys.executable, "-m", "jstls", "run", *flags, path.name]
    env = {**env, **script_extra_env(path)}
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


def run_interop(directory, fixtures, pattern, with_node=False, jobs=None):
    """Run the matrix cells whose id contains ``pattern``; return one
    record per cell (jstls's result, and node's with ``with_node``) and
    the cells that cannot exist."""
    from . import interop

    scripts = pathlib.Path(directory) / "interop"
    cells = [c for c in interop.cells() if pattern in c.id]
    runners = ["jstls", "node"] if with_node else ["jstls"]
    records = {c.id: {"id": c.id, "feature": c.feature, "peer": c.peer,
                      "direction": c.direction, "jstls": None, "node": None}
               for c in cells}
    with concurrent.futures.ThreadPoolExecutor(jobs or os.cpu_count() or 4) as pool:
        futures = {pool.submit(interop.run_cell,
                               interop.Setup(fixtures, scripts, runner),
                               cell): (cell, runner)
                   for cell in cells for runner in runners}
        for future in concurrent.futures.as_completed(futures):
            cell, runner = futures[future]
            records[cell.id][runner] = future.result()
    not_applicable = [
        {"id": f"{peer}/{feature}", "peer": peer, "feature": feature,
         "reason": reason}
        for (peer, feature), reason in interop.NOT_APPLICABLE.items()
        if pattern in f"{peer}/{feature}"]
    return [records[c.id] for c in cells], not_applicable


def interop_counts(records, not_applicable):
    counts = {"cells": len(records), "pass": 0, "fail": 0, "skip": 0,
              "n/a": len(not_applicable), "node pass": 0, "node fail": 0}
    for record in records:
        counts[record["jstls"]["status"]] += 1
        if record["node"] is not None:
            if record["node"]["status"] == "pass":
                counts["node pass"] += 1
            elif record["node"]["status"] == "fail":
                counts["node fail"] += 1
    return counts


def interop_summary_line(counts, with_node=False):
    line = (f"interop: {counts['cells']} cells, pass: {counts['pass']}, "
            f"fail: {counts['fail']}, skip: {counts['skip']}, "
            f"n/a: {counts['n/a']}")
    if with_node:
        line += (f"; under node: pass {counts['node pass']}, "
                 f"fail {counts['node fail']}")
    return line


def print_matrix(records, not_applicable, with_node=False, file=sys.stdout):
    """Feature rows; a column per peer and role jstls plays.  A cell reads
    jstls's status, then node's after a slash with --node."""
    from . import interop

    columns = [(peer, direction) for peer in interop.PEERS
               for direction in interop.DIRECTIONS
               if (peer, direction) in interop.RUNNERS]
    by_key = {(r["feature"], r["peer"], r["direction"]): r for r in records}
    na = {(n["feature"], n["peer"]) for n in not_applicable}
    features = [f for f in interop.FEATURES
                if any(r["feature"] == f for r in records)]
    if not features:
        return
    fwidth = max(len(f) for f in features)
    cwidth = 11 if with_node else 6

    def text(feature, peer, direction):
        record = by_key.get((feature, peer, direction))
        if record is None:
            return "n/a" if (feature, peer) in na else "-"
        out = record["jstls"]["status"]
        if with_node and record["node"] is not None:
            out += "/" + record["node"]["status"]
        return out

    print("\ninterop matrix: jstls against real peers, as client and as "
          "server" + (" (jstls/node)" if with_node else ""), file=file)
    peers_line = " " * fwidth
    roles_line = f"{'jstls is:':<{fwidth}}"
    for peer in interop.PEERS:
        mine = [d for p, d in columns if p == peer]
        span = (cwidth + 2) * len(mine)
        peers_line += "  " + f"{peer:<{span - 2}}"
        for direction in mine:
            role = direction.split()[1]
            roles_line += "  " + f"{role:<{cwidth}}"
    print(peers_line.rstrip(), file=file)
    print(roles_line.rstrip(), file=file)
    for feature in features:
        row = f"{feature:<{fwidth}}"
        for peer, direction in columns:
            row += "  " + f"{text(feature, peer, direction):<{cwidth}}"
        print(row.rstrip(), file=file)
    for record in records:
        for runner in ("jstls", "node"):
            result = record[runner]
            if result is not None and result["status"] != "pass":
                print(f"  {result['status']} {record['id']} ({runner}): "
                      f"{result['detail']}", file=file)
    for item in not_applicable:
        print(f"  n/a {item['id']}: {item['reason']}", file=file)
    for (feature, direction), reason in interop.NODE_DIFFERS.items():
        if feature in features:
            print(f"  note {feature}, {direction}: {reason}", file=file)


def print_doc_examples(manifest, file=sys.stdout):
    """The docs' own examples and the tests that run them (some only
    under pytest: they need the openssl CLI or the docs' port 8000)."""
    examples = manifest.get("doc_examples", [])
    if not examples:
        return
    print("\nthe docs' examples, and the tests that run them:", file=file)
    for example in examples:
        tests = ", ".join(t.replace("tests/", "") for t in example["tests"])
        print(f"  {example['id']}\n    {tests}", file=file)


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
    parser.add_argument("--no-interop", action="store_true",
                        help="leave out the interoperability matrix")
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
    matrix, not_applicable = [], []
    if args.engine:
        # Every jstls the suite starts, scripts and matrix cells alike.
        os.environ["JSTLS_ENGINE"] = args.engine
    env = script_env(fixtures)
    try:
        results = run_suite(directory, items, env,
                            with_node=args.node, jobs=args.jobs)
        if not args.no_interop:
            matrix, not_applicable = run_interop(
                directory, fixtures, args.filter, with_node=args.node,
                jobs=args.jobs)
    finally:
        if tmp:
            shutil.rmtree(tmp, ignore_errors=True)
    rows, counts = judge(items, results, with_node=args.node)
    if rows:
        print_table(rows)
    if not args.filter:
        print_doc_examples(manifest)
    print_matrix(matrix, not_applicable, with_node=args.node)
    print(summary_line(counts))
    icounts = interop_counts(matrix, not_applicable)
    if not args.no_interop:
        print(interop_summary_line(icounts, with_node=args.node))
    if args.json_out:
        report = {"rows": rows, "summary": counts, "scripts": results,
                  "doc_examples": manifest.get("doc_examples", [])}
        if not args.no_interop:
            report["interop"] = {"cells": matrix,
                                 "not_applicable": not_applicable,
                                 "summary": icounts}
        pathlib.Path(args.json_out).write_text(json.dumps(report, indent=2))
    failed = counts["failing"] or counts["node mismatch"]
    return 1 if failed or icounts["fail"] or icounts["node fail"] else 0


if __name__ == "__main__":
    sys.exit(main())
