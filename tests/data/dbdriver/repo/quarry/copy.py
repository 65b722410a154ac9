"""COPY support: copy_records_to_table (COPY FROM STDIN, text format) and copy_from_query."""
from .errors import InterfaceError

_NULL = "\\N"


def _encode_value(value):
    if value is None:
        return _NULL
    if isinstance(value, bool):
        return "t" if value else "f"
    if isinstance(value, (bytes, bytearray, memoryview)):
        return "\\\\x" + bytes(value).hex()
    return str(value)


def _encode_copy_row(record):
    """Encode one record as a line of the COPY text format."""
    out = []
    for value in record:
        text = _encode_value(value)
        if value is not None:
            text = text.replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")
        out.append(text)
    return ("\t".join(out) + "\n").encode("utf-8")


def _copy_sql(table, columns):
    cols = ""
    if columns:
        cols = " (" + ", ".join(_quote_ident(c) for c in columns) + ")"
    return f"COPY {_quote_ident(table)}{cols} FROM STDIN"


def _quote_ident(name):
    return '"' + name.replace('"', '""') + '"'


async def copy_records_to_table(conn, table, records, *, columns=None, batch_size=8192):
    """Stream ``records`` (an iterable of tuples) into ``table``. Returns the row count."""
    await conn._protocol.start_copy_in(_copy_sql(table, columns))
    buf = bytearray()
    try:
        for record in records:
            buf += _encode_copy_row(record)
            if len(buf) >= batch_size:
                await conn._protocol.send_copy_data(bytes(buf))
                buf.clear()
        if buf:
            await conn._protocol.send_copy_data(bytes(buf))
    except BaseException as exc:
        await conn._protocol.send_copy_fail(str(exc) or type(exc).__name__)
        raise
    return await conn._protocol.finish_copy_in()


async def _read_copy_data(conn):
    """Yield the CopyData payloads of a COPY TO STDOUT that has already been started.

    Stops at CopyDone; the caller must then drain the protocol to ReadyForQuery.
    """
    while True:
        kind, payload = await conn._protocol.read_message()
        if kind == b"d":
            yield payload
        elif kind == b"c":
            return
        else:
            raise InterfaceError(f"unexpected message {kind!r} during COPY OUT")


async def copy_from_query(conn, query, *args, output):
    """Run ``COPY (query) TO STDOUT`` and write the data into the file-like ``output``."""
    await conn._protocol.start_copy_out(f"COPY ({query}) TO STDOUT", args)
    async for chunk in _read_copy_data(conn):
        res = output.write(chunk)
        if hasattr(res, "__await__"):
            await res
    return await conn._protocol.finish_copy_out()
