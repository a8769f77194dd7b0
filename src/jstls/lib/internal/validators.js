// Argument checks with Node's error codes and messages, shared by the
// library modules (Node's internal/validators, in our own words).
'use strict';

const { codes, validateFunction } = require('internal/errors');

function validateString(value, name) {
  if (typeof value !== 'string') {
    throw new codes.ERR_INVALID_ARG_TYPE(name, 'string', value);
  }
}

function validateBoolean(value, name) {
  if (typeof value !== 'boolean') {
    throw new codes.ERR_INVALID_ARG_TYPE(name, 'boolean', value);
  }
}

function validateObject(value, name) {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new codes.ERR_INVALID_ARG_TYPE(name, 'object', value);
  }
}

function validateNumber(value, name, min, max) {
  if (typeof value !== 'number') {
    throw new codes.ERR_INVALID_ARG_TYPE(name, 'number', value);
  }
  if ((min !== undefined && value < min) ||
      (max !== undefined && value > max) ||
      ((min !== undefined || max !== undefined) && Number.isNaN(value))) {
    throw new codes.ERR_OUT_OF_RANGE(name, `>= ${min} && <= ${max}`, value);
  }
}

function validateInteger(value, name, min = Number.MIN_SAFE_INTEGER,
                         max = Number.MAX_SAFE_INTEGER) {
  if (typeof value !== 'number') {
    throw new codes.ERR_INVALID_ARG_TYPE(name, 'number', value);
  }
  if (!Number.isInteger(value)) {
    throw new codes.ERR_OUT_OF_RANGE(name, 'an integer', value);
  }
  if (value < min || value > max) {
    throw new codes.ERR_OUT_OF_RANGE(name, `>= ${min} && <= ${max}`, value);
  }
}

function validateInt32(value, name, min = -2147483648, max = 2147483647) {
  validateInteger(value, name, min, max);
}

function validateUint32(value, name) {
  validateInteger(value, name, 0, 4294967295);
}

module.exports = {
  validateBoolean,
  validateFunction,
  validateInt32,
  validateInteger,
  validateNumber,
  validateObject,
  validateString,
  validateUint32,
};
