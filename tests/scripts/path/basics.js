// path: the documented examples and corner cases of each function.
'use strict';
const path = require('path');

function show(label, value) {
  console.log(label, JSON.stringify(value));
}

show('sep/delimiter', [path.sep, path.delimiter]);
show('posix', path.posix === path);
show('posix module', require('path/posix') === path);
show('node: prefix', require('node:path') === path);

for (const p of ['/foo/bar/baz/asdf/quux.html', '/foo/bar/', 'a', '', '/',
  '//', '//a', '///a//b//', '.', '..', '.index', 'index.', '.index.md',
  'index.coffee.md', 'a/b/..', '/..', '//..', '/...', 'a//b//']) {
  show(`basename ${JSON.stringify(p)}`, path.basename(p));
  show(`dirname ${JSON.stringify(p)}`, path.dirname(p));
  show(`extname ${JSON.stringify(p)}`, path.extname(p));
  show(`parse ${JSON.stringify(p)}`, path.parse(p));
  show(`normalize ${JSON.stringify(p)}`, path.normalize(p));
  show(`isAbsolute ${JSON.stringify(p)}`, path.isAbsolute(p));
}

show('basename ext', [path.basename('/foo/bar/baz/asdf/quux.html', '.html'),
  path.basename('a', 'a'), path.basename('aaa/bbb', 'bbb'),
  path.basename('/a/b.js', 'js'), path.basename('/a/b/', 'bbb'),
  path.basename('b/', 'bbb'), path.basename('//', 'x'),
  path.basename('file.js', 'file.js'), path.basename('/aaa/', 'aa')]);

show('join', [path.join('/foo', 'bar', 'baz/asdf', 'quux', '..'),
  path.join(), path.join(''), path.join('', ''), path.join('a', '', 'b'),
  path.join('/a', '../../..', 'b'), path.join('a', '../..', 'b/'),
  path.join('./', 'x'), path.join('a/', '/b')]);

show('normalize', [path.normalize('/foo/bar//baz/asdf/quux/..'),
  path.normalize('./'), path.normalize('a/../..'), path.normalize('../a/'),
  path.normalize('/../a'), path.normalize('a/./b/.')]);

show('resolve absolute', [path.resolve('/foo/bar', './baz'),
  path.resolve('/foo/bar', '/tmp/file/'), path.resolve('/a', 'b', '..', 'c'),
  path.resolve('/'), path.resolve('//a//b')]);

show('relative', [
  path.relative('/data/orandea/test/aaa', '/data/orandea/impl/bbb'),
  path.relative('/a', '/a'), path.relative('/', '/a/b'),
  path.relative('/a/b', '/'), path.relative('/a/b', '/a/bc'),
  path.relative('/a/bc', '/a/b'), path.relative('/a/b/c', '/a/d')]);

show('format', [
  path.format({ root: '/ignored', dir: '/home/user/dir', base: 'file.txt' }),
  path.format({ root: '/', base: 'file.txt', ext: 'ignored' }),
  path.format({ root: '/', name: 'file', ext: '.txt' }),
  path.format({ root: '/', name: 'file', ext: 'txt' }),
  path.format({ dir: 'a', name: 'b' }), path.format({})]);

show('toNamespacedPath', [path.toNamespacedPath('/a/b'),
  path.toNamespacedPath('x'), path._makeLong('/y')]);
show('win32 separators', [path.win32.sep, path.win32.delimiter]);
