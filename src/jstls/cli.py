"""The ``jstls`` command: Node's command line, for the flags that matter here.

    jstls run script.js [args...]      (also: jstls script.js [args...])
    jstls -e 'code' / -p 'expr'
    jstls --version
    jstls conformance [--node] [--filter X] [--json out.json] [--no-interop]
                      [--engine E]

Node's TLS flags are accepted before the script, and also read from
NODE_OPTIONS: --tls-max-v1.2, --tls-max-v1.3, --tls-min-v1.0 .. v1.3,
--tls-cipher-list=..., --openssl-config=..., --openssl-shared-config,
--no-warnings, --no-deprecation.  The runtime passes them on to JS as
process.execArgv.

--engine dukpy|spidermonkey (or JSTLS_ENGINE) picks the JavaScript engine:
dukpy is the default; spidermonkey needs pip install 'jstls[spidermonkey]'.
"""

from __future__ import annotations

import argparse
import os
import shlex
import sys

from . import __version__

_TLS_FLAGS = {
    "--tls-max-v1.2",
    "--tls-max-v1.3",
    "--tls-min-v1.0",
    "--tls-min-v1.1",
    "--tls-min-v1.2",
    "--tls-min-v1.3",
    "--openssl-shared-config",
    "--no-warnings",
    "--no-deprecation",
    "--pending-deprecation",
    "--throw-deprecation",
    "--trace-warnings",
}
_VALUE_FLAGS = ("--tls-cipher-list=", "--openssl-config=", "--tls-keylog=")


class UsageError(Exception):
    pass


def _split_node_flags(args):
    """Take Node flags off the front of ``args``; return (flags, rest)."""
    flags = []
    rest = list(args)
    while rest and rest[0].startswith("--"):
        arg = rest[0]
        if arg in _TLS_FLAGS or arg.startswith(_VALUE_FLAGS):
            flags.append(arg)
            rest.pop(0)
        elif arg in ("--tls-cipher-list", "--openssl-config") and len(rest) > 1:
            flags.append(f"{arg}={rest[1]}")
            del rest[:2]
        else:
            break
    return flags, rest


def _node_options():
    """Flags from NODE_OPTIONS that we honour; others are ignored."""
    raw = os.environ.get("NODE_OPTIONS", "")
    flags, _ = _split_node_flags([a for a in shlex.split(raw) if a.startswith("--")])
    return flags


def parse(argv):
    """Parse a command line into (mode, payload, script_args, node_flags, engine)."""
    parser = argparse.ArgumentParser(
        prog="jstls",
        description="Run Node.js scripts (and their TLS code) in Python.",
        add_help=False,
    )
    parser.add_argument("-h", "--help", action="store_true")
    parser.add_argument("-v", "--version", action="store_true")
    parser.add_argument("-e", "--eval", dest="eval_source")
    parser.add_argument("-p", "--print", dest="print_source")
    parser.add_argument("--engine", default=None)

    flags, rest = _split_node_flags(argv)
    known, rest = parser.parse_known_args(rest)
    more, rest = _split_node_flags(rest)
    flags += more
    if rest and rest[0] == "run":
        rest = rest[1:]
        more, rest = _split_node_flags(rest)
        flags += more
    if known.help:
        return "help", parser.format_help(), [], flags, known.engine
    if known.version:
        return "version", None, [], flags, known.engine
    if known.eval_source is not None:
        return "eval", known.eval_source, rest, flags, known.engine
    if known.print_source is not None:
        return "print", known.print_source, rest, flags, known.engine
    if not rest:
        raise UsageError("usage: jstls run script.js [args...] | jstls -e CODE")
    return "file", rest[0], rest[1:], flags, known.engine


def main(argv=None):
    from .engine import EngineUnavailable
    from .runtime import Runtime

    argv = sys.argv[1:] if argv is None else list(argv)
    if argv[:1] == ["conformance"]:
        from . import conformance
        return conformance.main(argv[1:])
    try:
        mode, payload, args, flags, engine = parse(argv)
    except UsageError as exc:
        print(exc, file=sys.stderr)
        return 9
    if mode == "help":
        print(__doc__.strip())
        return 0
    if mode == "version":
        print(f"v{__version__}")
        return 0

    flags = _node_options() + flags
    if "--tls-min-v1.3" in flags and "--tls-max-v1.2" in flags:
        # Node refuses the pair before running anything.
        print("jstls: either --tls-min-v1.3 or --tls-max-v1.2 can be used, "
              "not both", file=sys.stderr)
        return 9
    if mode == "file" and not os.path.exists(payload):
        # Let the module loader report it, as Node does (MODULE_NOT_FOUND).
        pass
    try:
        runtime = Runtime(engine=engine, exec_argv=flags)
    except EngineUnavailable as exc:
        # Like a bad flag: one line, no traceback, node's exit code for it.
        print(f"jstls: {exc}", file=sys.stderr)
        return 9
    with runtime:
        if mode == "file":
            result = runtime.run_file(payload, argv=args)
        else:
            source = payload
            if mode == "print":
                source = f"console.log(eval({payload!r}))"
            result = runtime.run_script(source, filename="[eval]", argv=args)
    return result.exit_code


if __name__ == "__main__":
    sys.exit(main())
