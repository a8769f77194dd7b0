// ref/unref/hasRef: an unref'd timer does not keep the process alive, but
// fires while something else does.
'use strict';

const t = setTimeout(() => console.log('never: unref and nothing else'),
                     1000);
t.unref();
console.log('hasRef after unref:', t.hasRef());
const u = setTimeout(() => console.log('unref timer fired'), 5).unref();
console.log('unref returns the timer:', typeof u.ref === 'function');
setTimeout(() => console.log('ref timer fired'), 20);
const i = setImmediate(() => console.log('never: unref immediate?'));
console.log('immediate hasRef:', i.hasRef());
const r = setTimeout(() => console.log('re-ref timer fired'), 10);
r.unref();
r.ref();
console.log('hasRef after ref:', r.hasRef());
process.on('exit', () => console.log('exit'));
