// Node's `os` module: facts about the machine and the user, read on the host
// (bindings/os.py) each time they are asked for, as Node reads them.
//
// What it is: every function of Node 20's `os`, `os.constants` (errno,
// signals, priority, dlopen) and EOL/devNull.
// What it is not: anything Windows-specific; EOL is always '\n'.
'use strict';

const { codes, errorWithCode } = require('internal/errors');
const { validateInt32 } = require('internal/validators');

let staticInfo = null;

function info() {
  if (staticInfo === null) staticInfo = host.call('os.info');
  return staticInfo;
}


// The host reports a failed uv_os_* call as ERR_SYSTEM_ERROR with an `info`
// record; Node's SystemError also shows info.errno/syscall at top level.
function callSystem(name, ...args) {
  const result = host.tryCall(name, ...args);
  if (result.error === undefined) return result.value;
  const err = result.error;
  if (err.code === 'ERR_SYSTEM_ERROR' && err.info) {
    const { message, info: record } = err;
    const systemError = errorWithCode(Error, 'ERR_SYSTEM_ERROR', message);
    Object.defineProperty(systemError, 'name', {
      value: 'SystemError', enumerable: false, writable: true,
      configurable: true,
    });
    systemError.info = record;
    systemError.errno = record.errno;
    systemError.syscall = record.syscall;
    // Retake the stack under the new name, starting at the os function.
    if (typeof Error.captureStackTrace === 'function') {
      Error.captureStackTrace(systemError, callSystem);
    }
    throw systemError;
  }
  throw err;
}

function arch() {
  return info().arch;
}

function availableParallelism() {
  return host.call('os.available_parallelism');
}

function cpus() {
  return host.call('os.cpus');
}

function endianness() {
  return info().endianness;
}

function freemem() {
  return host.call('os.memory')[1];
}

function totalmem() {
  return host.call('os.memory')[0];
}

function getPriority(pid) {
  if (pid === undefined) pid = 0;
  validateInt32(pid, 'pid');
  return callSystem('os.get_priority', pid);
}

function setPriority(pid, priority) {
  if (priority === undefined) {
    priority = pid;
    pid = 0;
  }
  validateInt32(pid, 'pid');
  validateInt32(priority, 'priority', -20, 19);
  callSystem('os.set_priority', pid, priority);
}

function homedir() {
  return callSystem('os.homedir');
}

function hostname() {
  return host.call('os.hostname');
}

function loadavg() {
  return host.call('os.loadavg');
}

function networkInterfaces() {
  const out = {};
  for (const entry of host.call('os.network_interfaces')) {
    const record = {
      address: entry.address,
      netmask: entry.netmask,
      family: entry.family,
      mac: entry.mac,
      internal: entry.internal,
      cidr: `${entry.address}/${entry.prefix}`,
    };
    if (entry.family === 'IPv6') record.scopeid = entry.scopeid;
    if (out[entry.name] === undefined) out[entry.name] = [];
    out[entry.name].push(record);
  }
  return out;
}

function platform() {
  return info().platform;
}

function release() {
  return info().release;
}

function tmpdir() {
  return host.call('os.tmpdir');
}

function type() {
  return info().type;
}

function userInfo(options) {
  const record = callSystem('os.user_info');
  const useBuffer = options !== null && typeof options === 'object' &&
    options.encoding === 'buffer';
  const out = Object.create(null);
  out.uid = record.uid;
  out.gid = record.gid;
  for (const key of ['username', 'homedir', 'shell']) {
    const value = record[key];
    if (useBuffer && typeof value === 'string') {
      const { Buffer } = require('buffer');
      out[key] = Buffer.from(value, 'utf8');
    } else {
      out[key] = value;
    }
  }
  return out;
}

function uptime() {
  return host.call('os.uptime');
}

function version() {
  return info().version;
}

function machine() {
  return info().machine;
}

// `${os.tmpdir}` and friends: Node keeps these legacy coercions.
for (const fn of [arch, availableParallelism, endianness, freemem, homedir,
  hostname, platform, release, tmpdir, totalmem, type, uptime, version,
  machine]) {
  fn[Symbol.toPrimitive] = () => fn();
}

function table(pairs) {
  const out = Object.create(null);
  for (const [name, value] of pairs) out[name] = value;
  return out;
}

function buildConstants() {
  const raw = host.call('os.constants');
  const constants = Object.create(null);
  constants.UV_UDP_REUSEADDR = raw.UV_UDP_REUSEADDR;
  constants.dlopen = table(raw.dlopen);
  constants.errno = table(raw.errno);
  constants.signals = table(raw.signals);
  constants.priority = table(raw.priority);
  return constants;
}

module.exports = {
  arch,
  availableParallelism,
  cpus,
  endianness,
  freemem,
  getPriority,
  homedir,
  hostname,
  loadavg,
  networkInterfaces,
  platform,
  release,
  setPriority,
  tmpdir,
  totalmem,
  type,
  userInfo,
  uptime,
  version,
  machine,
};

Object.defineProperty(module.exports, 'constants', {
  configurable: false, enumerable: true, value: buildConstants(),
});
Object.defineProperty(module.exports, 'EOL', {
  configurable: true, enumerable: true, writable: false, value: '\n',
});
Object.defineProperty(module.exports, 'devNull', {
  configurable: true, enumerable: true, writable: false, value: '/dev/null',
});
