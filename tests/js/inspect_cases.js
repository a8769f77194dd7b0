'use strict';

// Differential test for src/jstls/lib/internal/inspect.js: every case is
// printed by Node's own util and by our module, and the texts must match
// byte for byte. Run with `node tests/js/inspect_cases.js`.
//
// The case table is also exported (`buildCases`) so the same values can be
// replayed inside QuickJS; nothing in it needs Node except the cases
// marked `node: true`.

const path = require('path');

const OURS = path.join(__dirname, '../../src/jstls/lib/internal/inspect.js');

// Each case: { name, run(lib) } where lib is { inspect, format,
// formatWithOptions } from either implementation.
function buildCases() {
  const cases = [];

  function insp(name, make, opts, extra = {}) {
    let value;
    let made = false;
    cases.push({
      name,
      ...extra,
      run(lib) {
        // One value shared by both sides, so identity-based output (stack
        // traces, cycles) is the same.
        if (!made) {
          value = make();
          made = true;
        }
        return opts === undefined ?
          lib.inspect(value) : lib.inspect(value, opts);
      },
    });
  }

  function fmt(name, makeArgs, extra = {}) {
    let args;
    cases.push({
      name,
      ...extra,
      run(lib) {
        if (args === undefined) args = makeArgs();
        return lib.format(...args);
      },
    });
  }

  function fmtOpts(name, opts, makeArgs) {
    let args;
    cases.push({
      name,
      run(lib) {
        if (args === undefined) args = makeArgs();
        return lib.formatWithOptions(opts, ...args);
      },
    });
  }

  // Primitives.
  insp('string', () => 'hello');
  insp('empty string', () => '');
  insp('string with single quote', () => "it's");
  insp('string with both quotes', () => 'it\'s "x"');
  insp('string with all quotes', () => 'it\'s "x" `y`');
  insp('string with all quotes and ${', () => 'a\'"${b}');
  insp('string escapes', () => 'a\nb\tc\r\\d\x00\x1b\x7f\x85\b\f\v');
  insp('string lone surrogates', () => 'a\ud800b\udc00c\ud83d\ude00');
  insp('long string', () => 'x'.repeat(200));
  insp('long multiline string', () => 'line one\nline two\n'.repeat(6));
  insp('16 char multiline narrow', () => 'abcdefg\nhijklmno',
    { breakLength: 10 });
  insp('17 char multiline narrow', () => 'abcdefg\nhijklmnop',
    { breakLength: 10 });
  insp('multiline string at breakLength edge', () =>
    ({ k: `${'a'.repeat(35)}\n${'b'.repeat(37)}` }));
  insp('unicode string', () => 'héllo wörld ✓ 中文');
  insp('number', () => 42);
  insp('float', () => 3.14159);
  insp('negative zero', () => -0);
  insp('NaN', () => NaN);
  insp('Infinity', () => -Infinity);
  insp('big number', () => 1e21);
  insp('bigint', () => 1n);
  insp('big bigint', () => -12345678901234567890n);
  insp('true', () => true);
  insp('false', () => false);
  insp('null', () => null);
  insp('undefined', () => undefined);
  insp('symbol', () => Symbol('foo'));
  insp('symbol no description', () => Symbol());
  insp('registered symbol', () => Symbol.for('bar'));
  insp('well-known symbol', () => Symbol.iterator);

  // Arrays.
  insp('array', () => [1, 2, 3]);
  insp('empty array', () => []);
  insp('nested arrays', () => [1, [2, [3, [4, [5]]]]]);
  insp('array of strings', () => ['a', 'b', "c'd"]);
  insp('sparse array', () => [1, , 3]); // eslint-disable-line no-sparse-arrays
  insp('sparse array holes', () => [, , 1, , , , 2, , ]); // eslint-disable-line
  insp('array with length only', () => new Array(5));
  insp('sparse big', () => {
    const a = [];
    a[150] = 1;
    return a;
  });
  insp('array with extra props', () => Object.assign([1, 2], { foo: 'bar' }));
  insp('array 101 items', () => Array.from({ length: 101 }, (_, i) => i));
  insp('array 250 items', () => Array.from({ length: 250 }, (_, i) => i));
  insp('array of objects', () => [{ a: 1 }, { b: 2 }]);
  insp('array of 7 objects', () =>
    Array.from({ length: 7 }, (_, i) => ({ i })));
  insp('array of long strings', () =>
    Array.from({ length: 10 }, (_, i) => `item number ${i} `.repeat(3)));
  insp('array of mixed', () => [1, 'two', null, undefined, 3n, true, {}, []]);
  insp('array subclass', () => {
    class MyArray extends Array {}
    return MyArray.from([1, 2, 3]);
  });
  insp('null proto array', () => {
    const a = [1, 2];
    Object.setPrototypeOf(a, null);
    return a;
  });
  insp('array with symbol key', () =>
    Object.assign([1], { [Symbol('s')]: 2 }));
  insp('array of negative numbers',
    () => [-1, -22, 333, -4444, 5, 66, -777, 8888, 9, 0]);
  insp('array of floats', () =>
    Array.from({ length: 20 }, (_, i) => i / 7));
  insp('array of bigints', () =>
    Array.from({ length: 12 }, (_, i) => BigInt(i * 1000)));
  insp('array numbers and holes', () => {
    const a = Array.from({ length: 12 }, (_, i) => i);
    delete a[3];
    return a;
  });
  insp('array of short strings 26', () =>
    Array.from({ length: 26 }, (_, i) => String.fromCharCode(97 + i)));
  insp('array of words', () =>
    'the quick brown fox jumps over the lazy dog again and again'.split(' '));
  insp('cjk strings array', () =>
    ['中文中文中文', '中文', '中文', '中文', '中文', '中文', '中文', 'a']);
  insp('nested number arrays', () =>
    [Array.from({ length: 30 }, (_, i) => i), [1, 2], 'x']);
  insp('matrix', () => Array.from({ length: 5 }, (_, i) =>
    Array.from({ length: 5 }, (_, j) => i * j)));
  insp('array in object long', () => ({
    data: Array.from({ length: 40 }, (_, i) => i * 3),
    name: 'numbers',
  }));

  // Grouping: many lengths and shapes of number and string arrays.
  for (let n = 7; n <= 120; n++) {
    insp(`range ${n}`, () => Array.from({ length: n }, (_, i) => i));
  }
  for (const n of [7, 8, 9, 10, 13, 16, 21, 27, 33, 50, 64, 99, 100, 120]) {
    insp(`scattered ${n}`, () =>
      Array.from({ length: n }, (_, i) => (i * i * 37) % 1013 - 200));
    insp(`strings ${n}`, () =>
      Array.from({ length: n }, (_, i) => 'w'.repeat((i * 7) % 11)));
    insp(`floats ${n}`, () =>
      Array.from({ length: n }, (_, i) => Math.round(i * 1234.5678) / 100));
  }

  // Objects.
  insp('object', () => ({ a: 1, 'b-c': 2 }));
  insp('empty object', () => ({}));
  insp('quoted keys', () => ({ 'a b': 1, '1a': 2, _ok: 3, $no: 4, 'é': 5 }));
  insp('numeric keys', () => ({ 1: 'a', 2: 'b', x: 'c' }));
  insp('key with quote', () => ({ "it's": 1, 'say "hi"': 2 }));
  insp('__proto__ key', () => JSON.parse('{"__proto__": 1, "a": 2}'));
  insp('symbol keys', () => ({ [Symbol('x')]: 1, [Symbol.iterator]: 2 }));
  insp('nested object', () => ({ a: { b: { c: { d: { e: 1 } } } } }));
  insp('nested depth array', () => ({ a: [[[[1]]]] }));
  insp('object with many keys', () => {
    const o = {};
    for (let i = 0; i < 30; i++) o[`key${i}`] = i;
    return o;
  });
  insp('object with long values', () => ({
    description: 'A fairly long description that goes on and on',
    other: 'Another string value that is long enough',
  }));
  insp('object mixed', () => ({
    str: 'x',
    num: 1,
    nul: null,
    undef: undefined,
    arr: [1, 2, 3],
    obj: { nested: true },
    fn() {},
  }));
  insp('circular', () => {
    const o = { name: 'root' };
    o.self = o;
    return o;
  });
  insp('circular nested', () => {
    const a = { name: 'a' };
    const b = { name: 'b', a };
    a.b = b;
    a.list = [a, b];
    return a;
  });
  insp('two circular refs', () => {
    const x = { name: 'x' };
    const y = { name: 'y' };
    x.y = y;
    y.y = y;
    y.x = x;
    return { x, y };
  });
  insp('circular array', () => {
    const a = [1];
    a.push(a);
    return a;
  });
  insp('class instance', () => {
    class Foo {
      constructor() { this.a = 1; }
    }
    return new Foo();
  });
  insp('empty class instance', () => new (class Bar {})());
  insp('anonymous class instance', () => new (class {})());
  insp('subclass instance', () => {
    class A { constructor() { this.x = 1; } }
    class B extends A { constructor() { super(); this.y = 2; } }
    return new B();
  });
  insp('null prototype empty', () => Object.create(null));
  insp('null prototype', () => Object.assign(Object.create(null), { a: 1 }));
  insp('object from proto', () => Object.create({ inherited: 1 }));
  insp('proto of null proto', () => Object.create(Object.create(null)));
  insp('getters', () => ({
    get a() { return 1; },
    get b() { return 2; },
    set b(v) {},
    set c(v) {},
  }));
  insp('getters option', () => ({
    get a() { return 1; },
    get b() { return { x: 1 }; },
    get c() { return null; },
    get d() { throw new Error('nope'); },
    get e() { return 'str'; },
    set e(v) {},
  }), { getters: true });
  insp('getters get only', () => ({
    get a() { return 1; },
    get b() { return 2; },
    set b(v) {},
  }), { getters: 'get' });
  insp('getters set only', () => ({
    get a() { return 1; },
    get b() { return 2; },
    set b(v) {},
  }), { getters: 'set' });
  insp('toStringTag', () => ({ [Symbol.toStringTag]: 'Custom', a: 1 }));
  insp('class toStringTag', () => {
    class Tagged { get [Symbol.toStringTag]() { return 'Tg'; } }
    return new Tagged();
  });
  insp('object toStringTag inherited', () =>
    Object.create({ [Symbol.toStringTag]: 'Inh' }));
  insp('undefined value', () => ({ a: undefined }));
  insp('non-enumerable hidden', () =>
    Object.defineProperty({ a: 1 }, 'hidden', { value: 2 }));

  // Functions.
  insp('named function', () => function foo() {});
  insp('anonymous function', () => (0, function() {}));
  insp('arrow function', () => {
    const f = () => {};
    return f;
  });
  insp('anonymous arrow', () => [() => {}][0]);
  insp('class', () => class Foo {});
  insp('anonymous class', () => [class {}][0]);
  insp('class extends', () => {
    class A {}
    return class B extends A {};
  });
  insp('class extends Error', () => class MyErr extends Error {});
  insp('function with props', () =>
    Object.assign(function f() {}, { a: 1 }));
  insp('class with static', () => {
    class S {}
    S.x = 1;
    return S;
  });
  insp('async function', () => async function f() {});
  insp('async arrow', () => [async () => {}][0]);
  insp('generator function', () => function* gen() {});
  insp('async generator', () => async function* agen() {});
  insp('bound function', () => function bar() {}.bind(null));
  insp('method', () => ({ m() {} }).m);
  insp('object with function values', () => ({
    a: function named() {},
    b: () => {},
    c: class K {},
  }));
  insp('builtin function', () => Array.prototype.push);
  insp('class extends call', () =>
    class extends (function() { return Object; })() {});
  insp('class with comment', () => class /* note */ Commented {});
  insp('method named class', () => ({ class() {} }).class);
  insp('sloppy function showHidden', () =>
    Function('return function sloppy() {}')(), { showHidden: true });
  insp('proxy object', () => new Proxy({ a: 1, b: [2] }, {}));
  insp('function null proto', () => {
    const f = function np() {};
    Object.setPrototypeOf(f, null);
    return f;
  });

  insp('nested multiline string', () => ({
    a: { text: 'first line of text\nsecond line of text\nthird line here' },
  }));
  insp('array with long string', () => ['x'.repeat(90), 'y']);
  insp('deep empty object', () => ({ a: { b: { c: { d: {} } } } }));
  insp('deep empty array', () => ({ a: { b: { c: [] } } }));

  // Built-in objects.
  insp('date', () => new Date(0));
  insp('date 2', () => new Date(Date.UTC(2020, 1, 29, 12, 30, 45, 123)));
  insp('invalid date', () => new Date(NaN));
  insp('date with prop', () => Object.assign(new Date(0), { x: 1 }));
  insp('date in object', () => ({ when: new Date(1e12) }));
  insp('regexp', () => /ab+c/gi);
  insp('regexp with slash', () => /a\/b[/]/);
  insp('regexp new', () => new RegExp('x\ny', 'm'));
  insp('regexp with prop', () => Object.assign(/x/, { y: 1 }));
  insp('map', () => new Map([['a', 1], ['b', 2]]));
  insp('empty map', () => new Map());
  insp('nested map', () => new Map([[{ k: 1 }, new Map([[1, [1, 2]]])]]));
  insp('map with object values', () => new Map([
    ['first', { a: 1, b: 'two', c: [3] }],
    ['second', { a: 4, b: 'five', c: [6] }],
    ['third', { a: 7, b: 'eight', c: [9] }],
  ]));
  insp('set', () => new Set([1]));
  insp('empty set', () => new Set());
  insp('set of strings', () => new Set(['a', 'b', 'c']));
  insp('big set', () => new Set(Array.from({ length: 30 }, (_, i) => i)));
  insp('set max length', () => new Set([1, 2, 3, 4]), { maxArrayLength: 2 });
  insp('map max length', () => new Map([[1, 2], [3, 4]]),
    { maxArrayLength: 1 });
  insp('set with props', () => Object.assign(new Set([1]), { extra: true }));
  insp('map circular', () => {
    const m = new Map();
    m.set('self', m);
    return m;
  });
  insp('map subclass', () => {
    class MyMap extends Map {}
    return new MyMap([[1, 2]]);
  });
  insp('weakmap', () => new WeakMap());
  insp('weakset', () => new WeakSet());
  insp('typed array', () => new Uint8Array([1, 2, 3]));
  insp('empty typed array', () => new Float32Array(0));
  insp('float64 array', () => new Float64Array([1.5, -0, NaN]));
  insp('bigint64 array', () => new BigInt64Array([1n, -2n]));
  insp('long typed array', () =>
    new Int16Array(Array.from({ length: 150 }, (_, i) => i * 3 - 100)));
  insp('typed array subclass', () => {
    class Bytes extends Uint8Array {}
    return new Bytes(2);
  });
  insp('array buffer', () => new Uint8Array([1, 2]).buffer);
  insp('empty array buffer', () => new ArrayBuffer(0));
  insp('big array buffer', () => new ArrayBuffer(120));
  insp('data view', () => new DataView(new ArrayBuffer(4), 1, 2));
  insp('boxed number', () => new Number(3));
  insp('boxed negative zero', () => new Number(-0));
  insp('boxed string', () => new String('x'));
  insp('boxed string with prop', () =>
    Object.assign(new String('ab'), { p: 1 }));
  insp('boxed boolean', () => new Boolean(false));
  insp('boxed symbol', () => Object(Symbol('q')));
  insp('boxed bigint', () => Object(5n));
  insp('arguments', () => (function() { return arguments; })(1, 'a'));
  insp('empty arguments', () => (function() { return arguments; })());
  insp('generator object', () => (function* g() {})());
  insp('math', () => Math);
  insp('json', () => JSON);
  insp('promise pending', () => new Promise(() => {}));
  insp('promise subclass pending', () => {
    class P extends Promise {}
    return new P(() => {});
  });
  insp('object with promise', () => ({ p: new Promise(() => {}) }));

  // Errors.
  insp('error', () => new Error('msg'));
  insp('type error', () => new TypeError('bad type'));
  insp('error with code', () => Object.assign(new Error('msg'), { code: 'X' }));
  insp('error with props', () => {
    const e = new RangeError('out of range');
    e.code = 'ERR_OUT_OF_RANGE';
    e.details = { min: 0, max: 10 };
    return e;
  });
  insp('error no stack', () => {
    const e = new Error('no stack here');
    e.stack = undefined;
    return e;
  });
  insp('error no stack with code', () => {
    const e = new Error('x');
    delete e.stack;
    Object.defineProperty(e, 'stack', { value: '' });
    e.code = 'E';
    return e;
  });
  insp('error custom stack', () => {
    const e = new Error('custom');
    e.stack = 'Error: custom\n    at foo (file.js:1:2)\n    at bar (b.js:3:4)';
    return e;
  });
  insp('error string stack no frames', () => {
    const e = new Error('m');
    e.stack = 'just some text';
    return e;
  });
  insp('error in object', () => ({ err: new Error('inner') }));
  insp('error in array', () => [new TypeError('a')]);
  insp('error nested with code', () =>
    ({ a: { e: Object.assign(new Error('deep'), { code: 'D' }) } }));
  insp('error renamed', () => {
    const e = new Error('renamed');
    e.name = 'CustomName';
    return e;
  });
  insp('error renamed ending Error', () => {
    const e = new TypeError('x');
    e.name = 'FooError';
    return e;
  });
  insp('error subclass', () => {
    class ValidationError extends Error {}
    return new ValidationError('invalid');
  });
  insp('error subclass with name', () => {
    class HttpError extends Error {
      constructor(m) { super(m); this.name = 'HttpError'; this.status = 404; }
    }
    return new HttpError('not found');
  });
  insp('error empty message', () => new Error());
  insp('error with cause', () => new Error('outer', { cause: 'why' }));
  insp('error with error cause', () =>
    new Error('outer', { cause: new Error('inner') }));
  insp('aggregate error', () =>
    new AggregateError([new Error('e1'), 'two'], 'many'));
  insp('error null proto', () => {
    const e = new Error('np');
    Object.setPrototypeOf(e, null);
    return e;
  });
  insp('error message with newline', () => new Error('line1\nline2'));
  insp('error stack without message', () => {
    const e = new Error('mmm');
    e.stack = 'Error\n    at x (y.js:1:1)';
    return e;
  });
  insp('error showHidden', () => {
    const e = new TypeError('hidden');
    e.stack = 'TypeError: hidden\n    at a (b.js:1:2)';
    e.code = 'H';
    return e;
  }, { showHidden: true });
  insp('error at depth', () => ({ a: { b: { c: new Error('deep') } } }));
  insp('error with code at depth', () =>
    ({ a: { b: { c: Object.assign(new Error('d'), { code: 1 }) } } }));

  // Custom inspect.
  insp('custom inspect string', () => ({
    [Symbol.for('nodejs.util.inspect.custom')]() { return 'CUSTOM'; },
  }));
  insp('custom inspect value', () => ({
    a: {
      [Symbol.for('nodejs.util.inspect.custom')]() { return { x: [1, 2] }; },
    },
  }));
  insp('custom inspect multiline', () => ({
    a: {
      [Symbol.for('nodejs.util.inspect.custom')]() { return 'l1\nl2'; },
    },
  }));
  insp('custom inspect args', () => ({
    nested: {
      [Symbol.for('nodejs.util.inspect.custom')](depth, options, insp) {
        return `depth=${depth} colors=${options.colors} ` +
          `same=${typeof insp === 'function'} ${insp({ q: 1 })}`;
      },
    },
  }));
  insp('custom inspect returns this', () => {
    const o = {
      v: 1,
      [Symbol.for('nodejs.util.inspect.custom')]() { return this; },
    };
    return o;
  });
  insp('custom inspect disabled', () => ({
    [Symbol.for('nodejs.util.inspect.custom')]() { return 'NO'; },
    v: 1,
  }), { customInspect: false });
  insp('custom inspect user option', () => ({
    [Symbol.for('nodejs.util.inspect.custom')](d, o) { return `u=${o.user}`; },
  }), { user: 'yes' });
  insp('uint8array subclass custom', () => {
    class FakeBuffer extends Uint8Array {
      [Symbol.for('nodejs.util.inspect.custom')]() {
        const hex = Array.from(this, (b) => b.toString(16).padStart(2, '0'));
        return `<Buffer ${hex.join(' ')}>`;
      }
    }
    return { buf: FakeBuffer.from([0x68, 0x69]) };
  });
  insp('class prototype with custom', () => {
    class C {
      [Symbol.for('nodejs.util.inspect.custom')]() { return 'inst'; }
    }
    return [new C(), C.prototype];
  });
  insp('node buffer', () => Buffer.from('hi'), undefined, { node: true });

  // Options.
  const deep = () => ({ l1: { l2: { l3: { l4: { l5: 'bottom' } } } } });
  insp('depth 0', deep, { depth: 0 });
  insp('depth 1', deep, { depth: 1 });
  insp('depth null', deep, { depth: null });
  insp('depth Infinity', deep, { depth: Infinity });
  insp('depth -1', () => ({ a: 1 }), { depth: -1 });
  insp('depth 0 array', () => [[1], { a: 1 }, new Map([[1, 2]])], { depth: 0 });
  insp('depth 0 class', () => {
    class K { constructor() { this.v = 1; } }
    return { k: new K(), s: new Set([1]), n: Object.create(null) };
  }, { depth: 0 });
  insp('compact false', () => ({ a: 1, b: [1, 2], c: { d: 'x' } }),
    { compact: false });
  insp('compact false empty', () => ({ a: {}, b: [] }), { compact: false });
  insp('compact true', () => ({ a: 1, b: [1, 2], c: { d: 'x' } }),
    { compact: true });
  insp('compact true long', () => ({
    aaaaaaaaaa: 'bbbbbbbbbbbbbbbbbbbbbbb',
    cccccccccc: 'ddddddddddddddddddddddd',
    eeeeeeeeee: { fffff: 'ggggggggggggggggggggggggggg', h: [1, 2, 3] },
  }), { compact: true });
  insp('compact true circular', () => {
    const o = { a: 1 };
    o.o = o;
    return o;
  }, { compact: true });
  insp('compact 1', () => ({ a: { b: 1 }, c: 2 }), { compact: 1 });
  insp('compact 5', deep, { compact: 5, depth: 10 });
  insp('breakLength 20', () => ({ alpha: 1, beta: 2, gamma: 3, delta: 4 }),
    { breakLength: 20 });
  insp('breakLength Infinity', () =>
    Array.from({ length: 50 }, (_, i) => ({ i, s: `v${i}` })),
  { breakLength: Infinity });
  insp('breakLength Infinity compact true', () =>
    ({ a: Array.from({ length: 30 }, (_, i) => i), b: 'x'.repeat(100) }),
  { breakLength: Infinity, compact: true });
  insp('sorted', () => ({ c: 1, a: 2, b: 3 }), { sorted: true });
  insp('sorted comparator', () => ({ c: 1, a: 2, b: 3 }),
    { sorted: (x, y) => (x < y ? 1 : -1) });
  insp('sorted array keys', () => Object.assign([3, 1], { z: 1, y: 2 }),
    { sorted: true });
  insp('maxArrayLength 2', () => [1, 2, 3, 4, 5], { maxArrayLength: 2 });
  insp('maxArrayLength 0', () => [1, 2, 3], { maxArrayLength: 0 });
  insp('maxArrayLength null', () => Array.from({ length: 120 }, () => 0),
    { maxArrayLength: null });
  insp('maxArrayLength typed', () => new Uint8Array(10), { maxArrayLength: 3 });
  insp('maxArrayLength buffer', () => new ArrayBuffer(10),
    { maxArrayLength: 3 });
  insp('maxArrayLength grouped', () => Array.from({ length: 30 }, (_, i) => i),
    { maxArrayLength: 20 });
  insp('maxStringLength', () => 'abcdefghij', { maxStringLength: 4 });
  insp('maxStringLength one', () => ['abcde'], { maxStringLength: 4 });
  insp('numericSeparator', () =>
    [1234567, -1234.5678, 0.0001, 123, 1e21, 12345678901234567890n, NaN,
      -0.5, 1e-7, -0, -Infinity, 2 ** 53, 0.1234567],
  { numericSeparator: true });
  insp('showHidden object', () =>
    Object.defineProperty({ a: 1 }, 'x', { value: 2 }), { showHidden: true });
  insp('showHidden array', () => [1, 2], { showHidden: true });
  insp('showHidden class', () => {
    class Foo {
      constructor() { this.a = 1; }
      bar() {}
      get baz() { return 1; }
    }
    return new Foo();
  }, { showHidden: true });
  insp('showHidden typed array', () => new Uint8Array(2), { showHidden: true });
  insp('showHidden weakmap', () => new WeakMap(), { showHidden: false });
  insp('legacy args', () => ({ a: { b: { c: { d: 1 } } } }), true);
  const legacyValue = { a: { b: { c: { d: 1 } } }, s: 'str' };
  cases.push({
    name: 'legacy depth and colors arguments',
    run: (lib) => lib.inspect(legacyValue, false, 0, true),
  });
  cases.push({
    name: 'legacy undefined depth',
    run: (lib) => lib.inspect(legacyValue, false, undefined, false),
  });
  cases.push({
    name: 'depth option undefined',
    run: (lib) => lib.inspect(legacyValue, { depth: undefined }),
  });

  // Colors.
  const colorful = () => ({
    s: 'str',
    n: 1,
    b: true,
    u: undefined,
    nl: null,
    sym: Symbol('s'),
    big: 2n,
    d: new Date(0),
    r: /re/,
    f() {},
    arr: [1, 'a', [2]],
    m: new Map([['k', 'v']]),
    g: { get x() { return 1; } },
    empty: [, 1], // eslint-disable-line no-sparse-arrays
    deep: { a: { b: { c: {} } } },
  });
  insp('colors', colorful, { colors: true });
  insp('colors compact false', colorful, { colors: true, compact: false });
  insp('colors grouped numbers', () =>
    Array.from({ length: 30 }, (_, i) => i * 11), { colors: true });
  insp('colors grouped strings', () =>
    Array.from({ length: 30 }, (_, i) => `s${i}`), { colors: true });
  insp('colors boxed', () => [new Number(1), new String('s')],
    { colors: true });
  insp('colors error no stack', () => {
    const e = new Error('x');
    e.stack = undefined;
    return { e };
  }, { colors: true });
  insp('colors circular', () => {
    const o = {};
    o.o = o;
    return o;
  }, { colors: true });
  insp('colors error stack', () => new Error('colored'), { colors: true });

  // format.
  fmt('format no args', () => []);
  fmt('format string only', () => ['hello %s']);
  fmt('format %s', () => ['hello %s', 'world']);
  fmt('format %s number', () => ['%s', 42]);
  fmt('format %s -0', () => ['%s', -0]);
  fmt('format %s bigint', () => ['%s', 42n]);
  fmt('format %s symbol', () => ['%s', Symbol('sy')]);
  fmt('format %s null undefined', () => ['%s %s', null, undefined]);
  fmt('format %s object', () => ['%s', { a: { b: { c: 1 } } }]);
  fmt('format %s array', () => ['%s', [1, [2, [3]]]]);
  fmt('format %s class instance', () => {
    class Pt { constructor() { this.x = 1; } }
    return ['%s', new Pt()];
  });
  fmt('format %s own toString', () =>
    ['%s', { toString() { return 'custom!'; } }]);
  fmt('format %s class toString', () => {
    class T { toString() { return 'T!'; } }
    return ['%s', new T()];
  });
  fmt('format %s error', () => {
    const e = new Error('fmt error');
    e.stack = 'Error: fmt error\n    at somewhere (x.js:1:1)';
    return ['%s', e];
  });
  fmt('format %s date', () => ['%s', new Date(0)]);
  fmt('format %s function', () => ['%s', function f() { return 1; }]);
  fmt('format %s native function', () => ['%s', Math.max]);
  fmt('format %s bound function', () => ['%s', function b() {}.bind(null)]);
  fmt('format %s null proto', () =>
    ['%s', Object.assign(Object.create(null), { a: 1 })]);
  fmt('format %s map', () => ['%s', new Map([[1, { a: 1 }]])]);
  fmt('format %d', () => ['%d', 42.5]);
  fmt('format %d string', () => ['%d', '42']);
  fmt('format %d object', () => ['%d', {}]);
  fmt('format %d bigint', () => ['%d', 5n]);
  fmt('format %d symbol', () => ['%d', Symbol('x')]);
  fmt('format %d -0', () => ['%d', -0]);
  fmt('format %i', () => ['%i', 42.9]);
  fmt('format %i string', () => ['%i', '0x10']);
  fmt('format %i bigint', () => ['%i', 7n]);
  fmt('format %f', () => ['%f', '3.5abc']);
  fmt('format %f symbol', () => ['%f', Symbol('f')]);
  fmt('format %j', () => ['%j', { a: [1, 'b'] }]);
  fmt('format %j circular', () => {
    const o = {};
    o.o = o;
    return ['%j', o];
  });
  fmt('format %j undefined', () => ['%j', undefined]);
  fmt('format %o', () => ['%o', { a: [1, 2], b: { c: { d: { e: 1 } } } }]);
  fmt('format %o array', () => ['%o', [1, 'x']]);
  fmt('format %O', () => ['%O', { a: { b: { c: { d: 1 } } } }]);
  fmt('format %c', () => ['%cstyled%c text', 'color: red', 'x']);
  fmt('format %%', () => ['100%% sure %s', 'yes']);
  fmt('format %% alone', () => ['100%%']);
  fmt('format %% with arg', () => ['100%%', 'extra']);
  fmt('format unknown', () => ['%x %s', 'a']);
  fmt('format trailing %', () => ['50% %', 1]);
  fmt('format missing args', () => ['%s %s %d', 'only']);
  fmt('format extra args', () => ['%s', 'a', 'b', 3, { c: 1 }]);
  fmt('format non-string first', () => [{ a: 1 }, 'str', 2, [3]]);
  fmt('format numbers only', () => [1, 2, 3]);
  fmt('format no placeholders', () => ['plain', 'extra', { x: 1 }]);
  fmt('format null first', () => [null, 'x']);
  fmt('format error arg', () => {
    const e = new Error('logged');
    e.stack = 'Error: logged\n    at here (h.js:1:1)';
    return ['failed:', e];
  });
  fmt('format long object arg', () => ['data', {
    list: Array.from({ length: 30 }, (_, i) => i),
    name: 'a reasonably long name for this object',
  }]);
  fmt('format multiline string arg', () => ['a\nb', 'c\nd']);
  fmt('format symbol first', () => [Symbol('first'), 'x']);
  fmtOpts('formatWithOptions colors', { colors: true },
    () => ['%s %O', 'x', { a: 1, b: 'two' }]);
  fmtOpts('formatWithOptions depth', { depth: 0 },
    () => ['val', { a: { b: 1 } }]);
  fmtOpts('formatWithOptions %s colors', { colors: true },
    () => ['%s', { a: 1 }, 5]);
  fmtOpts('formatWithOptions compact', { compact: false },
    () => ['%o', { a: 1 }]);

  return cases;
}

// Cases whose expected text differs from Node on purpose (QuickJS-specific
// behaviour); checked against fixed strings.
function buildFixedCases() {
  return [
    {
      name: 'frames-only stack gets a header',
      expected: 'Error: quick\n    at f (a.js:1:1)\n    at <eval> (b.js:2:2)',
      run(lib) {
        const e = new Error('quick');
        e.stack = '    at f (a.js:1:1)\n    at <eval> (b.js:2:2)\n';
        return lib.inspect(e);
      },
    },
    {
      name: 'frames-only stack with code',
      expected: 'TypeError: q\n    at f (a.js:1:1) {\n  code: \'C\'\n}',
      run(lib) {
        const e = new TypeError('q');
        e.stack = '    at f (a.js:1:1)\n';
        e.code = 'C';
        return lib.inspect(e);
      },
    },
    {
      name: 'empty stack falls back to brackets',
      expected: '[RangeError: r]',
      run(lib) {
        const e = new RangeError('r');
        e.stack = '';
        return lib.inspect(e);
      },
    },
    {
      name: 'promise hook fulfilled',
      expected: 'Promise { 1 }',
      run(lib) {
        return withPromiseState(lib, { state: 'fulfilled', value: 1 });
      },
    },
    {
      name: 'promise hook rejected',
      expected: 'Promise { <rejected> [Error: no] }',
      run(lib) {
        const err = new Error('no');
        err.stack = '';
        return withPromiseState(lib, { state: 'rejected', value: err });
      },
    },
    {
      name: 'promise hook nested value',
      expected: "{ p: Promise { { a: 'x' } } }",
      run(lib) {
        return withPromiseState(
          lib, { state: 'fulfilled', value: { a: 'x' } }, true);
      },
    },
    {
      name: 'promise without hook',
      expected: 'Promise { <pending> }',
      run(lib) {
        return lib.inspect(Promise.resolve(1));
      },
    },
  ];
}

function withPromiseState(lib, state, nested) {
  const p = new Promise(() => {});
  lib.inspect.getPromiseState = (promise) =>
    (promise === p ? state : undefined);
  try {
    return lib.inspect(nested ? { p } : p);
  } finally {
    lib.inspect.getPromiseState = undefined;
  }
}

function show(str) {
  return JSON.stringify(str);
}

function main() {
  const util = require('util');
  const ours = require(OURS);
  const node = {
    inspect: util.inspect,
    format: util.format,
    formatWithOptions: util.formatWithOptions,
  };
  let passed = 0;
  let failed = 0;
  const fail = (name, expected, actual) => {
    failed++;
    console.log(`FAIL ${name}\n  expected: ${show(expected)}\n` +
      `  actual:   ${show(actual)}`);
  };
  const check = (name, expected, actual) => {
    if (expected === actual) {
      passed++;
    } else {
      fail(name, expected, actual);
    }
  };

  for (const c of buildCases()) {
    let expected;
    let actual;
    try {
      expected = c.run(node);
    } catch (err) {
      expected = `<threw ${err && err.message}>`;
    }
    try {
      actual = c.run(ours);
    } catch (err) {
      actual = `<threw ${err && err.stack}>`;
    }
    check(c.name, expected, actual);
  }

  for (const c of buildFixedCases()) {
    let actual;
    try {
      actual = c.run(ours);
    } catch (err) {
      actual = `<threw ${err && err.stack}>`;
    }
    check(c.name, c.expected, actual);
  }

  // Promise states that Node can see and that the hook reports the same.
  const states = new Map();
  const resolved = Promise.resolve({ v: [1, 2] });
  const rejection = new Error('rej');
  const rejected = Promise.reject(rejection);
  rejected.catch(() => {});
  const pending = new Promise(() => {});
  states.set(resolved, { state: 'fulfilled', value: { v: [1, 2] } });
  states.set(rejected, { state: 'rejected', value: rejection });
  states.set(pending, { state: 'pending' });
  ours.inspect.getPromiseState = (p) => states.get(p);
  const nodeRejected = util.inspect(rejected);
  return Promise.resolve().then(() => {
    check('promise fulfilled via hook',
      util.inspect(resolved), ours.inspect(resolved));
    check('promise rejected via hook', nodeRejected, ours.inspect(rejected));
    check('promise pending via hook',
      util.inspect({ p: pending }), ours.inspect({ p: pending }));
    ours.inspect.getPromiseState = undefined;

    // Exported tables.
    check('colors table', JSON.stringify(util.inspect.colors),
      JSON.stringify(ours.inspect.colors));
    check('color aliases', show(Object.getOwnPropertyNames(
      util.inspect.colors).map((k) => `${k}=${util.inspect.colors[k]}`)),
    show(Object.getOwnPropertyNames(ours.inspect.colors)
      .map((k) => `${k}=${ours.inspect.colors[k]}`)));
    check('styles table', util.inspect(util.inspect.styles),
      util.inspect(ours.inspect.styles));
    check('default options', util.inspect(util.inspect.defaultOptions),
      util.inspect(ours.inspect.defaultOptions));
    check('custom symbol', String(util.inspect.custom === ours.inspect.custom),
      'true');
    const strip = '\u001b[31mred\u001b[39m \u001b]8;;http://x\u0007link';
    check('stripVTControlCharacters', util.stripVTControlCharacters(strip),
      ours.stripVTControlCharacters(strip));

    // defaultOptions is honoured and can be restored.
    const sample = { a: { b: { c: { d: { e: 1 } } } }, list: [1, 2, 3] };
    util.inspect.defaultOptions = { depth: 4, breakLength: 30 };
    ours.inspect.defaultOptions = { depth: 4, breakLength: 30 };
    check('defaultOptions changed', util.inspect(sample),
      ours.inspect(sample));
    util.inspect.defaultOptions = { depth: 2, breakLength: 80 };
    ours.inspect.defaultOptions = { depth: 2, breakLength: 80 };
    check('defaultOptions restored', util.inspect(sample),
      ours.inspect(sample));

    console.log(`${passed} passed, ${failed} failed`);
    process.exitCode = failed === 0 ? 0 : 1;
  });
}

module.exports = { buildCases, buildFixedCases };

if (require.main === module) main();
