// CommonJS modules as Node loads them: require(), module, exports,
// require.cache, require.resolve, require.main, built-ins by name (with or
// without the `node:` prefix), .js and .json files, circular requires
// returning the partial exports.  Resolution (the file-system search) runs
// on the host: see bindings/process.py ModulesBinding.
//
// User files are compiled with `new Function`, padded so that their frames
// get line numbers of their own (see internal/errors).
'use strict';

const path = require('path');
const errors = require('internal/errors');
const { codes } = errors;

// Public built-ins: the library modules users may require.
const builtinIds = new Set([
  'assert', 'buffer', 'console', 'constants', 'crypto', 'dns', 'events',
  'fs', 'net', 'os', 'path', 'process', 'stream', 'string_decoder',
  'timers', 'tls', 'util',
  'assert/strict', 'fs/promises', 'path/posix', 'stream/promises',
  'timers/promises', 'util/types', 'jstls/test',
].filter((id) => globalThis.__jstls.builtins[id] !== undefined));

function isBuiltin(id) {
  return builtinIds.has(id.startsWith('node:') ? id.slice(5) : id);
}

class Module {
  constructor(id = '', parent) {
    this.id = id;
    this.path = path.dirname(id);
    this.exports = {};
    this.filename = null;
    this.loaded = false;
    this.children = [];
    this.paths = nodeModulePaths(this.path);
    Object.defineProperty(this, 'parent', {
      value: parent, enumerable: false, writable: true, configurable: true,
    });
    if (parent) parent.children.push(this);
  }

  require(id) {
    if (typeof id !== 'string') {
      throw new codes.ERR_INVALID_ARG_TYPE('id', 'string', id);
    }
    if (id === '') {
      throw new codes.ERR_INVALID_ARG_VALUE('id', id,
                                            'must be a non-empty string');
    }
    if (isBuiltin(id)) {
      return globalThis.__jstls.require(id.startsWith('node:') ?
        id.slice(5) : id);
    }
    const filename = resolveFilename(id, this);
    const cached = Module._cache[filename];
    if (cached !== undefined) {
      if (!this.children.includes(cached)) this.children.push(cached);
      return cached.exports;
    }
    const module = new Module(filename, this);
    Module._cache[filename] = module;
    let ok = false;
    try {
      module.load(filename);
      ok = true;
    } finally {
      if (!ok) delete Module._cache[filename];
    }
    return module.exports;
  }

  load(filename) {
    this.filename = filename;
    this.paths = nodeModulePaths(path.dirname(filename));
    if (filename.endsWith('.json')) {
      const text = host.call('modules.read', filename);
      try {
        this.exports = JSON.parse(stripBOM(text));
      } catch (err) {
        err.message = filename + ': ' + err.message;
        throw err;
      }
    } else {
      this._compile(host.call('modules.read', filename), filename);
    }
    this.loaded = true;
  }

  _compile(content, filename) {
    const wrapper = compileWrapper(stripShebang(stripBOM(content)), filename);
    const require = makeRequire(this);
    return Reflect.apply(wrapper, this.exports, [
      this.exports, require, this, filename, path.dirname(filename),
    ]);
  }
}

Module._cache = Object.create(null);
Module.builtinModules = Array.from(builtinIds);
Module.isBuiltin = isBuiltin;
Module.Module = Module;

let mainModule;

// A syntax error needs no extra work: the engine reports its position as
// the first frame, which internal/errors maps to the file and line.
function compileWrapper(source, filename) {
  const padding = errors.registerUserSource(filename, source);
  return new Function('exports', 'require', 'module', '__filename',
                      '__dirname', padding + source);
}

function stripBOM(content) {
  return content.charCodeAt(0) === 0xFEFF ? content.slice(1) : content;
}

function stripShebang(content) {
  return content.startsWith('#!') ? '//' + content.slice(2) : content;
}

function nodeModulePaths(from) {
  const paths = [];
  let dir = path.resolve(from);
  for (;;) {
    if (path.basename(dir) !== 'node_modules') {
      paths.push(path.join(dir, 'node_modules'));
    }
    const parent = path.dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  return paths;
}

function requireStack(parent) {
  const stack = [];
  for (let m = parent; m; m = m.parent) {
    if (m.filename || m.id) stack.push(m.filename || m.id);
  }
  return stack;
}

function resolveFilename(request, parent, options) {
  if (isBuiltin(request)) return request;
  let dirs = [parent && parent.filename ? path.dirname(parent.filename) :
    process.cwd()];
  if (options && Array.isArray(options.paths)) dirs = options.paths;
  let lastError = null;
  for (const dir of dirs) {
    const found = host.tryCall('modules.resolve', request, dir);
    if (found.error === undefined) return found.value;
    lastError = found.error;
  }
  const stack = requireStack(parent);
  let message = `Cannot find module '${request}'`;
  if (stack.length > 0) {
    message += '\nRequire stack:\n- ' + stack.join('\n- ');
  }
  const err = new Error(message);
  err.code = lastError ? lastError.code : 'MODULE_NOT_FOUND';
  err.requireStack = stack;
  throw err;
}

function makeRequire(module) {
  function require(id) {
    return module.require(id);
  }
  function resolve(request, options) {
    if (typeof request !== 'string') {
      throw new codes.ERR_INVALID_ARG_TYPE('request', 'string', request);
    }
    return resolveFilename(request, module, options);
  }
  resolve.paths = (request) => isBuiltin(request) ? null :
    nodeModulePaths(path.dirname(module.filename || process.cwd()));
  require.resolve = resolve;
  require.main = mainModule;
  require.cache = Module._cache;
  require.extensions = Object.create(null);
  return require;
}

// The entry module: a file, or source text given by the host (jstls -e).
function runMain(entry) {
  const filename = entry.file;
  const module = new Module('.', null);
  mainModule = module;
  process.mainModule = module;
  if (entry.source !== undefined) {
    module.filename = filename;
    module.paths = nodeModulePaths(process.cwd());
    module._compile(entry.source, filename);
  } else {
    const resolved = resolveFilename(path.resolve(filename), null);
    module.id = '.';
    Module._cache[resolved] = module;
    module.load(resolved);
  }
  module.loaded = true;
}

function createRequire(filename) {
  const module = new Module(filename, null);
  module.filename = filename;
  return makeRequire(module);
}

Module.createRequire = createRequire;
Module.runMain = runMain;
Module._resolveFilename = resolveFilename;
Module._nodeModulePaths = nodeModulePaths;

module.exports = Module;
