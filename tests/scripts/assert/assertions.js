'use strict';

const assert = require('assert');

function show(fn) {
  try {
    fn();
    console.log('no throw');
  } catch (err) {
    console.log(err.name, err.code, err.constructor.name);
  }
}
show(() => assert.strictEqual(1, 2));
show(() => assert.deepStrictEqual({ a: [1, 2] }, { a: [1, 2] }));
show(() => assert.deepStrictEqual(Buffer.from('a'), Buffer.from('b')));
show(() => assert.deepEqual({ a: 1 }, { a: '1' }));
show(() => assert.ok(0));
show(() => assert(true));
show(() => assert.throws(() => { throw new TypeError('x'); }, TypeError));
show(() => assert.throws(() => {}));
show(() => assert.doesNotThrow(() => {}));
show(() => assert.notStrictEqual(1, 1));
show(() => assert.match('abc', /b/));
show(() => assert.fail('boom'));
show(() => assert.strict.equal(1, '1'));
show(() => require('assert/strict').deepEqual([1], ['1']));
assert.rejects(Promise.reject(new Error('r')), /r/).then(
  () => console.log('rejects ok'));
try {
  assert.strictEqual('a', 'b', 'custom message');
} catch (err) {
  // Node 20 appends a diff to a custom message; the npm port does not.
  console.log(err.message.split('\n')[0], err.actual, err.expected,
              err.operator,
              err.generatedMessage);
}
