'use strict';

const EventEmitter = require('events');
const { once } = require('events');

const e = new EventEmitter();
e.on('newListener', (name) => console.log('newListener', name));
e.on('x', (a) => console.log('on x', a));
e.prependListener('x', (a) => console.log('prepended x', a));
e.once('x', (a) => console.log('once x', a));
console.log('emit returns', e.emit('x', 1));
e.emit('x', 2);
console.log(e.listenerCount('x'), e.eventNames());
try {
  e.emit('error', new Error('no listener'));
} catch (err) {
  console.log('thrown:', err.message);
}
try {
  e.emit('error', 'a string');
} catch (err) {
  console.log('thrown:', err.code);
}
e.on('error', (err) => console.log('handled error', err.message));
e.emit('error', new Error('now handled'));
e.removeAllListeners('x');
console.log(e.listenerCount('x'), EventEmitter.defaultMaxListeners);
class Sub extends EventEmitter {}
const s = new Sub();
once(s, 'ready').then(([v]) => console.log('events.once resolved', v));
setTimeout(() => s.emit('ready', 'yes'), 1);
