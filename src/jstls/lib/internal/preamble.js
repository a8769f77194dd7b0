// The first script of the library bundle, not itself a module: it defines
// how the modules after it are registered and loaded.  Each library file is
// wrapped by the host as __jstlsDefine(id, function (exports, require,
// module, host) { ... }) and runs on first require, as Node's own internal
// modules do.  Nothing here may touch the host: it has not been wired yet.
'use strict';

Object.defineProperty(globalThis, '__jstls', {
  value: { builtins: Object.create(null) },
  enumerable: false,
  configurable: true,
  writable: true,
});

Object.defineProperty(globalThis, '__jstlsDefine', {
  value: function define(id, factory) {
    globalThis.__jstls.builtins[id] = { factory, module: null };
  },
  enumerable: false,
  configurable: true,
});

Object.defineProperty(globalThis.__jstls, 'require', {
  value: function requireBuiltin(id) {
    const state = globalThis.__jstls;
    const entry = state.builtins[id];
    if (entry === undefined) return undefined;
    if (entry.module !== null) return entry.module.exports;
    const module = { id, exports: {}, loaded: false };
    entry.module = module;
    // internal/host is the one module that cannot be handed the host.
    const host = id === 'internal/host' ? undefined : requireBuiltin(
      'internal/host');
    entry.factory.call(module.exports, module.exports, requireBuiltin,
                       module, host);
    module.loaded = true;
    return module.exports;
  },
  enumerable: false,
});
