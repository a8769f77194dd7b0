'use strict';

const path = require('path');

const a = require('./fixture/a');
console.log('a done', a.done, 'cached same object',
            require('./fixture/a.js') === a);
console.log(require('./fixture/data.json').values);
console.log(require('./fixture/dir'));
console.log(require('./fixture/node_modules/pkg'));
console.log(require('node:events') === require('events'));
console.log(require.main === module, module.id);
console.log(path.basename(__filename), path.basename(__dirname));
console.log(path.relative(__dirname,
                          require.resolve('./fixture/data.json')));
console.log(path.relative(__dirname, require.resolve('./fixture/dir')));
const key = require.resolve('./fixture/a');
console.log(key in require.cache, require.cache[key].exports === a);
delete require.cache[key];
console.log(require('./fixture/a') !== a);
try {
  require('./fixture/missing');
} catch (err) {
  console.log(err.code, err.message.split('\n')[0]);
}
try {
  require('no-such-package-anywhere');
} catch (err) {
  console.log(err.code, Array.isArray(err.requireStack));
}
try {
  require('');
} catch (err) {
  console.log(err.name, err.code);
}
try {
  require(42);
} catch (err) {
  console.log(err.name, err.code);
}
console.log(typeof module.exports, exports === module.exports);
const deep = require('./fixture/throws');
try {
  deep();
} catch (err) {
  const frame = err.stack.split('\n')[1].trim();
  console.log(frame.includes('throws.js:4:'), frame.startsWith('at deep ('));
}
