// path: argument validation errors.
'use strict';
const path = require('path');

function attempt(label, fn) {
  try {
    console.log(label, 'returned', JSON.stringify(fn()));
  } catch (err) {
    console.log(label, err.name, err.code, err.message);
  }
}

for (const fn of ['basename', 'dirname', 'extname', 'normalize', 'isAbsolute',
  'parse', 'join']) {
  attempt(fn, () => path[fn](42));
  attempt(fn + ' null', () => path[fn](null));
}
attempt('basename suffix', () => path.basename('a.js', 1));
attempt('basename suffix object', () => path.basename('a.js', {}));
attempt('join 2nd', () => path.join('a', undefined));
attempt('resolve 2nd', () => path.resolve('a', true));
attempt('resolve skipped', () => path.resolve(1, '/abs'));
attempt('relative from', () => path.relative(1, 'a'));
attempt('relative to', () => path.relative('a', []));
attempt('format null', () => path.format(null));
attempt('format string', () => path.format('x'));
attempt('format array', () => path.format([]));
attempt('toNamespacedPath', () => path.toNamespacedPath(5));
