// expect-exit: 5
'use strict';

process.on('exit', (code) => console.log('exit', code));
setTimeout(() => console.log('never'), 10);
console.log('before');
process.exit(5);
console.log('never after exit');
