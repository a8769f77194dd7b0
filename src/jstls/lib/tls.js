// `tls`, as the Node 10 docs describe it: createSecureContext, TLSSocket,
// Server, createServer, connect, checkServerIdentity, getCiphers and the
// DEFAULT_* settings.  A TLSSocket is a net.Socket whose host handle has a
// TLS machine on it (bindings/tls.py).  Over a host socket, OpenSSL's work
// and the ciphertext stay on the host and JS sees plaintext.  Over any
// other Duplex (`new tls.TLSSocket(duplex)`, `tls.connect({ socket })`),
// the handle has no socket: this file carries the ciphertext between the
// Duplex and the handle (the "transport" methods of TLSSocket).
// Verification policy lives here, as in Node: the host reports OpenSSL's
// verdict, this file applies rejectUnauthorized and checkServerIdentity.
//
// Sessions: the client's session option, 'session' event, getTLSTicket();
// the server's tickets (ticketKeys, get/setTicketKeys) and session-id
// events ('newSession', 'resumeSession').  The host reaches OpenSSL's
// ticket-key setter and session callbacks through the symbol table of
// cryptography's module (bindings/secure_context.py, ``hidden``).
// LIMITATION: on a cryptography build without that symbol table,
// get/setTicketKeys() throw ERR_METHOD_NOT_IMPLEMENTED and the session-id
// events never fire (tickets still work, with OpenSSL's random keys).
// LIMITATION: 48 ticketKeys bytes become OpenSSL's 80 by SHA-256 stretching,
// so jstls servers share tickets with each other, never with Node's.
//
// OCSP stapling: a server pauses at a ClientHello that asks for it while
// 'OCSPRequest' listeners answer; a tls.connect() client with requestOCSP
// hears 'OCSPResponse' (null when nothing was stapled, as Node 20 does).
// Renegotiation (TLS 1.2): renegotiate(); the host reports each later
// handshake's start and end, and the limits (CLIENT_RENEG_LIMIT/WINDOW,
// disableRenegotiation) are applied here, as in Node.
// The deprecated tls.createSecurePair() is a TLSSocket over a Duplex pair.
'use strict';

const net = require('net');
const util = require('util');
const EventEmitter = require('events');
const { Buffer } = require('buffer');
const { duplexPair } = require('internal/duplex_pair');
const loop = require('internal/loop');
const errors = require('internal/errors');
const { codes, validateFunction } = errors;
const { validateInt32, validateObject } = require('internal/validators');
const { isIP } = require('internal/net_address');
const debug = require('internal/debuglog').debuglog('tls');

// ---------------------------------------------------------------------------
// Defaults, from the docs and the command line.

// Node's precedence, whatever the order of the flags: the lowest
// --tls-min-v1.x wins, and --tls-max-v1.3 beats --tls-max-v1.2 (the CLI
// refuses --tls-min-v1.3 with --tls-max-v1.2, as node does).
function flagDefaults() {
  const flags = process.execArgv;
  let ciphers = null;
  for (const flag of flags) {
    if (flag.startsWith('--tls-cipher-list=')) {
      ciphers = flag.slice('--tls-cipher-list='.length);
    }
  }
  let min = 'TLSv1';
  for (const [flag, version] of [['--tls-min-v1.3', 'TLSv1.3'],
    ['--tls-min-v1.2', 'TLSv1.2'], ['--tls-min-v1.1', 'TLSv1.1'],
    ['--tls-min-v1.0', 'TLSv1']]) {
    if (flags.includes(flag)) min = version;
  }
  const max = flags.includes('--tls-max-v1.3') ? 'TLSv1.3' : 'TLSv1.2';
  return { min, max, ciphers };
}

const defaults = flagDefaults();

// An OpenSSL configuration file (--openssl-config=file, else OPENSSL_CONF)
// is read under Node's application name, nodejs_conf, or openssl_conf with
// --openssl-shared-config.  The host keeps what its system_default section
// says for every context.  Node reads it at start-up and refuses to start
// when OpenSSL cannot parse it (exit code 100); here that happens when
// tls is first loaded.  A missing file is no error, as in Node.
function loadOpenSSLConfig() {
  let path = null;
  let shared = false;
  for (const flag of process.execArgv) {
    if (flag.startsWith('--openssl-config=')) {
      path = flag.slice('--openssl-config='.length);
    } else if (flag === '--openssl-shared-config') {
      shared = true;
    }
  }
  if (path === null) path = process.env.OPENSSL_CONF || null;
  if (!path) return;
  const result = host.tryCall('tls.load_openssl_config', path,
                              shared ? 'openssl_conf' : 'nodejs_conf');
  if (result.error !== undefined) {
    process.stderr.write('jstls: OpenSSL configuration error:\n' +
                         `${result.error.message}\n`);
    loop.exit(100);
  }
  debug('openssl config', path, result.value);
}

loadOpenSSLConfig();

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
// Marks the options of a TLSSocket that tls.connect() makes, and of one a
// tls.Server makes for a connection.
const kConnect = Symbol('tls.connect');
const kFromServer = Symbol('tls.Server');

const CONTEXT_OPTIONS = ['key', 'cert', 'ca', 'pfx', 'crl', 'dhparam',
  'passphrase', 'ciphers', 'ecdhCurve', 'honorCipherOrder', 'minVersion',
  'maxVersion', 'secureProtocol', 'secureOptions', 'sessionIdContext',
  'clientCertEngine', 'privateKeyEngine', 'sigalgs', 'privateKeyIdentifier',
  'sessionTimeout'];

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
  const engine = options && options.clientCertEngine;
  if (engine !== undefined && engine !== null && typeof engine !== 'string') {
    throw new codes.ERR_INVALID_ARG_TYPE('options.clientCertEngine',
                                         ['string', 'null', 'undefined'],
                                         engine);
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
    if (tlsOptions.secureContext &&
        !(tlsOptions.secureContext instanceof SecureContext)) {
      throw new codes.ERR_TLS_INVALID_CONTEXT('context');
    }
    let handle = null;
    let info;
    // A TLSSocket's handle already carries TLS: TLS inside it goes over
    // it as over any Duplex.
    const hasSocketHandle = socket instanceof net.Socket &&
      !(socket instanceof TLSSocket);
    if (hasSocketHandle && socket._handle !== null && !socket.connecting) {
      // Take over the connected socket's host handle: TLS goes on it.
      handle = socket._handle;
      info = { local: socket._sockname, remote: socket._peer };
      loop.unregisterHandle(handle);
      socket._handle = null;
    } else if (socket !== undefined && socket !== null &&
               !(socket instanceof net.Socket) &&
               (typeof socket.on !== 'function' ||
                typeof socket.write !== 'function')) {
      throw new codes.ERR_INVALID_ARG_TYPE('socket',
        ['net.Socket', 'stream.Duplex'], socket);
    }
    super({
      allowHalfOpen: socket ? socket.allowHalfOpen : tlsOptions.allowHalfOpen,
    });
    this._tlsOptions = tlsOptions;
    this._fromConnect = tlsOptions[kConnect] === true;
    this._secureEstablished = false;
    this.secureConnecting = true;
    this._SNICallback = tlsOptions.isServer &&
      typeof tlsOptions.SNICallback === 'function' ?
      tlsOptions.SNICallback : null;
    this.servername = null;
    this.alpnProtocol = null;
    this.authorized = false;
    this.authorizationError = null;
    this.encrypted = true;
    this._parent = socket || null;
    this._info = null;
    this._pendingCiphertext = undefined;
    this._servernameSet = false;
    this._transport = null;
    this.ssl = null;

    if (handle !== null) {
      this._attach(handle, info);
      this._adoptBuffered(socket);
      this._startTls();
      this.read(0);
    } else if (hasSocketHandle && socket.connecting) {
      // A socket still connecting: wrap it once it is connected.
      socket.once('connect', () => this._adoptConnected(socket));
    } else if (socket !== undefined && socket !== null) {
      // Any other Duplex, or a net.Socket with no connection of its own.
      this._attachTransport(socket);
      this._startTls();
      this.read(0);
    }
  }

  _adoptConnected(socket) {
    const handle = socket._handle;
    loop.unregisterHandle(handle);
    socket._handle = null;
    this._attach(handle, { local: socket._sockname, remote: socket._peer });
    this._adoptBuffered(socket);
    this._startTls();
    this.emit('connect');
    this.read(0);
  }

  // What the wrapped socket read before TLS took over (a STARTTLS reply
  // may carry the first TLS bytes) is ciphertext for the machine.
  _adoptBuffered(socket) {
    if (!(socket instanceof net.Socket) || socket.readableLength === 0) {
      return;
    }
    const chunks = [];
    let chunk;
    while ((chunk = socket.read()) !== null) chunks.push(chunk);
    this._pendingCiphertext = Buffer.concat(chunks);
  }

  _startTls() {
    const options = this._tlsOptions;
    const context = options.secureContext || implicitContext(options);
    this._context = context;
    const isServer = Boolean(options.isServer);
    const hostOptions = {
      isServer,
      // Only tls.connect() sends its servername option; a client made
      // with new TLSSocket() sends one given to setServername().
      servername: isServer || !(this._fromConnect || this._servernameSet) ?
        undefined : options.servername,
      ALPNProtocols: alpnList(options.ALPNProtocols),
      requestCert: Boolean(options.requestCert),
      rejectUnauthorized: options.rejectUnauthorized !== false,
      session: options.session ? toHost(options.session) : undefined,
      sniContexts: options.sniContexts,
      SNICallback: this._SNICallback !== null,
      // The server's session events: reported (newSession) or asked for
      // at the ClientHello (resumeSession) only when listened to.
      newSession: isServer && listens(options.server, 'newSession'),
      resumeSession: isServer && listens(options.server, 'resumeSession'),
      // OCSP stapling: a server with 'OCSPRequest' listeners pauses at the
      // ClientHello too; a client asks with requestOCSP, which Node 20
      // honours for tls.connect() only (new TLSSocket() ignores it).
      OCSPRequest: isServer && listens(options.server, 'OCSPRequest'),
      requestOCSP: this._fromConnect && Boolean(options.requestOCSP),
      // A client made without tls.connect() waits for its first write,
      // as Node's does.
      started: isServer || this._fromConnect,
    };
    debug('start', isServer ? 'server' : 'client');
    this.ssl = { id: this._handle };
    this._transportRun(host.call('tls.start', this._handle,
                                 context[kContextId], hostOptions));
    const buffered = this._pendingCiphertext;
    if (buffered !== undefined) {
      this._pendingCiphertext = undefined;
      this._transportRun(host.call('tls.feed', this._handle,
                                   host.bytesOut(buffered)));
    }
  }

  // TLS starts before 'connect' is told: what waited for it (writes, an
  // end()) then goes through TLS.
  _afterConnect(info) {
    if (this._handle !== null && this.ssl === null) this._startTls();
    super._afterConnect(info);
  }

  // end() during the handshake: the close_notify and the end of the
  // transport wait for it, or its last flight could not be sent.  (A
  // client of new TLSSocket() that never wrote has no handshake going.)
  _final(callback) {
    const handshaking = this.ssl !== null && this._handle !== null &&
      !this._secureEstablished && (this._tlsOptions.isServer ||
      this._fromConnect || this._bytesDispatched > 0);
    if (handshaking) {
      this.once('secure', () => {
        if (!this.destroyed) super._final(callback);
      });
      return;
    }
    super._final(callback);
  }

  // -- TLS over a JS Duplex -------------------------------------------------
  //
  // The host handle (a JsTransportHandle) has no socket.  Ciphertext the
  // Duplex gives is fed to it; every call that moves its machine returns
  // a batch (see _transportRun): ciphertext to write to the Duplex,
  // plaintext and events for this socket.  The Duplex is read on
  // 'readable', a tick after the bytes arrive, so that a Duplex pair that
  // answers synchronously cannot run a whole handshake inside one write
  // (nor does it under Node).  net.Socket's calls to its handle
  // (_hostCall) land on the transport methods below.

  _attachTransport(duplex) {
    this._transport = duplex;
    this._transportQueue = [];
    this._transportDraining = false;
    this._transportPulling = false;
    this._transportReading = false;
    this._transportEnded = false;
    this._attach(host.call('tls.create_transport'), null);
    duplex.on('readable', () => this._transportPull());
    duplex.on('end', () => this._onTransportEnd());
    // What Node 20 does with an error of the Duplex: a tls.connect()
    // socket emits it, then closes as if without error; a socket made
    // with new TLSSocket() only closes.
    duplex.on('error', (err) => {
      if (this.destroyed) return;
      if (this._fromConnect) this.emit('error', err);
      this.destroy();
    });
    duplex.on('close', () => this._onTransportClose());
  }

  _hostCall(method, ...args) {
    if (this._transport === null) return super._hostCall(method, ...args);
    const id = this._handle;
    switch (method) {
      case 'write':
        return this._transportRun(
          host.call('tls.transport_write', id, args[0]), args[1]);
      case 'write_string':
        return this._transportRun(
          host.call('tls.transport_write_string', id, args[0]), args[1]);
      case 'shutdown':
        this._transportShutdown();
        return undefined;
      case 'close':
        host.call('tcp.close', id);
        this._transport.destroy();
        return undefined;
      case 'read_start':
        this._transportReading = true;
        loop.nextTick(() => this._transportPull());
        return undefined;
      case 'read_stop':
        this._transportReading = false;
        return undefined;
      case 'info':
        return { local: null, remote: null };
      default:
        // ref, set_no_delay, set_keep_alive: nothing to do without a
        // socket.
        return undefined;
    }
  }

  // Read what the Duplex holds, while this socket wants plaintext (or
  // the handshake needs bytes whatever it wants).
  _transportPull() {
    if (this._transportPulling) return;
    this._transportPulling = true;
    try {
      while (this._handle !== null &&
             (this._transportReading || !this._secureEstablished)) {
        const chunk = this._transport.read();
        if (chunk === null) break;
        if (!ArrayBuffer.isView(chunk)) {
          // Text (setEncoding) or objects: not bytes to decrypt.
          this.destroy(new codes.ERR_STREAM_WRAP());
          return;
        }
        this._transportRun(host.call('tls.feed', this._handle,
                                     host.bytesOut(chunk)));
      }
    } finally {
      this._transportPulling = false;
    }
  }

  // Carry out a batch from the host; returns the bytes of ciphertext it
  // held (net.Socket's "queued" count: the write of `request` completes
  // when the Duplex took its last chunk).  The order is Node's: what this
  // socket hears ('secure', plaintext), then the ciphertext the same turn
  // made, then errors (after the alert that tells the peer why).  One
  // queue keeps that order when a listener writes, or a Duplex that
  // answers synchronously re-enters: a 'secure' listener's records go out
  // after the Finished message that came with the event.
  _transportRun(batch, request) {
    if (batch === null || batch === undefined) return 0;
    const [events, marker] = batch;
    const bytes = marker === null ? null : host.bytesIn(marker);
    const slice = (event) => bytes.subarray(event[1], event[1] + event[2]);
    // A turn of the machine lists its events, then the ciphertext it
    // pulled last; only errors move behind it.
    const items = [];
    const failures = [];
    let written = 0;
    let last = null;
    for (const event of events) {
      const kind = event[0];
      if (kind === 'ciphertext') {
        last = { ciphertext: slice(event), request: null };
        items.push(last);
        written += event[2];
      } else if (kind === 'data') {
        items.push({ data: slice(event) });
      } else if (kind === 'tls_error' || kind === 'error') {
        failures.push({ event });
      } else {
        items.push({ event });
      }
    }
    if (last !== null && request !== undefined) last.request = request;
    this._transportQueue.push(...items, ...failures);
    this._transportDrain();
    return written;
  }

  _transportDrain() {
    if (this._transportDraining) return;
    this._transportDraining = true;
    const queue = this._transportQueue;
    try {
      while (queue.length > 0) {
        const item = queue.shift();
        if (item.ciphertext !== undefined) {
          this._transportSend(item.ciphertext, item.request);
        } else if (this._handle === null) {
          continue;
        } else if (item.data !== undefined) {
          this.onHostData(item.data);
        } else {
          this.onHostEvent(...item.event);
        }
      }
    } finally {
      this._transportDraining = false;
      // A listener threw: what is left still goes, in order.
      if (queue.length > 0) loop.nextTick(() => this._transportDrain());
    }
  }

  _transportSend(chunk, request) {
    const duplex = this._transport;
    // Once the Duplex is gone what is left is lost, as on a closed
    // socket; a waiting write fails when this socket is destroyed.
    if (duplex.destroyed || duplex.writableEnded) return;
    if (request === null) {
      duplex.write(chunk);
      return;
    }
    duplex.write(chunk, (err) => {
      if (!err) this.onHostEvent('written', request);
    });
  }

  // end(): the close_notify, then the Duplex ends too, on the next check
  // phase (so after the writes queued with it), as Node's JSStreamSocket
  // ends its stream.
  _transportShutdown() {
    this._transportRun(host.call('tls.transport_shutdown', this._handle));
    const duplex = this._transport;
    loop.setImmediate(() => {
      if (duplex.destroyed || duplex.writableEnded) {
        this.onHostEvent('shutdown');
        return;
      }
      duplex.end(() => this.onHostEvent('shutdown'));
    });
  }

  _onTransportEnd() {
    this._transportEnded = true;
    if (this._handle !== null) {
      this._transportRun(host.call('tls.transport_eof', this._handle));
    }
  }

  _onTransportClose() {
    if (this.destroyed) return;
    if (!this._transportEnded) {
      // Gone without an end: nothing more will come either way.
      this.destroy();
      return;
    }
    // It ended, then closed.  This socket ends (and, when both sides are
    // done, closes) by itself; one left half-open has lost its transport.
    const settle = () => loop.setImmediate(() => {
      if (!this.destroyed) this.destroy();
    });
    if (this.readableEnded) settle(); else this.once('end', settle);
  }

  // -- host events ------------------------------------------------------------

  onHostEvent(kind, detail) {
    if (kind === 'secure') {
      if (this._newSessionPending) {
        this._securePending = true;  // told once newSession's cb runs
        return;
      }
      this._onSecure();
    } else if (kind === 'session') {
      // A client's session to resume with (TLS 1.2: with the handshake;
      // 1.3: each NewSessionTicket).
      if (!this._tlsOptions.isServer) {
        this.emit('session', Buffer.from(detail, 'latin1'));
      }
    } else if (kind === 'new_session') {
      this._onNewSession(detail);
    } else if (kind === 'tls_error') {
      this._onTlsError(host.fromRecord(detail));
    } else if (kind === 'error' && !this._secureEstablished) {
      this._onTlsError(host.fromRecord(detail));
    } else if (kind === 'client_hello') {
      this._onClientHello(detail);
    } else if (kind === 'ocsp_response') {
      this.emit('OCSPResponse',
                detail === null ? null : Buffer.from(detail, 'latin1'));
    } else if (kind === 'handshake_start') {
      this._onHandshakeStart();
    } else if (kind === 'renegotiated') {
      this._onRenegotiated();
    } else if ((kind === 'end' && !this._secureEstablished &&
                this._tlsOptions.server) || kind === 'tls_reject') {
      // A client that went before its first byte, or one whose certificate
      // this server refuses (the host held back the server's last flight):
      // Node destroys the socket and reports 'socket hang up'.
      if (kind === 'tls_reject') this.authorizationError = detail;
      const err = new Error('socket hang up');
      err.code = 'ECONNRESET';
      this._onTlsError(err);
    } else {
      super.onHostEvent(kind, detail);
    }
  }

  _onTlsError(err) {
    debug('tls error', err.code);
    if (this._tlsOptions.isServer && !this._secureEstablished) {
      const server = this._tlsOptions.server;
      if (server) {
        this._hadError = true;
        this.destroy();
        server.emit('tlsClientError', err, this);
        return;
      }
    }
    this.destroy(err);
  }

  // A server's new session: 'newSession' listeners store it; the
  // handshake is not told ('secure') before their callback runs, as in
  // Node, so a client cannot come back before the session is stored.
  _onNewSession(detail) {
    const server = this._tlsOptions.server;
    if (!server) return;
    this._newSessionPending = true;
    let called = false;
    server.emit('newSession', Buffer.from(detail.id, 'latin1'),
                Buffer.from(detail.data, 'latin1'), () => {
                  if (called) return;
                  called = true;
                  this._newSessionPending = false;
                  if (this._securePending && !this.destroyed) {
                    this._securePending = false;
                    this._onSecure();
                  }
                });
  }

  // The ClientHello is in and OpenSSL has not seen it yet: a
  // resumeSession listener may look the session id up, then an
  // SNICallback may take its time to choose the context.
  _onClientHello(hello) {
    const server = this._tlsOptions.server;
    const id = hello.session_id;
    // As Node: no lookup for a client that offers a ticket.
    if (!id || hello.tls_ticket || !listens(server, 'resumeSession')) {
      this._afterResumeSession(hello);
      return;
    }
    let called = false;
    server.emit('resumeSession', Buffer.from(id, 'latin1'), (err, data) => {
      if (called) {
        this._onTlsError(new codes.ERR_MULTIPLE_CALLBACK());
        return;
      }
      called = true;
      if (this._handle === null) return;
      if (err) {
        this._onTlsError(err);
        return;
      }
      if (data) this._tlsCall('set_external_session', toHost(data));
      this._afterResumeSession(hello);
    });
  }

  _afterResumeSession(hello) {
    const servername = hello.servername;
    const callback = this._SNICallback;
    if (!servername || callback === null) {
      this._resumeHandshake(hello, null);
      return;
    }
    let called = false;
    debug('SNICallback', servername);
    callback(servername, (err, context) => {
      if (called) {
        this._onTlsError(new codes.ERR_MULTIPLE_CALLBACK());
        return;
      }
      called = true;
      if (err) {
        this._onTlsError(err);
        return;
      }
      if (this._handle === null) return;
      this._resumeHandshake(hello, context);
    });
  }

  // The certificate is chosen: a client that asked for OCSP hears what
  // 'OCSPRequest' listeners answer (they may take their time), then the
  // handshake goes on.
  _resumeHandshake(hello, context) {
    let id = null;
    if (context !== undefined && context !== null) {
      id = context[kContextId];
      if (id === undefined && context.context) id = context.context.id;
      if (typeof id !== 'number') {
        this._onTlsError(new codes.ERR_INVALID_ARG_TYPE('context',
          'SecureContext', context));
        return;
      }
    }
    // Without an SNICallback's answer the addContext table still picks.
    const decided = this._SNICallback !== null;
    const server = this._tlsOptions.server;
    if (!hello.ocsp_request || !listens(server, 'OCSPRequest')) {
      this._transportRun(host.call('tls.resume', this._handle, id, decided));
      return;
    }
    const [cert, issuer] = host.call('tls.ocsp_request', this._handle, id,
                                     decided);
    let called = false;
    server.emit('OCSPRequest', Buffer.from(cert, 'latin1'),
                issuer === null ? null : Buffer.from(issuer, 'latin1'),
                (err, response) => {
                  if (called) {
                    this._onTlsError(new codes.ERR_MULTIPLE_CALLBACK());
                    return;
                  }
                  called = true;
                  if (this._handle === null) return;
                  if (!err && response && !ArrayBuffer.isView(response)) {
                    // Node's words; the handshake stays paused, as there.
                    throw errors.errorWithCode(
                      TypeError, 'ERR_INVALID_ARG_TYPE',
                      'OCSP response must be a buffer');
                  }
                  if (err) {
                    this._onTlsError(err);
                    return;
                  }
                  if (response) {
                    this._tlsCall('set_ocsp_response', toHost(response));
                  }
                  this._transportRun(host.call('tls.resume', this._handle,
                                               null, true));
                });
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
      // A client of tls.connect() hears this first (onConnectSecure): it
      // checks the server and emits 'secureConnect' before any other
      // 'secure' listener runs.  A client made with new TLSSocket() is
      // only told, unverified, as in Node.
      debug('client secure');
      this.emit('secure');
    }
  }

  _onServerSecure(info) {
    if (!this._checkClient(info)) return;
    debug('server secure');
    this.emit('secure');
    if (!this.destroyed && this._tlsOptions[kFromServer]) {
      this._tlsOptions.server.emit('secureConnection', this);
    }
  }

  // A tls.Server's socket checks its client at each 'secure' (Node's
  // onServerSocketSecure); a server socket made by hand is never checked
  // (authorized stays false), as in Node.  False: the client is refused.
  _checkClient(info) {
    const options = this._tlsOptions;
    if (!options[kFromServer] || !options.requestCert) return true;
    if (!info.verifyError) {
      this.authorized = true;
      return true;
    }
    this.authorizationError = info.verifyError;
    if (!options.rejectUnauthorized) return true;
    this.destroy();
    return false;
  }

  _onClientSecure(info) {
    const options = this._tlsOptions;
    // The server's DH group first, as Node checks it before the
    // certificate.
    const key = info.ephemeralKeyInfo;
    if (key && key.type === 'DH' && key.size < options.minDHSize) {
      const err = new codes.ERR_TLS_DH_PARAM_SIZE(key.size);
      debug('client emit:', err.code);
      this.emit('error', err);
      this.destroy();
      return;
    }
    let verifyError = null;
    if (info.verifyError) {
      verifyError = new Error(info.verifyMessage || info.verifyError);
      verifyError.code = info.verifyError;
    } else if (!this.isSessionReused()) {
      const hostname = options.servername || options.host ||
        (options.socket && options.socket._host) || 'localhost';
      if (options.checkServerIdentity === checkServerIdentity) {
        // The default check reads two fields: fetch just those, and the
        // whole chain (err.cert) only when it fails.  Building the
        // detailed certificate was a fifth of a handshake's cost.
        const identity = certificateFromHost(
          this._tlsCall('get_peer_identity'));
        verifyError = checkServerIdentity(hostname, identity) || null;
        if (verifyError) verifyError.cert = this.getPeerCertificate(true);
      } else {
        const cert = this.getPeerCertificate(true);
        verifyError = options.checkServerIdentity(hostname, cert) || null;
      }
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

  // Node 20's shape, {name, standardName, version}, where version is the
  // protocol the cipher was defined for ('TLSv1.2', 'TLSv1/SSLv3', ...).
  // The Node 10 docs show {name, version: 'TLSv1/SSLv3'} with version a
  // fixed legacy string; scripts print node 20's answer, so this gives it.
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

  // The ticket of the client's session (read from the session's DER on
  // the host); a server has none, as in Node.
  getTLSTicket() {
    if (this._tlsOptions.isServer) return undefined;
    const text = this._tlsCall('get_tls_ticket');
    return typeof text === 'string' ? Buffer.from(text, 'latin1') : undefined;
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

  // A new handshake on this connection (TLS 1.2 and older); a server
  // may now ask for a client certificate.  The callback runs at the next
  // 'secure', after the server checked its peer again (and destroyed the
  // socket if it must refuse it), as in Node.
  renegotiate(options, callback) {
    validateObject(options, 'options');
    if (callback !== undefined) validateFunction(callback, 'callback');
    debug('renegotiate', this._tlsOptions.isServer ? 'server' : 'client');
    // Node 20 answers undefined here, not the documented false.
    if (this.destroyed) return undefined;
    const tlsOptions = this._tlsOptions;
    if (options.requestCert !== undefined) {
      tlsOptions.requestCert = Boolean(options.requestCert);
    }
    if (options.rejectUnauthorized !== undefined) {
      tlsOptions.rejectUnauthorized = Boolean(options.rejectUnauthorized);
    }
    let batch;
    try {
      batch = host.call('tls.renegotiate', this._handle,
                        Boolean(tlsOptions.requestCert),
                        tlsOptions.rejectUnauthorized !== false);
    } catch (err) {
      if (callback) loop.nextTick(callback, err);
      return false;
    }
    if (callback) this.once('secure', () => callback(null));
    this._transportRun(batch);
    return true;
  }

  // Any later handshake on this (server) socket is then an 'error'.
  disableRenegotiation() {
    this._renegotiationDisabled = true;
  }

  // A server hears each handshake start after the first: Node's guard
  // against clients that renegotiate over and over (more than
  // tls.CLIENT_RENEG_LIMIT times within tls.CLIENT_RENEG_WINDOW seconds),
  // and disableRenegotiation().
  _onHandshakeStart() {
    if (!this._tlsOptions.isServer) return;
    const now = Date.now();
    const windowStart = this._renegotiationWindow;
    if (windowStart === undefined ||
        now - windowStart >= tlsModule.CLIENT_RENEG_WINDOW * 1000) {
      this._renegotiationWindow = now;
      this._renegotiations = 0;
    }
    this._renegotiations++;
    let err = null;
    if (this._renegotiations > tlsModule.CLIENT_RENEG_LIMIT) {
      err = new codes.ERR_TLS_SESSION_ATTACK();
    } else if (this._renegotiationDisabled) {
      err = new codes.ERR_TLS_RENEGOTIATION_DISABLED();
    }
    if (err !== null) {
      debug('renegotiation refused', err.code);
      this.emit('error', err);
    }
  }

  // A renegotiation is over: the peer is checked again (a server may
  // have asked for a certificate), then 'secure' is told once more.
  _onRenegotiated() {
    this._info = host.call('tls.get_info', this._handle);
    if (this._tlsOptions.isServer) this._checkClient(this._info);
    this.emit('secure');
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
    if (this._tlsOptions.isServer) {
      throw new codes.ERR_TLS_SNI_FROM_SERVER();
    }
    this._tlsOptions.servername = name;
    this._servernameSet = true;
    // Before the handshake it still goes out (SSL_set_tlsext_host_name).
    this._tlsCall('set_servername', name);
  }
}

// ALPNProtocols, in any of the forms the docs allow (an array of strings,
// Buffers or Uint8Arrays, or one Buffer in the wire format), as the list
// the host takes: each name's bytes as latin1 text.
function alpnList(protocols) {
  if (protocols === undefined || protocols === null) return undefined;
  if (ArrayBuffer.isView(protocols)) {
    // The wire format: length-prefixed names.
    const out = [];
    const bytes = viewBytes(protocols);
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
  return protocols.map((p) => alpnName(p).toString('latin1'));
}

function viewBytes(view) {
  return Buffer.from(view.buffer, view.byteOffset, view.byteLength);
}

function alpnName(protocol) {
  if (typeof protocol === 'string') return Buffer.from(protocol);
  if (ArrayBuffer.isView(protocol)) return viewBytes(protocol);
  throw new codes.ERR_INVALID_ARG_TYPE('options.ALPNProtocols[]',
    ['string', 'Buffer', 'TypedArray', 'DataView'], protocol);
}

// A server keeps ALPNProtocols in the wire format, as Node's does (it is
// what server.ALPNProtocols shows).  Node 20 ignores a value of another
// type there; so does this.  Node 20 also rejects Buffers inside an array,
// which the Node 10 docs allow, and so does not this.
function alpnWire(protocols) {
  if (ArrayBuffer.isView(protocols)) return Buffer.from(viewBytes(protocols));
  if (!Array.isArray(protocols)) return undefined;
  const parts = [];
  protocols.forEach((protocol, i) => {
    const name = alpnName(protocol);
    if (name.length > 255) {
      throw new codes.ERR_OUT_OF_RANGE(
        `The byte length of the protocol at index ${i} exceeds the ` +
        'maximum length.', '<= 255', name.length);
    }
    parts.push(Buffer.from([name.length]), name);
  });
  return Buffer.concat(parts);
}

// ---------------------------------------------------------------------------
// Server.

// A server's sessions are bound to a context id (OpenSSL will not resume
// without one once it verifies clients); by default, as in Node, it is
// derived from the command line, so another program's sessions do not
// resume here.
let sessionIdContext;

function defaultSessionIdContext() {
  if (sessionIdContext === undefined) {
    sessionIdContext = require('crypto').createHash('sha1')
      .update(process.argv.join(' ')).digest('hex').slice(0, 32);
  }
  return sessionIdContext;
}

// LIMITATION: connections come from the listening socket only.  Node's
// tls.Server also wraps whatever a script emits as 'connection' (any
// Duplex); here server.emit('connection', duplex) starts no TLS, and
// 'connection' hands out the TLSSocket rather than the raw socket.
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
    this.ALPNProtocols = alpnWire(options.ALPNProtocols);
    this.SNICallback = options.SNICallback;
    this.handshakeTimeout = options.handshakeTimeout === undefined ?
      120000 : options.handshakeTimeout;
    if (typeof this.handshakeTimeout !== 'number') {
      throw new codes.ERR_INVALID_ARG_TYPE('options.handshakeTimeout',
                                           'number', options.handshakeTimeout);
    }
    if (options.sessionTimeout !== undefined) {
      validateInt32(options.sessionTimeout, 'options.sessionTimeout', 0);
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
    this.sessionIdContext = options.sessionIdContext ||
      defaultSessionIdContext();
    this._tlsOptions = { ...options, sessionIdContext: this.sessionIdContext };
    // Node passes a clientCertEngine on only when it is truthy.
    if (!options.clientCertEngine) delete this._tlsOptions.clientCertEngine;
    this._sharedContext = createSecureContext(this._tlsOptions);
    if (options.ticketKeys) this.setTicketKeys(options.ticketKeys);
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
    // The new context keeps the ticket keys, unless new ones are given.
    const keys = options.ticketKeys || this.getTicketKeys();
    this._tlsOptions = { ...this._tlsOptions, ...options };
    this._sharedContext = createSecureContext(this._tlsOptions);
    if (keys) this.setTicketKeys(keys);
    if (options.ALPNProtocols) {
      this.ALPNProtocols = alpnWire(options.ALPNProtocols);
    }
  }

  _makeSocket(clientId, info) {
    const options = this._tlsOptions;
    // An SNICallback replaces the lookup in the addContext() list, as in
    // Node (whose default SNICallback is that lookup).
    const sniContexts = this.SNICallback ? [] : this._contexts.slice()
      .reverse().map(([name, ctx]) => [name, ctx[kContextId]]);
    const socket = new TLSSocket(null, {
      ...options,
      isServer: true,
      server: this,
      [kFromServer]: true,
      secureContext: this._sharedContext,
      requestCert: this.requestCert,
      rejectUnauthorized: this.rejectUnauthorized,
      ALPNProtocols: this.ALPNProtocols,
      SNICallback: this.SNICallback,
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

  // The keys of the server's context; tickets of any server (any
  // process) with the same 48 bytes resume here.
  getTicketKeys() {
    const text = host.call('tls.get_ticket_keys',
                           this._sharedContext[kContextId]);
    if (typeof text !== 'string') {
      throw new codes.ERR_METHOD_NOT_IMPLEMENTED('server.getTicketKeys');
    }
    return Buffer.from(text, 'latin1');
  }

  setTicketKeys(keys) {
    if (!ArrayBuffer.isView(keys)) {
      throw new codes.ERR_INVALID_ARG_TYPE('buffer',
        ['Buffer', 'TypedArray', 'DataView'], keys);
    }
    if (keys.byteLength !== 48) {
      throw new codes.ERR_INVALID_ARG_VALUE('keys', keys,
        'must be a 48-byte buffer');
    }
    if (!host.call('tls.set_ticket_keys', this._sharedContext[kContextId],
                   toHost(keys))) {
      throw new codes.ERR_METHOD_NOT_IMPLEMENTED('server.setTicketKeys');
    }
  }
}

function listens(emitter, name) {
  return Boolean(emitter) && emitter.listenerCount(name) > 0;
}

function createServer(options, listener) {
  return new Server(options, listener);
}

// ---------------------------------------------------------------------------
// connect().

function normalizeConnectArgs(args) {
  const [netOptions, cb] = net._normalizeArgs(args);
  let options = netOptions;
  // tls.connect(port[, host][, options][, cb]) and (path[, options][, cb]):
  // the docs give options.port/host/path precedence over the arguments.
  if (typeof args[0] !== 'object' || args[0] === null) {
    for (let i = 1; i < args.length; i++) {
      if (args[i] !== null && typeof args[i] === 'object') {
        options = { ...netOptions, ...args[i] };
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
  // Node 20 checks minDHSize with its internal assert (an explicit
  // undefined fails too), and so reports ERR_INTERNAL_ASSERTION.
  if (typeof options.minDHSize !== 'number') {
    throw new codes.ERR_INTERNAL_ASSERTION(
      `options.minDHSize is not a number: ${options.minDHSize}`);
  }
  if (!(options.minDHSize > 0)) {
    throw new codes.ERR_INTERNAL_ASSERTION(
      `options.minDHSize is not a positive number: ${options.minDHSize}`);
  }
  const hostname = options.host === undefined ? 'localhost' : options.host;
  // No servername, no SNI: Node's tls.connect() does not derive one from
  // the host (https does that, not tls).
  if (options.servername !== undefined &&
      typeof options.servername !== 'string') {
    throw new codes.ERR_INVALID_ARG_TYPE('options.servername', 'string',
                                         options.servername);
  }
  // Checked now, as Node does, not when the handshake starts.
  alpnList(options.ALPNProtocols);
  const socket = new TLSSocket(options.socket, {
    ...options,
    isServer: false,
    host: options.socket === undefined ? hostname : options.host,
    [kConnect]: true,
  });
  socket.on('secure', onConnectSecure);
  if (cb) socket.once('secureConnect', cb);
  if (options.socket === undefined) {
    socket.connect(options);
  }
  return socket;
}

function onConnectSecure() {
  this._onClientSecure(this._info);
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

// ---------------------------------------------------------------------------
// The deprecated SecurePair.
//
// As in Node since version 10, a pair is a TLSSocket over one end of a
// Duplex pair: `encrypted` is the other end (the ciphertext), `cleartext`
// the TLSSocket.  Node 10 dropped the CryptoStream class with its old
// implementation, and exports neither class; so does this.

class SecurePair extends EventEmitter {
  constructor(secureContext, isServer, requestCert, rejectUnauthorized,
              options) {
    super();
    options = options || {};
    const [encrypted, inner] = duplexPair();
    this.server = options.server;
    this.credentials = secureContext || createSecureContext();
    this.encrypted = encrypted;
    this.cleartext = new TLSSocket(inner, {
      ...options,
      secureContext: this.credentials,
      isServer: Boolean(isServer),
      requestCert: Boolean(requestCert),
      rejectUnauthorized: Boolean(rejectUnauthorized),
    });
    this.cleartext.once('secure', () => this.emit('secure'));
  }

  destroy() {
    this.cleartext.destroy();
  }
}

const createSecurePair = util.deprecate(
  (context, isServer, requestCert, rejectUnauthorized, options) =>
    new SecurePair(context, isServer, requestCert, rejectUnauthorized,
                   options),
  'tls.createSecurePair() is deprecated. Please use tls.TLSSocket instead.',
  'DEP0064');

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
  createSecurePair,
  createServer,
  getCiphers,
  rootCertificates: undefined,
};

module.exports = tlsModule;
