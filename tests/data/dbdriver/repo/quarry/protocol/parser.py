"""Pure Python fallback for the wire parser (mirrors quarry/_cparser.c function by function)."""
import struct

from ..errors import InterfaceError, error_from_fields

_int16 = struct.Struct("!h")
_int32 = struct.Struct("!i")


class ReadBuffer:
    """A cursor over one backend message payload."""

    def __init__(self, data, encoding="utf-8"):
        self._data = memoryview(data)
        self._pos = 0
        self.encoding = encoding

    def read_byte(self):
        b = self._data[self._pos]
        self._pos += 1
        return b

    def read_int16(self):
        v = _int16.unpack_from(self._data, self._pos)[0]
        self._pos += 2
        return v

    def read_int32(self):
        v = _int32.unpack_from(self._data, self._pos)[0]
        self._pos += 4
        return v

    def read_bytes(self, n):
        v = self._data[self._pos:self._pos + n]
        self._pos += n
        return v

    def read_cstring(self):
        end = bytes(self._data[self._pos:]).find(b"\x00")
        if end < 0:
            raise InterfaceError("unterminated string in message")
        data = self._data[self._pos:self._pos + end]
        self._pos += end + 1
        return bytes(data).decode('ascii')

    def at_end(self):
        return self._pos >= len(self._data)


def _read_fields(buf):
    fields = {}
    while True:
        code = buf.read_byte()
        if code == 0:
            return fields
        fields[chr(code)] = buf.read_cstring()


def parse_error(buf):
    """ErrorResponse ('E') -> exception instance."""
    return error_from_fields(_read_fields(buf))


def parse_notice(buf):
    """NoticeResponse ('N') -> dict of fields (severity, message, detail ...)."""
    fields = {}
    while True:
        code = buf.read_byte()
        if code == 0:
            return fields
        fields[chr(code)] = buf.read_cstring()


def parse_notification(buf):
    """NotificationResponse ('A') -> (pid, channel, payload)."""
    pid = buf.read_int32()
    channel = buf.read_cstring()
    payload = buf.read_cstring()
    return pid, channel, payload


def parse_command_complete(buf):
    """CommandComplete ('C') -> affected row count or None ('UPDATE 5' -> 5, 'INSERT 0 3' -> 3)."""
    tag = buf.read_cstring()
    last = tag.rpartition(" ")[2]
    return int(last) if last.isdigit() else None
