// `events`: npm's events@3 (a port of Node's EventEmitter), with what Node
// added since: events.once() as a promise, errorMonitor, captureRejections
// left out, and the error-without-listener message carrying Node's code.
'use strict';

const EventEmitter = globalThis.__jstlsVendor.events();
const { codes } = require('internal/errors');

const kErrorMonitor = Symbol('events.errorMonitor');

if (EventEmitter.errorMonitor === undefined) {
  const emit = EventEmitter.prototype.emit;
  EventEmitter.prototype.emit = function emitWithMonitor(type, ...args) {
    if (type === 'error') {
      const events = this._events;
      if (events !== undefined && events[kErrorMonitor] !== undefined) {
        emit.call(this, kErrorMonitor, ...args);
      }
      if (events === undefined || events.error === undefined) {
        const er = args[0];
        if (er instanceof Error) throw er;
        throw new codes.ERR_UNHANDLED_ERROR(er);
      }
    }
    return emit.call(this, type, ...args);
  };
  EventEmitter.errorMonitor = kErrorMonitor;
}

EventEmitter.captureRejections = false;
EventEmitter.captureRejectionSymbol = Symbol.for('nodejs.rejection');
EventEmitter.getEventListeners = (emitter, name) =>
  emitter.listeners(name);
EventEmitter.setMaxListeners = (n, ...targets) => {
  for (const target of targets) target.setMaxListeners(n);
};

module.exports = EventEmitter;
