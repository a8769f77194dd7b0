// fs: system errors (message, code, errno, syscall, path, dest) of each
// synchronous call, in a temporary directory so paths print relative.
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');

const start = process.cwd();
const root = fs.mkdtempSync(path.join(os.tmpdir(), 'jstls-err-'));
process.chdir(root);
fs.writeFileSync('file', 'data');
fs.mkdirSync('dir');
fs.mkdirSync('full');
fs.writeFileSync('full/x', '');

// realpath reports absolute paths: print the temporary root as <root>.
const realRoot = fs.realpathSync(root);
function hide(value) {
  return typeof value === 'string' ? value.split(realRoot).join('<root>') :
    value;
}

function attempt(label, fn) {
  try {
    const value = fn();
    console.log(label, 'ok', value);
  } catch (err) {
    console.log(label, `${err.name}: ${hide(err.message)}`);
    console.log('  ', err.code, err.errno, err.syscall, hide(err.path),
                err.dest, err instanceof Error);
  }
}

attempt('readFileSync missing', () => fs.readFileSync('missing'));
attempt('readFileSync dir', () => fs.readFileSync('dir'));
attempt('readFileSync under file', () => fs.readFileSync('file/x'));
attempt('writeFileSync missing dir', () => fs.writeFileSync('no/x', 'a'));
attempt('writeFileSync dir', () => fs.writeFileSync('dir', 'a'));
attempt('writeFileSync wx', () => fs.writeFileSync('file', 'a',
                                                   { flag: 'wx' }));
attempt('appendFileSync', () => fs.appendFileSync('no/x', 'a'));
attempt('statSync', () => fs.statSync('missing'));
attempt('statSync ENOTDIR', () => fs.statSync('file/x'));
attempt('statSync ENOTDIR no throw', () => fs.statSync('file/x',
  { throwIfNoEntry: false }));
attempt('lstatSync', () => fs.lstatSync('missing'));
attempt('readdirSync', () => fs.readdirSync('missing'));
attempt('readdirSync file', () => fs.readdirSync('file'));
attempt('mkdirSync exists', () => fs.mkdirSync('dir'));
attempt('mkdirSync parent', () => fs.mkdirSync('no/x'));
attempt('mkdirSync recursive file', () => fs.mkdirSync('file',
  { recursive: true }));
attempt('mkdirSync recursive under file', () => fs.mkdirSync('file/a/b',
  { recursive: true }));
attempt('mkdtempSync', () => fs.mkdtempSync('no/x-'));
attempt('unlinkSync', () => fs.unlinkSync('missing'));
attempt('unlinkSync dir', () => fs.unlinkSync('dir'));
attempt('rmdirSync', () => fs.rmdirSync('missing'));
attempt('rmdirSync file', () => fs.rmdirSync('file'));
attempt('rmdirSync full', () => fs.rmdirSync('full'));
attempt('rmSync', () => fs.rmSync('missing'));
attempt('rmSync dir', () => fs.rmSync('dir'));
attempt('renameSync', () => fs.renameSync('missing', 'other'));
attempt('renameSync into self', () => fs.renameSync('full', 'full/in'));
attempt('copyFileSync', () => fs.copyFileSync('missing', 'other'));
attempt('copyFileSync excl', () => fs.copyFileSync('file', 'full/x',
  fs.constants.COPYFILE_EXCL));
attempt('copyFileSync dir', () => fs.copyFileSync('dir', 'other'));
attempt('accessSync', () => fs.accessSync('missing'));
attempt('accessSync X_OK', () => fs.accessSync('file', fs.constants.X_OK));
attempt('realpathSync', () => fs.realpathSync('missing/deeper'));
attempt('realpathSync under file', () => fs.realpathSync('file/x'));
fs.symlinkSync('loop', 'loop');
fs.symlinkSync('nowhere', 'dangling');
attempt('realpathSync loop', () => fs.realpathSync('loop'));
attempt('realpathSync dangling', () => fs.realpathSync('dangling'));
attempt('realpathSync.native', () => fs.realpathSync.native('missing'));
attempt('statSync loop', () => fs.statSync('loop'));
attempt('chmodSync', () => fs.chmodSync('missing', 0o644));
attempt('openSync', () => fs.openSync('missing'));
attempt('openSync wx', () => fs.openSync('file', 'wx'));
attempt('readlinkSync', () => fs.readlinkSync('file'));
attempt('symlinkSync', () => fs.symlinkSync('file', 'dir'));
attempt('linkSync', () => fs.linkSync('missing', 'other'));
attempt('truncateSync', () => fs.truncateSync('missing'));
attempt('utimesSync', () => fs.utimesSync('missing', 1, 1));
attempt('closeSync', () => fs.closeSync(2147483647));
attempt('readSync', () => fs.readSync(2147483647, Buffer.alloc(1)));
attempt('writeSync', () => fs.writeSync(2147483647, 'x'));
attempt('fstatSync', () => fs.fstatSync(2147483647));

process.chdir(start);
fs.rmSync(root, { recursive: true });
