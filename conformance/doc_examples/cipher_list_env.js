// env: NODE_OPTIONS=--tls-cipher-list=ECDHE-RSA-AES128-GCM-SHA256:!RC4
'use strict';

// The Node tls docs' second form of the same change:
//   export NODE_OPTIONS=--tls-cipher-list="ECDHE-RSA-AES128-GCM-SHA256:!RC4"
//   node server.js
// (the env line above).  The server is cipher_list.js's, so the output
// must be the same as with the command-line flag.
require('./cipher_list.js');
