// expect-exit: 3
'use strict';

process.on('exit', (code) => {
  console.log('exit listener sees', code, process.exitCode);
});
process.exitCode = 3;
setTimeout(() => console.log('loop still runs'), 1);
