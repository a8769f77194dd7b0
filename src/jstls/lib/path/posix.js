// `require('path/posix')`: the same object as `require('path')`, which is
// POSIX-only here (as `path.posix === path` on Node for Linux).
'use strict';

module.exports = require('path');
