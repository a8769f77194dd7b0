// Node's `path` module, POSIX flavour: the string arithmetic on '/'-separated
// file names that the module loader, fs and user code rely on.
//
// What it is: every documented `path` function with Node 20's results,
// including its corner cases (basename's suffix rule, dirname's '//' root,
// parse's treatment of '/..'), and Node's argument validation.
// What it is not: the Windows flavour.  `path.win32` is a separate object
// whose functions throw ERR_METHOD_NOT_IMPLEMENTED (its `sep` and
// `delimiter` are real); nothing here touches the file system.
'use strict';

const { codes } = require('internal/errors');

const SEP = '/';

function validateString(value, name) {
  if (typeof value !== 'string') {
    throw new codes.ERR_INVALID_ARG_TYPE(name, 'string', value);
  }
}

// Split a path into its non-empty, non-'.' segments, folding '..' into the
// segment before it.  A relative path keeps the '..'s it cannot fold; an
// absolute one drops them (there is nothing above the root).
function foldSegments(text, absolute) {
  const out = [];
  for (const segment of text.split(SEP)) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') {
      if (out.length > 0 && out[out.length - 1] !== '..') {
        out.pop();
      } else if (!absolute) {
        out.push('..');
      }
      continue;
    }
    out.push(segment);
  }
  return out;
}

function normalize(p) {
  validateString(p, 'path');
  if (p.length === 0) return '.';
  const absolute = p[0] === SEP;
  const trailing = p[p.length - 1] === SEP;
  let body = foldSegments(p, absolute).join(SEP);
  if (body.length === 0) {
    if (absolute) return SEP;
    return trailing ? './' : '.';
  }
  if (trailing) body += SEP;
  return absolute ? SEP + body : body;
}

function isAbsolute(p) {
  validateString(p, 'path');
  return p.length > 0 && p[0] === SEP;
}

function join(...parts) {
  const kept = [];
  for (const part of parts) {
    validateString(part, 'path');
    if (part.length > 0) kept.push(part);
  }
  if (kept.length === 0) return '.';
  return normalize(kept.join(SEP));
}

// Right to left until a path is absolute, then the working directory.
// Like Node, arguments left of an absolute one are not even validated.
function resolve(...args) {
  let resolved = '';
  let absolute = false;
  for (let i = args.length - 1; i >= -1 && !absolute; i--) {
    const part = i >= 0 ? args[i] : process.cwd();
    validateString(part, `paths[${i}]`);
    if (part.length === 0) continue;
    resolved = resolved.length === 0 ? part : part + SEP + resolved;
    absolute = part[0] === SEP;
  }
  const body = foldSegments(resolved, absolute).join(SEP);
  if (absolute) return SEP + body;
  return body.length > 0 ? body : '.';
}

function relative(from, to) {
  validateString(from, 'from');
  validateString(to, 'to');
  if (from === to) return '';
  from = resolve(from);
  to = resolve(to);
  if (from === to) return '';
  // Both are absolute and normalised: compare them segment by segment.
  const a = from === SEP ? [] : from.slice(1).split(SEP);
  const b = to === SEP ? [] : to.slice(1).split(SEP);
  let common = 0;
  while (common < a.length && common < b.length && a[common] === b[common]) {
    common++;
  }
  const up = new Array(a.length - common).fill('..');
  return up.concat(b.slice(common)).join(SEP);
}

function toNamespacedPath(p) {
  // Windows-only transformation; POSIX paths come back unchanged, and Node
  // does not validate them here either.
  return p;
}

// Node's dirname drops the name and exactly one separator before it, so
// '/a//b' -> '/a/'; a path with only a root-level name keeps its root,
// which may be '//' as POSIX allows.
function dirname(p) {
  validateString(p, 'path');
  if (p.length === 0) return '.';
  const hasRoot = p[0] === SEP;
  let end = -1;
  let sawName = false;
  for (let i = p.length - 1; i >= 1; i--) {
    if (p[i] === SEP) {
      if (sawName) {
        end = i;
        break;
      }
    } else {
      sawName = true;
    }
  }
  if (end === -1) return hasRoot ? SEP : '.';
  if (hasRoot && end === 1) return '//';
  return p.slice(0, end);
}

// Where the last segment starts, trailing separators ignored.
function lastSegmentStart(p) {
  let end = p.length;
  while (end > 0 && p[end - 1] === SEP) end--;
  return p.lastIndexOf(SEP, end - 1) + 1;
}

// The last segment, trailing separators ignored.
function lastSegment(p) {
  let end = p.length;
  while (end > 0 && p[end - 1] === SEP) end--;
  return p.slice(p.lastIndexOf(SEP, end - 1) + 1, end);
}

function basename(p, suffix) {
  if (suffix !== undefined) validateString(suffix, 'suffix');
  validateString(p, 'path');
  const name = lastSegment(p);
  // Node only looks at a suffix no longer than the whole argument, and
  // then has rules of its own, kept here because code sees them:
  if (suffix === undefined || suffix.length === 0 ||
      suffix.length > p.length) {
    return name;
  }
  // - a suffix equal to the whole argument leaves nothing ('a', 'a'),
  //   while one equal to just the last segment is kept ('/x/a/', 'a');
  if (suffix === p) return '';
  // - an argument of separators only comes back whole;
  if (name.length === 0) return p;
  if (name !== suffix && name.endsWith(suffix)) {
    return name.slice(0, name.length - suffix.length);
  }
  // - a segment that is itself a tail of a longer suffix comes back with
  //   its trailing separators ('/a/b/', 'bbb' -> 'b/').
  if (suffix.length > name.length && suffix.endsWith(name)) {
    return p.slice(lastSegmentStart(p));
  }
  return name;
}

// The extension of a segment: from its last '.', unless that dot opens
// the segment ('.profile') or the segment is '..'.
function splitExtension(name, dotDotIsName) {
  const dot = name.lastIndexOf('.');
  if (dot <= 0 || (name === '..' && dotDotIsName)) return ['', name];
  return [name.slice(dot), name.slice(0, dot)];
}

function extname(p) {
  validateString(p, 'path');
  return splitExtension(lastSegment(p), true)[0];
}

function parse(p) {
  validateString(p, 'path');
  const out = { root: '', dir: '', base: '', ext: '', name: '' };
  if (p.length === 0) return out;
  const absolute = p[0] === SEP;
  const start = absolute ? 1 : 0;
  if (absolute) out.root = SEP;
  let end = p.length;
  while (end > start && p[end - 1] === SEP) end--;
  if (end === start) {
    // Nothing but separators.
    if (absolute) out.dir = SEP;
    return out;
  }
  let nameStart = end;
  while (nameStart > start && p[nameStart - 1] !== SEP) nameStart--;
  // Only a separator after the root one counts as the start of `dir`'s
  // end: '/a' and '//a' both have dir '/', while 'x//a' has dir 'x/'.
  const separated = nameStart > start;
  if (separated) {
    out.dir = p.slice(0, nameStart - 1);
  } else if (absolute) {
    out.dir = SEP;
  }
  out.base = p.slice(nameStart, end);
  // Node 20 quirk kept on purpose: in '/..' (name right after a single
  // root separator) '..' splits as name '.' + ext '.'; '//..', 'a/..' and
  // '..' do not.
  [out.ext, out.name] = splitExtension(out.base, separated || !absolute);
  return out;
}

function format(pathObject) {
  if (pathObject === null || typeof pathObject !== 'object' ||
      Array.isArray(pathObject)) {
    throw new codes.ERR_INVALID_ARG_TYPE('pathObject', 'object', pathObject);
  }
  const dir = pathObject.dir || pathObject.root;
  let ext = pathObject.ext || '';
  if (ext.length > 0 && ext[0] !== '.') ext = '.' + ext;
  const base = pathObject.base || `${pathObject.name || ''}${ext}`;
  if (!dir) return base;
  return dir === pathObject.root ? `${dir}${base}` : `${dir}${SEP}${base}`;
}

// LIMITATION: path.matchesGlob (experimental since Node 20.17) is not
// provided.

const posix = {
  resolve,
  normalize,
  isAbsolute,
  join,
  relative,
  toNamespacedPath,
  dirname,
  basename,
  extname,
  format,
  parse,
  sep: SEP,
  delimiter: ':',
  win32: null,
  posix: null,
  _makeLong: toNamespacedPath,
};

// LIMITATION: Windows path semantics are not implemented.  `path.win32`
// exists (so feature tests and `path.win32.sep` work) but its functions
// throw ERR_METHOD_NOT_IMPLEMENTED.
const win32 = { sep: '\\', delimiter: ';', win32: null, posix };
for (const name of ['resolve', 'normalize', 'isAbsolute', 'join',
  'relative', 'toNamespacedPath', 'dirname', 'basename', 'extname',
  'format', 'parse']) {
  win32[name] = function notImplemented() {
    throw new codes.ERR_METHOD_NOT_IMPLEMENTED(`path.win32.${name}()`);
  };
}
win32._makeLong = win32.toNamespacedPath;
win32.win32 = win32;
posix.posix = posix;
posix.win32 = win32;

module.exports = posix;
