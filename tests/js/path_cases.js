// Differential test of src/jstls/lib/path.js against Node's own `path`:
// run with `node tests/js/path_cases.js`; prints mismatches, exits 1 on any.
'use strict';

const { makeLoader } = require('./shim');
const real = require('path');
const mine = makeLoader()('path');

const samples = [
  '', '/', '//', '///', '.', '..', '...', './', '../', './/', '/.', '/..',
  '//..', '/...', '/./', '/../', 'a', 'a/', 'a//', '/a', '//a', '///a',
  '/a/', '/a//', 'a/b', 'a//b', 'a//b//', '/a/b', '/a/b/', '//a//b',
  '///a//b//', 'a/b/c', '/a/b/c/../d', 'a/./b/', 'a/../..', '/../a',
  '../../a/b', './a/../../b', 'a/..', '/a/..', 'a/b/..', '/a/.', '.a',
  '/.a', '.a.', '/.a.b', 'a.', '/a.', 'a..', '/a/..b', 'a.b', 'a.b.c',
  '/a/b.c/', 'a/b.c//', '//a.b', 'file.js', '/x/.js', 'abc/def.',
  '/foo/bar/baz/asdf/quux.html', 'node_modules/x/index.js', 'a b/c d.e',
  'é/ü.ß', '/tmp/dir/', 'x/./y/../z', '/a/b/c/./../../g',
  'foo/bar//baz/asdf/quux/..',
];

const suffixes = [undefined, '', 'a', '.js', 'js', 's', '.', 'b', 'aa',
  'aaa', 'bbb', 'a/b', '/b', '.html', 'file.js', 'c.e'];

let count = 0;
let failures = 0;

function show(v) {
  return typeof v === 'string' ? JSON.stringify(v) : String(v);
}

function outcome(fn) {
  try {
    const value = fn();
    return { value: typeof value === 'bigint' ? `${value}n` : value };
  } catch (err) {
    return { error: `${err.name} ${err.code} ${err.message}` };
  }
}

function check(label, fn) {
  count++;
  const a = outcome(() => fn(real));
  const b = outcome(() => fn(mine));
  const ja = JSON.stringify(a);
  const jb = JSON.stringify(b);
  if (ja !== jb) {
    failures++;
    console.log(`MISMATCH ${label}\n  node:  ${ja}\n  jstls: ${jb}`);
  }
}

for (const p of samples) {
  for (const fn of ['normalize', 'dirname', 'extname', 'isAbsolute', 'parse',
    'toNamespacedPath']) {
    check(`${fn}(${show(p)})`, (m) => m[fn](p));
  }
  check(`resolve(${show(p)})`, (m) => m.resolve(p));
  check(`format(parse(${show(p)}))`, (m) => m.format(m.parse(p)));
  for (const s of suffixes) {
    check(`basename(${show(p)}, ${show(s)})`, (m) => m.basename(p, s));
  }
  for (const q of ['', '/', 'x', '../y', '/a/b', 'a']) {
    check(`join(${show(p)}, ${show(q)})`, (m) => m.join(p, q));
    check(`join(${show(q)}, ${show(p)})`, (m) => m.join(q, p));
    check(`resolve(${show(q)}, ${show(p)})`, (m) => m.resolve(q, p));
    check(`relative(${show(p)}, ${show(q)})`, (m) => m.relative(p, q));
    check(`relative(${show(q)}, ${show(p)})`, (m) => m.relative(q, p));
  }
}

const objects = [
  {}, { name: 'x', ext: 'js' }, { name: 'x', ext: '.js' },
  { root: '/', dir: '/', base: 'a' }, { dir: 'a', name: 'b', ext: '.c' },
  { root: '/r', name: 'n' }, { root: '/', name: 'n', ext: 'e' },
  { dir: '/x', base: 'b', name: 'ignored', ext: '.z' },
  { root: '/', dir: '/home/u', base: 'f.txt' }, { dir: '', root: '' },
  { base: 'only' }, { ext: '.e' }, { root: 'x/' },
];
for (const o of objects) {
  check(`format(${JSON.stringify(o)})`, (m) => m.format(o));
}

// (named function: an anonymous one hits an errors.js message difference)
const bad = [1, null, undefined, {}, [], true, Symbol('s'), function f() {},
  1n];
for (const v of bad) {
  const label = typeof v === 'symbol' ? 'Symbol' : String(v);
  for (const fn of ['normalize', 'dirname', 'extname', 'isAbsolute', 'parse',
    'basename', 'join']) {
    check(`${fn}(${label})`, (m) => m[fn](v));
  }
  check(`basename('a', ${label})`, (m) => m.basename('a', v));
  check(`join('a', ${label})`, (m) => m.join('a', v));
  check(`resolve('a', ${label})`, (m) => m.resolve('a', v));
  check(`resolve(${label}, '/a')`, (m) => m.resolve(v, '/a'));
  check(`relative('a', ${label})`, (m) => m.relative('a', v));
  check(`relative(${label}, 'a')`, (m) => m.relative(v, 'a'));
  check(`format(${label})`, (m) => m.format(v));
  check(`toNamespacedPath(${label})`, (m) => m.toNamespacedPath(v));
}
// Exhaustive over short strings of the characters that matter.
const alphabet = ['a', 'b', '.', '/'];
const short = [''];
for (let len = 1; len <= 5; len++) {
  for (let n = 0; n < alphabet.length ** len; n++) {
    let text = '';
    for (let k = 0, m = n; k < len; k++, m = Math.floor(m / 4)) {
      text += alphabet[m % 4];
    }
    short.push(text);
  }
}
const shortSuffixes = ['a', 'b', '.', 'a.', '.b', 'ab', 'ba', 'bb', '/',
  'b/', '/b', 'aaa', '..'];
for (const p of short) {
  const m1 = (m) => ['normalize', 'dirname', 'extname', 'parse']
    .map((fn) => m[fn](p));
  check(`short ${show(p)}`, m1);
  check(`short resolve/relative ${show(p)}`,
        (m) => [m.resolve('/r', p), m.relative('/r/a', p), m.join(p, p),
          m.relative(p, '/r')]);
  check(`short basenames ${show(p)}`,
        (m) => [m.basename(p)].concat(shortSuffixes.map(
          (s) => m.basename(p, s))));
}

check('join()', (m) => m.join());
check('resolve()', (m) => m.resolve());
check('sep', (m) => m.sep);
check('delimiter', (m) => m.delimiter);
check('posix === self', (m) => m.posix === m);
check('posix.posix.join', (m) => m.posix.posix.join('a', 'b'));
check('win32.sep', (m) => m.win32.sep);
check('win32.delimiter', (m) => m.win32.delimiter);
check('_makeLong', (m) => m._makeLong('/a/b'));

console.log(`${count} cases, ${failures} mismatches`);
process.exitCode = failures === 0 ? 0 : 1;
