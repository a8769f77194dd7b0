// Node's phase order: sync code, nextTick, promise jobs, timers, poll,
// check (setImmediate), with ticks and jobs drained after every callback.
// (setTimeout(0) against setImmediate from the main module is a race in
// Node too, so the immediates here are queued from a timer, and there is
// one timer only: a second one could fall due a turn later, in node too.)
'use strict';

const log = (s) => console.log(s);

log('sync 1');
setTimeout(() => {
  log('timeout A');
  process.nextTick(() => log('tick inside timeout A'));
  Promise.resolve().then(() => log('promise inside timeout A'));
  setImmediate(() => {
    log('immediate 1');
    process.nextTick(() => log('tick inside immediate 1'));
    setImmediate(() => log('immediate queued by immediate 1'));
  });
  setImmediate(() => log('immediate 2'));
}, 0);
process.nextTick(() => {
  log('tick 1');
  Promise.resolve().then(() => log('promise from tick 1'));
  process.nextTick(() => log('tick from tick 1'));
});
Promise.resolve().then(() => {
  log('promise 1');
  process.nextTick(() => log('tick from promise 1'));
}).then(() => log('promise 1 then'));
queueMicrotask(() => log('microtask'));
(async () => {
  log('async start');
  await null;
  log('async after await');
})();
log('sync 2');
