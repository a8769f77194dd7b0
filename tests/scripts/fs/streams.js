// fs: ReadStream and WriteStream: chunking, ranges, encodings, piping,
// events and errors.
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const { pipeline } = require('stream');

const start = process.cwd();
const root = fs.mkdtempSync(path.join(os.tmpdir(), 'jstls-stream-'));
process.chdir(root);

const data = Buffer.alloc(200 * 1024);
for (let i = 0; i < data.length; i++) data[i] = (i * 7) % 251;
fs.writeFileSync('data.bin', data);

function readAll(options, done) {
  const sizes = [];
  const stream = fs.createReadStream('data.bin', options);
  stream.on('data', (chunk) => sizes.push(chunk.length));
  stream.on('end', () => done(sizes, stream));
}

const events = [];
const rs = fs.createReadStream('data.bin');
console.log(rs instanceof fs.ReadStream, rs.path, rs.pending, rs.bytesRead,
            rs.fd);
for (const name of ['open', 'ready', 'end', 'close']) {
  rs.on(name, () => events.push(name));
}
rs.on('data', () => {
  if (events[events.length - 1] !== 'data') events.push('data');
});
rs.on('close', () => {
  console.log('events', events.join(), rs.bytesRead, rs.destroyed);
  readAll({ highWaterMark: 50000 }, (sizes) => {
    console.log('highWaterMark', sizes.join());
    readAll({ start: 10, end: 19 }, (sizes) => {
      console.log('range', sizes.join());
      readAll({ start: 204790 }, (sizes) => {
        console.log('tail', sizes.join());
        encoded();
      });
    });
  });
});

function encoded() {
  fs.writeFileSync('text.txt', 'héllo wörld');
  let text = '';
  fs.createReadStream('text.txt', 'utf8')
    .on('data', (s) => { text += s; })
    .on('end', () => {
      console.log('utf8 stream', typeof text, text);
      writing();
    });
}

function writing() {
  const ws = fs.createWriteStream('out.txt');
  console.log(ws instanceof fs.WriteStream, ws.path, ws.pending);
  const seen = [];
  for (const name of ['open', 'ready', 'finish', 'close']) {
    ws.on(name, () => seen.push(name));
  }
  ws.write('abc');
  ws.write(Buffer.from('def'));
  ws.end('ghi', () => {
    console.log('end callback', fs.readFileSync('out.txt', 'utf8'),
                ws.bytesWritten);
  });
  ws.on('close', () => {
    console.log('write events', seen.join());
    const append = fs.createWriteStream('out.txt', { flags: 'a' });
    append.end('+tail');
    append.on('close', () => {
      console.log('appended', fs.readFileSync('out.txt', 'utf8'));
      const at = fs.createWriteStream('out.txt', { flags: 'r+', start: 1 });
      at.end('ZZ');
      at.on('close', () => {
        console.log('positioned', fs.readFileSync('out.txt', 'utf8'));
        piping();
      });
    });
  });
}

function piping() {
  pipeline(fs.createReadStream('data.bin'), fs.createWriteStream('copy.bin'),
           (err) => {
             const copy = fs.readFileSync('copy.bin');
             console.log('pipeline', err, copy.length, copy.equals(data));
             failures();
           });
}

function failures() {
  const bad = fs.createReadStream('missing.bin');
  bad.on('error', (err) => {
    console.log('read error', err.code, err.syscall, err.path);
  });
  bad.on('close', () => {
    console.log('read closed', bad.destroyed);
    const badWrite = fs.createWriteStream('no/such/dir.txt');
    badWrite.on('error', (err) => {
      console.log('write error', err.code, err.syscall, err.path);
    });
    badWrite.on('close', () => {
      console.log('write closed');
      destroying();
    });
  });
}

function destroying() {
  const early = fs.createReadStream('data.bin');
  early.once('data', () => {
    early.destroy();
  });
  early.on('close', () => {
    console.log('destroyed early', early.bytesRead < data.length);
    process.chdir(start);
    fs.rmSync(root, { recursive: true });
    console.log('done');
  });
}
