// expect-exit: 1
'use strict';

process.on('exit', (code) => console.log('exit', code));
Promise.reject(new Error('nobody catches this'));
setTimeout(() => console.log('never'), 10);
