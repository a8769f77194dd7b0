// fs: descriptor-level calls: open flags, positioned reads and writes,
// fstat/ftruncate/fsync, whole-file calls on descriptors, and writes to
// fd 1 interleaving with console.log.
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');

const start = process.cwd();
const root = fs.mkdtempSync(path.join(os.tmpdir(), 'jstls-fd-'));
process.chdir(root);

const fd = fs.openSync('f.txt', 'w+');
console.log(typeof fd, Number.isInteger(fd), fd > 2);
console.log(fs.writeSync(fd, 'hello world'));
console.log(fs.writeSync(fd, Buffer.from('HELLO'), 0, 5, 0));
console.log(fs.writeSync(fd, Buffer.from('..xy..'), 2, 2, 20));
console.log(fs.writeSync(fd, 'é', 30, 'latin1'));
console.log(fs.writeSync(fd, new Uint8Array([33, 34]), { offset: 1,
  position: 31 }));
console.log(fs.fstatSync(fd).size);

const buf = Buffer.alloc(40, 0x2e);
console.log(fs.readSync(fd, buf, 0, 40, 0));
console.log(JSON.stringify(buf.toString('latin1')));
console.log(fs.readSync(fd, buf, { position: 6, length: 5 }),
            buf.toString('latin1', 0, 5));
console.log(fs.readSync(fd, buf, 0, 10, 1000));
console.log(fs.readSync(fd, Buffer.alloc(0)));
console.log(fs.readSync(fd, new Uint16Array(2), 0, 4, 0));

fs.ftruncateSync(fd, 5);
fs.fsyncSync(fd);
fs.fdatasyncSync(fd);
console.log(fs.fstatSync(fd).size, fs.readFileSync('f.txt', 'utf8'));
fs.closeSync(fd);

const rfd = fs.openSync('f.txt', 'r');
const first = Buffer.alloc(2);
fs.readSync(rfd, first, 0, 2, null);
console.log(first.toString(), fs.readFileSync(rfd, 'utf8'));
fs.closeSync(rfd);

const afd = fs.openSync('f.txt', 'a');
fs.writeFileSync(afd, '+appended');
fs.appendFileSync(afd, '+again');
fs.closeSync(afd);
console.log(fs.readFileSync('f.txt', 'utf8'));

const xfd = fs.openSync('new.txt', 'wx', 0o600);
console.log((fs.fstatSync(xfd).mode & 0o777).toString(8));
fs.closeSync(xfd);
const nfd = fs.openSync('num.txt', fs.constants.O_CREAT | fs.constants.O_RDWR);
fs.closeSync(nfd);
console.log(fs.existsSync('num.txt'));

console.log('before');
fs.writeSync(1, 'written to fd 1\n');
fs.writeSync(1, Buffer.from('bytes to fd 1\n'));
process.stdout.write('via process.stdout\n');
fs.writeFileSync(1, 'writeFileSync(1)\n');
console.log('after');

process.chdir(start);
fs.rmSync(root, { recursive: true });
