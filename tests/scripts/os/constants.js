// os.constants, fs.constants and require('constants'): names and values
// that do not depend on the OpenSSL build.
'use strict';
const os = require('os');
const fs = require('fs');
const legacy = require('constants');

console.log(Object.keys(os.constants).join());
for (const group of ['signals', 'errno', 'priority', 'dlopen']) {
  console.log(group, JSON.stringify(os.constants[group]));
  console.log(Object.getPrototypeOf(os.constants[group]));
}
console.log(os.constants.UV_UDP_REUSEADDR);
console.log('fs', JSON.stringify(fs.constants));
console.log(fs.constants === fs.promises.constants);
console.log(fs.F_OK, fs.R_OK, fs.W_OK, fs.X_OK);

console.log(Object.isFrozen(legacy));
const expectSame = Object.assign({}, os.constants.dlopen, os.constants.errno,
  os.constants.priority, os.constants.signals, fs.constants);
let same = 0;
for (const [key, value] of Object.entries(expectSame)) {
  if (legacy[key] === value) same++;
  else console.log('differs', key);
}
console.log('same', same, Object.keys(expectSame).length);

const crypto = ['RSA_PKCS1_PADDING', 'RSA_NO_PADDING', 'RSA_PKCS1_OAEP_PADDING',
  'RSA_X931_PADDING', 'RSA_PKCS1_PSS_PADDING', 'RSA_PSS_SALTLEN_DIGEST',
  'RSA_PSS_SALTLEN_MAX_SIGN', 'RSA_PSS_SALTLEN_AUTO',
  'DH_CHECK_P_NOT_SAFE_PRIME', 'DH_CHECK_P_NOT_PRIME',
  'DH_UNABLE_TO_CHECK_GENERATOR', 'DH_NOT_SUITABLE_GENERATOR',
  'TLS1_VERSION', 'TLS1_1_VERSION', 'TLS1_2_VERSION', 'TLS1_3_VERSION',
  'POINT_CONVERSION_COMPRESSED', 'POINT_CONVERSION_UNCOMPRESSED',
  'POINT_CONVERSION_HYBRID', 'SSL_OP_NO_SSLv2', 'SSL_OP_NO_TLSv1',
  'SSL_OP_NO_TLSv1_1', 'SSL_OP_NO_TLSv1_2', 'SSL_OP_NO_TLSv1_3',
  'SSL_OP_NO_TICKET', 'SSL_OP_CIPHER_SERVER_PREFERENCE'];
for (const name of crypto) console.log(name, legacy[name]);
console.log(Object.keys(legacy).filter((k) => k.startsWith('SSL_OP_')).join());
console.log(typeof legacy.OPENSSL_VERSION_NUMBER);
console.log(legacy.defaultCoreCipherList);
