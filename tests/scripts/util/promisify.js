'use strict';

const util = require('util');

function legacy(x, cb) {
  setTimeout(() => (x < 0 ? cb(new Error('neg')) : cb(null, x * 2)), 1);
}
const p = util.promisify(legacy);
p(21).then((v) => console.log('promisified', v));
p(-1).catch((e) => console.log('rejected', e.message));

const cbified = util.callbackify(async (x) => x + 1);
cbified(1, (err, v) => console.log('callbackified', err, v));
const cbfail = util.callbackify(() => Promise.reject(null));
cbfail((err) => console.log('falsy rejection', err.code, err.reason));

function Base() {}
Base.prototype.hello = function () { return 'hello'; };
function Child() { Base.call(this); }
util.inherits(Child, Base);
console.log(new Child().hello(), Child.super_ === Base);

const dep = util.deprecate(() => 'dep result', 'this is deprecated',
                           'DEP_TEST');
process.on('warning', (w) => console.log('warning', w.name, w.code));
console.log(dep(), dep());
try {
  util.promisify(5);
} catch (err) {
  console.log(err.code);
}
