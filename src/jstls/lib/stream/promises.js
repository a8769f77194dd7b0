// `stream/promises`: promise forms of pipeline() and finished().
'use strict';

module.exports = require('stream').promises;
