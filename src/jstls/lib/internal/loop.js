// The event loop's order, in Node's phases: timers, poll (I/O from the
// host), check (setImmediate), close callbacks; and after every callback,
// processTicksAndRejections: the nextTick queue, then promise jobs, then
// unhandled rejections, until all three are quiet.
//
// Why here and not in Python: each entry into the engine from the host
// costs a full garbage collection with dukpy, so the loop runs inside one
// long evaluation and calls out to the host once per turn to wait for I/O
// (`process.poll`) and once per callback to drain promise jobs
// (`process.run_microtasks`, Node's runMicrotasks()).
//
// What it is not: the process object (internal/process) or module loading
// (internal/modules).  Exit and uncaught errors live here because they
// unwind the loop.
'use strict';

const errors = require('internal/errors');
const { codes, validateFunction } = errors;

const TIMEOUT_MAX = 2 ** 31 - 1;

// Thrown to unwind everything once process.exit() has run.
const kExit = Object.freeze({ jstlsExit: true });

let exiting = false;
// Set once the 'exit' listeners have run: from then on the process is
// gone as far as the script can tell (see process.exit in a try block).
let exited = false;
let exitCodeGetter = () => 0;
let processEmitter = null;      // the process object, once built

// ---------------------------------------------------------------------------
// Time.  The timers phase takes "now" once and runs what is due by then;
// a timer counts from the moment it is created (as Node's does: its
// getLibuvNow() refreshes the loop time), so one created by a timer
// callback cannot run in the same phase.  performance.now() is the engine's
// monotonic clock, which costs no host call.

const hostNow = () => performance.now();

// ---------------------------------------------------------------------------
// nextTick and promise jobs.

let ticks = [];
let tickHead = 0;

function nextTick(callback, ...args) {
  validateFunction(callback, 'callback');
  if (exiting) return;
  ticks.push({ callback, args });
}

function runMicrotasks() {
  const rejections = host.call('process.run_microtasks');
  if (exiting) throw kExit;
  return rejections;
}

function processTicksAndRejections() {
  do {
    while (tickHead < ticks.length) {
      const tick = ticks[tickHead];
      ticks[tickHead++] = undefined;
      invoke(tick.callback, tick.args);
    }
    ticks = [];
    tickHead = 0;
    const rejections = runMicrotasks();
    if (rejections > 0) processRejections(rejections);
  } while (tickHead < ticks.length);
}

function hasPendingTicks() {
  return tickHead < ticks.length;
}

// The host moved each unhandled rejection into this array as a
// [promise, reason] pair; Node's default mode, 'throw', applies.
globalThis.__jstlsRejections = [];

function processRejections(count) {
  const found = globalThis.__jstlsRejections;
  globalThis.__jstlsRejections = [];
  for (let i = 0; i < count; i++) {
    const promise = found[2 * i];
    const reason = found[2 * i + 1];
    if (processEmitter.listenerCount('unhandledRejection') > 0) {
      invoke(() => processEmitter.emit('unhandledRejection', reason, promise),
             []);
      continue;
    }
    let err = reason;
    if (!(reason instanceof Error)) {
      err = new codes.ERR_UNHANDLED_REJECTION(reason);
    }
    handleUncaught(err, 'unhandledRejection');
  }
}

// queueMicrotask callbacks run as engine jobs; one that throws must not
// reach the engine (it would abandon the rest of the queue), so it is
// caught here and reported as Node reports it: an uncaught exception.
const engineQueueMicrotask = globalThis.queueMicrotask;

function queueMicrotask(callback) {
  validateFunction(callback, 'callback');
  engineQueueMicrotask(() => {
    try {
      callback();
    } catch (err) {
      try {
        handleUncaught(err, 'uncaughtException');
      } catch (unwound) {
        // process.exit() was called: runMicrotasks() sees `exiting`.
        if (unwound !== kExit) throw unwound;
      }
    }
  });
}

// ---------------------------------------------------------------------------
// Calling user code.

function invoke(callback, args, thisArg) {
  try {
    return Reflect.apply(callback, thisArg, args);
  } catch (err) {
    if (err === kExit) throw err;
    handleUncaught(err, 'uncaughtException');
  }
}

// A callback of the loop: run it, then settle ticks and promise jobs.
function runCallback(callback, args, thisArg) {
  invoke(callback, args, thisArg);
  processTicksAndRejections();
}

function handleUncaught(err, origin) {
  if (exiting) throw kExit;
  if (processEmitter !== null &&
      processEmitter.listenerCount('uncaughtException') > 0) {
    try {
      processEmitter.emit('uncaughtException', err, origin);
      return;
    } catch (second) {
      if (second === kExit) throw second;
      err = second;
    }
  }
  printUncaught(err);
  exit(1);
}

function printUncaught(err) {
  let text;
  try {
    const { inspect } = require('internal/inspect');
    const isError = err instanceof Error || (err !== null &&
      typeof err === 'object' && typeof err.stack === 'string');
    // inspect() first: it reads err.stack, and an engine that formats
    // stacks on first read (V8, SpiderMonkey) learns the throw site for the
    // code frame only then.
    const body = inspect(err);
    text = isError ? errors.codeFrame(err) + body : 'Uncaught ' + body;
  } catch {
    // Printing itself failed (a broken inspect or a hostile getter):
    // fall back to what the engine can always give.
    try {
      text = err instanceof Error ? String(err.stack) : String(err);
    } catch {
      text = 'Uncaught exception (unprintable)';
    }
  }
  const version = processEmitter ? processEmitter.version : '';
  host.call('process.write', 2, `${text}\n\nNode.js ${version}\n`);
}

// ---------------------------------------------------------------------------
// Exit.

function exit(code) {
  if (code !== undefined && processEmitter !== null) {
    processEmitter.exitCode = code;
  }
  if (!exiting) {
    exiting = true;
    if (processEmitter !== null) {
      processEmitter._exiting = true;
      try {
        processEmitter.emit('exit', exitCodeGetter());
      } catch (err) {
        if (err !== kExit) {
          printUncaught(err);
          processEmitter.exitCode = 7;
        }
      }
    }
    exited = true;
  }
  throw kExit;
}

function isExiting() {
  return exiting;
}

function hasExited() {
  return exited;
}

// ---------------------------------------------------------------------------
// Timers: a binary heap ordered by due time, then creation.

const heap = [];
let timerSeq = 0;
let refedTimers = 0;

function heapLess(a, b) {
  return a._due < b._due || (a._due === b._due && a._seq < b._seq);
}

function heapPush(timer) {
  heap.push(timer);
  let i = heap.length - 1;
  while (i > 0) {
    const parent = (i - 1) >> 1;
    if (!heapLess(heap[i], heap[parent])) break;
    [heap[i], heap[parent]] = [heap[parent], heap[i]];
    i = parent;
  }
}

function heapPop() {
  const top = heap[0];
  const last = heap.pop();
  if (heap.length > 0) {
    heap[0] = last;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < heap.length && heapLess(heap[l], heap[m])) m = l;
      if (r < heap.length && heapLess(heap[r], heap[m])) m = r;
      if (m === i) break;
      [heap[i], heap[m]] = [heap[m], heap[i]];
      i = m;
    }
  }
  return top;
}

// Drop cancelled timers lazily: they stay in the heap until they surface.
function heapPeek() {
  while (heap.length > 0 && !heap[0]._active) heapPop();
  return heap[0];
}

class Timeout {
  constructor(callback, after, args, isRepeat) {
    after *= 1;
    if (!(after >= 1 && after <= TIMEOUT_MAX)) after = 1;
    this._idleTimeout = after;
    this._onTimeout = callback;
    this._timerArgs = args;
    this._repeat = isRepeat ? after : null;
    this._destroyed = false;
    this._refed = true;
    this._active = false;
    this._cleared = false;
    this._seq = 0;
    this._due = 0;
    this._schedule(hostNow());
  }

  _schedule(start) {
    this._idleStart = start;
    this._due = start + this._idleTimeout;
    this._seq = ++timerSeq;
    if (!this._active) {
      this._active = true;
      if (this._refed) refedTimers++;
    }
    heapPush(this);
  }

  _cancel() {
    if (this._active) {
      this._active = false;
      if (this._refed) refedTimers--;
    }
    this._destroyed = true;
    this._cleared = true;
  }

  // The heap keeps the old due time; runTimers() notices the timer was
  // refreshed when it surfaces, and puts it back (as Node's lists do), so
  // a socket touching its timeout on every read costs no heap work.
  // A timer that already fired starts again, as the docs say; a cleared
  // one stays cleared.
  refresh() {
    if (this._active) {
      this._idleStart = hostNow();
    } else if (!this._cleared) {
      this._destroyed = false;
      this._schedule(hostNow());
    }
    return this;
  }

  ref() {
    if (!this._refed) {
      this._refed = true;
      if (this._active) refedTimers++;
    }
    return this;
  }

  unref() {
    if (this._refed) {
      this._refed = false;
      if (this._active) refedTimers--;
    }
    return this;
  }

  hasRef() {
    return this._refed;
  }

  close() {
    this._cancel();
    return this;
  }

  [Symbol.toPrimitive]() {
    return this._seq;
  }
}

function setTimeout(callback, after, ...args) {
  validateFunction(callback, 'callback');
  const timer = new Timeout(callback, after, args, false);
  return timer;
}

function setInterval(callback, repeat, ...args) {
  validateFunction(callback, 'callback');
  return new Timeout(callback, repeat, args, true);
}

function clearTimeout(timer) {
  if (timer instanceof Timeout) {
    timer._cancel();
  } else if (typeof timer === 'number' || typeof timer === 'string') {
    for (const t of heap) {
      if (t._active && t._seq === Number(timer)) t._cancel();
    }
  }
}

function runTimers() {
  const now = hostNow();
  for (;;) {
    const timer = heapPeek();
    if (timer === undefined || timer._due > now) return;
    heapPop();
    const due = timer._idleStart + timer._idleTimeout;
    if (due > now) {
      timer._due = due;
      timer._seq = ++timerSeq;
      heapPush(timer);
      continue;
    }
    timer._active = false;
    if (timer._refed) refedTimers--;
    if (timer._repeat !== null) {
      timer._idleTimeout = timer._repeat;
      timer._schedule(now);
    } else {
      timer._destroyed = true;
    }
    runCallback(timer._onTimeout, timer._timerArgs, timer);
  }
}

// ---------------------------------------------------------------------------
// Immediates.

let immediates = [];
let refedImmediates = 0;

class Immediate {
  constructor(callback, args) {
    this._onImmediate = callback;
    this._argv = args;
    this._destroyed = false;
    this._refed = true;
    refedImmediates++;
    immediates.push(this);
  }

  ref() {
    if (!this._refed && !this._destroyed) {
      this._refed = true;
      refedImmediates++;
    }
    return this;
  }

  unref() {
    if (this._refed && !this._destroyed) {
      this._refed = false;
      refedImmediates--;
    }
    return this;
  }

  hasRef() {
    return this._refed;
  }

  _clear() {
    if (this._destroyed) return;
    this._destroyed = true;
    if (this._refed) refedImmediates--;
  }
}

function setImmediate(callback, ...args) {
  validateFunction(callback, 'callback');
  return new Immediate(callback, args);
}

function clearImmediate(immediate) {
  if (immediate instanceof Immediate) immediate._clear();
}

function runImmediates() {
  const queue = immediates;
  immediates = [];
  for (const immediate of queue) {
    if (immediate._destroyed) continue;
    immediate._clear();
    runCallback(immediate._onImmediate, immediate._argv, immediate);
  }
}

function hasPendingImmediates() {
  return immediates.some((i) => !i._destroyed);
}

// ---------------------------------------------------------------------------
// Completions of host work done synchronously (fs, crypto): Node delivers
// them from the poll phase, so they wait for the next poll phase here too.

let pending = [];

function defer(callback, ...args) {
  pending.push({ callback, args });
}

function runPending() {
  const queue = pending;
  pending = [];
  for (const entry of queue) runCallback(entry.callback, entry.args);
}

// ---------------------------------------------------------------------------
// Close callbacks (handles that finished closing this turn).

let closing = [];

function queueClose(callback, ...args) {
  closing.push({ callback, args });
}

function runCloseCallbacks() {
  const queue = closing;
  closing = [];
  for (const entry of queue) runCallback(entry.callback, entry.args);
}

// ---------------------------------------------------------------------------
// Host handles: JS objects that receive the host's events by id.

const handles = new Map();

function registerHandle(id, target) {
  handles.set(id, target);
}

function unregisterHandle(id) {
  handles.delete(id);
}

function dispatchEvents(batch) {
  const [events, marker] = batch;
  const bytes = marker === null ? null : host.bytesIn(marker);
  for (const event of events) {
    const [id, kind] = event;
    if (id === 0) {
      if (kind === 'signal') runCallback(deliverSignal, [event[2], event[3]]);
      continue;
    }
    const target = handles.get(id);
    if (target === undefined) continue;
    if (kind === 'data') {
      const chunk = bytes.subarray(event[2], event[2] + event[3]);
      runCallback(target.onHostData, [chunk], target);
    } else {
      runCallback(target.onHostEvent, [kind, ...event.slice(2)], target);
    }
  }
}

function deliverSignal(name, number) {
  if (processEmitter.listenerCount(name) > 0) {
    processEmitter.emit(name, name, number);
    return;
  }
  exit(128 + number);
}

// ---------------------------------------------------------------------------
// The loop itself.

function loopAlive() {
  return refedTimers > 0 || refedImmediates > 0 || closing.length > 0 ||
    pending.length > 0;
}

function pollTimeout() {
  if (hasPendingImmediates() || closing.length > 0 || pending.length > 0) {
    return 0;
  }
  const timer = heapPeek();
  if (timer === undefined) return -1;
  return Math.max(0, timer._due - hostNow());
}

function runLoop() {
  for (;;) {
    runTimers();
    const batch = host.call('process.poll', pollTimeout(), loopAlive());
    if (batch == null) return;
    dispatchEvents(batch);
    runPending();
    runImmediates();
    runCloseCallbacks();
  }
}

function configure(options) {
  processEmitter = options.process;
  exitCodeGetter = options.exitCode;
}

// Run the main module, then the loop, then 'beforeExit' and 'exit'.
function run(main) {
  try {
    runCallback(main, []);
    for (;;) {
      runLoop();
      const code = exitCodeGetter();
      runCallback(() => processEmitter.emit('beforeExit', code), []);
      if (!loopAlive() && !host.call('process.loop_alive')) break;
    }
    exit();
  } catch (err) {
    if (err !== kExit) throw err;
  }
  host.call('process.exit', exitCodeGetter());
  return exitCodeGetter();
}

module.exports = {
  Immediate,
  Timeout,
  clearImmediate,
  clearInterval: clearTimeout,
  clearTimeout,
  configure,
  defer,
  exit,
  handleUncaught,
  hasExited,
  hasPendingTicks,
  invoke,
  isExiting,
  kExit,
  nextTick,
  processTicksAndRejections,
  queueClose,
  queueMicrotask,
  registerHandle,
  run,
  runCallback,
  setImmediate,
  setInterval,
  setTimeout,
  unregisterHandle,
  printUncaught,
};
