// fs: the synchronous API on a fresh temporary directory.  The script works
// inside it (process.chdir) so every path it prints is relative.
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');

const start = process.cwd();
const root = fs.mkdtempSync(path.join(os.tmpdir(), 'jstls-fs-'));
console.log(path.basename(root).length, /^jstls-fs-[A-Za-z0-9]{6}$/
  .test(path.basename(root)));
process.chdir(root);

// Whole files.
fs.writeFileSync('a.txt', 'héllo\n');
console.log(JSON.stringify(fs.readFileSync('a.txt', 'utf8')));
console.log(fs.readFileSync('a.txt'));
console.log(fs.readFileSync('a.txt', { encoding: 'hex' }));
console.log(fs.readFileSync('a.txt', 'base64'));
fs.appendFileSync('a.txt', 'more');
fs.appendFileSync('a.txt', Buffer.from([0x21]));
console.log(JSON.stringify(fs.readFileSync('a.txt', 'latin1')));
fs.writeFileSync('b.bin', new Uint8Array([1, 2, 3, 250]));
fs.writeFileSync('c.bin', new Uint16Array([0x4142, 0x4344]));
fs.writeFileSync('d.txt', 'cafe', 'hex');
fs.writeFileSync('e.txt', 'x', { flag: 'a' });
fs.writeFileSync('e.txt', 'y', { flag: 'a' });
console.log([...fs.readFileSync('b.bin')], fs.readFileSync('c.bin', 'latin1'),
            [...fs.readFileSync('d.txt')], fs.readFileSync('e.txt', 'utf8'));
fs.writeFileSync('mode.txt', '', { mode: 0o640 });
console.log((fs.statSync('mode.txt').mode & 0o777).toString(8));

// Stats.
const st = fs.statSync('a.txt');
console.log(st.constructor.name, st.isFile(), st.isDirectory(),
            st.isSymbolicLink(), st.isFIFO(), st.size);
console.log(Object.keys(st).join());
console.log(st.mtime instanceof Date, st.mtime.getTime() ===
            Math.round(st.mtimeMs), typeof st.ino, st.nlink);
console.log(fs.statSync('.').isDirectory(), fs.lstatSync('.').isDirectory());
console.log(fs.statSync('nope', { throwIfNoEntry: false }),
            fs.lstatSync('nope', { throwIfNoEntry: false }));
const big = fs.statSync('a.txt', { bigint: true });
console.log(typeof big.size, big.size, typeof big.mtimeNs, big.isFile());

// Directories.
console.log(fs.mkdirSync('dir'));
console.log(fs.mkdirSync('deep/er/est', { recursive: true }));
console.log(fs.mkdirSync('deep/er/est', { recursive: true }));
console.log(fs.mkdirSync('deep/other', { recursive: true }));
fs.writeFileSync('deep/er/file', '');
console.log(fs.readdirSync('.'));
console.log(fs.readdirSync('deep', { recursive: true }));
for (const d of fs.readdirSync('deep', { withFileTypes: true })) {
  console.log(d.constructor.name, d.name, d.isDirectory(), d.isFile(),
              d.parentPath, d.path);
}
for (const d of fs.readdirSync('deep', { withFileTypes: true,
  recursive: true })) {
  console.log(d.name, d.parentPath, d.isDirectory());
}
console.log(fs.readdirSync('deep', 'buffer'));
console.log(fs.existsSync('deep/er'), fs.existsSync('deep/nope'),
            fs.existsSync(), fs.existsSync(42), fs.existsSync('a\u0000b'));

// Moving, copying, removing.
fs.renameSync('a.txt', 'dir/renamed.txt');
console.log(fs.existsSync('a.txt'), fs.readFileSync('dir/renamed.txt',
                                                    'latin1').length);
fs.copyFileSync('dir/renamed.txt', 'copy.txt');
fs.copyFileSync('copy.txt', 'copy.txt');
console.log(fs.readFileSync('copy.txt', 'latin1').length);
fs.chmodSync('copy.txt', 0o600);
console.log((fs.statSync('copy.txt').mode & 0o777).toString(8));
fs.chmodSync('copy.txt', '644');
console.log((fs.statSync('copy.txt').mode & 0o777).toString(8));
fs.accessSync('copy.txt');
fs.accessSync('copy.txt', fs.constants.R_OK | fs.constants.W_OK);
fs.unlinkSync('copy.txt');
fs.rmdirSync('dir/../deep/other');
fs.rmSync('deep', { recursive: true });
fs.rmSync('nothing-here', { force: true });
fs.rmSync('b.bin');
console.log(fs.readdirSync('.'));

// Links.
fs.symlinkSync('dir/renamed.txt', 'link');
console.log(fs.readlinkSync('link'), fs.lstatSync('link').isSymbolicLink(),
            fs.statSync('link').isFile());
console.log(fs.realpathSync('link') === path.join(fs.realpathSync('.'),
                                                  'dir/renamed.txt'));
console.log(fs.realpathSync.native('link') === fs.realpathSync('link'));
fs.linkSync('e.txt', 'hard');
console.log(fs.statSync('e.txt').nlink);
fs.truncateSync('hard', 1);
console.log(fs.readFileSync('e.txt', 'utf8'));
fs.utimesSync('e.txt', 1000, new Date(2000000));
console.log(fs.statSync('e.txt').mtimeMs, fs.statSync('e.txt').atimeMs);

process.chdir(start);
fs.rmSync(root, { recursive: true, force: true });
console.log(fs.existsSync(root));
