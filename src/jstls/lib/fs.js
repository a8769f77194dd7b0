// Node's `fs` module: the synchronous, callback and promise APIs over the
// host's file system calls (bindings/fs.py).
//
// How it works: every operation is written once, synchronously (fooSync).
// The callback form runs the same code and hands the result or the system
// error to `require('internal/loop').defer`, so the callback runs in the
// next poll phase, where Node delivers thread-pool completions; the promise
// form settles from the same place.  Argument errors (ERR_INVALID_ARG_TYPE
// ...) are thrown synchronously by the callback form, as in Node, and
// reject the promise form.  Bytes cross with host.bytesOut/bytesIn.
//
// What it is not: fs.watch/watchFile, opendir, cp, readv/writev, statfs
// and the FileHandle stream helpers are missing (see LIMITATION notes);
// ReadStream/WriteStream are simple ones built on `stream`.
'use strict';

const { Buffer } = require('buffer');
const { codes, describeReceived, errorWithCode } = require('internal/errors');
const {
  validateBoolean, validateFunction, validateInt32, validateInteger,
  validateObject,
} = require('internal/validators');
const loop = require('internal/loop');

const kType = Symbol('type');
const kReadStreamChunk = 64 * 1024;

// ---------------------------------------------------------------------------
// Constants.

const constants = Object.create(null);
for (const [name, value] of host.call('fs.constants')) {
  constants[name] = value;
}
const {
  O_RDONLY, O_WRONLY, O_RDWR, O_CREAT, O_EXCL, O_TRUNC, O_APPEND, O_SYNC,
  S_IFMT, S_IFREG, S_IFDIR, S_IFCHR, S_IFBLK, S_IFIFO, S_IFLNK, S_IFSOCK,
  F_OK, X_OK, UV_DIRENT_FILE, UV_DIRENT_DIR, UV_DIRENT_LINK, UV_DIRENT_FIFO,
  UV_DIRENT_SOCKET, UV_DIRENT_CHAR, UV_DIRENT_BLOCK,
} = constants;

// ---------------------------------------------------------------------------
// Host calls.  A SystemError record (ERR_FS_EISDIR from rm) arrives as a
// coded error with an `info` object; give it Node's shape.  Either way the
// stack is retaken here so that it starts at the fs function, not inside
// the host bridge.

function call(name, ...args) {
  try {
    return host.call(name, ...args);
  } catch (err) {
    throw adoptSystemError(err);
  }
}

function adoptSystemError(err) {
  if (err === null || typeof err !== 'object') return err;
  if (err.info !== undefined && typeof err.code === 'string' &&
      err.code.startsWith('ERR_')) {
    Object.defineProperty(err, 'name', {
      value: 'SystemError', enumerable: false, writable: true,
      configurable: true,
    });
    for (const key of ['errno', 'syscall', 'path', 'dest']) {
      if (err.info[key] !== undefined) err[key] = err.info[key];
    }
  }
  if (typeof err.syscall === 'string' &&
      typeof Error.captureStackTrace === 'function') {
    Error.captureStackTrace(err, call);
  }
  return err;
}

function isSystemError(err) {
  return err !== null && typeof err === 'object' &&
    typeof err.syscall === 'string';
}

// ---------------------------------------------------------------------------
// Validation, with Node's error codes and argument names.

function isArrayBufferView(value) {
  return ArrayBuffer.isView(value);
}

function toBytes(view) {
  if (view instanceof Uint8Array) return view;
  return new Uint8Array(view.buffer, view.byteOffset, view.byteLength);
}



function validateFd(fd) {
  validateInt32(fd, 'fd', 0);
  return fd;
}



function isURL(value) {
  return value !== null && typeof value === 'object' &&
    typeof value.href === 'string' && typeof value.protocol === 'string' &&
    value.auth === undefined && value.path === undefined;
}

function fileURLToPath(url) {
  if (url.protocol !== 'file:') {
    throw new codes.ERR_INVALID_URL_SCHEME('file');
  }
  if (url.hostname !== '' && url.hostname !== undefined) {
    throw new codes.ERR_INVALID_FILE_URL_HOST(process.platform);
  }
  const pathname = url.pathname;
  if (/%2f/i.test(pathname)) {
    throw new codes.ERR_INVALID_FILE_URL_PATH(
      'must not include encoded / characters');
  }
  return decodeURIComponent(pathname);
}

// string | Buffer | Uint8Array | URL -> string, rejecting NUL bytes.
function getPath(value, name = 'path') {
  let text;
  if (typeof value === 'string') {
    text = value;
  } else if (value instanceof Uint8Array) {
    text = Buffer.from(value.buffer, value.byteOffset, value.byteLength)
      .toString('utf8');
  } else if (isURL(value)) {
    text = fileURLToPath(value);
  } else {
    throw new codes.ERR_INVALID_ARG_TYPE(name, ['string', 'Buffer', 'URL'],
                                         value);
  }
  if (text.includes('\u0000')) {
    throw new codes.ERR_INVALID_ARG_VALUE(name, value,
      'must be a string, Uint8Array, or URL without null bytes');
  }
  return text;
}

function isFd(value) {
  return Number.isInteger(value) && value >= 0 && value <= 2147483647;
}

function assertEncoding(encoding) {
  if (encoding && encoding !== 'buffer' && !Buffer.isEncoding(encoding)) {
    throw new codes.ERR_INVALID_ARG_VALUE('encoding', encoding,
                                          'is invalid encoding');
  }
}

// Options as a string (the encoding) or an object, over defaults.
function getOptions(options, defaults = {}) {
  if (options === null || options === undefined ||
      typeof options === 'function') {
    return { ...defaults };
  }
  if (typeof options === 'string') {
    assertEncoding(options);
    return { ...defaults, encoding: options };
  }
  if (typeof options !== 'object') {
    throw new codes.ERR_INVALID_ARG_TYPE('options', ['string', 'object'],
                                         options);
  }
  assertEncoding(options.encoding);
  const merged = { ...defaults };
  for (const key of Object.keys(options)) {
    if (options[key] !== undefined) merged[key] = options[key];
  }
  return merged;
}

const flagTable = {
  'r': O_RDONLY,
  'rs': O_RDONLY | O_SYNC,
  'sr': O_RDONLY | O_SYNC,
  'r+': O_RDWR,
  'rs+': O_RDWR | O_SYNC,
  'sr+': O_RDWR | O_SYNC,
  'w': O_TRUNC | O_CREAT | O_WRONLY,
  'wx': O_TRUNC | O_CREAT | O_WRONLY | O_EXCL,
  'xw': O_TRUNC | O_CREAT | O_WRONLY | O_EXCL,
  'w+': O_TRUNC | O_CREAT | O_RDWR,
  'wx+': O_TRUNC | O_CREAT | O_RDWR | O_EXCL,
  'xw+': O_TRUNC | O_CREAT | O_RDWR | O_EXCL,
  'a': O_APPEND | O_CREAT | O_WRONLY,
  'ax': O_APPEND | O_CREAT | O_WRONLY | O_EXCL,
  'xa': O_APPEND | O_CREAT | O_WRONLY | O_EXCL,
  'as': O_APPEND | O_CREAT | O_WRONLY | O_SYNC,
  'sa': O_APPEND | O_CREAT | O_WRONLY | O_SYNC,
  'a+': O_APPEND | O_CREAT | O_RDWR,
  'ax+': O_APPEND | O_CREAT | O_RDWR | O_EXCL,
  'xa+': O_APPEND | O_CREAT | O_RDWR | O_EXCL,
  'as+': O_APPEND | O_CREAT | O_RDWR | O_SYNC,
  'sa+': O_APPEND | O_CREAT | O_RDWR | O_SYNC,
};

function stringToFlags(flags) {
  if (typeof flags === 'number') return flags;
  if (flags === null || flags === undefined) return O_RDONLY;
  if (typeof flags === 'string' &&
      Object.prototype.hasOwnProperty.call(flagTable, flags)) {
    return flagTable[flags];
  }
  throw new codes.ERR_INVALID_ARG_VALUE('flags', flags);
}

function parseFileMode(value, name, fallback) {
  if (value === undefined || value === null) value = fallback;
  if (typeof value === 'string') {
    if (!/^[0-7]+$/.test(value)) {
      throw new codes.ERR_INVALID_ARG_VALUE(name, value,
        'must be a 32-bit unsigned integer or an octal string');
    }
    value = parseInt(value, 8);
  }
  validateInteger(value, name, 0, 4294967295);
  return value;
}

// access() and copyFile() modes: a small bit set with its own message.
function getValidMode(mode, fallback, max) {
  if (mode === undefined || mode === null) return fallback;
  validateInteger(mode, 'mode');
  if (mode < 0 || mode > max) {
    throw errorWithCode(RangeError, 'ERR_OUT_OF_RANGE',
                        `mode is out of range: >= 0 && <= ${max}`);
  }
  return mode;
}

function toUnixTimestamp(time) {
  if (typeof time === 'string' && time !== '' && Number(time) == time) {
    return Number(time);
  }
  if (typeof time === 'number' && Number.isFinite(time)) {
    return time < 0 ? Date.now() / 1000 : time;
  }
  if (time instanceof Date) return time.getTime() / 1000;
  // Node's own wording, article included, and its argument name.
  throw errorWithCode(TypeError, 'ERR_INVALID_ARG_TYPE',
    'The "time" argument must be an instance of Date or an Time in ' +
    'seconds.' + describeReceived(time));
}

function encodeResult(text, encoding) {
  if (encoding === 'buffer') return Buffer.from(text, 'utf8');
  return text;
}

// ---------------------------------------------------------------------------
// Stats and Dirent.

function modeTest(mode, type) {
  return (mode & S_IFMT) === type;
}

class StatsBase {
  isDirectory() { return modeTest(Number(this.mode), S_IFDIR); }
  isFile() { return modeTest(Number(this.mode), S_IFREG); }
  isBlockDevice() { return modeTest(Number(this.mode), S_IFBLK); }
  isCharacterDevice() { return modeTest(Number(this.mode), S_IFCHR); }
  isSymbolicLink() { return modeTest(Number(this.mode), S_IFLNK); }
  isFIFO() { return modeTest(Number(this.mode), S_IFIFO); }
  isSocket() { return modeTest(Number(this.mode), S_IFSOCK); }
}

const statFields = ['dev', 'mode', 'nlink', 'uid', 'gid', 'rdev', 'blksize',
  'ino', 'size', 'blocks'];
const timeFields = ['atime', 'mtime', 'ctime', 'birthtime'];

// record: the ten numbers of statFields, then [sec, nsec] per time.
class Stats extends StatsBase {
  constructor(record) {
    super();
    for (let i = 0; i < statFields.length; i++) {
      this[statFields[i]] = record[i];
    }
    const ms = [];
    for (let i = 0; i < timeFields.length; i++) {
      const sec = record[10 + 2 * i];
      const nsec = record[11 + 2 * i];
      ms.push(sec * 1e3 + nsec / 1e6);
      this[timeFields[i] + 'Ms'] = ms[i];
    }
    for (let i = 0; i < timeFields.length; i++) {
      this[timeFields[i]] = new Date(Math.round(ms[i]));
    }
  }
}

class BigIntStats extends StatsBase {
  constructor(record) {
    super();
    for (let i = 0; i < statFields.length; i++) {
      this[statFields[i]] = BigInt(record[i]);
    }
    const ns = [];
    for (let i = 0; i < timeFields.length; i++) {
      ns.push(BigInt(record[10 + 2 * i]) * 1000000000n +
              BigInt(record[11 + 2 * i]));
      this[timeFields[i] + 'Ms'] = ns[i] / 1000000n;
    }
    for (let i = 0; i < timeFields.length; i++) {
      this[timeFields[i] + 'Ns'] = ns[i];
    }
    for (let i = 0; i < timeFields.length; i++) {
      this[timeFields[i]] = new Date(Number(ns[i] / 1000000n));
    }
  }
}

function makeStats(record, bigint) {
  if (record === null || record === undefined) return undefined;
  return bigint ? new BigIntStats(record) : new Stats(record);
}

class Dirent {
  constructor(name, type, parentPath) {
    this.name = name;
    this.parentPath = parentPath;
    this.path = parentPath;
    this[kType] = type;
  }

  isDirectory() { return this[kType] === UV_DIRENT_DIR; }
  isFile() { return this[kType] === UV_DIRENT_FILE; }
  isBlockDevice() { return this[kType] === UV_DIRENT_BLOCK; }
  isCharacterDevice() { return this[kType] === UV_DIRENT_CHAR; }
  isSymbolicLink() { return this[kType] === UV_DIRENT_LINK; }
  isFIFO() { return this[kType] === UV_DIRENT_FIFO; }
  isSocket() { return this[kType] === UV_DIRENT_SOCKET; }
}

// ---------------------------------------------------------------------------
// Synchronous API.

function openSync(path, flags, mode) {
  path = getPath(path);
  const flagBits = stringToFlags(flags === undefined ? 'r' : flags);
  mode = parseFileMode(mode, 'mode', 0o666);
  return call('fs.open', path, flagBits, mode);
}

function closeSync(fd) {
  validateFd(fd);
  call('fs.close', fd);
}

function readBytes(fd, length, position) {
  return host.bytesIn(call('fs.read', fd, length, position));
}

function validateOffsetLengthRead(offset, length, bufferLength) {
  if (offset < 0) throw new codes.ERR_OUT_OF_RANGE('offset', '>= 0', offset);
  if (length < 0) throw new codes.ERR_OUT_OF_RANGE('length', '>= 0', length);
  if (offset + length > bufferLength) {
    throw new codes.ERR_OUT_OF_RANGE('length', `<= ${bufferLength - offset}`,
                                     length);
  }
}

function validatePosition(position) {
  if (position === null || position === undefined) return null;
  if (typeof position === 'bigint') position = Number(position);
  validateInteger(position, 'position', -1);
  return position === -1 ? null : position;
}

// readSync(fd, buffer, offset, length, position) or
// readSync(fd, buffer, {offset, length, position}).
function normalizeReadArgs(fd, buffer, offset, length, position) {
  validateFd(fd);
  if (!isArrayBufferView(buffer)) {
    throw new codes.ERR_INVALID_ARG_TYPE('buffer',
      ['Buffer', 'TypedArray', 'DataView'], buffer);
  }
  if (offset !== null && typeof offset === 'object') {
    ({ offset = 0, length = buffer.byteLength - offset,
      position = null } = offset);
  }
  if (offset === undefined || offset === null) {
    offset = 0;
  } else {
    validateInteger(offset, 'offset', 0);
  }
  if (length === undefined || length === null) {
    length = buffer.byteLength - offset;
  } else {
    validateInteger(length, 'length');
  }
  return { fd, buffer, offset, length, position };
}

function doRead(args) {
  const { fd, buffer, offset, length } = args;
  if (length === 0) return 0;
  if (buffer.byteLength === 0) {
    throw new codes.ERR_INVALID_ARG_VALUE('buffer', buffer,
                                          'is empty and cannot be written');
  }
  validateOffsetLengthRead(offset, length, buffer.byteLength);
  const position = validatePosition(args.position);
  const chunk = readBytes(fd, length, position);
  toBytes(buffer).set(chunk, offset);
  return chunk.length;
}

function readSync(fd, buffer, offset, length, position) {
  return doRead(normalizeReadArgs(fd, buffer, offset, length, position));
}

// writeSync(fd, buffer[, offset[, length[, position]]]),
// writeSync(fd, buffer, {offset, length, position}) or
// writeSync(fd, string[, position[, encoding]]).
function normalizeWriteArgs(fd, buffer, offset, length, position) {
  validateFd(fd);
  if (isArrayBufferView(buffer)) {
    if (offset !== null && typeof offset === 'object') {
      ({ offset = 0, length = buffer.byteLength - offset,
        position = null } = offset);
    }
    if (offset === undefined || offset === null) {
      offset = 0;
    } else {
      validateInteger(offset, 'offset', 0);
    }
    if (typeof length !== 'number') length = buffer.byteLength - offset;
    if (offset > buffer.byteLength) {
      throw new codes.ERR_OUT_OF_RANGE('offset', `<= ${buffer.byteLength}`,
                                       offset);
    }
    if (length > buffer.byteLength - offset) {
      throw new codes.ERR_OUT_OF_RANGE('length',
        `<= ${buffer.byteLength - offset}`, length);
    }
    validateInt32(length, 'length', 0);
    const bytes = toBytes(buffer).subarray(offset, offset + length);
    return { fd, bytes, position: typeof position === 'number' ?
      validatePosition(position) : null, original: buffer };
  }
  if (typeof buffer !== 'string') {
    throw new codes.ERR_INVALID_ARG_TYPE('buffer',
      ['string', 'Buffer', 'TypedArray', 'DataView'], buffer);
  }
  const encoding = typeof length === 'string' ? length : 'utf8';
  assertEncoding(encoding);
  return { fd, bytes: Buffer.from(buffer, encoding),
    position: typeof offset === 'number' ? validatePosition(offset) : null,
    original: buffer };
}

function doWrite(args) {
  return call('fs.write', args.fd, host.bytesOut(args.bytes), args.position);
}

function writeSync(fd, buffer, offset, length, position) {
  return doWrite(normalizeWriteArgs(fd, buffer, offset, length, position));
}

function readFileSync(path, options) {
  options = getOptions(options, { flag: 'r' });
  let buffer;
  if (isFd(path)) {
    buffer = host.bytesIn(call('fs.read_fd', path));
  } else {
    const flags = stringToFlags(options.flag);
    buffer = host.bytesIn(call('fs.read_file', getPath(path), flags));
  }
  if (options.encoding && options.encoding !== 'buffer') {
    return buffer.toString(options.encoding);
  }
  return buffer;
}

function dataToBytes(data, encoding) {
  if (isArrayBufferView(data)) return toBytes(data);
  if (typeof data === 'string') return Buffer.from(data, encoding || 'utf8');
  throw new codes.ERR_INVALID_ARG_TYPE('data',
    ['string', 'Buffer', 'TypedArray', 'DataView'], data);
}

function writeFileSync(path, data, options) {
  options = getOptions(options, { encoding: 'utf8', mode: 0o666, flag: 'w' });
  const bytes = dataToBytes(data, options.encoding);
  if (isFd(path)) {
    call('fs.write_fd', path, host.bytesOut(bytes));
    return;
  }
  path = getPath(path);
  const flags = stringToFlags(options.flag);
  const mode = parseFileMode(options.mode, 'mode', 0o666);
  call('fs.write_file', path, host.bytesOut(bytes), flags, mode);
}

function appendFileSync(path, data, options) {
  options = getOptions(options, { encoding: 'utf8', mode: 0o666, flag: 'a' });
  writeFileSync(path, data, options);
}

function existsSync(path) {
  try {
    path = getPath(path);
  } catch {
    return false;
  }
  return call('fs.exists', path);
}

function statOptions(options) {
  if (options === undefined || options === null ||
      typeof options === 'function') {
    return { bigint: false, throwIfNoEntry: true };
  }
  return { bigint: Boolean(options.bigint),
    throwIfNoEntry: options.throwIfNoEntry !== false };
}

function statSync(path, options) {
  const { bigint, throwIfNoEntry } = statOptions(options);
  return makeStats(call('fs.stat', getPath(path), throwIfNoEntry), bigint);
}

function lstatSync(path, options) {
  const { bigint, throwIfNoEntry } = statOptions(options);
  return makeStats(call('fs.lstat', getPath(path), throwIfNoEntry), bigint);
}

function fstatSync(fd, options) {
  validateFd(fd);
  return makeStats(call('fs.fstat', fd), statOptions(options).bigint);
}

function readdirSync(path, options) {
  options = getOptions(options);
  path = getPath(path);
  const encoding = options.encoding;
  if (options.recursive !== undefined) {
    validateBoolean(options.recursive, 'options.recursive');
  }
  const withTypes = Boolean(options.withFileTypes);
  if (options.recursive) {
    const entries = call('fs.readdir_recursive', path, withTypes);
    if (withTypes) {
      return entries.map(([name, type, parent]) =>
        new Dirent(encodeResult(name, encoding), type, parent));
    }
    return entries.map(([name]) => encodeResult(name, encoding));
  }
  const result = call('fs.readdir', path, withTypes);
  if (!withTypes) return result.map((name) => encodeResult(name, encoding));
  const [names, types] = result;
  return names.map((name, i) =>
    new Dirent(encodeResult(name, encoding), types[i], path));
}

function mkdirSync(path, options) {
  let mode = 0o777;
  let recursive = false;
  if (typeof options === 'number' || typeof options === 'string') {
    mode = options;
  } else if (options !== null && typeof options === 'object') {
    if (options.recursive !== undefined) recursive = options.recursive;
    if (options.mode !== undefined) mode = options.mode;
  }
  path = getPath(path);
  validateBoolean(recursive, 'options.recursive');
  mode = parseFileMode(mode, 'mode', 0o777);
  const first = call('fs.mkdir', path, recursive, mode);
  return recursive && first !== null ? first : undefined;
}

function mkdtempSync(prefix, options) {
  options = getOptions(options);
  prefix = getPath(prefix, 'prefix');
  return encodeResult(call('fs.mkdtemp', prefix), options.encoding);
}

function unlinkSync(path) {
  call('fs.unlink', getPath(path));
}

let warnedRmdirRecursive = false;

function rmdirSync(path, options) {
  path = getPath(path);
  if (options !== null && typeof options === 'object' && options.recursive) {
    if (!warnedRmdirRecursive && typeof process.emitWarning === 'function') {
      warnedRmdirRecursive = true;
      process.emitWarning(
        'In future versions of Node.js, fs.rmdir(path, { recursive: true }) ' +
        'will be removed. Use fs.rm(path, { recursive: true }) instead',
        'DeprecationWarning', 'DEP0147');
    }
    const stats = new Stats(call('fs.lstat', path, true));
    if (!stats.isDirectory()) {
      call('fs.rmdir', path);
      return;
    }
    call('fs.rm', path, true, false);
    return;
  }
  call('fs.rmdir', path);
}

function rmOptions(options) {
  if (options === undefined) return { recursive: false, force: false };
  validateObject(options, 'options');
  const recursive = options.recursive === undefined ? false :
    options.recursive;
  const force = options.force === undefined ? false : options.force;
  validateBoolean(recursive, 'options.recursive');
  validateBoolean(force, 'options.force');
  // LIMITATION: maxRetries and retryDelay are accepted and ignored: the
  // host removes in one pass.
  return { recursive, force };
}

function rmSync(path, options) {
  path = getPath(path);
  const { recursive, force } = rmOptions(options);
  call('fs.rm', path, recursive, force);
}

function renameSync(oldPath, newPath) {
  oldPath = getPath(oldPath, 'oldPath');
  newPath = getPath(newPath, 'newPath');
  call('fs.rename', oldPath, newPath);
}

function copyFileSync(src, dest, mode) {
  src = getPath(src, 'src');
  dest = getPath(dest, 'dest');
  // LIMITATION: COPYFILE_FICLONE(_FORCE) are accepted and always copy.
  mode = getValidMode(mode, 0, 7);
  call('fs.copyfile', src, dest, mode);
}

function accessSync(path, mode) {
  path = getPath(path);
  mode = getValidMode(mode, F_OK, 7);
  call('fs.access', path, mode);
}

function chmodSync(path, mode) {
  path = getPath(path);
  mode = parseFileMode(mode, 'mode');
  call('fs.chmod', path, mode);
}

function fchmodSync(fd, mode) {
  validateFd(fd);
  mode = parseFileMode(mode, 'mode');
  call('fs.fchmod', fd, mode);
}

function validateId(value, name) {
  validateInteger(value, name, -1, 4294967295);
}

function chownSync(path, uid, gid) {
  path = getPath(path);
  validateId(uid, 'uid');
  validateId(gid, 'gid');
  call('fs.chown', path, uid, gid);
}

function lchownSync(path, uid, gid) {
  path = getPath(path);
  validateId(uid, 'uid');
  validateId(gid, 'gid');
  call('fs.lchown', path, uid, gid);
}

function realpathSync(path, options) {
  options = getOptions(options);
  path = getPath(path);
  return encodeResult(call('fs.realpath', path), options.encoding);
}

realpathSync.native = function native(path, options) {
  options = getOptions(options);
  path = getPath(path);
  return encodeResult(call('fs.realpath_native', path), options.encoding);
};

function readlinkSync(path, options) {
  options = getOptions(options);
  path = getPath(path, 'oldPath');
  return encodeResult(call('fs.readlink', path), options.encoding);
}

function symlinkSync(target, path, type) {
  // `type` only matters on Windows.
  target = getPath(target, 'target');
  path = getPath(path);
  call('fs.symlink', target, path);
}

function linkSync(existingPath, newPath) {
  existingPath = getPath(existingPath, 'existingPath');
  newPath = getPath(newPath, 'newPath');
  call('fs.link', existingPath, newPath);
}

function truncateSync(path, len) {
  if (isFd(path)) {
    ftruncateSync(path, len);
    return;
  }
  path = getPath(path);
  if (len === undefined) len = 0;
  validateInteger(len, 'len');
  call('fs.truncate', path, Math.max(0, len));
}

function ftruncateSync(fd, len) {
  validateFd(fd);
  if (len === undefined) len = 0;
  validateInteger(len, 'len');
  call('fs.ftruncate', fd, Math.max(0, len));
}

function fsyncSync(fd) {
  validateFd(fd);
  call('fs.fsync', fd);
}

function fdatasyncSync(fd) {
  validateFd(fd);
  call('fs.fdatasync', fd);
}

function utimesSync(path, atime, mtime) {
  path = getPath(path);
  call('fs.utimes', path, toUnixTimestamp(atime),
       toUnixTimestamp(mtime));
}

function futimesSync(fd, atime, mtime) {
  validateFd(fd);
  call('fs.futimes', fd, toUnixTimestamp(atime),
       toUnixTimestamp(mtime));
}

// ---------------------------------------------------------------------------
// Callback API: the sync code, with its result delivered in the next poll
// phase.  `slot` is where the callback sits in the full signature; Node
// reports that argument when no function is given, except for the APIs
// marked `last`, which look at the last argument.

function callbackApi(sync, slot, { last = false, result = true } = {}) {
  return function callbackForm(...args) {
    const cb = args.length > 0 ? args[args.length - 1] : undefined;
    if (typeof cb !== 'function') {
      validateFunction(last ? args[Math.max(1, args.length - 1)] : args[slot],
                       'cb');
    }
    args.pop();
    let value;
    try {
      value = sync(...args);
    } catch (err) {
      if (!isSystemError(err)) throw err;
      loop.defer(cb, err);
      return;
    }
    if (result) loop.defer(cb, null, value);
    else loop.defer(cb, null);
  };
}

const readFile = callbackApi(readFileSync, 2, { last: true });
const writeFile = callbackApi(writeFileSync, 3, { result: false });
const appendFile = callbackApi(appendFileSync, 3, { result: false });
const stat = callbackApi(statSync, 2);
const lstat = callbackApi(lstatSync, 2);
const fstat = callbackApi(fstatSync, 2);
const readdir = callbackApi(readdirSync, 2);
const mkdir = callbackApi(mkdirSync, 2);
const mkdtemp = callbackApi(mkdtempSync, 2);
const unlink = callbackApi(unlinkSync, 1, { result: false });
const rmdir = callbackApi(rmdirSync, 2, { result: false });
const rename = callbackApi(renameSync, 2, { result: false });
const copyFile = callbackApi(copyFileSync, 3, { result: false });
const access = callbackApi(accessSync, 2, { result: false });
const realpath = callbackApi(realpathSync, 2);
realpath.native = callbackApi(realpathSync.native, 2);
const open = callbackApi(openSync, 3, { last: true });
const close = callbackApi(closeSync, 1, { last: true, result: false });
const chmod = callbackApi(chmodSync, 2, { result: false });
const fchmod = callbackApi(fchmodSync, 2, { result: false });
const chown = callbackApi(chownSync, 3, { result: false });
const lchown = callbackApi(lchownSync, 3, { result: false });
const readlink = callbackApi(readlinkSync, 2);
const symlink = callbackApi(symlinkSync, 3, { result: false });
const link = callbackApi(linkSync, 2, { result: false });
const truncate = callbackApi(truncateSync, 2, { result: false });
const ftruncate = callbackApi(ftruncateSync, 2, { result: false });
const fsync = callbackApi(fsyncSync, 1, { result: false });
const fdatasync = callbackApi(fdatasyncSync, 1, { result: false });
const utimes = callbackApi(utimesSync, 3, { result: false });
const futimes = callbackApi(futimesSync, 3, { result: false });

function rm(path, options, cb) {
  if (typeof options === 'function') {
    cb = options;
    options = undefined;
  }
  path = getPath(path);
  const { recursive, force } = rmOptions(options);
  validateFunction(cb, 'cb');
  const { error } = tryHost('fs.rm', path, recursive, force);
  loop.defer(cb, error === undefined ? null : error);
}

function tryHost(name, ...args) {
  const outcome = host.tryCall(name, ...args);
  if (outcome.error !== undefined) {
    return { error: adoptSystemError(outcome.error) };
  }
  return outcome;
}

function exists(path, cb) {
  validateFunction(cb, 'cb');
  loop.defer(cb, existsSync(path));
}

// read(fd, buffer, offset, length, position, cb), read(fd, [options,] cb)
// or read(fd, buffer, [options,] cb); cb(err, bytesRead, buffer).
function read(fd, ...rest) {
  validateFd(fd);
  const cb = rest.pop();
  validateFunction(cb, 'cb');
  let args;
  if (rest.length === 0 || (!isArrayBufferView(rest[0]) &&
      rest[0] !== null && typeof rest[0] === 'object')) {
    const options = rest[0] || {};
    const buffer = options.buffer || Buffer.alloc(16384);
    args = normalizeReadArgs(fd, buffer, options.offset, options.length,
                             options.position);
  } else {
    args = normalizeReadArgs(fd, ...rest);
  }
  let bytesRead;
  try {
    bytesRead = doRead(args);
  } catch (err) {
    if (!isSystemError(err)) throw err;
    loop.defer(cb, err);
    return;
  }
  loop.defer(cb, null, bytesRead, args.buffer);
}

function write(fd, buffer, ...rest) {
  const cb = rest.pop();
  const args = normalizeWriteArgs(fd, buffer, ...rest);
  validateFunction(cb, 'cb');
  let written;
  try {
    written = doWrite(args);
  } catch (err) {
    if (!isSystemError(err)) throw err;
    loop.defer(cb, err);
    return;
  }
  loop.defer(cb, null, written, args.original);
}

// ---------------------------------------------------------------------------
// Promise API.

function promiseApi(sync) {
  return function promiseForm(...args) {
    return new Promise((resolve, reject) => {
      let value;
      try {
        value = sync(...args);
      } catch (err) {
        if (isSystemError(err)) loop.defer(reject, err);
        else reject(err);
        return;
      }
      loop.defer(resolve, value);
    });
  };
}

// A promise FileHandle over a descriptor; the common methods only.
// LIMITATION: no readLines/readableWebStream/createReadStream on handles.
class FileHandle {
  constructor(fd) {
    this.fd = fd;
  }

  getAsyncId() {
    return this.fd;
  }

  close() {
    const fd = this.fd;
    this.fd = -1;
    return promiseApi(closeSync)(fd);
  }

  read(buffer, offset, length, position) {
    if (buffer === undefined || (!isArrayBufferView(buffer) &&
        buffer !== null && typeof buffer === 'object')) {
      const options = buffer || {};
      buffer = options.buffer || Buffer.alloc(16384);
      ({ offset, length, position } = options);
    }
    const args = normalizeReadArgs(this.fd, buffer, offset, length, position);
    return promiseApi(() => ({ bytesRead: doRead(args), buffer }))();
  }

  write(buffer, offset, length, position) {
    const args = normalizeWriteArgs(this.fd, buffer, offset, length,
                                    position);
    return promiseApi(() => ({ bytesWritten: doWrite(args),
      buffer: args.original }))();
  }

  readFile(options) {
    return promiseApi(readFileSync)(this.fd, options);
  }

  writeFile(data, options) {
    return promiseApi(writeFileSync)(this.fd, data, options);
  }

  appendFile(data, options) {
    return promiseApi(writeFileSync)(this.fd, data, options);
  }

  stat(options) {
    return promiseApi(fstatSync)(this.fd, options);
  }

  truncate(len) {
    return promiseApi(ftruncateSync)(this.fd, len);
  }

  sync() {
    return promiseApi(fsyncSync)(this.fd);
  }

  datasync() {
    return promiseApi(fdatasyncSync)(this.fd);
  }

  chmod(mode) {
    return promiseApi(fchmodSync)(this.fd, mode);
  }

  utimes(atime, mtime) {
    return promiseApi(futimesSync)(this.fd, atime, mtime);
  }
}

// The promise forms take a path or a FileHandle, never a bare descriptor.
function pathOrHandle(sync, method) {
  return function promiseForm(file, ...args) {
    if (file instanceof FileHandle) return file[method](...args);
    return promiseApi((target, ...rest) =>
      sync(getPath(target), ...rest))(file, ...args);
  };
}

const promises = {
  access: promiseApi(accessSync),
  appendFile: pathOrHandle(appendFileSync, 'appendFile'),
  chmod: promiseApi(chmodSync),
  chown: promiseApi(chownSync),
  copyFile: promiseApi(copyFileSync),
  lchown: promiseApi(lchownSync),
  link: promiseApi(linkSync),
  lstat: promiseApi(lstatSync),
  mkdir: promiseApi(mkdirSync),
  mkdtemp: promiseApi(mkdtempSync),
  open: promiseApi((path, flags, mode) =>
    new FileHandle(openSync(path, flags, mode))),
  readdir: promiseApi(readdirSync),
  readFile: pathOrHandle(readFileSync, 'readFile'),
  readlink: promiseApi(readlinkSync),
  realpath: promiseApi(realpathSync),
  rename: promiseApi(renameSync),
  rm: promiseApi(rmSync),
  rmdir: promiseApi(rmdirSync),
  stat: promiseApi(statSync),
  symlink: promiseApi(symlinkSync),
  truncate: promiseApi((path, len) => truncateSync(getPath(path), len)),
  unlink: promiseApi(unlinkSync),
  utimes: promiseApi(utimesSync),
  writeFile: pathOrHandle(writeFileSync, 'writeFile'),
  constants,
};

// ---------------------------------------------------------------------------
// Streams.  Simple ones: reads and writes are synchronous host calls whose
// completion is delivered from the poll phase, 64 KiB at a time.

let streamModule = null;

function stream() {
  if (streamModule === null) streamModule = require('stream');
  return streamModule;
}

function streamOptions(options) {
  if (typeof options === 'string') return { encoding: options };
  if (options === null || options === undefined) return {};
  validateObject(options, 'options');
  return options;
}

function validateRange(value, name) {
  if (value !== undefined) validateInteger(value, name, 0);
}

let ReadStreamClass = null;
let WriteStreamClass = null;

// _destroy() of both file streams: close the fd when autoClose says so;
// a close error is reported only if there was none before.
function closeForStream(stream, err, callback) {
  if (stream.fd !== null && stream.autoClose) {
    const fd = stream.fd;
    stream.fd = null;
    try {
      closeSync(fd);
    } catch (closeErr) {
      err = err || closeErr;
    }
  }
  callback(err);
}

// _construct() of both file streams: open the file unless given an fd,
// from the poll phase as Node's fs.open completes.
function openForStream(stream, callback) {
  if (stream.fd !== null) {
    callback();
    return;
  }
  loop.defer(() => {
    try {
      stream.fd = openSync(stream.path, stream.flags, stream.mode);
    } catch (err) {
      callback(err);
      return;
    }
    callback();
    stream.emit('open', stream.fd);
    stream.emit('ready');
  });
}

function defineReadStream() {
  const { Readable } = stream();

  class ReadStream extends Readable {
    constructor(path, options) {
      options = streamOptions(options);
      assertEncoding(options.encoding);
      super({
        highWaterMark: options.highWaterMark || kReadStreamChunk,
        encoding: options.encoding,
        emitClose: options.emitClose !== false,
        autoDestroy: options.autoClose !== false,
        signal: options.signal,
      });
      this.fd = options.fd === undefined ? null : options.fd;
      this.path = this.fd === null ? getPath(path) : undefined;
      this.flags = options.flags === undefined ? 'r' : options.flags;
      this.mode = options.mode === undefined ? 0o666 : options.mode;
      validateRange(options.start, 'start');
      validateRange(options.end === Infinity ? undefined : options.end,
                    'end');
      this.start = options.start;
      this.end = options.end === undefined ? Infinity : options.end;
      if (this.start !== undefined && this.start > this.end) {
        throw new codes.ERR_OUT_OF_RANGE('start', `<= "end" (here: ${
          this.end})`, this.start);
      }
      this.pos = this.start;
      this.bytesRead = 0;
      this.autoClose = options.autoClose !== false;
    }

    get pending() {
      return this.fd === null;
    }

    _construct(callback) {
      openForStream(this, callback);
    }

    _read(size) {
      let want = size;
      if (this.end !== Infinity) {
        const from = this.pos === undefined ? this.bytesRead : this.pos;
        want = Math.min(size, this.end - from + 1);
      }
      if (want <= 0) {
        this.push(null);
        return;
      }
      loop.defer(() => {
        if (this.destroyed) return;
        let chunk;
        try {
          chunk = readBytes(this.fd, want,
                            this.pos === undefined ? null : this.pos);
        } catch (err) {
          this.destroy(err);
          return;
        }
        if (chunk.length === 0) {
          this.push(null);
          return;
        }
        if (this.pos !== undefined) this.pos += chunk.length;
        this.bytesRead += chunk.length;
        this.push(chunk);
      });
    }

    _destroy(err, callback) {
      closeForStream(this, err, callback);
    }

    close(callback) {
      if (typeof callback === 'function') {
        stream().finished(this, callback);
      }
      this.destroy();
    }
  }

  return ReadStream;
}

function defineWriteStream() {
  const { Writable } = stream();

  class WriteStream extends Writable {
    constructor(path, options) {
      options = streamOptions(options);
      assertEncoding(options.encoding);
      super({
        highWaterMark: options.highWaterMark,
        decodeStrings: true,
        defaultEncoding: options.encoding || 'utf8',
        emitClose: options.emitClose !== false,
        autoDestroy: options.autoClose !== false,
        signal: options.signal,
      });
      this.fd = options.fd === undefined ? null : options.fd;
      this.path = this.fd === null ? getPath(path) : undefined;
      this.flags = options.flags === undefined ? 'w' : options.flags;
      this.mode = options.mode === undefined ? 0o666 : options.mode;
      validateRange(options.start, 'start');
      this.start = options.start;
      this.pos = this.start;
      this.bytesWritten = 0;
      this.autoClose = options.autoClose !== false;
    }

    get pending() {
      return this.fd === null;
    }

    _construct(callback) {
      openForStream(this, callback);
    }

    _write(chunk, encoding, callback) {
      const bytes = typeof chunk === 'string' ?
        Buffer.from(chunk, encoding) : chunk;
      try {
        let done = 0;
        while (done < bytes.length) {
          const n = call('fs.write', this.fd,
                         host.bytesOut(toBytes(bytes).subarray(done)),
                         this.pos === undefined ? null : this.pos + done);
          done += n;
        }
        this.bytesWritten += done;
        if (this.pos !== undefined) this.pos += done;
      } catch (err) {
        loop.defer(callback, err);
        return;
      }
      loop.defer(callback);
    }

    _destroy(err, callback) {
      closeForStream(this, err, callback);
    }

    close(callback) {
      if (typeof callback === 'function') {
        if (this.closed) {
          process.nextTick(callback);
        } else {
          this.once('close', () => callback());
        }
      }
      if (!this.writableEnded) this.end();
      else if (!this.destroyed && !this.autoClose) this.destroy();
    }

    destroySoon() {
      this.end();
    }
  }

  return WriteStream;
}

function getReadStream() {
  if (ReadStreamClass === null) ReadStreamClass = defineReadStream();
  return ReadStreamClass;
}

function getWriteStream() {
  if (WriteStreamClass === null) WriteStreamClass = defineWriteStream();
  return WriteStreamClass;
}

function createReadStream(path, options) {
  const ReadStream = getReadStream();
  return new ReadStream(path, options);
}

function createWriteStream(path, options) {
  const WriteStream = getWriteStream();
  return new WriteStream(path, options);
}

// ---------------------------------------------------------------------------
// LIMITATION: these exist so that feature tests find them, and throw.

function notImplemented(name) {
  return function missing() {
    throw new codes.ERR_METHOD_NOT_IMPLEMENTED(`fs.${name}()`);
  };
}

module.exports = {
  appendFile,
  appendFileSync,
  access,
  accessSync,
  chown,
  chownSync,
  chmod,
  chmodSync,
  close,
  closeSync,
  copyFile,
  copyFileSync,
  createReadStream,
  createWriteStream,
  exists,
  existsSync,
  fchmod,
  fchmodSync,
  fdatasync,
  fdatasyncSync,
  fstat,
  fstatSync,
  fsync,
  fsyncSync,
  ftruncate,
  ftruncateSync,
  futimes,
  futimesSync,
  lchown,
  lchownSync,
  link,
  linkSync,
  lstat,
  lstatSync,
  mkdir,
  mkdirSync,
  mkdtemp,
  mkdtempSync,
  open,
  openSync,
  read,
  readSync,
  readdir,
  readdirSync,
  readFile,
  readFileSync,
  readlink,
  readlinkSync,
  realpath,
  realpathSync,
  rename,
  renameSync,
  rm,
  rmSync,
  rmdir,
  rmdirSync,
  stat,
  statSync,
  symlink,
  symlinkSync,
  truncate,
  truncateSync,
  unlink,
  unlinkSync,
  utimes,
  utimesSync,
  write,
  writeSync,
  writeFile,
  writeFileSync,
  watch: notImplemented('watch'),
  watchFile: notImplemented('watchFile'),
  unwatchFile: notImplemented('unwatchFile'),
  opendir: notImplemented('opendir'),
  opendirSync: notImplemented('opendirSync'),
  cp: notImplemented('cp'),
  cpSync: notImplemented('cpSync'),
  Stats,
  Dirent,
  F_OK: constants.F_OK,
  R_OK: constants.R_OK,
  W_OK: constants.W_OK,
  X_OK,
  constants,
  promises,
};

Object.defineProperties(module.exports, {
  ReadStream: { enumerable: true, configurable: true,
    get: getReadStream },
  WriteStream: { enumerable: true, configurable: true,
    get: getWriteStream },
});
