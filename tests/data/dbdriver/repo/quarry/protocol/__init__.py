"""Wire protocol. Uses the C parser when available, else the pure Python one."""
import os

if os.environ.get("QUARRY_NO_EXTENSIONS"):
    from . import parser as _impl
else:
    try:
        from .. import _cparser as _impl  # type: ignore[attr-defined]
    except ImportError:
        from . import parser as _impl

ReadBuffer = _impl.ReadBuffer
parse_error = _impl.parse_error
parse_notice = _impl.parse_notice
