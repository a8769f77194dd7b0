// expect-exit: 1
'use strict';
// An uncaught error ends the program while a rejection is still untold:
// the error decides the exit (1), the rejection dies with the process.
process.on('exit', (code) => console.log('exit', code));
console.log('start');
Promise.reject(new Error('never told'));
throw new Error('boom');
