'use strict';

process.nextTick((a, b, c) => console.log('tick args', a, b, c), 1, 'two',
                 [3]);
setImmediate((x) => console.log('immediate arg', x), 'im');
try {
  process.nextTick('not a function');
} catch (err) {
  console.log(err.name, err.code);
}
try {
  setTimeout(42);
} catch (err) {
  console.log(err.name, err.code, err.message);
}
try {
  setImmediate(null);
} catch (err) {
  console.log(err.name, err.code);
}
