"""Binary array decoding. Element decoders are looked up by the element OID in the header."""
import struct

_hdr = struct.Struct("!iiI")
_dim = struct.Struct("!ii")
_len = struct.Struct("!i")


def decode_array(data, conn, lookup):
    """Decode a binary array; ``lookup(oid)`` returns the element decoder or None (text)."""
    ndims, has_nulls, elem_oid = _hdr.unpack_from(data)
    if ndims == 0:
        return []
    pos = _hdr.size
    dims = []
    for _ in range(ndims):
        size, _lbound = _dim.unpack_from(data, pos)
        dims.append(size)
        pos += _dim.size
    decoder = lookup(elem_oid)
    flat = []
    for _ in range(_count(dims)):
        n = _len.unpack_from(data, pos)[0]
        pos += 4
        if n == -1:
            flat.append(None)
            continue
        raw = data[pos:pos + n]
        pos += n
        flat.append(decoder(raw, conn) if decoder else bytes(raw).decode("utf-8"))
    return _reshape(flat, dims)


def _count(dims):
    n = 1
    for d in dims:
        n *= d
    return n


def _reshape(flat, dims):
    if len(dims) == 1:
        return flat
    step = _count(dims[1:])
    return [_reshape(flat[i * step:(i + 1) * step], dims[1:]) for i in range(dims[0])]
