// The `process` object: an EventEmitter carrying the facts the host gives
// (pid, platform, OpenSSL version, environment) and the controls the loop
// owns (nextTick, exit, exitCode).  stdout/stderr/stdin are built lazily in
// internal/stdio, since most scripts only reach them through console.
'use strict';

const { EventEmitter } = require('events');
const loop = require('internal/loop');
const { codes, validateFunction } = require('internal/errors');

const NODE_VERSION = 'v20.0.0';

function createProcess(config) {
  const info = host.call('process.info');
  const process = new EventEmitter();
  Object.defineProperty(process, Symbol.toStringTag, {
    value: 'process', enumerable: false, writable: true, configurable: true,
  });

  process.title = 'jstls';
  process.version = NODE_VERSION;
  process.versions = {
    node: NODE_VERSION.slice(1),
    openssl: info.openssl,
    jstls: config.version,
    quickjs: 'ng',
    python: info.python,
  };
  process.release = { name: 'node', lts: 'Iron' };
  process.arch = info.arch;
  process.platform = info.platform;
  process.pid = info.pid;
  process.ppid = info.ppid;
  process.execPath = info.execPath;
  process.execArgv = config.execArgv.slice();
  process.argv0 = config.argv0;
  process.argv = [info.execPath];
  process.env = makeEnv(host.call('process.env'));
  process.features = { tls: true, tls_alpn: true, tls_sni: true,
                       tls_ocsp: true, ipv6: true, inspector: false };
  process.config = { variables: {} };
  process.moduleLoadList = [];
  process._exiting = false;

  let exitCode;
  Object.defineProperty(process, 'exitCode', {
    get() { return exitCode; },
    set(value) {
      if (value !== undefined && value !== null &&
          !Number.isInteger(Number(value))) {
        throw new codes.ERR_INVALID_ARG_TYPE('code', 'integer', value);
      }
      exitCode = value;
    },
    enumerable: true,
    configurable: false,
  });

  process.nextTick = loop.nextTick;
  process.exit = function exit(code) {
    // After the 'exit' listeners ran, a caught exit and a second call
    // change nothing: the process is already gone.
    if (!loop.hasExited() && code !== undefined && code !== null) {
      process.exitCode = code;
    }
    loop.exit();
  };
  process.reallyExit = process.exit;
  process.abort = () => loop.exit(134);
  process.cwd = () => host.call('process.cwd');
  process.chdir = (directory) => {
    if (typeof directory !== 'string') {
      throw new codes.ERR_INVALID_ARG_TYPE('directory', 'string', directory);
    }
    host.call('process.chdir', directory);
  };
  process.umask = () => 0o22;
  process.uptime = () => host.call('process.uptime');
  process.hrtime = hrtime;
  process.hrtime.bigint = () => {
    const [s, ns] = host.call('process.hrtime');
    return BigInt(s) * 1000000000n + BigInt(ns);
  };
  process.memoryUsage = () => {
    const rss = host.call('process.memory_usage');
    return { rss, heapTotal: rss, heapUsed: rss, external: 0,
             arrayBuffers: 0 };
  };
  process.memoryUsage.rss = () => host.call('process.memory_usage');
  process.cpuUsage = () => ({ user: 0, system: 0 });
  process.resourceUsage = () => ({});
  process.emitWarning = emitWarning;
  process.kill = (pid, signal) => {
    throw new codes.ERR_METHOD_NOT_IMPLEMENTED('process.kill');
  };
  process.binding = () => {
    throw new codes.ERR_METHOD_NOT_IMPLEMENTED('process.binding');
  };
  process.getuid = () => host.call('os.ids')[0];
  process.getgid = () => host.call('os.ids')[1];
  process.geteuid = process.getuid;
  process.getegid = process.getgid;

  for (const name of ['stdout', 'stderr', 'stdin']) {
    Object.defineProperty(process, name, {
      get() {
        const stream = require('internal/stdio')[name]();
        Object.defineProperty(process, name, {
          value: stream, enumerable: true, configurable: true, writable: true,
        });
        return stream;
      },
      enumerable: true,
      configurable: true,
    });
  }

  // Warnings print to stderr once, as Node does, unless a 'warning'
  // listener is installed or --no-warnings was given.
  process.on('warning', () => {});
  process.removeAllListeners('warning');
  return process;
}

function hrtime(previous) {
  const [s, ns] = host.call('process.hrtime');
  if (previous === undefined) return [s, ns];
  if (!Array.isArray(previous)) {
    throw new codes.ERR_INVALID_ARG_TYPE('time', 'Array', previous);
  }
  let ds = s - previous[0];
  let dns = ns - previous[1];
  if (dns < 0) {
    ds -= 1;
    dns += 1e9;
  }
  return [ds, dns];
}

// process.env: string values only, writes reach the host environment so
// that child lookups (and the host's own getenv) see them.
function makeEnv(initial) {
  const store = Object.assign(Object.create(null), initial);
  return new Proxy(store, {
    set(target, key, value) {
      const text = String(value);
      target[key] = text;
      if (typeof key === 'string') host.call('process.set_env', key, text);
      return true;
    },
    deleteProperty(target, key) {
      delete target[key];
      if (typeof key === 'string') host.call('process.set_env', key, null);
      return true;
    },
    getPrototypeOf() {
      return Object.prototype;
    },
  });
}

const warned = new Set();

function emitWarning(warning, type, code, ctor) {
  let detail;
  if (type !== null && typeof type === 'object' && !Array.isArray(type)) {
    ({ type, code, detail } = type);
  } else if (typeof type === 'function') {
    ctor = type;
    type = undefined;
  }
  if (typeof warning === 'string') {
    const w = new Error(warning);
    w.name = String(type || 'Warning');
    if (code !== undefined) w.code = code;
    if (detail !== undefined) w.detail = detail;
    warning = w;
  } else if (!(warning instanceof Error)) {
    throw new codes.ERR_INVALID_ARG_TYPE('warning', ['Error', 'string'],
                                         warning);
  }
  if (warning.name === 'DeprecationWarning' && globalThis.process.noDeprecation) {
    return;
  }
  const proc = globalThis.process;
  // Printed before 'warning' listeners run: Node's printer is the first.
  loop.nextTick(() => {
    printWarning(proc, warning);
    proc.emit('warning', warning);
  });
}

function printWarning(proc, warning) {
  if (proc.execArgv.includes('--no-warnings')) return;
  if (warning.name === 'DeprecationWarning' && warning.code !== undefined) {
    if (warned.has(warning.code)) return;
    warned.add(warning.code);
  }
  const code = warning.code !== undefined ? `[${warning.code}] ` : '';
  let text = `(node:${proc.pid}) ${code}${warning.name}: ${warning.message}`;
  if (warning.detail !== undefined) text += '\n' + warning.detail;
  if (!warnedHint) {
    warnedHint = true;
    // Node names the flag that traces this kind of warning.
    const flag = warning.name === 'DeprecationWarning' ?
      '--trace-deprecation' : '--trace-warnings';
    text += `\n(Use \`node ${flag} ...\` to show where the warning ` +
      'was created)';
  }
  host.call('process.write', 2, text + '\n');
}

let warnedHint = false;

module.exports = { createProcess, validateFunction };
