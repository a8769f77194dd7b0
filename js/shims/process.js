// Stands in for npm's `process` package (and any `process/...` import; see
// build.mjs). That package's nextTick runs on timers, which is not Node's
// order; the host's global `process` has the real nextTick. The host defines
// that global only after the bundle is evaluated, so every access is forwarded
// to `globalThis.process` at the time it is made, never captured.
'use strict';

const host = () => globalThis.process;

module.exports = new Proxy({}, {
  get(_, key) {
    const p = host();
    return p == null ? undefined : p[key];
  },
  set(_, key, value) {
    host()[key] = value;
    return true;
  },
  // readable-stream's internal/shims/process.js probes `'__esModule' in ...`
  // when it loads.
  has(_, key) {
    const p = host();
    return p != null && key in p;
  },
});
