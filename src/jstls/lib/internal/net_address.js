// IP address syntax checks shared by net and dns: net.isIP/isIPv4/isIPv6.
'use strict';

const v4Part = '(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])';
const v4 = `(?:${v4Part}\\.){3}${v4Part}`;
const v4Re = new RegExp(`^${v4}$`);

const h = '[0-9a-fA-F]{1,4}';
const v6Re = new RegExp('^(?:' + [
  `(?:${h}:){7}(?:${h}|:)`,
  `(?:${h}:){6}(?:${v4}|:${h}|:)`,
  `(?:${h}:){5}(?::${v4}|(?::${h}){1,2}|:)`,
  `(?:${h}:){4}(?:(?::${h}){0,1}:${v4}|(?::${h}){1,3}|:)`,
  `(?:${h}:){3}(?:(?::${h}){0,2}:${v4}|(?::${h}){1,4}|:)`,
  `(?:${h}:){2}(?:(?::${h}){0,3}:${v4}|(?::${h}){1,5}|:)`,
  `(?:${h}:){1}(?:(?::${h}){0,4}:${v4}|(?::${h}){1,6}|:)`,
  `(?::(?:(?::${h}){0,5}:${v4}|(?::${h}){1,7}|:))`,
].join('|') + ')(?:%[0-9a-zA-Z-.:]{1,})?$');

function isIPv4(input) {
  return v4Re.test(`${input}`);
}

function isIPv6(input) {
  return v6Re.test(`${input}`);
}

function isIP(input) {
  if (isIPv4(input)) return 4;
  if (isIPv6(input)) return 6;
  return 0;
}

module.exports = { isIP, isIPv4, isIPv6 };
