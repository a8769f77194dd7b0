'use strict';

// console's methods and formatting; stderr output is not compared, so the
// stderr methods print through a Console on stdout.
const { Console } = require('console');

console.log('log %s %d %j', 'str', 42, { a: 1 });
console.info('info', [1, 2], { nested: { deeper: { deepest: 1 } } });
console.debug('debug', null, undefined, true);
console.dir({ a: { b: { c: { d: 1 } } } }, { depth: 0 });
console.log(new Map([[1, { a: 1 }]]), new Set(['x']), Buffer.from('hi'));
const err = new TypeError('an error');
console.log(err.stack.split('\n')[0]);
const out = new Console({ stdout: process.stdout, stderr: process.stdout });
out.warn('warn goes to the given stream');
out.error('error too');
out.assert(1 === 1, 'not printed');
out.assert(false, 'assertion %s', 'failed');
console.count();
console.count('x');
console.count();
console.countReset();
console.count();
console.group('group');
console.log('indented');
console.group();
console.log('more');
console.groupEnd();
console.groupEnd();
console.log('back');
console.time('t');
console.timeEnd('nope');
const { log } = console;
log('detached log works');
console.log('%o', [1]);
console.log('%c', 'css');
console.log('%i %f', 3.9, '2.5');
console.log(-0, [undefined, null], [ , 'hole']);
console.log({ f() {}, g: () => 1, h: class K {} });
console.log([new Date(86400000)], /x/gi, Symbol('s'), 10n);
console.log('a\nb', ['a\nb']);
console.log(Object.create(null), [[[[1]]]], { 'key with space': 1 });
