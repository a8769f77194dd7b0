// `tls`, as the Node 10 docs describe it: createSecureContext, TLSSocket,
// Server, createServer, connect, checkServerIdentity, getCiphers and the
// DEFAULT_* settings.  A TLSSocket is a net.Socket whose host handle has a
// TLS machine on it (bindings/tls.py): OpenSSL's work and the ciphertext
// stay on the host, JS sees plaintext.  Verification policy lives here, as
// in Node: the host reports OpenSSL's verdict, this file applies
// rejectUnauthorized and checkServerIdentity.
//
// Not yet here: TLS over a JS Duplex that is not a net.Socket, session
// events ('newSession', 'resumeSession'), OCSP, renegotiation and the
// deprecated SecurePair.
'use strict';

const net = require('net');
const { Buffer } = require('buffer');
const loop = require('internal/loop');
const errors = require('internal/errors');
const { codes, validateFunction } = errors;
const { isIP } = require('internal/net_address');
const debug = require('internal/debuglog').debuglog('tls');

// ---------------------------------------------------------------------------
// Defaults, from the docs and the command line.

function flagDefaults() {
  const flags = process.execArgv;
  let min = 'TLSv1';
  let max = 'TLSv1.2';
  let ciphers = null;
  for (const flag of flags) {
    const m = /^--tls-(min|max)-v1\.([0-3])$/.exec(flag);
    if (m) {
      const version = m[2] === '0' ? 'TLSv1' : `TLSv1.${m[2]}`;
      if (m[1] === 'min') min = version; else max = version;
    } else if (flag.startsWith('--tls-cipher-list=')) {
      ciphers = flag.slice('--tls-cipher-list='.length);
    }
  }
  return { min, max, ciphers };
}

const defaults = flagDefaults();

const DEFAULT_CIPHERS = defaults.ciphers !== null ? defaults.ciphers :
  'TLS_AES_256_GCM_SHA384:TLS_CHACHA20_POLY1305_SHA256:' +
  'TLS_AES_128_GCM_SHA256:ECDHE-RSA-AES128-GCM-SHA256:' +
  'ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES256-GCM-SHA384:' +
  'ECDHE-ECDSA-AES256-GCM-SHA384:DHE-RSA-AES128-GCM-SHA256:' +
  'ECDHE-RSA-AES128-SHA256:DHE-RSA-AES128-SHA256:' +
  'ECDHE-RSA-AES256-SHA384:DHE-RSA-AES256-SHA384:' +
  'ECDHE-RSA-AES256-SHA256:DHE-RSA-AES256-SHA256:HIGH:' +
  '!aNULL:!eNULL:!EXPORT:!DES:!RC4:!MD5:!PSK:!SRP:!CAMELLIA';

const VERSIONS = ['TLSv1', 'TLSv1.1', 'TLSv1.2', 'TLSv1.3'];

// ---------------------------------------------------------------------------
// Secure contexts.

// Buffers travel to the host as latin1 strings (PEM is ASCII; DER and
// PKCS#12 are bytes either way).
function toHost(value) {
  if (value === undefined || value === null) return value;
  if (typeof value === 'string') return value;
  if (ArrayBuffer.isView(value)) {
    return Buffer.from(value.buffer, value.byteOffset, value.byteLength)
      .toString('latin1');
  }
  if (Array.isArray(value)) return value.map(toHost);
  if (typeof value === 'object') {
    const out = {};
    for (const [k, v] of Object.entries(value)) out[k] = toHost(v);
    return out;
  }
  return value;
}

const kContextId = Symbol('contextId');

const CONTEXT_OPTIONS = ['key', 'cert', 'ca', 'pfx', 'crl', 'dhparam',
  'passphrase', 'ciphers', 'ecdhCurve', 'honorCipherOrder', 'minVersion',
  'maxVersion', 'secureProtocol', 'secureOptions', 'sessionIdContext',
  'clientCertEngine', 'privateKeyEngine', 'sigalgs', 'privateKeyIdentifier'];

class SecureContext {
  constructor(options = {}) {
    const hostOptions = {};
    for (const key of CONTEXT_OPTIONS) {
      if (options[key] !== undefined) hostOptions[key] = toHost(options[key]);
    }
    if (hostOptions.ciphers === undefined) {
      hostOptions.ciphers = tlsModule.DEFAULT_CIPHERS;
    }
    if (hostOptions.ecdhCurve === undefined) {
      hostOptions.ecdhCurve = tlsModule.DEFAULT_ECDH_CURVE;
    }
    for (const key of ['minVersion', 'maxVersion']) {
      const value = options[key];
      if (value !== undefined && value !== null &&
          !VERSIONS.includes(value)) {
        throw new codes.ERR_TLS_INVALID_PROTOCOL_VERSION(value, key);
      }
    }
    const [id, warnings] = host.call('tls.create_context', hostOptions,
                                     tlsModule.DEFAULT_MIN_VERSION,
                                     tlsModule.DEFAULT_MAX_VERSION);
    for (const [message, type] of warnings) {
      process.emitWarning(message, type);
    }
    this[kContextId] = id;
    this.context = { id };
  }
}

// tls.connect() without a secureContext builds one from its options, as
// Node does, once per connection.  A context cannot change once made, so
// connections with the same options may share one: building it (parsing
// the CA list, OpenSSL's SSL_CTX_new) was a fifth of a handshake's cost.
const implicitContexts = new Map();
const IMPLICIT_CONTEXTS_MAX = 32;

function implicitContext(options) {
  const parts = [tlsModule.DEFAULT_MIN_VERSION, tlsModule.DEFAULT_MAX_VERSION,
                 tlsModule.DEFAULT_CIPHERS, tlsModule.DEFAULT_ECDH_CURVE];
  for (const key of CONTEXT_OPTIONS) {
    parts.push(options[key] === undefined ? '' :
      JSON.stringify(toHost(options[key])));
  }
  const key = parts.join('\0');
  let context = implicitContexts.get(key);
  if (context === undefined) {
    context = createSecureContext(options);
    if (implicitContexts.size >= IMPLICIT_CONTEXTS_MAX) {
      implicitContexts.delete(implicitContexts.keys().next().value);
    }
    implicitContexts.set(key, context);
  }
  return context;
}

function createSecureContext(options) {
  if (options !== undefined && (options === null ||
      typeof options !== 'object')) {
    throw new codes.ERR_INVALID_ARG_TYPE('options', 'Object', options);
  }
  return new SecureContext(options || {});
}

// ---------------------------------------------------------------------------
// Host names (Node's checkServerIdentity rules).

function unfqdn(host) {
  return host.replace(/[.]$/, '');
}

function splitHost(host) {
  return unfqdn(host).toLowerCase().split('.');
}

function matchHost(hostParts, pattern, wildcards) {
  const patternParts = splitHost(pattern);
  if (hostParts.length !== patternParts.length) return false;
  if (patternParts.includes('')) return false;
  const isBad = (s) => /[^\u0021-\u007F]/u.test(s);
  if (patternParts.some(isBad)) return false;
  for (let i = hostParts.length - 1; i > 0; i--) {
    if (hostParts[i] !== patternParts[i]) return false;
  }
  const hostSub = hostParts[0];
  const patternSub = patternParts[0];
  const patternSubParts = patternSub.split('*');
  if (patternSubParts.length === 1 || patternSub.includes('xn--')) {
    return hostSub === patternSub;
  }
  if (!wildcards) return false;
  if (patternSubParts.length > 2) return false;
  // A wildcard covers one whole label, and not the public suffix.
  if (patternParts.length <= 2) return false;
  const [prefix, suffix] = patternSubParts;
  if (prefix.length + suffix.length > hostSub.length) return false;
  if (!hostSub.startsWith(prefix)) return false;
  if (!hostSub.endsWith(suffix)) return false;
  return true;
}

function splitAltNames(altNames) {
  const out = [];
  let current = '';
  let quoted = false;
  for (let i = 0; i < altNames.length; i++) {
    const ch = altNames[i];
    if (ch === '"') {
      quoted = !quoted;
      current += ch;
    } else if (!quoted && ch === ',' && altNames[i + 1] === ' ') {
      out.push(current);
      current = '';
      i++;
    } else {
      current += ch;
    }
  }
  if (current !== '') out.push(current);
  return out;
}

function checkServerIdentity(hostname, cert) {
  const subject = cert.subject;
  const altNames = cert.subjectaltname;
  const dnsNames = [];
  const ips = [];
  hostname = '' + hostname;
  if (altNames) {
    for (const name of splitAltNames(altNames)) {
      if (name.startsWith('DNS:')) {
        dnsNames.push(name.slice(4));
      } else if (name.startsWith('IP Address:')) {
        ips.push(canonicalizeIP(name.slice(11)));
      }
    }
  }
  let valid = false;
  let reason = 'Unknown reason';
  hostname = unfqdn(hostname);
  if (isIP(hostname)) {
    valid = ips.includes(canonicalizeIP(hostname));
    if (!valid) {
      reason = `IP: ${hostname} is not in the cert's list: ${ips.join(', ')}`;
    }
  } else if (dnsNames.length > 0 || (subject && subject.CN)) {
    const hostParts = splitHost(hostname);
    const wildcard = (pattern) => matchHost(hostParts, pattern, true);
    if (dnsNames.length > 0) {
      valid = dnsNames.some(wildcard);
      if (!valid) {
        reason = `Host: ${hostname}. is not in the cert's altnames: ${altNames}`;
      }
    } else {
      const cn = subject.CN;
      if (Array.isArray(cn)) valid = cn.some(wildcard);
      else if (cn) valid = wildcard(cn);
      if (!valid) reason = `Host: ${hostname}. is not cert's CN: ${cn}`;
    }
  } else {
    reason = 'Cert does not contain a DNS name';
  }
  if (!valid) {
    const err = new codes.ERR_TLS_CERT_ALTNAME_INVALID(reason);
    err.reason = reason;
    err.host = hostname;
    err.cert = cert;
    return err;
  }
  return undefined;
}

function canonicalizeIP(ip) {
  if (isIP(ip) !== 6) return ip;
  // Expand and re-compress so that '0:0::1' and '::1' compare equal.
  let [head, tail] = ip.includes('::') ? ip.split('::') : [ip, null];
  const headParts = head ? head.split(':') : [];
  const tailParts = tail ? tail.split(':') : [];
  const fill = 8 - headParts.length - tailParts.length;
  const parts = tail === null ? headParts :
    [...headParts, ...new Array(fill).fill('0'), ...tailParts];
  return parts.map((p) => parseInt(p, 16).toString(16)).join(':');
}

// ---------------------------------------------------------------------------
// Certificates as Node shows them.

function certificateFromHost(obj, seen = []) {
  if (obj === null || obj === undefined) return obj;
  const out = {};
  for (const [key, value] of Object.entries(obj)) {
    if (value !== null && typeof value === 'object' && value.$b64 !== undefined) {
      out[key] = Buffer.from(value.$b64, 'base64');
    } else if (key === 'issuerCertificate') {
      out[key] = value === 'self' ? out :
        certificateFromHost(value, [...seen, out]);
    } else if ((key === 'subject' || key === 'issuer' ||
                key === 'infoAccess') && value !== null &&
               typeof value === 'object') {
      // Node builds these without a prototype (a field named like an
      // Object method must not clash).
      out[key] = Object.assign(Object.create(null), value);
    } else {
      out[key] = value;
    }
  }
  return out;
}

// ---------------------------------------------------------------------------
// TLSSocket.

class TLSSocket extends net.Socket {
  constructor(socket, options = {}) {
    const tlsOptions = { ...options };
    let handle;
    let info;
    if (socket instanceof net.Socket && socket._handle !== null &&
        !socket.connecting) {
      // Take over the connected socket's host handle: TLS goes on it.
      handle = socket._handle;
      info = { local: socket._sockname, remote: socket._peer };
      loop.unregisterHandle(handle);
      socket._handle = null;
    } else if (socket !== undefined && socket !== null &&
               !(socket instanceof net.Socket)) {
      // LIMITATION: TLS over a Duplex that is not a net.Socket needs the
      // ciphertext to cross into JS; not built yet.
      throw new codes.ERR_METHOD_NOT_IMPLEMENTED(
        'new tls.TLSSocket(<stream that is not a net.Socket>)');
    }
    super({
      handle,
      info,
      allowHalfOpen: socket ? socket.allowHalfOpen : tlsOptions.allowHalfOpen,
      pauseOnConnect: !tlsOptions.isServer,
    });
    this._tlsOptions = tlsOptions;
    this._secureEstablished = false;
    this._securePending = false;
    this._newSessionPending = false;
    this._controlReleased = false;
    this.secureConnecting = true;
    this._SNICallback = null;
    this.servername = null;
    this.alpnProtocol = null;
    this.authorized = false;
    this.authorizationError = null;
    this.encrypted = true;
    this._parent = socket || null;
    this._info = null;
    this._pendingSocket = socket && socket.connecting ? socket : null;
    this.ssl = null;

    if (this._pendingSocket !== null) {
      // A socket still connecting: wrap it once it is connected.
      socket.once('connect', () => this._adoptConnected(socket));
    } else if (handle !== undefined) {
      this._startTls();
    }
  }

  _adoptConnected(socket) {
    const handle = socket._handle;
    loop.unregisterHandle(handle);
    socket._handle = null;
    this._attach(handle, { local: socket._sockname, remote: socket._peer });
    this._startTls();
    this.emit('connect');
    this.read(0);
  }

  _startTls() {
    const options = this._tlsOptions;
    const context = options.secureContext || implicitContext(options);
    this._context = context;
    const hostOptions = {
      isServer: Boolean(options.isServer),
      servername: options.isServer ? undefined : options.servername,
      ALPNProtocols: alpnList(options.ALPNProtocols),
      requestCert: Boolean(options.requestCert),
      rejectUnauthorized: options.rejectUnauthorized !== false,
      session: options.session ? toHost(options.session) : undefined,
      sniContexts: options.sniContexts,
    };
    debug('start', hostOptions.isServer ? 'server' : 'client');
    this.ssl = { id: this._handle };
    host.call('tls.start', this._handle, context[kContextId], hostOptions);
  }

  _afterConnect(info) {
    super._afterConnect(info);
    if (this._handle !== null && this.ssl === null) this._startTls();
  }

  onHostEvent(kind, detail) {
    if (kind === 'secure') {
      this._onSecure();
    } else if (kind === 'tls_error') {
      this._onTlsError(host.fromRecord(detail));
    } else if (kind === 'error' && !this._secureEstablished) {
      this._onTlsError(host.fromRecord(detail));
    } else {
      super.onHostEvent(kind, detail);
    }
  }

  _onTlsError(err) {
    debug('tls error', err.code);
    if (this._tlsOptions.isServer && !this._secureEstablished) {
      const server = this._tlsOptions.server;
      this._hadError = true;
      this.destroy();
      if (server) server.emit('tlsClientError', err, this);
      return;
    }
    this.destroy(err);
  }

  _onSecure() {
    const info = host.call('tls.get_info', this._handle);
    this._info = info;
    this._secureEstablished = true;
    this.secureConnecting = false;
    this.alpnProtocol = info.alpnProtocol;
    if (this._handshakeTimer) loop.clearTimeout(this._handshakeTimer);
    if (this._tlsOptions.isServer) {
      this.servername = info.servername;
      this._onServerSecure(info);
    } else {
      this._onClientSecure(info);
    }
  }

  _onServerSecure(info) {
    const options = this._tlsOptions;
    if (options.requestCert) {
      if (info.verifyError) {
        this.authorizationError = info.verifyError;
        if (options.rejectUnauthorized) {
          this.destroy();
          return;
        }
      } else {
        this.authorized = true;
      }
    }
    debug('server secure');
    this.emit('secure');
    if (!this.destroyed && options.server) {
      options.server.emit('secureConnection', this);
    }
  }

  _onClientSecure(info) {
    const options = this._tlsOptions;
    let verifyError = null;
    if (info.verifyError) {
      verifyError = new Error(info.verifyMessage || info.verifyError);
      verifyError.code = info.verifyError;
    } else if (!this.isSessionReused()) {
      const hostname = options.servername || options.host ||
        (options.socket && options.socket._host) || 'localhost';
      const cert = this.getPeerCertificate(true);
      verifyError = options.checkServerIdentity(hostname, cert) || null;
    }
    if (verifyError) {
      this.authorized = false;
      this.authorizationError = verifyError.code || verifyError.message;
      if (options.rejectUnauthorized) {
        this.destroy(verifyError);
        return;
      }
    } else {
      this.authorized = true;
    }
    debug('client secureConnect, authorized', this.authorized);
    this.emit('secureConnect');
  }

  // -- information ---------------------------------------------------------

  _tlsCall(method, ...args) {
    if (this._handle === null || this.ssl === null) return undefined;
    return host.call('tls.' + method, this._handle, ...args);
  }

  getPeerCertificate(detailed) {
    const obj = this._tlsCall('get_peer_certificate', Boolean(detailed));
    if (obj === undefined) return null;
    return certificateFromHost(obj);
  }

  getCertificate() {
    const obj = this._tlsCall('get_certificate');
    return obj === undefined || obj === null ? null : certificateFromHost(obj);
  }

  getCipher() {
    return this._tlsCall('get_cipher') || null;
  }

  getProtocol() {
    if (this._handle === null) return null;
    if (!this._secureEstablished) return 'unknown';
    return this._tlsCall('get_protocol') || 'unknown';
  }

  getEphemeralKeyInfo() {
    if (this._tlsOptions.isServer) return null;
    const value = this._tlsCall('get_ephemeral_key_info');
    return value === undefined ? null : value;
  }

  getFinished() {
    const text = this._tlsCall('get_finished');
    return typeof text === 'string' ? Buffer.from(text, 'latin1') : undefined;
  }

  getPeerFinished() {
    const text = this._tlsCall('get_peer_finished');
    return typeof text === 'string' ? Buffer.from(text, 'latin1') : undefined;
  }

  getSession() {
    const text = this._tlsCall('get_session');
    return typeof text === 'string' ? Buffer.from(text, 'latin1') : undefined;
  }

  getTLSTicket() {
    return undefined;
  }

  isSessionReused() {
    return Boolean(this._tlsCall('is_session_reused'));
  }

  setMaxSendFragment(size) {
    if (typeof size !== 'number') {
      throw new codes.ERR_INVALID_ARG_TYPE('size', 'number', size);
    }
    return Boolean(this._tlsCall('set_max_send_fragment', size));
  }

  disableRenegotiation() {
    this._tlsCall('disable_renegotiation');
  }

  exportKeyingMaterial(length, label, context) {
    const text = this._tlsCall('export_keying_material', length, label,
                               context ? toHost(context) : null);
    return Buffer.from(text, 'latin1');
  }

  setServername(name) {
    if (typeof name !== 'string') {
      throw new codes.ERR_INVALID_ARG_TYPE('name', 'string', name);
    }
    this._tlsOptions.servername = name;
  }
}

function alpnList(protocols) {
  if (protocols === undefined || protocols === null) return undefined;
  if (ArrayBuffer.isView(protocols)) {
    // The wire format: length-prefixed names.
    const out = [];
    const bytes = Buffer.from(protocols.buffer, protocols.byteOffset,
                              protocols.byteLength);
    for (let i = 0; i < bytes.length;) {
      const n = bytes[i];
      out.push(bytes.subarray(i + 1, i + 1 + n).toString('latin1'));
      i += 1 + n;
    }
    return out;
  }
  if (!Array.isArray(protocols)) {
    throw new codes.ERR_INVALID_ARG_TYPE('options.ALPNProtocols',
      ['Array', 'Buffer', 'TypedArray', 'DataView'], protocols);
  }
  return protocols.map((p) => typeof p === 'string' ? p :
    Buffer.from(p.buffer, p.byteOffset, p.byteLength).toString('latin1'));
}

// ---------------------------------------------------------------------------
// Server.

class Server extends net.Server {
  constructor(options, listener) {
    if (typeof options === 'function') {
      listener = options;
      options = {};
    } else if (options === undefined || options === null) {
      options = {};
    } else if (typeof options !== 'object') {
      throw new codes.ERR_INVALID_ARG_TYPE('options', 'Object', options);
    }
    super(options);
    this._contexts = [];
    this.requestCert = options.requestCert === true;
    this.rejectUnauthorized = options.rejectUnauthorized !== false;
    this.ALPNProtocols = options.ALPNProtocols;
    this.SNICallback = options.SNICallback;
    this.handshakeTimeout = options.handshakeTimeout === undefined ?
      120000 : options.handshakeTimeout;
    if (typeof this.handshakeTimeout !== 'number') {
      throw new codes.ERR_INVALID_ARG_TYPE('options.handshakeTimeout',
                                           'number', options.handshakeTimeout);
    }
    if (options.SNICallback !== undefined) {
      validateFunction(options.SNICallback, 'options.SNICallback');
    }
    if (options.ticketKeys !== undefined) {
      const keys = options.ticketKeys;
      if (!ArrayBuffer.isView(keys) || keys.byteLength !== 48) {
        throw new codes.ERR_INVALID_ARG_VALUE('options.ticketKeys', keys,
                                              'must be exactly 48 bytes');
      }
    }
    this._tlsOptions = options;
    this._sharedContext = createSecureContext(options);
    if (listener) this.on('secureConnection', listener);
  }

  addContext(hostname, context) {
    if (typeof hostname !== 'string') {
      throw new codes.ERR_INVALID_ARG_TYPE('hostname', 'string', hostname);
    }
    const secure = context instanceof SecureContext ? context :
      createSecureContext(context);
    this._contexts.push([hostname, secure]);
  }

  setSecureContext(options) {
    this._tlsOptions = { ...this._tlsOptions, ...options };
    this._sharedContext = createSecureContext(this._tlsOptions);
  }

  _makeSocket(clientId, info) {
    const options = this._tlsOptions;
    const sniContexts = this._contexts.slice().reverse()
      .map(([name, ctx]) => [name, ctx[kContextId]]);
    const socket = new TLSSocket(null, {
      ...options,
      isServer: true,
      server: this,
      secureContext: this._sharedContext,
      requestCert: this.requestCert,
      rejectUnauthorized: this.rejectUnauthorized,
      ALPNProtocols: this.ALPNProtocols,
      sniContexts: sniContexts.length > 0 ? sniContexts : undefined,
    });
    socket._attach(clientId, info);
    socket._startTls();
    socket.read(0);
    if (this.handshakeTimeout > 0) {
      socket._handshakeTimer = loop.setTimeout(() => {
        if (socket._secureEstablished || socket.destroyed) return;
        const err = new codes.ERR_TLS_HANDSHAKE_TIMEOUT();
        socket._hadError = true;
        socket.destroy();
        this.emit('tlsClientError', err, socket);
      }, this.handshakeTimeout);
      socket._handshakeTimer.unref();
    }
    return socket;
  }

  getTicketKeys() {
    throw new codes.ERR_METHOD_NOT_IMPLEMENTED('server.getTicketKeys');
  }

  setTicketKeys() {
    throw new codes.ERR_METHOD_NOT_IMPLEMENTED('server.setTicketKeys');
  }
}

function createServer(options, listener) {
  return new Server(options, listener);
}

// ---------------------------------------------------------------------------
// connect().

function normalizeConnectArgs(args) {
  const [netOptions, cb] = net._normalizeArgs(args);
  let options = netOptions;
  // tls.connect(port[, host][, options][, cb]) and (path[, options][, cb]).
  if (typeof args[0] !== 'object' || args[0] === null) {
    for (let i = 1; i < args.length; i++) {
      if (args[i] !== null && typeof args[i] === 'object') {
        options = { ...args[i], ...netOptions };
        break;
      }
    }
  }
  return [options, cb];
}

function connect(...args) {
  let [options, cb] = normalizeConnectArgs(args);
  options = {
    rejectUnauthorized: !allowUnauthorized(),
    ciphers: tlsModule.DEFAULT_CIPHERS,
    checkServerIdentity,
    minDHSize: 1024,
    ...options,
  };
  if (!options.keepAlive) options.singleUse = true;
  validateFunction(options.checkServerIdentity, 'options.checkServerIdentity');
  const hostname = options.host === undefined ? 'localhost' : options.host;
  if (options.servername === undefined && !isIP(hostname) &&
      options.socket === undefined) {
    options.servername = hostname;
  } else if (options.servername === undefined && options.socket === undefined) {
    options.servername = undefined;
  }
  if (options.servername !== undefined && typeof options.servername !== 'string') {
    throw new codes.ERR_INVALID_ARG_TYPE('options.servername', 'string',
                                         options.servername);
  }
  const socket = new TLSSocket(options.socket, {
    ...options,
    isServer: false,
    host: hostname,
  });
  if (cb) socket.once('secureConnect', cb);
  if (options.socket === undefined) {
    socket.connect(options);
  }
  return socket;
}

let warnedInsecure = false;

function allowUnauthorized() {
  const allow = process.env.NODE_TLS_REJECT_UNAUTHORIZED === '0';
  if (allow && !warnedInsecure) {
    warnedInsecure = true;
    process.emitWarning('Setting the NODE_TLS_REJECT_UNAUTHORIZED ' +
      'environment variable to \'0\' makes TLS connections and HTTPS ' +
      'requests insecure by disabling certificate verification.');
  }
  return allow;
}

let cipherNames = null;

function getCiphers() {
  if (cipherNames === null) cipherNames = host.call('tls.get_ciphers');
  return cipherNames.slice();
}

const tlsModule = {
  CLIENT_RENEG_LIMIT: 3,
  CLIENT_RENEG_WINDOW: 600,
  DEFAULT_CIPHERS,
  DEFAULT_ECDH_CURVE: 'auto',
  DEFAULT_MIN_VERSION: defaults.min,
  DEFAULT_MAX_VERSION: defaults.max,
  SecureContext,
  Server,
  TLSSocket,
  checkServerIdentity,
  connect,
  createSecureContext,
  createServer,
  getCiphers,
  rootCertificates: undefined,
};

module.exports = tlsModule;
