// os: the facts that are the same on every run of this machine, and the
// shapes of the ones that change.
'use strict';
const os = require('os');

console.log(JSON.stringify(os.EOL), os.devNull);
console.log(os.platform() === process.platform, os.arch() === process.arch);
console.log(os.type(), os.endianness(), `${os.platform}`);
console.log(typeof os.release(), os.release().length > 0);
console.log(typeof os.version(), typeof os.machine());
console.log(os.hostname() === `${os.hostname}`, typeof os.hostname());

const cpus = os.cpus();
console.log(Array.isArray(cpus), cpus.length > 0);
console.log(Object.keys(cpus[0]).join(), Object.keys(cpus[0].times).join());
console.log(typeof cpus[0].model, Number.isInteger(cpus[0].speed));
console.log(os.availableParallelism() >= 1);

const total = os.totalmem();
const free = os.freemem();
console.log(Number.isInteger(total), total > 0, free >= 0, free <= total);

const load = os.loadavg();
console.log(load.length, load.every((n) => typeof n === 'number'));
console.log(typeof os.uptime(), os.uptime() > 0);

const info = os.userInfo();
console.log(Object.keys(info).join(), Object.getPrototypeOf(info));
console.log(typeof info.uid, typeof info.username);
const binfo = os.userInfo({ encoding: 'buffer' });
console.log(Buffer.isBuffer(binfo.username),
            binfo.username.toString() === info.username);

const ifaces = os.networkInterfaces();
console.log(typeof ifaces);
let shapes = true;
for (const list of Object.values(ifaces)) {
  for (const entry of list) {
    const keys = Object.keys(entry).join();
    shapes = shapes && keys === (entry.family === 'IPv4' ?
      'address,netmask,family,mac,internal,cidr' :
      'address,netmask,family,mac,internal,cidr,scopeid');
  }
}
console.log('interface shapes', shapes);
const lo4 = ifaces.lo && ifaces.lo.find((e) => e.family === 'IPv4');
console.log('loopback', lo4 === undefined || JSON.stringify(lo4) ===
  '{"address":"127.0.0.1","netmask":"255.0.0.0","family":"IPv4",' +
  '"mac":"00:00:00:00:00:00","internal":true,"cidr":"127.0.0.1/8"}');

const saved = { TMPDIR: process.env.TMPDIR, TMP: process.env.TMP,
  TEMP: process.env.TEMP };
process.env.TMPDIR = '/some/where/';
console.log(os.tmpdir());
process.env.TMPDIR = '/';
console.log(os.tmpdir());
delete process.env.TMPDIR;
process.env.TMP = '/from-tmp';
console.log(os.tmpdir());
delete process.env.TMP;
delete process.env.TEMP;
console.log(os.tmpdir());
for (const [key, value] of Object.entries(saved)) {
  if (value !== undefined) process.env[key] = value;
}

const home = process.env.HOME;
process.env.HOME = '/home/elsewhere';
console.log(os.homedir());
process.env.HOME = home;

console.log(typeof os.getPriority(), os.getPriority() === os.getPriority(0));
for (const bad of [() => os.getPriority('x'), () => os.getPriority(1.5),
  () => os.setPriority(0, 30), () => os.setPriority(0, 'x'),
  () => os.getPriority(2 ** 40)]) {
  try {
    bad();
  } catch (err) {
    console.log(err.name, err.code, err.message);
  }
}
try {
  os.getPriority(2147483647);
} catch (err) {
  console.log(err.name, err.code, err.message, err.syscall, err.info.code);
}
