"""``fs`` under jstls, on real temporary directories.

Each test runs a small script through ``Runtime(capture=True)`` and checks
what it printed against the file system as Python sees it, or against the
exact error Node 20 raises (message, code, errno, syscall, path).
"""

from __future__ import annotations

import errno
import json
import os
import stat

import pytest

from jstls import Runtime
from jstls.bindings.fs import FsBinding, uv_error


def run(source, expect_exit=0, **runtime_options):
    result = Runtime(capture=True, **runtime_options).run_script(source)
    assert result.exit_code == expect_exit, result.stderr
    return result.stdout


def run_json(source, **runtime_options):
    """Run ``source``; it prints one JSON document, which is returned."""
    return json.loads(run(source, **runtime_options))


def js(value):
    return json.dumps(str(value))


ERROR_FIELDS = """
function fields(err) {
  return { name: err.name, message: err.message, code: err.code,
           errno: err.errno, syscall: err.syscall, path: err.path,
           dest: err.dest, keys: Object.keys(err).sort() };
}
function attempt(fn) {
  try { return { ok: true, value: fn() }; } catch (err) { return fields(err); }
}
"""


# -- whole files --------------------------------------------------------------


def test_write_and_read_text_and_bytes(tmp_path):
    out = run_json(f"""
        const fs = require('fs');
        const dir = {js(tmp_path)};
        fs.writeFileSync(dir + '/t.txt', 'héllo');
        const all = Buffer.alloc(256);
        for (let i = 0; i < 256; i++) all[i] = i;
        fs.writeFileSync(dir + '/b.bin', all);
        fs.appendFileSync(dir + '/t.txt', ' wörld');
        const back = fs.readFileSync(dir + '/b.bin');
        console.log(JSON.stringify({{
          text: fs.readFileSync(dir + '/t.txt', 'utf8'),
          viaOption: fs.readFileSync(dir + '/t.txt', {{ encoding: 'utf8' }}),
          hex: fs.readFileSync(dir + '/t.txt', 'hex'),
          isBuffer: Buffer.isBuffer(back),
          same: back.equals(all),
        }}));
    """)
    assert out["text"] == out["viaOption"] == "héllo wörld"
    assert out["hex"] == "héllo wörld".encode().hex()
    assert out["isBuffer"] and out["same"]
    assert (tmp_path / "b.bin").read_bytes() == bytes(range(256))
    assert (tmp_path / "t.txt").read_text("utf-8") == "héllo wörld"


def test_large_file_round_trip_uses_the_bytes_codec(tmp_path):
    data = os.urandom(3 * 1024 * 1024 + 5)
    (tmp_path / "in.bin").write_bytes(data)
    out = run(f"""
        const fs = require('fs');
        const b = fs.readFileSync({js(tmp_path / 'in.bin')});
        fs.writeFileSync({js(tmp_path / 'out.bin')}, b);
        console.log(b.length);
    """)
    assert out.strip() == str(len(data))
    assert (tmp_path / "out.bin").read_bytes() == data


def test_write_options_mode_flag_and_typed_arrays(tmp_path):
    run(f"""
        const fs = require('fs');
        const dir = {js(tmp_path)};
        fs.writeFileSync(dir + '/m', 'x', {{ mode: 0o600 }});
        fs.writeFileSync(dir + '/octal', 'x', {{ mode: '640' }});
        fs.writeFileSync(dir + '/a', 'one');
        fs.writeFileSync(dir + '/a', 'two', {{ flag: 'a' }});
        fs.writeFileSync(dir + '/u16', new Uint16Array([0x4241]));
        fs.writeFileSync(dir + '/dv', new DataView(new ArrayBuffer(3)));
        fs.writeFileSync(dir + '/hex', 'cafe', 'hex');
    """)
    assert stat.S_IMODE(os.stat(tmp_path / "m").st_mode) == 0o600
    assert stat.S_IMODE(os.stat(tmp_path / "octal").st_mode) == 0o640
    assert (tmp_path / "a").read_text() == "onetwo"
    assert (tmp_path / "u16").read_bytes() == b"AB"
    assert (tmp_path / "dv").read_bytes() == b"\0\0\0"
    assert (tmp_path / "hex").read_bytes() == b"\xca\xfe"


def test_read_errors_match_node(tmp_path):
    (tmp_path / "d").mkdir()
    out = run_json(ERROR_FIELDS + f"""
        const fs = require('fs');
        process.chdir({js(tmp_path)});
        console.log(JSON.stringify({{
          missing: attempt(() => fs.readFileSync('/nope')),
          dir: attempt(() => fs.readFileSync('d')),
          write: attempt(() => fs.writeFileSync('no/x', 'a')),
        }}));
    """)
    assert out["missing"] == {
        "name": "Error",
        "message": "ENOENT: no such file or directory, open '/nope'",
        "code": "ENOENT",
        "errno": -2,
        "syscall": "open",
        "path": "/nope",
        "keys": ["code", "errno", "path", "syscall"],
    }
    assert out["dir"]["message"] == "EISDIR: illegal operation on a directory, read"
    assert out["dir"]["syscall"] == "read" and "path" not in out["dir"]
    assert out["dir"]["errno"] == -errno.EISDIR
    assert out["write"]["message"] == "ENOENT: no such file or directory, open 'no/x'"


# -- metadata -----------------------------------------------------------------


def test_stat_matches_python(tmp_path):
    target = tmp_path / "f"
    target.write_bytes(b"12345")
    os.utime(target, ns=(1_600_000_000_123_456_789, 1_500_000_000_987_654_321))
    out = run_json(f"""
        const fs = require('fs');
        const s = fs.statSync({js(target)});
        const b = fs.statSync({js(target)}, {{ bigint: true }});
        console.log(JSON.stringify({{
          size: s.size, mode: s.mode, ino: s.ino, nlink: s.nlink, uid: s.uid,
          atimeMs: s.atimeMs, mtimeMs: s.mtimeMs,
          mtime: s.mtime.toISOString(), isFile: s.isFile(),
          isDirectory: s.isDirectory(), ctor: s.constructor.name,
          keys: Object.keys(s),
          bigSize: typeof b.size, mtimeNs: String(b.mtimeNs),
          missing: fs.statSync({js(tmp_path / 'no')},
                               {{ throwIfNoEntry: false }}) === undefined,
        }}));
    """)
    st = os.stat(target)
    assert out["size"] == 5 and out["mode"] == st.st_mode
    assert out["ino"] == st.st_ino and out["nlink"] == 1
    assert out["uid"] == st.st_uid
    assert out["mtimeMs"] == 1_500_000_000 * 1e3 + 987_654_321 / 1e6
    assert out["atimeMs"] == 1_600_000_000 * 1e3 + 123_456_789 / 1e6
    assert out["mtime"] == "2017-07-14T02:40:00.988Z"
    assert out["isFile"] and not out["isDirectory"]
    assert out["ctor"] == "Stats"
    assert out["keys"][:3] == ["dev", "mode", "nlink"]
    assert out["keys"][-4:] == ["atime", "mtime", "ctime", "birthtime"]
    assert out["bigSize"] == "bigint"
    assert out["mtimeNs"] == "1500000000987654321"
    assert out["missing"]


def test_throw_if_no_entry_false_still_throws_enotdir(tmp_path):
    (tmp_path / "file").write_text("x")
    out = run_json(ERROR_FIELDS + f"""
        const fs = require('fs');
        process.chdir({js(tmp_path)});
        console.log(JSON.stringify(attempt(() =>
          fs.statSync('file/x', {{ throwIfNoEntry: false }}))));
    """)
    assert out["code"] == "ENOTDIR" and out["syscall"] == "stat"


def test_lstat_and_links(tmp_path):
    (tmp_path / "real").write_text("data")
    os.symlink("real", tmp_path / "link")
    os.symlink("loop", tmp_path / "loop")
    os.symlink("nowhere", tmp_path / "dangling")
    out = run_json(ERROR_FIELDS + f"""
        const fs = require('fs');
        process.chdir({js(tmp_path)});
        console.log(JSON.stringify({{
          lstat: fs.lstatSync('link').isSymbolicLink(),
          stat: fs.statSync('link').isFile(),
          readlink: fs.readlinkSync('link'),
          realpath: fs.realpathSync('link'),
          native: fs.realpathSync.native('link'),
          loop: attempt(() => fs.realpathSync('loop')),
          dangling: attempt(() => fs.realpathSync('dangling')),
          missing: attempt(() => fs.realpathSync('gone/deeper')),
        }}));
    """)
    real = os.path.realpath(tmp_path / "real")
    assert out["lstat"] and out["stat"]
    assert out["readlink"] == "real"
    assert out["realpath"] == out["native"] == real
    base = os.path.realpath(tmp_path)
    assert out["loop"]["code"] == "ELOOP"
    assert out["loop"]["message"] == (
        f"ELOOP: too many symbolic links encountered, stat '{base}/loop'"
    )
    assert out["dangling"]["syscall"] == "stat"
    assert out["dangling"]["path"] == f"{base}/dangling"
    assert out["missing"]["syscall"] == "lstat"
    assert out["missing"]["path"] == f"{base}/gone"


def test_access_and_exists(tmp_path):
    (tmp_path / "f").write_text("x")
    os.chmod(tmp_path / "f", 0o644)
    out = run_json(ERROR_FIELDS + f"""
        const fs = require('fs');
        process.chdir({js(tmp_path)});
        console.log(JSON.stringify({{
          ok: attempt(() => fs.accessSync('f', fs.constants.R_OK)),
          exec: attempt(() => fs.accessSync('f', fs.constants.X_OK)),
          missing: attempt(() => fs.accessSync('g')),
          range: attempt(() => fs.accessSync('f', 8)),
          exists: [fs.existsSync('f'), fs.existsSync('g'), fs.existsSync(),
                   fs.existsSync('a\\u0000b')],
        }}));
    """)
    assert out["ok"] == {"ok": True}
    assert out["exec"]["code"] == "EACCES"
    assert out["exec"]["message"] == "EACCES: permission denied, access 'f'"
    assert out["missing"]["message"] == (
        "ENOENT: no such file or directory, access 'g'"
    )
    assert out["range"]["name"] == "RangeError"
    assert out["range"]["message"] == "mode is out of range: >= 0 && <= 7"
    assert out["exists"] == [True, False, False, False]


def test_chmod_and_utimes(tmp_path):
    (tmp_path / "f").write_text("x")
    run(f"""
        const fs = require('fs');
        fs.chmodSync({js(tmp_path / 'f')}, 0o751);
        fs.utimesSync({js(tmp_path / 'f')}, 1000, new Date(2000500));
    """)
    st = os.stat(tmp_path / "f")
    assert stat.S_IMODE(st.st_mode) == 0o751
    assert st.st_atime_ns == 1000 * 10**9
    assert st.st_mtime_ns == 2000 * 10**9 + 500 * 10**6


# -- directories --------------------------------------------------------------


def test_readdir_order_and_types(tmp_path):
    for name in ["b", "B", "a", "_", "10", "9", ".h", "é"]:
        (tmp_path / name).write_text("")
    (tmp_path / "sub").mkdir()
    os.symlink("a", tmp_path / "ln")
    os.mkfifo(tmp_path / "fifo")
    out = run_json(f"""
        const fs = require('fs');
        const dir = {js(tmp_path)};
        const typed = fs.readdirSync(dir, {{ withFileTypes: true }});
        const kinds = {{}};
        for (const d of typed) {{
          kinds[d.name] = ['isFile', 'isDirectory', 'isSymbolicLink',
            'isFIFO'].filter((m) => d[m]())[0];
        }}
        console.log(JSON.stringify({{
          names: fs.readdirSync(dir),
          kinds,
          parent: typed[0].parentPath === dir && typed[0].path === dir,
          buffers: fs.readdirSync(dir, 'buffer').every(Buffer.isBuffer),
        }}));
    """)
    expected = sorted(os.listdir(tmp_path), key=lambda n: n.encode())
    assert out["names"] == expected
    assert out["names"][:3] == [".h", "10", "9"]
    assert out["kinds"]["sub"] == "isDirectory"
    assert out["kinds"]["ln"] == "isSymbolicLink"
    assert out["kinds"]["fifo"] == "isFIFO"
    assert out["kinds"]["a"] == "isFile"
    assert out["parent"] and out["buffers"]


def test_readdir_recursive_is_breadth_first(tmp_path):
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "c").mkdir()
    for rel in ["z", "a/y", "a/b/x", "c/w"]:
        (tmp_path / rel).write_text("")
    out = run_json(f"""
        const fs = require('fs');
        const dir = {js(tmp_path)};
        console.log(JSON.stringify({{
          names: fs.readdirSync(dir, {{ recursive: true }}),
          dirents: fs.readdirSync(dir, {{ recursive: true,
            withFileTypes: true }}).map((d) => [d.name,
              d.parentPath.slice(dir.length)]),
        }}));
    """)
    assert out["names"] == ["a", "c", "z", "a/b", "a/y", "c/w", "a/b/x"]
    assert out["dirents"][3] == ["b", "/a"]
    assert out["dirents"][-1] == ["x", "/a/b"]


def test_mkdir_recursive_and_mkdtemp(tmp_path):
    (tmp_path / "file").write_text("")
    out = run_json(ERROR_FIELDS + f"""
        const fs = require('fs');
        process.chdir({js(tmp_path)});
        console.log(JSON.stringify({{
          plain: fs.mkdirSync('p') === undefined,
          first: fs.mkdirSync('x/y/z', {{ recursive: true }}),
          again: fs.mkdirSync('x/y/z', {{ recursive: true }}) === undefined,
          partial: fs.mkdirSync('x/q/r', {{ recursive: true }}),
          exists: attempt(() => fs.mkdirSync('p')),
          overFile: attempt(() => fs.mkdirSync('file', {{ recursive: true }})),
          underFile: attempt(() => fs.mkdirSync('file/a', {{ recursive: true }})),
          noParent: attempt(() => fs.mkdirSync('n/a')),
          temp: fs.mkdtempSync('tmp-'),
          tempError: attempt(() => fs.mkdtempSync('nope/t-')),
        }}));
    """)
    assert out["plain"] and out["again"]
    assert out["first"] == "x" and out["partial"] == "x/q"
    assert (tmp_path / "x" / "q" / "r").is_dir()
    assert out["exists"]["message"] == "EEXIST: file already exists, mkdir 'p'"
    assert out["overFile"]["code"] == "EEXIST"
    assert out["underFile"]["code"] == "ENOTDIR"
    assert out["underFile"]["path"] == "file/a"
    assert out["noParent"]["code"] == "ENOENT"
    assert out["temp"].startswith("tmp-") and len(out["temp"]) == 10
    assert stat.S_IMODE(os.stat(tmp_path / out["temp"]).st_mode) == 0o700
    assert out["tempError"]["message"] == (
        "ENOENT: no such file or directory, mkdtemp 'nope/t-XXXXXX'"
    )


def test_rm_rmdir_unlink(tmp_path):
    (tmp_path / "tree" / "deep").mkdir(parents=True)
    (tmp_path / "tree" / "deep" / "f").write_text("")
    (tmp_path / "full").mkdir()
    (tmp_path / "full" / "f").write_text("")
    (tmp_path / "gone").write_text("")
    out = run_json(ERROR_FIELDS + f"""
        const fs = require('fs');
        process.chdir({js(tmp_path)});
        const isDir = attempt(() => fs.rmSync('tree'));
        console.log(JSON.stringify({{
          isDir,
          isDirInfo: (() => {{ try {{ fs.rmSync('tree'); }}
                               catch (e) {{ return e.info; }} }})(),
          missing: attempt(() => fs.rmSync('nothing')),
          forced: attempt(() => fs.rmSync('nothing', {{ force: true }})),
          recursive: attempt(() => fs.rmSync('tree', {{ recursive: true }})),
          notEmpty: attempt(() => fs.rmdirSync('full')),
          unlinkDir: attempt(() => fs.unlinkSync('full')),
          unlink: attempt(() => fs.unlinkSync('gone')),
          badOption: attempt(() => fs.rmSync('x', {{ recursive: 1 }})),
        }}));
    """)
    assert out["isDir"]["name"] == "SystemError"
    assert out["isDir"]["code"] == "ERR_FS_EISDIR"
    assert out["isDir"]["message"] == (
        "Path is a directory: rm returned EISDIR (is a directory) tree"
    )
    assert out["isDir"]["errno"] == errno.EISDIR
    assert out["isDir"]["syscall"] == "rm" and out["isDir"]["path"] == "tree"
    assert out["isDirInfo"] == {
        "code": "EISDIR", "message": "is a directory", "path": "tree",
        "syscall": "rm", "errno": errno.EISDIR,
    }
    assert out["missing"]["syscall"] == "lstat"
    assert out["forced"] == out["recursive"] == {"ok": True}
    assert not (tmp_path / "tree").exists()
    assert out["notEmpty"]["message"] == (
        "ENOTEMPTY: directory not empty, rmdir 'full'"
    )
    assert out["unlinkDir"]["code"] == "EISDIR"
    assert not (tmp_path / "gone").exists()
    assert out["badOption"]["code"] == "ERR_INVALID_ARG_TYPE"
    assert out["badOption"]["message"] == (
        'The "options.recursive" property must be of type boolean. '
        "Received type number (1)"
    )


def test_rename_and_copy(tmp_path):
    (tmp_path / "src").write_text("payload")
    os.chmod(tmp_path / "src", 0o640)
    out = run_json(ERROR_FIELDS + f"""
        const fs = require('fs');
        process.chdir({js(tmp_path)});
        fs.copyFileSync('src', 'copy');
        fs.copyFileSync('copy', 'copy');
        console.log(JSON.stringify({{
          excl: attempt(() => fs.copyFileSync('src', 'copy',
                                              fs.constants.COPYFILE_EXCL)),
          missing: attempt(() => fs.copyFileSync('none', 'x')),
          rename: attempt(() => fs.renameSync('src', 'moved')),
          renameMissing: attempt(() => fs.renameSync('src', 'x')),
        }}));
    """)
    assert (tmp_path / "copy").read_text() == "payload"
    assert stat.S_IMODE(os.stat(tmp_path / "copy").st_mode) == 0o640
    assert out["excl"]["message"] == (
        "EEXIST: file already exists, copyfile 'src' -> 'copy'"
    )
    assert out["excl"]["dest"] == "copy"
    assert out["missing"]["syscall"] == "copyfile"
    assert (tmp_path / "moved").read_text() == "payload"
    assert out["renameMissing"]["message"] == (
        "ENOENT: no such file or directory, rename 'src' -> 'x'"
    )
    assert out["renameMissing"]["keys"] == [
        "code", "dest", "errno", "path", "syscall",
    ]


# -- descriptors --------------------------------------------------------------


def test_fd_calls(tmp_path):
    out = run_json(ERROR_FIELDS + f"""
        const fs = require('fs');
        const fd = fs.openSync({js(tmp_path / 'f')}, 'w+');
        const written = [fs.writeSync(fd, 'hello'),
          fs.writeSync(fd, Buffer.from('J'), 0, 1, 0),
          fs.writeSync(fd, 'Z', 10)];
        const buf = Buffer.alloc(11);
        const read = fs.readSync(fd, buf, 0, 11, 0);
        const size = fs.fstatSync(fd).size;
        fs.ftruncateSync(fd, 3);
        fs.closeSync(fd);
        console.log(JSON.stringify({{
          written, read, size, text: buf.toString('latin1'),
          closed: attempt(() => fs.closeSync(fd)),
          badFd: attempt(() => fs.readSync(-1, buf)),
          badBuffer: attempt(() => fs.readSync(0, 'x')),
          badLength: attempt(() => fs.readSync(0, Buffer.alloc(4), 0, 5, 0)),
        }}));
    """)
    assert out["written"] == [5, 1, 1]
    assert out["read"] == 11 and out["size"] == 11
    assert out["text"] == "Jello\0\0\0\0\0Z"
    assert (tmp_path / "f").read_bytes() == b"Jel"
    assert out["closed"]["message"] == "EBADF: bad file descriptor, close"
    assert "path" not in out["closed"]
    assert out["badFd"]["message"] == (
        'The value of "fd" is out of range. It must be >= 0 && <= '
        "2147483647. Received -1"
    )
    assert out["badBuffer"]["message"] == (
        'The "buffer" argument must be an instance of Buffer, TypedArray, '
        "or DataView. Received type string ('x')"
    )
    assert out["badLength"]["name"] == "RangeError"


def test_fd_1_goes_through_captured_stdout():
    out = run("""
        const fs = require('fs');
        console.log('a');
        fs.writeSync(1, 'b\\n');
        fs.writeSync(1, Buffer.from('c\\n'));
        fs.writeFileSync(1, 'd\\n');
        console.log('e');
    """)
    assert out == "a\nb\nc\nd\ne\n"


def test_read_file_from_stdin_descriptor(tmp_path):
    read_end, write_end = os.pipe()
    os.write(write_end, b"from stdin")
    os.close(write_end)
    try:
        out = run("""
            const fs = require('fs');
            console.log(fs.readFileSync(0, 'utf8'));
        """, stdin_fd=read_end)
    finally:
        os.close(read_end)
    assert out == "from stdin\n"


# -- callbacks and promises ---------------------------------------------------


def test_callbacks_run_after_ticks_not_synchronously(tmp_path):
    (tmp_path / "f").write_text("x")
    out = run(f"""
        const fs = require('fs');
        const order = [];
        fs.readFile({js(tmp_path / 'f')}, 'utf8', (err, text) => {{
          order.push('readFile ' + err + ' ' + text);
        }});
        fs.stat({js(tmp_path / 'none')}, (err) => order.push('stat ' + err.code));
        process.nextTick(() => order.push('tick'));
        Promise.resolve().then(() => order.push('promise'));
        order.push('sync');
        setTimeout(() => console.log(order.join('|')), 20);
    """)
    assert out.strip() == "sync|tick|promise|readFile null x|stat ENOENT"


def test_callback_validation_is_synchronous():
    out = run_json(ERROR_FIELDS + """
        const fs = require('fs');
        console.log(JSON.stringify({
          noCb: attempt(() => fs.readFile('x')),
          badCb: attempt(() => fs.unlink('x', 'nope')),
          badPath: attempt(() => fs.stat(1, () => {})),
        }));
    """)
    assert out["noCb"]["message"] == (
        'The "cb" argument must be of type function. Received undefined'
    )
    assert out["noCb"]["code"] == "ERR_INVALID_ARG_TYPE"
    assert out["noCb"]["name"] == "TypeError"
    assert out["badCb"]["message"].endswith("Received type string ('nope')")
    assert out["badPath"]["message"] == (
        'The "path" argument must be of type string or an instance of Buffer '
        "or URL. Received type number (1)"
    )


def test_callback_results_and_errors(tmp_path):
    out = run_json(f"""
        const fs = require('fs');
        const dir = {js(tmp_path)};
        const results = {{}};
        fs.mkdir(dir + '/a/b', {{ recursive: true }}, (err, made) => {{
          results.mkdir = [err, made && made.slice(dir.length)];
          fs.writeFile(dir + '/a/f', 'data', (...args) => {{
            results.writeFileArgs = args.length;
            fs.readdir(dir + '/a', (err, names) => {{
              results.readdir = names;
              fs.unlink(dir + '/nope', (err) => {{
                results.unlink = [err.code, err.syscall, err.errno];
                fs.exists(dir + '/a/f', (found) => {{
                  results.exists = found;
                  fs.rm(dir + '/a', (err) => {{
                    results.rmDir = err.code;
                    console.log(JSON.stringify(results));
                  }});
                }});
              }});
            }});
          }});
        }});
    """)
    assert out == {
        "mkdir": [None, "/a"],
        "writeFileArgs": 1,
        "readdir": ["b", "f"],
        "unlink": ["ENOENT", "unlink", -2],
        "exists": True,
        "rmDir": "ERR_FS_EISDIR",
    }


def test_promises(tmp_path):
    out = run_json(f"""
        const fsp = require('fs/promises');
        const dir = {js(tmp_path)};
        (async () => {{
          const r = {{ same: fsp === require('fs').promises }};
          await fsp.writeFile(dir + '/p', 'promised');
          r.read = await fsp.readFile(dir + '/p', 'utf8');
          r.size = (await fsp.stat(dir + '/p')).size;
          r.made = (await fsp.mkdir(dir + '/m/n', {{ recursive: true }}))
            .slice(dir.length);
          r.list = await fsp.readdir(dir);
          await fsp.access(dir + '/p');
          await fsp.rm(dir + '/m', {{ recursive: true }});
          await fsp.unlink(dir + '/p');
          r.errors = [];
          for (const fn of [() => fsp.readFile(dir + '/p'),
            () => fsp.access(dir + '/p'), () => fsp.readFile(7)]) {{
            try {{ await fn(); r.errors.push('resolved'); }}
            catch (e) {{ r.errors.push(e.code); }}
          }}
          const handle = await fsp.open(dir + '/h', 'w+');
          await handle.writeFile('handle data');
          r.handle = (await handle.read(Buffer.alloc(6), 0, 6, 0)).bytesRead;
          await handle.close();
          console.log(JSON.stringify(r));
        }})();
    """)
    assert out["same"] and out["read"] == "promised" and out["size"] == 8
    assert out["made"] == "/m" and out["list"] == ["m", "p"]
    assert out["errors"] == ["ENOENT", "ENOENT", "ERR_INVALID_ARG_TYPE"]
    assert out["handle"] == 6
    assert (tmp_path / "h").read_text() == "handle data"


# -- streams ------------------------------------------------------------------


def test_read_stream_chunks_and_write_stream(tmp_path):
    data = bytes(range(256)) * 1000  # 256000 bytes
    (tmp_path / "in").write_bytes(data)
    out = run_json(f"""
        const fs = require('fs');
        const sizes = [];
        const events = [];
        const rs = fs.createReadStream({js(tmp_path / 'in')});
        const ws = fs.createWriteStream({js(tmp_path / 'out')});
        rs.on('open', () => events.push('open'));
        rs.on('data', (c) => sizes.push(c.length));
        rs.on('end', () => events.push('end'));
        rs.pipe(ws);
        ws.on('close', () => {{
          console.log(JSON.stringify({{ sizes, events,
            written: ws.bytesWritten, read: rs.bytesRead }}));
        }});
    """)
    assert out["sizes"] == [65536, 65536, 65536, 59392]
    assert out["events"] == ["open", "end"]
    assert out["written"] == out["read"] == len(data)
    assert (tmp_path / "out").read_bytes() == data


def test_stream_ranges_and_errors(tmp_path):
    (tmp_path / "in").write_bytes(b"0123456789")
    out = run_json(f"""
        const fs = require('fs');
        const r = {{}};
        let text = '';
        fs.createReadStream({js(tmp_path / 'in')}, {{ start: 2, end: 5,
                                                     encoding: 'utf8' }})
          .on('data', (s) => {{ text += s; }})
          .on('end', () => {{
            r.range = text;
            fs.createReadStream({js(tmp_path / 'missing')})
              .on('error', (e) => {{
                r.error = [e.code, e.syscall];
                const ws = fs.createWriteStream({js(tmp_path / 'in')},
                                                {{ flags: 'r+', start: 3 }});
                ws.end('abc', () => {{
                  r.positioned = fs.readFileSync({js(tmp_path / 'in')}, 'utf8');
                  console.log(JSON.stringify(r));
                }});
              }});
          }});
    """)
    assert out == {
        "range": "2345",
        "error": ["ENOENT", "open"],
        "positioned": "012abc6789",
    }


# -- the binding on its own ---------------------------------------------------


def test_uv_error_messages():
    rec = uv_error(errno.ENOENT, "open", "/x").record()
    assert rec["message"] == "ENOENT: no such file or directory, open '/x'"
    assert rec["errno"] == -errno.ENOENT and rec["syscall"] == "open"
    rec = uv_error(errno.EXDEV, "rename", "a", "b").record()
    assert rec["message"] == (
        "EXDEV: cross-device link not permitted, rename 'a' -> 'b'"
    )
    assert rec["dest"] == "b"
    # An errno libuv has no name for is UNKNOWN, as Node reports it.
    rec = uv_error(errno.ENOTUNIQ, "open", "x").record()
    assert rec["code"] == "UNKNOWN"
    assert rec["message"] == "UNKNOWN: unknown error, open 'x'"
    assert uv_error(errno.EOPNOTSUPP, "x").code == "ENOTSUP"


@pytest.mark.parametrize("recursive", [False, True])
def test_binding_mkdir_returns_first_created(tmp_path, recursive):
    binding = FsBinding(None)
    target = str(tmp_path / "one" / "two")
    if recursive:
        assert binding.mkdir(target, True, 0o777) == str(tmp_path / "one")
        assert binding.mkdir(target, True, 0o777) is None
    else:
        with pytest.raises(Exception) as info:
            binding.mkdir(target, False, 0o777)
        assert info.value.code == "ENOENT"
