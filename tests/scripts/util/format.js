'use strict';

const util = require('util');

console.log(util.format('%s:%s', 'a', 'b', 'extra', 1));
console.log(util.format('%d %i %f', '42.5', 42.9, '3.25'));
console.log(util.format('%j', { a: [1, 2] }));
console.log(util.format('%o', [1, { b: 2 }]));
console.log(util.format('%O', { x: { y: { z: { w: 1 } } } }));
console.log(util.format('100%% sure %s'), util.format('%s', null));
console.log(util.format(1, 2, '3'), util.format('%c styled', 'color: red'));
console.log({ a: 1, b: 'two', c: [1, 2, 3], d: { e: { f: { g: 1 } } } });
console.log([1, 'a', null, undefined, true, 1n, Symbol('s')]);
console.log(new Map([['k', 1], ['j', { x: 1 }]]), new Set([1, 'two']));
console.log(Buffer.from('hi'), Buffer.alloc(3));
console.log([function named() {}, () => {}, class Foo {}]);
console.log(new Date(0), /re+/g, -0, [ , 1]);
console.log('%s', 'string', { nested: 'object' });
console.log(util.inspect('quote\'s'), util.inspect({ 'a-b': 1 }));
const circ = { name: 'c' };
circ.self = circ;
console.log(circ);
console.log(util.inspect(new Array(150).fill(7)).split('\n').length);
const err = new Error('with props');
err.code = 'E_CODE';
console.log(util.inspect(err).split('\n')[0], Object.keys(err));
console.log(util.types.isDate(new Date()), util.types.isRegExp(/x/));
console.log(util.isDeepStrictEqual({ a: [1] }, { a: [1] }),
            util.isDeepStrictEqual([1], ['1']));
