'use strict';

const p = Promise.reject(new RangeError('handled by listener'));
process.on('unhandledRejection', (reason, promise) => {
  console.log('unhandledRejection', reason.name, reason.message,
              promise === p);
});
Promise.reject(42);
process.on('unhandledRejection', (reason) => {
  if (reason === 42) console.log('second listener saw 42');
});
const late = Promise.reject(new Error('caught later in same tick'));
Promise.resolve().then(() => late.catch(() => console.log('late catch')));
