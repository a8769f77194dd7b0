// fs: callback and promise forms, run one after the other so that the
// order of their output is fixed.
'use strict';
const fs = require('fs');
const fsp = require('fs/promises');
const os = require('os');
const path = require('path');

const start = process.cwd();
const root = fs.mkdtempSync(path.join(os.tmpdir(), 'jstls-async-'));
process.chdir(root);

function describe(err) {
  return err === null ? 'null' :
    `${err.code} ${err.syscall} ${err.message}`;
}

console.log(fsp === fs.promises, require('node:fs/promises') === fsp);

let sync = true;
fs.writeFile('a.txt', 'one', function (err) {
  console.log('writeFile', describe(err), arguments.length, 'sync:', sync);
  fs.appendFile('a.txt', '+two', (err) => {
    console.log('appendFile', describe(err));
    fs.readFile('a.txt', 'utf8', (err, text) => {
      console.log('readFile', describe(err), text);
      fs.readFile('missing', (err, data) => {
        console.log('readFile missing', describe(err), data);
        step2();
      });
    });
  });
});
sync = false;

function step2() {
  fs.stat('a.txt', (err, st) => {
    console.log('stat', describe(err), st.size, st.isFile());
    fs.mkdir('x/y', { recursive: true }, (err, made) => {
      console.log('mkdir', describe(err), made);
      fs.readdir('.', { withFileTypes: true }, (err, list) => {
        console.log('readdir', describe(err),
                    list.map((d) => `${d.name}:${d.isDirectory()}`).join());
        fs.rename('a.txt', 'x/b.txt', (err) => {
          console.log('rename', describe(err));
          fs.copyFile('x/b.txt', 'c.txt', (err) => {
            console.log('copyFile', describe(err));
            fs.access('c.txt', fs.constants.R_OK, (err) => {
              console.log('access', describe(err));
              fs.exists('c.txt', (found) => {
                console.log('exists', found);
                step3();
              });
            });
          });
        });
      });
    });
  });
}

function step3() {
  fs.open('c.txt', 'r', (err, fd) => {
    console.log('open', describe(err), typeof fd);
    const buffer = Buffer.alloc(8);
    fs.read(fd, buffer, 0, 8, 0, (err, n, buf) => {
      console.log('read', describe(err), n, buf === buffer,
                  buf.toString('utf8', 0, n));
      fs.close(fd, (err) => {
        console.log('close', describe(err));
        fs.rm('x', (err) => {
          console.log('rm dir', describe(err));
          fs.rm('x', { recursive: true }, (err) => {
            console.log('rm recursive', describe(err), fs.existsSync('x'));
            fs.unlink('nope', (err) => {
              console.log('unlink', describe(err));
              promisesPart().then(finish);
            });
          });
        });
      });
    });
  });
}

async function promisesPart() {
  await fsp.writeFile('p.txt', 'promised');
  console.log('p readFile', await fsp.readFile('p.txt', 'utf8'));
  await fsp.appendFile('p.txt', Buffer.from('!'));
  console.log('p stat', (await fsp.stat('p.txt')).size);
  console.log('p mkdir', await fsp.mkdir('q/r', { recursive: true }));
  console.log('p readdir', await fsp.readdir('.'));
  await fsp.access('p.txt');
  await fsp.rm('q', { recursive: true });
  await fsp.unlink('p.txt');
  for (const fn of [() => fsp.readFile('p.txt'), () => fsp.stat('p.txt'),
    () => fsp.readdir('nope'), () => fsp.unlink('p.txt'),
    () => fsp.access('p.txt'), () => fsp.rm('q'),
    () => fsp.mkdir('a/b/c'), () => fsp.readFile(5),
    () => fsp.writeFile('x', 5)]) {
    try {
      await fn();
      console.log('resolved?');
    } catch (err) {
      console.log('rejected', err.code, err.message);
    }
  }
  const handle = await fsp.open('c.txt', 'r+');
  console.log('handle', typeof handle.fd,
              (await handle.read(Buffer.alloc(3), 0, 3, 0)).bytesRead);
  await handle.write('XY', 0);
  console.log('handle readFile', await handle.readFile('utf8'));
  console.log('handle stat', (await handle.stat()).size);
  await handle.close();
  console.log('file', fs.readFileSync('c.txt', 'utf8'));
}

function finish() {
  process.chdir(start);
  fs.rmSync(root, { recursive: true });
  console.log('done');
}
