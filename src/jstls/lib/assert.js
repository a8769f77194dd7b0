// `assert`: npm's assert@2, a port of Node's (legacy and strict modes,
// AssertionError with code ERR_ASSERTION, throws/rejects, deep equality
// including Buffers).
'use strict';

module.exports = globalThis.__jstlsVendor.assert();
