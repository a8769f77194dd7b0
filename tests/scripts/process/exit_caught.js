// expect-exit: 3
'use strict';

// process.exit() ends the script even inside try/catch: nothing after it
// runs that the outside world can see, and the first code stands.
process.on('exit', (code) => console.log('exit listener', code));
try {
  console.log('before exit');
  process.exit(3);
} catch (err) {
  console.log('never printed');
  process.exit(1);
}
