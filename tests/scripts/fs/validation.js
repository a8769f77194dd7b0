// fs: argument validation, thrown synchronously by every form.
'use strict';
const fs = require('fs');

function attempt(label, fn) {
  try {
    fn();
    console.log(label, 'no error');
  } catch (err) {
    console.log(label, err.name, err.code, err.message);
  }
}

const noop = () => {};
attempt('path number', () => fs.readFileSync(1.5));
attempt('path object', () => fs.readFileSync({}));
attempt('path null', () => fs.statSync(null));
attempt('path nul byte', () => fs.readFileSync('a\u0000b'));
attempt('oldPath', () => fs.renameSync(1, 'x'));
attempt('newPath', () => fs.renameSync('x', 1));
attempt('src', () => fs.copyFileSync(1, 'x'));
attempt('dest', () => fs.copyFileSync('x', 1));
attempt('prefix', () => fs.mkdtempSync(1));
attempt('flags', () => fs.openSync('x', 'z'));
attempt('flags object', () => fs.openSync('x', {}));
attempt('flag option', () => fs.readFileSync('x', { flag: 'zz' }));
attempt('mode string', () => fs.openSync('x', 'r', 'abc'));
attempt('mode negative', () => fs.openSync('x', 'r', -1));
attempt('mode big', () => fs.openSync('x', 'r', 2 ** 33));
attempt('chmod mode', () => fs.chmodSync('x', 'abc'));
attempt('write mode', () => fs.writeFileSync('x', 'y', { mode: 'zz' }));
attempt('encoding', () => fs.readFileSync('x', 'bogus'));
attempt('encoding option', () => fs.readFileSync('x', { encoding: 'bogus' }));
attempt('options type', () => fs.readFileSync('x', 5));
attempt('data number', () => fs.writeFileSync('x', 5));
attempt('data object', () => fs.writeFileSync('x', {}));
attempt('data null', () => fs.writeFileSync('x', null));
attempt('fd string', () => fs.closeSync('x'));
attempt('fd negative', () => fs.closeSync(-1));
attempt('fd float', () => fs.fstatSync(1.5));
attempt('read buffer', () => fs.readSync(0, 'x'));
attempt('read offset', () => fs.readSync(0, Buffer.alloc(4), 5, 1, 0));
attempt('read length', () => fs.readSync(0, Buffer.alloc(4), 0, 5, 0));
attempt('write buffer', () => fs.writeSync(1, 5));
attempt('write length', () => fs.writeSync(1, Buffer.alloc(2), 0, 3));
attempt('access mode', () => fs.accessSync('x', 99));
attempt('copyFile mode', () => fs.copyFileSync('x', 'y', 8));
attempt('rm options', () => fs.rmSync('x', 'yes'));
attempt('rm recursive', () => fs.rmSync('x', { recursive: 'yes' }));
attempt('rm force', () => fs.rmSync('x', { force: 1 }));
attempt('mkdir recursive', () => fs.mkdirSync('x', { recursive: 1 }));
attempt('readdir recursive', () => fs.readdirSync('.', { recursive: 1 }));
attempt('utimes', () => fs.utimesSync('x', {}, 1));

for (const name of ['readFile', 'writeFile', 'appendFile', 'stat', 'lstat',
  'readdir', 'mkdir', 'mkdtemp', 'unlink', 'rmdir', 'rename', 'copyFile',
  'access', 'realpath', 'open', 'close', 'exists']) {
  attempt(`${name} callback`, () => fs[name]('f', 'x'));
}
attempt('readFile no callback', () => fs.readFile('f'));
attempt('stat options no callback', () => fs.stat('f', {}));
attempt('stat bad path with callback', () => fs.stat(1, noop));
attempt('read fd', () => fs.read('f', noop));
attempt('write fd', () => fs.write('f', 'x', noop));
attempt('rm options callback', () => fs.rm('f', 'x'));
