"""net over real loopback sockets: jstls against itself and against
Python peers, integrity, half-close, flow control, errors, fd hygiene."""

from __future__ import annotations

import hashlib
import json
import os
import socket
import threading


from jstls import Runtime


def run_js(source, **kwargs):
    with Runtime(capture=True, **kwargs) as rt:
        result = rt.run_script(source)
    assert "Traceback" not in result.stderr
    return result


def open_fds():
    return len(os.listdir("/proc/self/fd"))


ECHO_MANY = r"""
const net = require('net');
const crypto = require('crypto');
const CLIENTS = @CLIENTS@, SIZE = @SIZE@;
const server = net.createServer((s) => s.pipe(s));
server.listen(0, '127.0.0.1', () => {
  const port = server.address().port;
  let done = 0, bad = 0;
  for (let i = 0; i < CLIENTS; i++) {
    const payload = Buffer.alloc(SIZE, i % 251);
    for (let j = 0; j < SIZE; j += 4093) payload[j] = (i * j) & 255;
    const want = crypto.createHash('sha256').update(payload).digest('hex');
    const hash = crypto.createHash('sha256');
    let n = 0;
    const c = net.connect(port, '127.0.0.1', () => c.end(payload));
    c.on('data', (d) => { hash.update(d); n += d.length; });
    c.on('end', () => {
      if (n !== SIZE || hash.digest('hex') !== want) bad++;
      if (++done === CLIENTS) {
        console.log('done', done, 'bad', bad);
        server.close();
      }
    });
    c.on('error', (e) => { console.log('client error', e.code); bad++; });
  }
});
"""


def echo_many(clients, size):
    return ECHO_MANY.replace("@CLIENTS@", str(clients)).replace("@SIZE@", str(size))


def test_echo_200_concurrent_clients_integrity():
    result = run_js(echo_many(200, 64 * 1024))
    assert result.stdout == "done 200 bad 0\n", result.stderr


def test_echo_several_mib_each_way_integrity():
    result = run_js(echo_many(3, 6 * 1024 * 1024))
    assert result.stdout == "done 3 bad 0\n", result.stderr


def _python_echo_server():
    srv = socket.socket()
    srv.bind(("127.0.0.1", 0))
    srv.listen(8)

    def serve():
        conn, _ = srv.accept()
        with conn:
            while True:
                data = conn.recv(65536)
                if not data:
                    break
                conn.sendall(data)
        srv.close()

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    return srv.getsockname()[1], thread


def test_client_against_python_server_half_close():
    port, thread = _python_echo_server()
    result = run_js(
        "const net = require('net');"
        f"const c = net.connect({port}, '127.0.0.1');"
        "let got = '';"
        "c.setEncoding('utf8');"
        "c.on('data', (d) => got += d);"
        "c.on('end', () => console.log('end', got));"
        "c.on('close', (e) => console.log('close', e));"
        "c.write('half ');"
        "c.end('closed');"
    )
    thread.join(5)
    assert result.stdout == "end half closed\nclose false\n"


def test_server_against_python_client_sha256():
    data = os.urandom(3 * 1024 * 1024 + 17)
    digest = hashlib.sha256(data).hexdigest()
    box = {}

    def client(port):
        with socket.create_connection(("127.0.0.1", port)) as c:
            c.sendall(data)
            c.shutdown(socket.SHUT_WR)
            chunks = []
            while True:
                chunk = c.recv(65536)
                if not chunk:
                    break
                chunks.append(chunk)
        box["reply"] = b"".join(chunks)

    def start_client(port):
        box["thread"] = threading.Thread(target=client, args=(port,), daemon=True)
        box["thread"].start()

    with Runtime(capture=True) as rt:
        rt.expose("startClient", start_client)
        result = rt.run_script(
            "const net = require('net'); const crypto = require('crypto');"
            "const server = net.createServer((s) => {"
            "  const h = crypto.createHash('sha256'); let n = 0;"
            "  s.on('data', (d) => { h.update(d); n += d.length; });"
            "  s.on('end', () => {"
            "    const hex = h.digest('hex');"
            "    console.log(n, hex); s.end(hex); server.close(); });"
            "});"
            "server.listen(0, () => startClient(server.address().port));"
        )
    assert result.stdout == f"{len(data)} {digest}\n"
    box["thread"].join(10)
    assert box["reply"] == digest.encode()


def test_allow_half_open_server_keeps_writing_after_end():
    result = run_js(r"""
const net = require('net');
const server = net.createServer({ allowHalfOpen: true }, (s) => {
  s.on('end', () => {
    setTimeout(() => { s.write('late reply'); s.end(); }, 20);
  });
  s.resume();
});
server.listen(0, () => {
  const c = net.connect({ port: server.address().port, allowHalfOpen: true });
  c.end('request');
  let got = '';
  c.on('data', (d) => got += d);
  c.on('end', () => { console.log('got', got); server.close(); });
});
""")
    assert result.stdout == "got late reply\n"


def test_without_allow_half_open_the_socket_ends_itself():
    result = run_js(r"""
const net = require('net');
const server = net.createServer((s) => {
  s.on('end', () => console.log('server saw end; writable', s.writable));
  s.on('close', () => { console.log('server close'); server.close(); });
  s.resume();
});
server.listen(0, () => {
  const c = net.connect(server.address().port, () => c.end());
  c.resume();
});
""")
    assert result.stdout.splitlines() == [
        "server saw end; writable true",
        "server close",
    ] or result.stdout.splitlines()[-1] == "server close"


def test_paused_reader_stops_host_reading_and_write_returns_false():
    # The server pauses; the client writes until write() says stop, then
    # waits for 'drain' after the server resumes.  The host must not have
    # buffered the whole stream in Python meanwhile.
    result = run_js(r"""
const net = require('net');
let serverSocket;
const server = net.createServer((s) => { serverSocket = s; s.pause(); });
server.listen(0, () => {
  const c = net.connect(server.address().port, () => {
    const chunk = Buffer.alloc(64 * 1024, 1);
    let writes = 0;
    while (c.write(chunk)) writes++;
    console.log('write returned false after', writes < 1000 ? 'some' : 'too many');
    setTimeout(() => {
      const buffered = c.writableLength;
      console.log('client still holds data', buffered > 0);
      let received = 0;
      serverSocket.on('data', (d) => { received += d.length; });
      serverSocket.resume();
      c.once('drain', () => {
        console.log('drain');
        c.end();
        serverSocket.on('end', () => { console.log('all received', received > 0); server.close(); });
      });
    }, 50);
  });
});
""")
    assert result.stdout.splitlines() == [
        "write returned false after some",
        "client still holds data true",
        "drain",
        "all received true",
    ]


def test_set_timeout_emits_timeout():
    result = run_js(r"""
const net = require('net');
const server = net.createServer((s) => {
  s.setTimeout(30, () => { console.log('server timeout'); s.destroy(); });
});
server.listen(0, () => {
  const c = net.connect(server.address().port);
  c.on('close', () => { console.log('client close'); server.close(); });
});
""")
    assert result.stdout == "server timeout\nclient close\n"


def test_unix_domain_socket(tmp_path):
    path = str(tmp_path / "sock")
    result = run_js(f"""
const net = require('net');
const server = net.createServer((s) => s.end('over unix'));
server.listen({path!r}, () => {{
  console.log('address is path', server.address() === {path!r});
  const c = net.connect({path!r});
  let got = '';
  c.on('data', (d) => got += d);
  c.on('end', () => {{ console.log(got); server.close(); }});
}});
""")
    assert result.stdout == "address is path true\nover unix\n"
    assert not os.path.exists(path)


def test_error_codes():
    result = run_js(r"""
const net = require('net');
const s1 = net.createServer().listen(0, '127.0.0.1', () => {
  const port = s1.address().port;
  const s2 = net.createServer();
  s2.on('error', (e) => {
    console.log('listen', e.code, e.syscall, e.address, e.port === port, e.errno);
    s1.close(() => {
      const c = net.connect(port, '127.0.0.1');
      c.on('error', (e) => {
        console.log('connect', e.code, e.syscall, e.address, e.port === port);
        const d = net.connect(80, 'no-such-host.invalid');
        d.on('error', (e) => console.log('lookup', e.code, e.syscall, e.hostname));
      });
    });
  });
  s2.listen(port, '127.0.0.1');
});
for (const bad of [-1, 65536, 1.5, NaN]) {
  try { net.connect(bad); } catch (e) { console.log('port', e.name, e.code); }
}
try { net.createServer().listen({}); } catch (e) { console.log('listen {}', e.code); }
""")
    lines = result.stdout.splitlines()
    assert lines[:5] == ["port RangeError ERR_SOCKET_BAD_PORT"] * 4 + [
        "listen {} ERR_INVALID_ARG_VALUE"
    ]
    assert lines[5] == "listen EADDRINUSE listen 127.0.0.1 true -98"
    assert lines[6] == "connect ECONNREFUSED connect 127.0.0.1 true"
    assert lines[7] in (
        "lookup ENOTFOUND getaddrinfo no-such-host.invalid",
        "lookup EAI_AGAIN getaddrinfo no-such-host.invalid",
    )


def test_server_survives_a_client_that_resets():
    result = run_js(r"""
const net = require('net');
let errors = 0;
const server = net.createServer((s) => {
  s.on('error', (e) => errors++);
  s.on('data', () => {});
});
server.listen(0, () => {
  const port = server.address().port;
  const rude = net.connect(port, () => {
    rude.write('x'.repeat(1000));
    rude.resetAndDestroy ? rude.resetAndDestroy() : rude.destroy();
    setTimeout(() => {
      const polite = net.connect(port, () => {
        console.log('still serving');
        polite.end();
        server.close();
      });
    }, 20);
  });
});
""")
    assert result.stdout == "still serving\n"


def test_no_fd_leak_after_many_connections():
    before = open_fds()
    result = run_js(r"""
const net = require('net');
const TOTAL = 10000;
let started = 0, done = 0;
const server = net.createServer((s) => s.end('x'));
server.listen(0, '127.0.0.1', () => {
  const port = server.address().port;
  function next() {
    if (started === TOTAL) return;
    started++;
    const c = net.connect(port, '127.0.0.1');
    c.resume();
    c.on('close', () => {
      if (++done === TOTAL) server.close(() => console.log('closed after', done));
      else next();
    });
  }
  for (let i = 0; i < 8; i++) next();
});
""")
    assert result.stdout == "closed after 10000\n"
    assert open_fds() <= before + 1


def test_write_after_end_and_bad_chunks():
    result = run_js(r"""
const net = require('net');
const server = net.createServer((s) => s.resume());
server.listen(0, () => {
  const c = net.connect(server.address().port, () => {
    try { c.write(42); } catch (e) { console.log('bad chunk', e.name, e.code); }
    c.end();
    c.write('after', (err) => console.log('write cb', err && err.code));
    c.on('error', (e) => console.log('error event', e.code));
    c.on('close', () => server.close());
  });
});
""")
    assert result.stdout.splitlines() == [
        "bad chunk TypeError ERR_INVALID_ARG_TYPE",
        "write cb ERR_STREAM_WRITE_AFTER_END",
        "error event ERR_STREAM_WRITE_AFTER_END",
    ]


def test_ipv6_loopback_and_dual_stack():
    result = run_js(r"""
const net = require('net');
const v6 = net.createServer((s) => s.end(s.remoteFamily));
v6.listen(0, '::1', () => {
  const c = net.connect(v6.address().port, '::1');
  let got = '';
  c.on('data', (d) => got += d);
  c.on('end', () => {
    console.log('over ::1:', got, v6.address().family);
    v6.close();
    // No host: '::', which also takes IPv4 connections, as in Node.
    const dual = net.createServer((s) => s.end(s.remoteAddress));
    dual.listen(0, () => {
      const d = net.connect(dual.address().port, '127.0.0.1');
      let addr = '';
      d.on('data', (x) => addr += x);
      d.on('end', () => {
        console.log('dual stack:', dual.address().address, addr);
        dual.close();
      });
    });
  });
});
""")
    assert result.stdout == (
        "over ::1: IPv6 IPv6\ndual stack: :: ::ffff:127.0.0.1\n"
    )


def test_max_connections_refuses_extra_clients():
    result = run_js(r"""
const net = require('net');
const server = net.createServer((s) => s.resume());
server.maxConnections = 1;
server.listen(0, () => {
  const port = server.address().port;
  const first = net.connect(port, () => {
    const second = net.connect(port);
    second.on('end', () => {
      server.getConnections((err, n) => {
        console.log('second refused; connections', err, n);
        first.end();
        server.close();
      });
    });
    second.resume();
  });
});
""")
    assert result.stdout == "second refused; connections null 1\n"


def test_lookup_event_and_custom_lookup():
    result = run_js(r"""
const net = require('net');
const server = net.createServer((s) => s.end());
server.listen(0, '127.0.0.1', () => {
  const port = server.address().port;
  const c = net.connect({ port, host: 'example.invalid',
    // Node 20 asks for all addresses (autoSelectFamily); the docs' form
    // answers one.
    lookup: (host, opts, cb) => setImmediate(() => opts.all ?
      cb(null, [{ address: '127.0.0.1', family: 4 }]) :
      cb(null, '127.0.0.1', 4)) });
  c.on('lookup', (err, address, family, host) =>
    console.log('lookup', err, address, family, host));
  c.on('connect', () => console.log('connected via custom lookup'));
  c.resume();
  c.on('close', () => server.close());
});
""")
    assert result.stdout == (
        "lookup null 127.0.0.1 4 example.invalid\nconnected via custom lookup\n"
    )


def test_fast_sender_meets_paused_reader_memory_stays_bounded():
    # A Python peer writes as fast as it can; the jstls server pauses the
    # socket.  The host must stop reading, so the sender blocks on a full
    # kernel buffer and our process does not swallow the stream.

    box = {"sent": 0}
    stop = threading.Event()

    def sender(port):
        chunk = b"z" * 65536
        with socket.create_connection(("127.0.0.1", port)) as c:
            c.settimeout(0.5)
            try:
                while not stop.is_set() and box["sent"] < 512 * 1024 * 1024:
                    c.sendall(chunk)
                    box["sent"] += len(chunk)
            except (socket.timeout, OSError):
                pass

    def start_sender(port):
        box["thread"] = threading.Thread(target=sender, args=(port,), daemon=True)
        box["thread"].start()

    def rss_mib():
        with open("/proc/self/statm") as f:
            return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20

    def sent_mib():
        return box["sent"] / 2**20

    before = rss_mib()
    with Runtime(capture=True) as rt:
        rt.expose("startSender", start_sender)
        rt.expose("sentMiB", sent_mib)
        rt.expose("rssMiB", rss_mib)
        result = rt.run_script(r"""
const net = require('net');
const server = net.createServer((s) => {
  s.pause();
  setTimeout(() => {
    const sent = sentMiB();
    console.log(JSON.stringify({ sent, rss: rssMiB(), buffered: s.readableLength }));
    s.destroy();
    server.close();
  }, 1500);
});
server.listen(0, '127.0.0.1', () => startSender(server.address().port));
""")
    stop.set()
    box["thread"].join(5)
    figures = json.loads(result.stdout)
    # The sender was stopped by flow control long before 512 MiB...
    assert figures["sent"] < 64, figures
    # ...and what JS holds is at most a high-water mark's worth plus one read.
    assert figures["buffered"] <= 16384 + 4 * 65536, figures
    assert figures["rss"] - before < 64, (figures, before)


def test_stdin_piped_into_a_socket(tmp_path):
    # The tls docs' client does process.stdin.pipe(socket): here with net,
    # a jstls process whose stdin is a pipe, talking to a Python echo peer.
    from conftest import run_jstls

    port, thread = _python_echo_server()
    script = tmp_path / "pipe.js"
    script.write_text(
        "const net = require('net');"
        f"const socket = net.connect({port}, '127.0.0.1');"
        "process.stdin.pipe(socket);"
        "socket.pipe(process.stdout);"
    )
    payload = b"".join(b"line %d\n" % i for i in range(20000))
    proc = run_jstls(["run", str(script)], input=payload)
    thread.join(5)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == payload
