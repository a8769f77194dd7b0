// `crypto`: the part of Node's crypto module that TLS code and its tests
// use.  Random bytes and numbers, digests and HMACs (also as streams),
// KeyObject (create, export, generate), one-shot and streaming signatures,
// PBKDF2, HKDF, scrypt, timingSafeEqual and X509Certificate.
//
// The work happens on the host (bindings/crypto.py, over `cryptography`
// and hashlib); this file validates arguments the way Node does and keeps
// the objects.  A Hash or KeyObject holds only the id of its host-side
// state, so a hash update moves just the new bytes across.
//
// What it is not: ciphers (createCipheriv), Diffie-Hellman and ECDH,
// publicEncrypt and friends, WebCrypto's subtle API.
//
// Errors come in the two shapes Node has: those its JavaScript throws
// print as `TypeError [ERR_X]: ...` (errors.codes), those its C++ throws
// are plain errors with a `code` property (nativeError) - OpenSSL's among
// them, with `library` and `reason` too.
'use strict';

const { Buffer } = require('buffer');
const errors = require('internal/errors');
const loop = require('internal/loop');
const { Transform, Writable } = require('stream');

const { codes } = errors;

const kHandle = Symbol('kHandle');
const kState = Symbol('kState');
const kOptions = Symbol('kOptions');
const kKeyType = Symbol('kKeyType');
const kAsymmetricKeyType = Symbol('kAsymmetricKeyType');
const kAsymmetricKeyDetails = Symbol('kAsymmetricKeyDetails');
const kKeyInfo = Symbol('kKeyInfo');
const kCert = Symbol('kCert');

const kMaxInt32 = 2 ** 31 - 1;
const kBinaryTypes = ['string', 'ArrayBuffer', 'Buffer', 'TypedArray',
  'DataView'];
const kKeyTypes = [...kBinaryTypes, 'KeyObject', 'CryptoKey'];

// ---------------------------------------------------------------------------
// Errors and host calls.

function nativeError(Base, code, message) {
  const err = new Base(message);
  err.code = code;
  return err;
}

// Host records arrive as coded errors; give them the shape Node's native
// layer would: plain class, OpenSSL's details, code last.
function fromHost(err) {
  const code = err.code;
  if (code === 'ERR_JSTLS_HOST') return err;
  const Base = { TypeError, RangeError }[err.name] || Error;
  const out = new Base(err.message);
  for (const key of ['opensslErrorStack', 'library', 'reason']) {
    if (err[key] !== undefined) out[key] = err[key];
  }
  if (code) out.code = code;
  return out;
}

function call(name, ...args) {
  const result = host.tryCall('crypto.' + name, ...args);
  if (result.error !== undefined) throw fromHost(result.error);
  return result.value;
}

// Host handles die with their JS wrapper: QuickJS queues the finalizer as
// a job, which the loop's microtask drain runs.  A digest frees its handle
// at once and the finalizer's second free is a no-op; unregistering
// instead would cost more, since QuickJS's unregister() walks every live
// registration.
const registry = typeof FinalizationRegistry === 'function' ?
  new FinalizationRegistry((id) => {
    host.tryCall('crypto.free', id);
  }) : null;

function track(owner, id) {
  if (registry !== null) registry.register(owner, id);
}

// ---------------------------------------------------------------------------
// Bytes.

function asUint8(view) {
  if (view instanceof Uint8Array) return view;
  if (view instanceof ArrayBuffer) return new Uint8Array(view);
  return new Uint8Array(view.buffer, view.byteOffset, view.byteLength);
}

function isBinary(value) {
  return ArrayBuffer.isView(value) || value instanceof ArrayBuffer;
}

function fromHostBytes(marker) {
  return host.bytesIn(marker);
}

function decodeString(text, encoding) {
  const enc = typeof encoding === 'string' ? encoding.toLowerCase() :
    encoding;
  if (enc === 'base64url') {
    return Buffer.from(text.replace(/-/g, '+').replace(/_/g, '/'),
                       'base64');
  }
  if (enc !== undefined && enc !== null && enc !== 'buffer' &&
      Buffer.isEncoding(enc)) {
    return Buffer.from(text, enc);
  }
  return Buffer.from(text, 'utf8');
}

function isUtf8(encoding) {
  if (encoding === undefined || encoding === null) return true;
  const enc = String(encoding).toLowerCase();
  return enc === 'utf8' || enc === 'utf-8' || enc === 'buffer' ||
    !Buffer.isEncoding(enc) && enc !== 'base64url';
}

// string | ArrayBuffer | view -> Uint8Array, or ERR_INVALID_ARG_TYPE.
function toBytes(value, name, encoding, types = kBinaryTypes) {
  if (typeof value === 'string') return decodeString(value, encoding);
  if (isBinary(value)) return asUint8(value);
  throw new codes.ERR_INVALID_ARG_TYPE(name, types, value);
}

// Several byte strings for one host call: [lengths, marker].
function pack(parts) {
  let total = 0;
  for (const part of parts) if (part) total += part.length;
  const out = new Uint8Array(total);
  const lengths = [];
  let offset = 0;
  for (const part of parts) {
    if (!part) {
      lengths.push(null);
      continue;
    }
    out.set(part, offset);
    offset += part.length;
    lengths.push(part.length);
  }
  return [lengths, host.bytesOut(out)];
}

function encodeOutput(buf, encoding) {
  if (typeof encoding !== 'string') return buf;
  const enc = encoding.toLowerCase();
  if (enc === 'buffer') return buf;
  if (enc === 'base64url') {
    return buf.toString('base64').replace(/\+/g, '-').replace(/\//g, '_')
      .replace(/=+$/, '');
  }
  return Buffer.isEncoding(enc) ? buf.toString(enc) : buf;
}

// ---------------------------------------------------------------------------
// Validators (Node's messages).








const {
  validateBoolean, validateFunction, validateInt32, validateInteger,
  validateNumber, validateObject, validateString, validateUint32,
} = require('internal/validators');

// Runs `work` now and hands its result to `callback` in a later turn, as
// Node delivers thread-pool completions.
function later(callback, work) {
  let result;
  try {
    result = work();
  } catch (err) {
    loop.defer(callback, err);
    return;
  }
  loop.defer(callback, null, result);
}

// ---------------------------------------------------------------------------
// Random.

function randomBytes(size, callback) {
  validateNumber(size, 'size', 0, kMaxInt32);
  if (callback !== undefined) validateFunction(callback, 'callback');
  const buf = fromHostBytes(call('random_bytes', Math.floor(size)));
  if (callback === undefined) return buf;
  loop.defer(callback, null, buf);
  return undefined;
}

function fillRandom(view) {
  if (view.length === 0) return;
  view.set(fromHostBytes(call('random_bytes', view.length)));
}

function randomFillSync(buf, offset = 0, size) {
  if (!isBinary(buf)) {
    throw new codes.ERR_INVALID_ARG_TYPE('buf', ['ArrayBuffer',
      'ArrayBufferView'], buf);
  }
  const bytes = asUint8(buf);
  const elementSize = buf.BYTES_PER_ELEMENT || 1;
  validateNumber(offset, 'offset');
  offset *= elementSize;
  validateNumber(offset, 'offset', 0, bytes.length);
  if (size === undefined) {
    size = bytes.length - offset;
  } else {
    validateNumber(size, 'size');
    size *= elementSize;
  }
  validateNumber(size, 'size', 0, kMaxInt32);
  if (size + offset > bytes.length) {
    throw new codes.ERR_OUT_OF_RANGE('size + offset', `<= ${bytes.length}`,
                                     size + offset);
  }
  fillRandom(bytes.subarray(offset, offset + size));
  return buf;
}

function randomFill(buf, offset, size, callback) {
  if (typeof offset === 'function') {
    callback = offset;
    offset = 0;
    size = undefined;
  } else if (typeof size === 'function') {
    callback = size;
    size = undefined;
  }
  validateFunction(callback, 'callback');
  randomFillSync(buf, offset, size);
  loop.defer(callback, null, buf);
}

// A pool of random bytes so randomInt and randomUUID do not cross to the
// host every time (Node keeps a cache for the same reason).
let pool = null;
let poolOffset = 0;

function poolBytes(n) {
  if (pool === null || poolOffset + n > pool.length) {
    pool = fromHostBytes(call('random_bytes', 4096));
    poolOffset = 0;
  }
  const out = pool.subarray(poolOffset, poolOffset + n);
  poolOffset += n;
  return out;
}

const RAND_MAX = 0xFFFFFFFFFFFF;

function safeIntegerError(name, value) {
  return errors.errorWithCode(TypeError, 'ERR_INVALID_ARG_TYPE',
    `The "${name}" argument must be a safe integer.` +
    errors.describeReceived(value));
}

function randomInt(min, max, callback) {
  const minNotSpecified = max === undefined || typeof max === 'function';
  if (minNotSpecified) {
    callback = max;
    max = min;
    min = 0;
  }
  if (callback !== undefined) validateFunction(callback, 'callback');
  if (!Number.isSafeInteger(min)) throw safeIntegerError('min', min);
  if (!Number.isSafeInteger(max)) throw safeIntegerError('max', max);
  if (max <= min) {
    throw new codes.ERR_OUT_OF_RANGE(
      'max', `greater than the value of "min" (${min})`, max);
  }
  const range = max - min;
  if (range > RAND_MAX) {
    throw new codes.ERR_OUT_OF_RANGE(minNotSpecified ? 'max' : 'max - min',
                                     `<= ${RAND_MAX}`, range);
  }
  // Rejection sampling keeps every value equally likely.
  const limit = RAND_MAX - (RAND_MAX % range);
  let n;
  for (;;) {
    const b = poolBytes(6);
    const x = b[0] * 2 ** 40 + b[1] * 2 ** 32 + b[2] * 2 ** 24 +
      b[3] * 2 ** 16 + b[4] * 2 ** 8 + b[5];
    if (x < limit) {
      n = min + (x % range);
      break;
    }
  }
  if (callback === undefined) return n;
  loop.defer(callback, undefined, n);
  return undefined;
}

const hexTable = Array.from({ length: 256 },
                            (_, i) => i.toString(16).padStart(2, '0'));

function randomUUID(options) {
  if (options !== undefined) {
    validateObject(options, 'options');
    if (options.disableEntropyCache !== undefined) {
      validateBoolean(options.disableEntropyCache,
                      'options.disableEntropyCache');
    }
  }
  const b = Uint8Array.from(poolBytes(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  let out = '';
  for (let i = 0; i < 16; i++) {
    if (i === 4 || i === 6 || i === 8 || i === 10) out += '-';
    out += hexTable[b[i]];
  }
  return out;
}

function domException(message, name) {
  if (typeof DOMException === 'function') {
    return new DOMException(message, name);
  }
  const err = new Error(message);
  err.name = name;
  return err;
}

const integerArrays = [Int8Array, Uint8Array, Uint8ClampedArray, Int16Array,
  Uint16Array, Int32Array, Uint32Array];
if (typeof BigInt64Array === 'function') {
  integerArrays.push(BigInt64Array, BigUint64Array);
}

// webcrypto's getRandomValues.  LIMITATION: errors are the engine's
// DOMException, which may print differently from Node's.
function getRandomValues(data) {
  if (!integerArrays.some((Ctor) => data instanceof Ctor)) {
    throw domException('The data argument must be an integer-type ' +
                       'TypedArray', 'TypeMismatchError');
  }
  if (data.byteLength > 65536) {
    throw domException('The requested length exceeds 65,536 bytes',
                       'QuotaExceededError');
  }
  fillRandom(asUint8(data));
  return data;
}

// ---------------------------------------------------------------------------
// Streams on demand.  Hash, Hmac, Sign and Verify are streams, but most
// code only calls update() and digest(): the stream state is built the
// first time a stream method looks for it, not in the constructor.

function lazyStream(Ctor, Base, names) {
  Object.setPrototypeOf(Ctor.prototype, Base.prototype);
  Object.setPrototypeOf(Ctor, Base);
  const kBusy = Symbol('kBusy');
  for (const name of names) {
    Object.defineProperty(Ctor.prototype, name, {
      configurable: true,
      enumerable: false,
      get() {
        if (this === Ctor.prototype || this[kBusy]) return undefined;
        Object.defineProperty(this, kBusy, { value: true });
        Base.call(this, this[kOptions]);
        return this[name];
      },
      set(value) {
        Object.defineProperty(this, name, {
          value, writable: true, enumerable: true, configurable: true,
        });
      },
    });
  }
}

// ---------------------------------------------------------------------------
// Hash and Hmac.

// Small updates are gathered here and sent in one host call (each call
// costs a few microseconds; a TLS record hash is often a few bytes), as
// UTF-8 text or as bytes, never both: a switch of kind sends what is
// pending.  Bytes are copied, since the caller may reuse its buffer.
const kPending = Symbol('kPending');
const kGather = 16384;

function pendingState(self) {
  let pending = self[kPending];
  if (pending === undefined) {
    pending = { text: '', chunks: [], size: 0 };
    Object.defineProperty(self, kPending, { value: pending });
  }
  return pending;
}

// The pending input as the (text, bytes marker) arguments of a host call,
// and forget it.
function takePending(self) {
  const pending = self[kPending];
  if (pending === undefined) return [null, null];
  if (pending.text !== '') {
    const text = pending.text;
    pending.text = '';
    return [text, null];
  }
  if (pending.size === 0) return [null, null];
  const { chunks } = pending;
  let bytes;
  if (chunks.length === 1) {
    bytes = chunks[0];
  } else {
    bytes = new Uint8Array(pending.size);
    let offset = 0;
    for (const chunk of chunks) {
      bytes.set(chunk, offset);
      offset += chunk.length;
    }
  }
  pending.chunks = [];
  pending.size = 0;
  return [null, host.bytesOut(bytes)];
}

function flushPending(self) {
  const [text, marker] = takePending(self);
  if (text !== null || marker !== null) {
    call('hash_update', self[kHandle], text, marker);
  }
}

function digestUpdate(self, data, encoding) {
  const pending = pendingState(self);
  if (typeof data === 'string' && isUtf8(encoding)) {
    if (pending.size > 0) flushPending(self);
    pending.text += data;
    if (pending.text.length >= kGather) flushPending(self);
    return;
  }
  let bytes;
  if (typeof data === 'string') {
    bytes = decodeString(data, encoding);
  } else if (ArrayBuffer.isView(data)) {
    bytes = asUint8(data);
  } else {
    throw new codes.ERR_INVALID_ARG_TYPE('data', ['string', 'Buffer',
      'TypedArray', 'DataView'], data);
  }
  if (pending.text !== '') flushPending(self);
  if (bytes.length >= kGather) {
    if (pending.size > 0) flushPending(self);
    call('hash_update', self[kHandle], null, host.bytesOut(bytes));
    return;
  }
  pending.chunks.push(Uint8Array.prototype.slice.call(bytes));
  pending.size += bytes.length;
  if (pending.size >= kGather) flushPending(self);
}

// digest(): the pending input goes with the same call.
function finishDigest(self) {
  const [text, marker] = takePending(self);
  return fromHostBytes(call('hash_digest', self[kHandle], text, marker));
}

function Hash(algorithm, options) {
  if (!(this instanceof Hash)) return new Hash(algorithm, options);
  let length;
  if (algorithm instanceof Hash) {
    // Hash.copy(): `options` carries the source.
    length = options && options.outputLength;
    if (length !== undefined) validateUint32(length, 'options.outputLength');
    flushPending(algorithm);
    this[kHandle] = call('hash_copy', algorithm[kHandle],
                         length === undefined ? null : length);
  } else {
    validateString(algorithm, 'algorithm');
    length = options && options.outputLength;
    if (length !== undefined) validateUint32(length, 'options.outputLength');
    const id = call('hash_new', algorithm,
                    length === undefined ? null : length);
    if (id == null) throw new Error('Digest method not supported');
    this[kHandle] = id;
  }
  this[kOptions] = options;
  this[kState] = { finalized: false };
  track(this, this[kHandle]);
}

Hash.prototype.copy = function copy(options) {
  if (this[kState].finalized) throw new codes.ERR_CRYPTO_HASH_FINALIZED();
  return new Hash(this, options);
};

Hash.prototype.update = function update(data, encoding) {
  if (this[kState].finalized) throw new codes.ERR_CRYPTO_HASH_FINALIZED();
  digestUpdate(this, data, encoding);
  return this;
};

Hash.prototype.digest = function digest(outputEncoding) {
  if (this[kState].finalized) throw new codes.ERR_CRYPTO_HASH_FINALIZED();
  this[kState].finalized = true;
  return encodeOutput(finishDigest(this), outputEncoding);
};

Hash.prototype._transform = function _transform(chunk, encoding, callback) {
  digestUpdate(this, chunk, encoding);
  callback();
};

Hash.prototype._flush = function _flush(callback) {
  this.push(this.digest());
  callback();
};

function Hmac(hmac, key, options) {
  if (!(this instanceof Hmac)) return new Hmac(hmac, key, options);
  validateString(hmac, 'hmac');
  const encoding = options && options.encoding;
  let keyId = null;
  let bytes = null;
  if (key instanceof KeyObject) {
    if (key.type !== 'secret') {
      throw new codes.ERR_CRYPTO_INVALID_KEY_OBJECT_TYPE(key.type, 'secret');
    }
    keyId = key[kHandle];
  } else {
    bytes = toBytes(key, 'key', encoding, kKeyTypes);
  }
  this[kHandle] = call('hmac_new', hmac, keyId,
                       bytes === null ? null : host.bytesOut(bytes));
  this[kOptions] = options;
  this[kState] = { finalized: false };
  track(this, this[kHandle]);
}

Hmac.prototype.update = Hash.prototype.update;

// A second digest() of an Hmac is not an error in Node: it is empty.
Hmac.prototype.digest = function digest(outputEncoding) {
  if (this[kState].finalized) {
    return encodeOutput(Buffer.alloc(0), outputEncoding);
  }
  this[kState].finalized = true;
  return encodeOutput(finishDigest(this), outputEncoding);
};

Hmac.prototype._transform = Hash.prototype._transform;
Hmac.prototype._flush = Hash.prototype._flush;

const transformStateNames = ['_readableState', '_writableState',
  '_transformState'];
lazyStream(Hash, Transform, transformStateNames);
lazyStream(Hmac, Transform, transformStateNames);

function createHash(algorithm, options) {
  return new Hash(algorithm, options);
}

function createHmac(hmac, key, options) {
  return new Hmac(hmac, key, options);
}

// crypto.hash(): a one-shot digest, hex by default.
function hash(algorithm, input, outputEncoding = 'hex') {
  validateString(algorithm, 'algorithm');
  if (typeof input !== 'string' && !ArrayBuffer.isView(input)) {
    throw new codes.ERR_INVALID_ARG_TYPE('input', ['Buffer', 'TypedArray',
      'DataView', 'string'], input);
  }
  validateString(outputEncoding, 'outputEncoding');
  const bytes = typeof input === 'string' ? Buffer.from(input, 'utf8') :
    asUint8(input);
  const result = call('hash_once', algorithm, host.bytesOut(bytes));
  if (result == null) {
    throw new Error(`Digest method ${algorithm} is not supported`);
  }
  return encodeOutput(fromHostBytes(result), outputEncoding);
}

// ---------------------------------------------------------------------------
// KeyObject.

class KeyHandle {
  constructor(info) {
    this.id = info.id;
    this.info = info;
  }
}

class KeyObject {
  constructor(type, handle) {
    if (type !== 'secret' && type !== 'public' && type !== 'private') {
      throw new codes.ERR_INVALID_ARG_VALUE('type', type);
    }
    if (!(handle instanceof KeyHandle)) {
      throw new codes.ERR_INVALID_ARG_TYPE('handle', 'object', handle);
    }
    Object.defineProperty(this, kHandle, { value: handle.id });
    Object.defineProperty(this, kKeyInfo, { value: handle.info });
    this[kKeyType] = type;
    track(this, handle.id);
  }

  get type() {
    return this[kKeyType];
  }

  equals(otherKeyObject) {
    if (!(otherKeyObject instanceof KeyObject)) {
      throw new codes.ERR_INVALID_ARG_TYPE('otherKeyObject', 'KeyObject',
                                           otherKeyObject);
    }
    return otherKeyObject.type === this.type &&
      call('key_equals', this[kHandle], otherKeyObject[kHandle]);
  }
}

Object.defineProperty(KeyObject.prototype, Symbol.toStringTag, {
  value: 'KeyObject', configurable: true,
});

class SecretKeyObject extends KeyObject {
  constructor(handle) {
    super('secret', handle);
  }

  get symmetricKeySize() {
    return this[kKeyInfo].size;
  }

  export(options) {
    if (options !== undefined) {
      validateObject(options, 'options');
      const format = options.format;
      if (format === 'jwk') return call('key_export_jwk', this[kHandle]);
      if (format !== undefined && format !== 'buffer') {
        throw new codes.ERR_INVALID_ARG_VALUE('options.format', format,
          "must be one of: undefined, 'buffer', 'jwk'");
      }
    }
    return fromHostBytes(call('key_export', this[kHandle], 'buffer', null,
                              null, null, null));
  }
}

class AsymmetricKeyObject extends KeyObject {
  get asymmetricKeyType() {
    if (this[kAsymmetricKeyType] === undefined) {
      this[kAsymmetricKeyType] = this[kKeyInfo].asymmetricKeyType;
    }
    return this[kAsymmetricKeyType];
  }

  get asymmetricKeyDetails() {
    if (this[kAsymmetricKeyDetails] === undefined) {
      void this.asymmetricKeyType;    // cached first, as Node does
      const details = { ...this[kKeyInfo].details };
      if (details.publicExponent !== undefined) {
        details.publicExponent = BigInt(details.publicExponent);
      }
      this[kAsymmetricKeyDetails] = details;
    }
    return { ...this[kAsymmetricKeyDetails] };
  }

  export(options) {
    validateObject(options, 'options');
    if (options.format === 'jwk') {
      return call('key_export_jwk', this[kHandle]);
    }
    const enc = parseExportEncoding(options, this.type,
                                    this[kKeyInfo].asymmetricKeyType,
                                    'options');
    return exportKey(this, enc);
  }
}

class PublicKeyObject extends AsymmetricKeyObject {
  constructor(handle) {
    super('public', handle);
  }
}

class PrivateKeyObject extends AsymmetricKeyObject {
  constructor(handle) {
    super('private', handle);
  }
}

function wrapKey(info) {
  const handle = new KeyHandle(info);
  if (info.type === 'secret') return new SecretKeyObject(handle);
  if (info.type === 'public') return new PublicKeyObject(handle);
  return new PrivateKeyObject(handle);
}

const kPublicTypes = ['pkcs1', 'spki'];
const kPrivateTypes = ['pkcs1', 'pkcs8', 'sec1'];

function isPassphrase(value) {
  return typeof value === 'string' || isBinary(value);
}

// {format, type, cipher, passphrase} for export(), checked against the
// key as Node checks it.  `prefix` names the option object in messages.
function parseExportEncoding(enc, keyType, asymmetricType, prefix) {
  const { format, type, cipher, passphrase } = enc;
  if (format !== 'pem' && format !== 'der' && format !== 'jwk') {
    throw new codes.ERR_INVALID_ARG_VALUE(`${prefix}.format`, format);
  }
  if (format === 'jwk') return { format };
  const allowed = keyType === 'public' ? kPublicTypes : kPrivateTypes;
  if (!allowed.includes(type)) {
    throw new codes.ERR_INVALID_ARG_VALUE(`${prefix}.type`, type);
  }
  if (type === 'pkcs1' && asymmetricType !== 'rsa') {
    throw new codes.ERR_CRYPTO_INCOMPATIBLE_KEY_OPTIONS(
      'pkcs1', 'can only be used for RSA keys');
  }
  if (type === 'sec1' && asymmetricType !== 'ec') {
    throw new codes.ERR_CRYPTO_INCOMPATIBLE_KEY_OPTIONS(
      'sec1', 'can only be used for EC keys');
  }
  if (keyType !== 'private') return { format, type };
  if (cipher !== undefined) {
    if (typeof cipher !== 'string') {
      throw new codes.ERR_INVALID_ARG_VALUE(`${prefix}.cipher`, cipher);
    }
    if (format === 'der' && type !== 'pkcs8') {
      throw new codes.ERR_CRYPTO_INCOMPATIBLE_KEY_OPTIONS(
        type, 'does not support encryption');
    }
    if (!isPassphrase(passphrase)) {
      throw new codes.ERR_INVALID_ARG_VALUE(`${prefix}.passphrase`,
                                            passphrase);
    }
    return { format, type, cipher, passphrase };
  }
  if (passphrase !== undefined) {
    throw new codes.ERR_INVALID_ARG_VALUE(`${prefix}.cipher`, cipher);
  }
  return { format, type };
}

function exportKey(key, enc) {
  if (enc.format === 'jwk') return call('key_export_jwk', key[kHandle]);
  let lengths = null;
  let marker = null;
  if (enc.cipher !== undefined) {
    [lengths, marker] = pack([toBytes(enc.passphrase, 'passphrase')]);
  }
  const result = call('key_export', key[kHandle], enc.format, enc.type,
                      enc.cipher === undefined ? null : enc.cipher,
                      lengths, marker);
  return enc.format === 'pem' ? result : fromHostBytes(result);
}

// Key material for createPrivateKey/createPublicKey/sign/verify:
// KeyObject, PEM string/buffer, or {key, format, type, passphrase,
// encoding}.  `want` is 'private' or 'public'; returns key info from the
// host (a new handle) or {keyObject} for an existing KeyObject.
function loadKey(key, want, types) {
  if (typeof key === 'string' || isBinary(key)) {
    return loadKeyData(want, toBytes(key, 'key'), 'pem', undefined,
                       undefined);
  }
  if (key === null || typeof key !== 'object') {
    throw new codes.ERR_INVALID_ARG_TYPE('key', types, key);
  }
  const { format = 'pem', type, passphrase, encoding } = key;
  const data = key.key;
  if (format === 'jwk') {
    validateObject(data, 'key.key');
    return loadJwk(data, want);
  }
  if (typeof data !== 'string' && !isBinary(data)) {
    throw new codes.ERR_INVALID_ARG_TYPE('key.key', kBinaryTypes, data);
  }
  if (format !== 'pem' && format !== 'der') {
    throw new codes.ERR_INVALID_ARG_VALUE('options.format', format);
  }
  if (format === 'der' || type !== undefined) {
    const allowed = want === 'private' ? kPrivateTypes :
      [...kPublicTypes, 'pkcs8', 'sec1'];
    if (!allowed.includes(type)) {
      throw new codes.ERR_INVALID_ARG_VALUE('options.type', type);
    }
  }
  if (passphrase !== undefined && passphrase !== null &&
      !isPassphrase(passphrase)) {
    throw new codes.ERR_INVALID_ARG_TYPE('options.passphrase',
                                         kBinaryTypes, passphrase);
  }
  const pass = passphrase === undefined || passphrase === null ? undefined :
    toBytes(passphrase, 'options.passphrase');
  return loadKeyData(want, toBytes(data, 'key.key', encoding), format, type,
                     pass);
}

function loadKeyData(want, bytes, format, type, passphrase) {
  const [lengths, marker] = pack([bytes, passphrase]);
  return call('key_load', want, format, type === undefined ? null : type,
              lengths, marker);
}

function loadJwk(jwk, want) {
  const kty = jwk.kty;
  if (kty !== 'RSA' && kty !== 'EC' && kty !== 'OKP') {
    throw new codes.ERR_INVALID_ARG_VALUE('key.kty', kty,
                                          "must be one of: 'RSA', 'EC', 'OKP'");
  }
  const fields = kty === 'RSA' ? ['n', 'e'] : kty === 'EC' ?
    ['crv', 'x', 'y'] : ['crv', 'x'];
  if (want === 'private') {
    fields.push(...(kty === 'RSA' ? ['d', 'p', 'q', 'dp', 'dq', 'qi'] :
      ['d']));
  }
  for (const field of fields) {
    validateString(jwk[field], `key.${field}`);
  }
  const copy = {};
  for (const field of ['kty', ...fields]) copy[field] = jwk[field];
  return call('key_import_jwk', want, copy);
}

function createSecretKey(key, encoding) {
  const bytes = toBytes(key, 'key', encoding, ['ArrayBuffer', 'Buffer',
    'TypedArray', 'DataView']);
  return wrapKey(call('key_secret', host.bytesOut(bytes)));
}

function createPrivateKey(key) {
  if (key instanceof KeyObject || (key !== null && typeof key === 'object' &&
      key.key instanceof KeyObject)) {
    const value = key instanceof KeyObject ? key : key.key;
    throw new codes.ERR_INVALID_ARG_TYPE(
      key instanceof KeyObject ? 'key' : 'key.key', kBinaryTypes, value);
  }
  return wrapKey(loadKey(key, 'private', kBinaryTypes));
}

function createPublicKey(key) {
  const object = key instanceof KeyObject ? key :
    key !== null && typeof key === 'object' && key.key instanceof KeyObject ?
      key.key : null;
  if (object !== null) {
    if (object.type === 'private') {
      return wrapKey(call('key_public', object[kHandle]));
    }
    throw new codes.ERR_CRYPTO_INVALID_KEY_OBJECT_TYPE(object.type,
                                                       'private');
  }
  return wrapKey(loadKey(key, 'public', kBinaryTypes));
}

// ---------------------------------------------------------------------------
// Key generation.

const kKeyPairTypes = ['rsa', 'ec', 'ed25519', 'ed448', 'x25519', 'x448',
  'dsa'];

function parseKeyPairOptions(type, options) {
  validateString(type, 'type');
  // LIMITATION: no 'rsa-pss' or 'dh' key pairs.
  if (!kKeyPairTypes.includes(type)) {
    throw new codes.ERR_INVALID_ARG_VALUE('type', type,
                                          'must be a supported key type');
  }
  if (options !== undefined) validateObject(options, 'options');
  const opts = options || {};
  const params = {};
  if (type === 'rsa' || type === 'dsa') {
    validateObject(options, 'options');
    validateUint32(opts.modulusLength, 'options.modulusLength');
    params.modulusLength = opts.modulusLength;
    if (type === 'rsa') {
      params.publicExponent = 0x10001;
      if (opts.publicExponent !== undefined) {
        validateUint32(opts.publicExponent, 'options.publicExponent');
        params.publicExponent = opts.publicExponent;
      }
    } else if (opts.divisorLength !== undefined &&
               opts.divisorLength !== null) {
      // LIMITATION: checked but not used: cryptography picks the size of
      // q from the modulus (160 bits for 1024, where OpenSSL takes 224).
      validateInt32(opts.divisorLength, 'options.divisorLength');
    }
  } else if (type === 'ec') {
    validateObject(options, 'options');
    validateString(opts.namedCurve, 'options.namedCurve');
    params.namedCurve = opts.namedCurve;
    // LIMITATION: 'explicit' is accepted, but keys export named curves.
    if (opts.paramEncoding !== undefined && opts.paramEncoding !== 'named' &&
        opts.paramEncoding !== 'explicit') {
      throw new codes.ERR_INVALID_ARG_VALUE('options.paramEncoding',
                                            opts.paramEncoding);
    }
  }
  const encodings = {};
  for (const [which, keyType] of [['publicKeyEncoding', 'public'],
    ['privateKeyEncoding', 'private']]) {
    const enc = opts[which];
    if (enc === undefined || enc === null) continue;
    if (typeof enc !== 'object') {
      throw new codes.ERR_INVALID_ARG_VALUE(`options.${which}`, enc);
    }
    encodings[keyType] = parseExportEncoding(enc, keyType, type,
                                             `options.${which}`);
  }
  return { params, encodings };
}

function finishKeyPair(infos, encodings) {
  const publicKey = wrapKey(infos[0]);
  const privateKey = wrapKey(infos[1]);
  return {
    publicKey: encodings.public ? exportKey(publicKey, encodings.public) :
      publicKey,
    privateKey: encodings.private ?
      exportKey(privateKey, encodings.private) : privateKey,
  };
}

function generateKeyPairSync(type, options) {
  const { params, encodings } = parseKeyPairOptions(type, options);
  return finishKeyPair(call('key_generate', type, params), encodings);
}

function generateKeyPair(type, options, callback) {
  if (typeof options === 'function') {
    callback = options;
    options = undefined;
  }
  validateFunction(callback, 'callback');
  const { params, encodings } = parseKeyPairOptions(type, options);
  let pair;
  try {
    pair = finishKeyPair(call('key_generate', type, params), encodings);
  } catch (err) {
    loop.defer(callback, err);
    return;
  }
  loop.defer(callback, null, pair.publicKey, pair.privateKey);
}

function generateKeySync(type, options) {
  validateString(type, 'type');
  validateObject(options, 'options');
  const { length } = options;
  if (type === 'hmac') {
    validateInteger(length, 'options.length', 8, kMaxInt32);
  } else if (type === 'aes') {
    if (length !== 128 && length !== 192 && length !== 256) {
      throw new codes.ERR_INVALID_ARG_VALUE('options.length', length,
                                            'must be one of: 128, 192, 256');
    }
  } else {
    throw new codes.ERR_INVALID_ARG_VALUE('type', type,
                                          "must be a supported key type");
  }
  return wrapKey(call('key_generate_secret', length));
}

function generateKey(type, options, callback) {
  validateFunction(callback, 'callback');
  const key = generateKeySync(type, options);
  loop.defer(callback, null, key);
}

// ---------------------------------------------------------------------------
// Signatures.

function signOptions(key) {
  const opts = {};
  if (key === null || typeof key !== 'object' || key instanceof KeyObject ||
      isBinary(key)) {
    return opts;
  }
  if (key.padding !== undefined) {
    if (!Number.isInteger(key.padding)) {
      throw new codes.ERR_INVALID_ARG_VALUE('options.padding', key.padding);
    }
    opts.padding = key.padding;
  }
  if (key.saltLength !== undefined) {
    if (!Number.isInteger(key.saltLength)) {
      throw new codes.ERR_INVALID_ARG_VALUE('options.saltLength',
                                            key.saltLength);
    }
    opts.saltLength = key.saltLength;
  }
  if (key.dsaEncoding !== undefined) {
    if (key.dsaEncoding !== 'der' && key.dsaEncoding !== 'ieee-p1363') {
      throw new codes.ERR_INVALID_ARG_VALUE('options.dsaEncoding',
                                            key.dsaEncoding);
    }
    opts.dsaEncoding = key.dsaEncoding;
  }
  return opts;
}

// The key of a signing operation: [handle id, temporary?].  A key given as
// PEM gets a handle for this one operation.
function signingKey(key, want) {
  const object = key instanceof KeyObject ? key :
    key !== null && typeof key === 'object' && key.key instanceof KeyObject ?
      key.key : null;
  if (object !== null) {
    if (want === 'private' && object.type !== 'private') {
      throw new codes.ERR_CRYPTO_INVALID_KEY_OBJECT_TYPE(object.type,
                                                         'private');
    }
    if (want === 'public' && object.type === 'secret') {
      throw new codes.ERR_CRYPTO_INVALID_KEY_OBJECT_TYPE(
        'secret', 'private or public');
    }
    return [object[kHandle], false];
  }
  if (typeof key !== 'string' && !isBinary(key) &&
      (key === null || typeof key !== 'object')) {
    throw new codes.ERR_INVALID_ARG_TYPE('key', kKeyTypes, key);
  }
  return [loadKey(key, want, kKeyTypes).id, true];
}

function withKey(key, want, work) {
  const [id, temporary] = signingKey(key, want);
  try {
    return work(id);
  } finally {
    if (temporary) host.tryCall('crypto.free', id);
  }
}

function validateAlgorithm(algorithm) {
  if (algorithm !== undefined && algorithm !== null) {
    validateString(algorithm, 'algorithm');
    return algorithm;
  }
  return null;
}

function signOneShot(algorithm, data, key, callback) {
  const alg = validateAlgorithm(algorithm);
  if (callback !== undefined) validateFunction(callback, 'callback');
  const bytes = toBytes(data, 'data');
  if (key === undefined || key === null) {
    throw new codes.ERR_INVALID_ARG_TYPE('key', kKeyTypes, key);
  }
  const opts = signOptions(key);
  // The key is read now: a bad one throws, even with a callback.
  return withKey(key, 'private', (id) => {
    const work = () => fromHostBytes(call('sign_once', alg, id, opts,
                                          host.bytesOut(bytes)));
    if (callback === undefined) return work();
    later(callback, work);
    return undefined;
  });
}

function verifyOneShot(algorithm, data, key, signature, callback) {
  const alg = validateAlgorithm(algorithm);
  if (callback !== undefined) validateFunction(callback, 'callback');
  const bytes = toBytes(data, 'data');
  if (key === undefined || key === null) {
    throw new codes.ERR_INVALID_ARG_TYPE('key', kKeyTypes, key);
  }
  if (!ArrayBuffer.isView(signature)) {
    throw new codes.ERR_INVALID_ARG_TYPE('signature', ['Buffer',
      'TypedArray', 'DataView'], signature);
  }
  const opts = signOptions(key);
  return withKey(key, 'public', (id) => {
    const work = () => {
      const [lengths, marker] = pack([bytes, asUint8(signature)]);
      return call('verify_once', alg, id, opts, lengths, marker);
    };
    if (callback === undefined) return work();
    later(callback, work);
    return undefined;
  });
}

function notInitialised() {
  return nativeError(Error, 'ERR_CRYPTO_INVALID_STATE', 'Not initialised');
}

function initSigner(self, algorithm, options) {
  validateString(algorithm, 'algorithm');
  const id = call('sign_new', algorithm);
  if (id == null) {
    throw nativeError(TypeError, 'ERR_CRYPTO_INVALID_DIGEST',
                      'Invalid digest');
  }
  self[kHandle] = id;
  self[kOptions] = options;
  track(self, id);
}

function signerUpdate(data, encoding) {
  if (this[kHandle] === null) throw notInitialised();
  digestUpdate(this, data, encoding);
  return this;
}

function signerWrite(chunk, encoding, callback) {
  this.update(chunk, encoding);
  callback();
}

function Sign(algorithm, options) {
  if (!(this instanceof Sign)) return new Sign(algorithm, options);
  initSigner(this, algorithm, options);
}

Sign.prototype.update = signerUpdate;
Sign.prototype._write = signerWrite;

Sign.prototype.sign = function sign(privateKey, outputEncoding) {
  if (privateKey === undefined || privateKey === null) {
    throw new codes.ERR_CRYPTO_SIGN_KEY_REQUIRED();
  }
  if (this[kHandle] === null) throw notInitialised();
  const opts = signOptions(privateKey);
  flushPending(this);
  const handle = this[kHandle];
  const result = withKey(privateKey, 'private', (id) => {
    this[kHandle] = null;
    return fromHostBytes(call('sign_final', handle, id, opts));
  });
  return encodeOutput(result, outputEncoding);
};

function Verify(algorithm, options) {
  if (!(this instanceof Verify)) return new Verify(algorithm, options);
  initSigner(this, algorithm, options);
}

Verify.prototype.update = signerUpdate;
Verify.prototype._write = signerWrite;

Verify.prototype.verify = function verify(object, signature,
                                          signatureEncoding) {
  if (object === undefined || object === null) {
    throw new codes.ERR_INVALID_ARG_TYPE('key', kKeyTypes, object);
  }
  if (this[kHandle] === null) throw notInitialised();
  const sig = toBytes(signature, 'signature', signatureEncoding);
  const opts = signOptions(object);
  flushPending(this);
  const handle = this[kHandle];
  return withKey(object, 'public', (id) => {
    this[kHandle] = null;
    return call('verify_final', handle, id, opts, host.bytesOut(sig));
  });
};

const writableStateNames = ['_writableState'];
lazyStream(Sign, Writable, writableStateNames);
lazyStream(Verify, Writable, writableStateNames);

function createSign(algorithm, options) {
  return new Sign(algorithm, options);
}

function createVerify(algorithm, options) {
  return new Verify(algorithm, options);
}

// ---------------------------------------------------------------------------
// Key derivation.

function pbkdf2Sync(password, salt, iterations, keylen, digest) {
  const pw = toBytes(password, 'password');
  const s = toBytes(salt, 'salt');
  validateInteger(iterations, 'iterations', 1, kMaxInt32);
  validateInteger(keylen, 'keylen', 0, kMaxInt32);
  validateString(digest, 'digest');
  const [lengths, marker] = pack([pw, s]);
  return fromHostBytes(call('pbkdf2', digest, iterations, keylen, lengths,
                            marker));
}

function pbkdf2(password, salt, iterations, keylen, digest, callback) {
  if (typeof digest === 'function') {
    callback = digest;
    digest = undefined;
  }
  validateFunction(callback, 'callback');
  const result = pbkdf2Sync(password, salt, iterations, keylen, digest);
  loop.defer(callback, null, result);
}

function hkdfSync(digest, ikm, salt, info, keylen) {
  validateString(digest, 'digest');
  let keyId = null;
  let key = null;
  if (ikm instanceof KeyObject) {
    if (ikm.type !== 'secret') {
      throw new codes.ERR_CRYPTO_INVALID_KEY_OBJECT_TYPE(ikm.type, 'secret');
    }
    keyId = ikm[kHandle];
  } else {
    key = toBytes(ikm, 'ikm', undefined, ['string', 'SecretKeyObject',
      'ArrayBuffer', 'TypedArray', 'DataView', 'Buffer']);
  }
  const s = toBytes(salt, 'salt');
  const i = toBytes(info, 'info');
  validateInteger(keylen, 'length', 0, kMaxInt32);
  if (i.length > 1024) {
    throw new codes.ERR_OUT_OF_RANGE('info',
                                     'must not contain more than 1024 bytes',
                                     i.length);
  }
  const [lengths, marker] = pack([key || new Uint8Array(0), s, i]);
  const out = fromHostBytes(call('hkdf', digest, keyId, keylen, lengths,
                                 marker));
  // Node returns an ArrayBuffer of its own.
  return out.buffer.slice(out.byteOffset, out.byteOffset + out.length);
}

function hkdf(digest, ikm, salt, info, keylen, callback) {
  validateFunction(callback, 'callback');
  const result = hkdfSync(digest, ikm, salt, info, keylen);
  loop.defer(callback, null, result);
}

const kScryptDefaults = { N: 16384, r: 8, p: 1, maxmem: 32 << 20 };

function scryptParams(options) {
  const out = { ...kScryptDefaults };
  if (options === undefined || options === null) return out;
  validateObject(options, 'options');
  for (const [long, short] of [['cost', 'N'], ['blockSize', 'r'],
    ['parallelization', 'p']]) {
    const a = options[short];
    const b = options[long];
    if (a !== undefined && b !== undefined) {
      throw new codes.ERR_CRYPTO_SCRYPT_INVALID_PARAMETER();
    }
    const value = a !== undefined ? a : b;
    if (value !== undefined) {
      validateUint32(value, a !== undefined ? short : long);
      out[short] = value;
    }
  }
  if (options.maxmem !== undefined) {
    validateInteger(options.maxmem, 'maxmem', 0, Number.MAX_SAFE_INTEGER);
    out.maxmem = options.maxmem;
  }
  return out;
}

function scryptSync(password, salt, keylen, options) {
  const pw = toBytes(password, 'password');
  const s = toBytes(salt, 'salt');
  validateInteger(keylen, 'keylen', 0, kMaxInt32);
  const { N, r, p, maxmem } = scryptParams(options);
  const [lengths, marker] = pack([pw, s]);
  return fromHostBytes(call('scrypt', keylen, N, r, p, maxmem, lengths,
                            marker));
}

function scrypt(password, salt, keylen, options, callback) {
  if (typeof options === 'function') {
    callback = options;
    options = undefined;
  }
  validateFunction(callback, 'callback');
  const result = scryptSync(password, salt, keylen, options);
  loop.defer(callback, null, result);
}

// ---------------------------------------------------------------------------
// timingSafeEqual: every byte is compared, whatever the first difference.

function timingSafeEqual(buf1, buf2) {
  for (const [name, value] of [['buf1', buf1], ['buf2', buf2]]) {
    if (!isBinary(value)) {
      throw nativeError(TypeError, 'ERR_INVALID_ARG_TYPE',
                        `The "${name}" argument must be an instance of ` +
                        'ArrayBuffer, Buffer, TypedArray, or DataView.');
    }
  }
  const a = asUint8(buf1);
  const b = asUint8(buf2);
  if (a.length !== b.length) {
    throw nativeError(RangeError, 'ERR_CRYPTO_TIMING_SAFE_EQUAL_LENGTH',
                      'Input buffers must have the same byte length');
  }
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i] ^ b[i];
  return diff === 0;
}

// ---------------------------------------------------------------------------
// X509Certificate.

const inspectCustom = Symbol.for('nodejs.util.inspect.custom');

class X509Certificate {
  constructor(buffer) {
    if (typeof buffer !== 'string' && !ArrayBuffer.isView(buffer)) {
      throw new codes.ERR_INVALID_ARG_TYPE('buffer', ['string', 'Buffer',
        'TypedArray', 'DataView'], buffer);
    }
    const bytes = typeof buffer === 'string' ? Buffer.from(buffer) :
      asUint8(buffer);
    const [id, facts] = call('x509_load', host.bytesOut(bytes));
    Object.defineProperty(this, kHandle, { value: id });
    Object.defineProperty(this, kCert, { value: facts });
    track(this, id);
  }

  get subject() { return this[kCert].subject; }

  get subjectAltName() { return this[kCert].subjectAltName ?? undefined; }

  get issuer() { return this[kCert].issuer; }

  // Set by tls for a peer certificate whose issuer it knows.
  get issuerCertificate() { return this[kCert].issuerCertificate; }

  get infoAccess() { return this[kCert].infoAccess ?? undefined; }

  get validFrom() { return this[kCert].validFrom; }

  get validTo() { return this[kCert].validTo; }

  get fingerprint() { return this[kCert].fingerprint; }

  get fingerprint256() { return this[kCert].fingerprint256; }

  get fingerprint512() { return this[kCert].fingerprint512; }

  // Node's keyUsage lists the extended key usage OIDs.
  get keyUsage() { return this[kCert].keyUsage ?? undefined; }

  get serialNumber() { return this[kCert].serialNumber; }

  get raw() {
    return fromHostBytes(call('x509_raw', this[kHandle]));
  }

  get publicKey() {
    return wrapKey(call('x509_public_key', this[kHandle]));
  }

  toString() { return this[kCert].pem; }

  toJSON() { return this[kCert].pem; }

  get ca() { return this[kCert].ca; }

  checkHost(name, options) {
    validateString(name, 'name');
    const opts = checkOptions(options);
    const result = call('x509_check_host', this[kHandle], name, opts.subject,
                        opts.wildcards, opts.partialWildcards);
    return result == null ? undefined : result;
  }

  checkEmail(email, options) {
    validateString(email, 'email');
    const opts = checkOptions(options);
    return call('x509_check_email', this[kHandle], email, opts.subject) ?
      email : undefined;
  }

  checkIP(ip) {
    validateString(ip, 'ip');
    const found = call('x509_check_ip', this[kHandle], ip);
    if (found == null) {
      throw nativeError(TypeError, 'ERR_INVALID_ARG_VALUE', 'Invalid IP');
    }
    return found ? ip : undefined;
  }

  checkIssued(otherCert) {
    if (!(otherCert instanceof X509Certificate)) {
      throw new codes.ERR_INVALID_ARG_TYPE('otherCert', 'X509Certificate',
                                           otherCert);
    }
    return call('x509_check_issued', this[kHandle], otherCert[kHandle]);
  }

  checkPrivateKey(pkey) {
    if (!(pkey instanceof KeyObject)) {
      throw new codes.ERR_INVALID_ARG_TYPE('pkey', 'KeyObject', pkey);
    }
    if (pkey.type !== 'private') {
      throw new codes.ERR_INVALID_ARG_VALUE('pkey', pkey);
    }
    return call('x509_check_private_key', this[kHandle], pkey[kHandle]);
  }

  verify(pkey) {
    if (!(pkey instanceof KeyObject)) {
      throw new codes.ERR_INVALID_ARG_TYPE('pkey', 'KeyObject', pkey);
    }
    if (pkey.type !== 'public') {
      throw new codes.ERR_INVALID_ARG_VALUE('pkey', pkey);
    }
    return call('x509_verify', this[kHandle], pkey[kHandle]);
  }

  // The shape tls.TLSSocket#getPeerCertificate() returns.
  toLegacyObject() {
    const facts = this[kCert];
    const out = {
      subject: nameObject(facts.subjectObject),
      issuer: nameObject(facts.issuerObject),
    };
    if (facts.subjectAltName !== null) {
      out.subjectaltname = facts.subjectAltName;
    }
    if (facts.infoAccessObject !== null) {
      const info = Object.create(null);
      Object.assign(info, facts.infoAccessObject);
      out.infoAccess = info;
    }
    out.ca = facts.ca;
    for (const [key, value] of Object.entries(facts.legacyKey)) {
      out[key] = key === 'pubkey' ?
        fromHostBytes(call('x509_pubkey_bytes', this[kHandle])) : value;
    }
    out.valid_from = facts.validFrom;
    out.valid_to = facts.validTo;
    out.fingerprint = facts.fingerprint;
    out.fingerprint256 = facts.fingerprint256;
    out.fingerprint512 = facts.fingerprint512;
    if (facts.keyUsage !== null) out.ext_key_usage = facts.keyUsage;
    out.serialNumber = facts.serialNumber;
    out.raw = this.raw;
    return out;
  }

  [inspectCustom](depth, options, inspect) {
    const fields = {
      subject: this.subject,
      subjectAltName: this.subjectAltName,
      issuer: this.issuer,
      infoAccess: this.infoAccess,
      validFrom: this.validFrom,
      validTo: this.validTo,
      fingerprint: this.fingerprint,
      fingerprint256: this.fingerprint256,
      fingerprint512: this.fingerprint512,
      keyUsage: this.keyUsage,
      serialNumber: this.serialNumber,
    };
    if (typeof inspect !== 'function') {
      inspect = require('internal/inspect').inspect;
    }
    return `X509Certificate ${inspect(fields, options)}`;
  }
}

// [[key, value], ...] -> null-prototype object, repeated keys as arrays.
function nameObject(pairs) {
  const out = Object.create(null);
  for (const [key, value] of pairs) {
    if (out[key] === undefined) out[key] = value;
    else if (Array.isArray(out[key])) out[key].push(value);
    else out[key] = [out[key], value];
  }
  return out;
}

// LIMITATION: multiLabelWildcards and singleLabelSubdomains are checked
// but not used; their defaults (false) are what the host implements.
function checkOptions(options) {
  const out = { subject: 'default', wildcards: true, partialWildcards: true };
  if (options === undefined) return out;
  validateObject(options, 'options');
  if (options.subject !== undefined) {
    if (!['default', 'always', 'never'].includes(options.subject)) {
      throw new codes.ERR_INVALID_ARG_VALUE('options.subject',
                                            options.subject);
    }
    out.subject = options.subject;
  }
  for (const name of ['wildcards', 'partialWildcards',
    'multiLabelWildcards', 'singleLabelSubdomains']) {
    if (options[name] !== undefined) {
      validateBoolean(options[name], `options.${name}`);
      out[name] = options[name];
    }
  }
  return out;
}

// ---------------------------------------------------------------------------
// Lists and constants.

function getHashes() {
  return call('hashes').slice();
}

function getCiphers() {
  return call('ciphers');
}

let curves = null;
function getCurves() {
  if (curves === null) curves = call('curves');
  return curves.slice();
}

// crypto.constants: the crypto part of require('constants'), from the same
// host table (bindings/os.py), with Node's null prototype.  Without that
// binding, the RSA padding values sign() and verify() take.
const constants = Object.create(null);
{
  let table;
  try {
    table = host.tryCall('os.constants');
  } catch {
    table = { error: true };    // no os binding in this runtime
  }
  const entries = table.error === undefined ? table.value.crypto : [
    ['RSA_PKCS1_PADDING', 1], ['RSA_NO_PADDING', 3],
    ['RSA_PKCS1_OAEP_PADDING', 4], ['RSA_X931_PADDING', 5],
    ['RSA_PKCS1_PSS_PADDING', 6], ['RSA_PSS_SALTLEN_DIGEST', -1],
    ['RSA_PSS_SALTLEN_MAX_SIGN', -2], ['RSA_PSS_SALTLEN_AUTO', -2],
  ];
  for (const [name, value] of entries) constants[name] = value;
}

// LIMITATION: webcrypto has getRandomValues and randomUUID only.
const webcrypto = {
  getRandomValues,
  randomUUID: () => randomUUID(),
};

module.exports = {
  constants,
  createHash,
  createHmac,
  createPrivateKey,
  createPublicKey,
  createSecretKey,
  createSign,
  createVerify,
  generateKey,
  generateKeyPair,
  generateKeyPairSync,
  generateKeySync,
  getCiphers,
  getCurves,
  getFips: () => 0,
  getHashes,
  getRandomValues: (data) => getRandomValues(data),
  hash,
  hkdf,
  hkdfSync,
  pbkdf2,
  pbkdf2Sync,
  randomBytes,
  randomFill,
  randomFillSync,
  randomInt,
  randomUUID,
  scrypt,
  scryptSync,
  sign: signOneShot,
  timingSafeEqual,
  verify: verifyOneShot,
  webcrypto,
  Hash,
  Hmac,
  KeyObject,
  Sign,
  Verify,
  X509Certificate,
};
