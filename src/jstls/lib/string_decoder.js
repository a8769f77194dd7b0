// `string_decoder`: npm's string_decoder@1, a port of Node's.
'use strict';

module.exports = globalThis.__jstlsVendor.string_decoder();
