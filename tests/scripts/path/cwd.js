// path.resolve and path.relative against the working directory.
'use strict';
const path = require('path');

const cwd = process.cwd();
console.log(path.resolve() === cwd);
console.log(path.resolve('') === cwd);
console.log(path.resolve('a/b', '../c') === path.join(cwd, 'a/c'));
console.log(path.resolve('x', '/y', 'z'));
console.log(path.relative(cwd, path.join(cwd, 'sub', 'file')));
console.log(path.relative('a/b', 'a/c/d'));
console.log(path.relative('', cwd));
console.log(JSON.stringify(path.relative('.', cwd)));
console.log(path.relative('/', cwd) === cwd.slice(1));
process.chdir('/');
console.log(path.resolve('tmp'), path.relative('tmp', 'usr'));
