'use strict';

// A PFX that does not open with the passphrase given: createSecureContext
// throws OpenSSL's error ("mac verify failure"), a plain Error without a
// Node error code.
const tls = require('tls');
const fs = require('fs');
const path = require('path');

const pfx = fs.readFileSync(path.join(process.env.TLS_FIXTURES, 'server.pfx'));
try {
  tls.createSecureContext({ pfx, passphrase: 'not the passphrase' });
  console.log('accepted');
} catch (err) {
  console.log(err.name, err.message, 'code' in err, err.code);
}
