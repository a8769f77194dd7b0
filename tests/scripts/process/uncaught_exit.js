// expect-exit: 1
'use strict';

process.on('exit', (code) => console.log('exit listener', code));
setTimeout(() => console.log('never'), 10);
console.log('about to throw');
throw new TypeError('boom');
