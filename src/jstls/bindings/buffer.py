"""Host side of ``buffer``: encoding long strings into bytes.

QuickJS, as dukpy builds it, runs npm's byte-by-byte encoders at a few
MB/s; Python's codecs run at GB/s and the bytes come back through the
engine's byte codec.  lib/buffer.js sends only long strings here (a call
costs more than encoding a short one in JS).  Decoding needs no host: the
engine's own escape()/decodeURIComponent do it natively.
"""

from __future__ import annotations

from . import utf8


class BufferBinding:
    """The ``buffer`` binding."""

    def __init__(self, runtime):
        self._engine = runtime.engine

    def encode(self, text, encoding):
        """``Buffer.from(string, encoding)`` for utf8 and latin1 (also
        'binary' and 'ascii', which Node writes as latin1: each code
        unit's low byte)."""
        if encoding == "utf8":
            data = utf8(text)
        else:
            try:
                data = text.encode("latin-1")
            except UnicodeEncodeError:
                # The low byte of each UTF-16 code unit, as JS counts
                # them (an astral character is two).
                data = text.encode("utf-16-le", "surrogatepass")[0::2]
        return self._engine.bytes_to_js(data)
