// Timers fire by due time, then by creation order; intervals repeat with
// their arguments; clearTimeout(undefined) is harmless.
'use strict';

const start = Date.now();
const fired = [];
setTimeout(() => fired.push('30'), 30);
setTimeout(() => fired.push('10a'), 10);
setTimeout(() => fired.push('10b'), 10);
setTimeout(() => fired.push('1'), 1);
setTimeout((a, b) => fired.push(`args ${a} ${b}`), 5, 'x', 'y');
const cancelled = setTimeout(() => fired.push('cancelled'), 15);
clearTimeout(cancelled);
clearTimeout(undefined);
clearTimeout(null);
clearInterval(undefined);
let n = 0;
const iv = setInterval((tag) => {
  fired.push(`${tag} ${++n}`);
  if (n === 3) clearInterval(iv);
}, 7, 'interval');
setTimeout(() => {
  console.log(fired.join('\n'));
  console.log('elapsed ok:', Date.now() - start >= 40);
}, 40);
