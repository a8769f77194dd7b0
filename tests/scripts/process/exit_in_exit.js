// expect-exit: 9
'use strict';

let calls = 0;
process.on('exit', (code) => {
  calls++;
  console.log('first exit listener', code, calls);
  process.exit(9);
});
process.on('exit', () => console.log('never: second listener'));
process.exit(2);
