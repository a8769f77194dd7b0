'use strict';

// timeout.refresh() pushes a pending timer back; on a timer that already
// fired it starts it again; a cleared timer stays cleared.
const start = Date.now();
let fired = 0;
const t = setTimeout(() => {
  fired++;
  console.log('fired', fired, 'late enough', Date.now() - start >= 60);
  if (fired === 1) t.refresh();
}, 30);
setTimeout(() => t.refresh(), 15);
setTimeout(() => t.refresh(), 30);
const cleared = setTimeout(() => console.log('never'), 5);
clearTimeout(cleared);
cleared.refresh();
