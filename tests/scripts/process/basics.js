'use strict';

console.log(typeof process.pid, typeof process.ppid);
console.log(process.platform, typeof process.arch);
console.log(Array.isArray(process.argv), process.argv.length >= 2);
console.log(typeof process.env.PATH);
process.env.JSTLS_TEST_VAR = 42;
console.log(process.env.JSTLS_TEST_VAR, typeof process.env.JSTLS_TEST_VAR);
delete process.env.JSTLS_TEST_VAR;
console.log(process.env.JSTLS_TEST_VAR);
console.log(typeof process.versions.openssl, /^v\d+/.test(process.version));
const t = process.hrtime();
console.log(t.length, typeof process.hrtime.bigint());
console.log(process.hrtime(t)[0] >= 0);
console.log(process.uptime() >= 0, process.memoryUsage().rss > 0);
const cwd = process.cwd();
process.chdir('/');
console.log(process.cwd());
process.chdir(cwd);
try {
  process.chdir('/definitely/not/here');
} catch (err) {
  console.log(err.code, err.syscall);
}
console.log(typeof process.stdout.write, typeof process.stdin.on);
console.log(process.title.length > 0, global === globalThis);
console.log(typeof queueMicrotask, typeof TextEncoder, typeof TextDecoder);
console.log(new TextDecoder().decode(new TextEncoder().encode('héllo')));
