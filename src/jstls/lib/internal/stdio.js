// process.stdout, process.stderr and process.stdin over the host's file
// descriptors.  Output is written synchronously, as Node writes to files
// and TTYs, so nothing is lost at process.exit().  Input is read by a host
// reader that stops when the stream's buffer is full (backpressure) and
// keeps the process alive only while someone is reading.
'use strict';

const { Writable, Readable } = require('stream');
const { Buffer } = require('buffer');
const loop = require('internal/loop');

function makeWritable(fd) {
  const stream = new Writable({
    decodeStrings: false,
    write(chunk, encoding, callback) {
      if (loop.hasExited()) {
        callback();
        return;
      }
      if (typeof chunk === 'string') {
        if (encoding === 'utf8' || encoding === 'utf-8' ||
            encoding === 'buffer') {
          host.call('process.write', fd, chunk);
        } else {
          host.call('process.write_bytes', fd,
                    host.bytesOut(Buffer.from(chunk, encoding)));
        }
      } else {
        host.call('process.write_bytes', fd, host.bytesOut(chunk));
      }
      callback();
    },
  });
  stream.fd = fd;
  stream._type = 'fs';
  stream._isStdio = true;
  stream.isTTY = host.call('process.isatty', fd) || undefined;
  if (stream.isTTY) {
    stream.columns = 80;
    stream.rows = 24;
    stream.getColorDepth = () => 8;
    stream.hasColors = () => true;
  }
  // Closing stdio would lose later console output; Node ignores it too.
  stream.destroySoon = stream.destroy = function () { return this; };
  return stream;
}

function makeReadable() {
  let id = null;
  const stream = new Readable({
    read() {
      if (id === null) {
        id = host.call('process.stdin_open');
        loop.registerHandle(id, stream);
      }
      host.call('process.reader_start', id);
    },
    destroy(err, callback) {
      if (id !== null) {
        host.call('process.reader_close', id);
        loop.unregisterHandle(id);
        id = null;
      }
      callback(err);
    },
  });
  stream.fd = 0;
  stream.isTTY = host.call('process.isatty', 0) || undefined;
  stream.onHostData = function (chunk) {
    if (!stream.push(chunk)) {
      host.call('process.reader_stop', id);
    }
  };
  stream.onHostEvent = function (kind, detail) {
    if (kind === 'end') {
      stream.push(null);
    } else if (kind === 'error') {
      stream.destroy(host.fromRecord(detail));
    }
  };
  stream.setRawMode = function () { return this; };
  return stream;
}

let stdout;
let stderr;
let stdin;

module.exports = {
  stdout: () => stdout || (stdout = makeWritable(1)),
  stderr: () => stderr || (stderr = makeWritable(2)),
  stdin: () => stdin || (stdin = makeReadable()),
};
