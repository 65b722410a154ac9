"""Form and multipart parsing, and ``UploadFile``."""

from __future__ import annotations

import tempfile
from typing import Any, BinaryIO
from urllib.parse import parse_qsl

import anyio.to_thread

from quill.datastructures import Headers
from quill.exceptions import HTTPException

SPOOL_MAX_SIZE = 1024 * 1024  # keep uploads up to 1 MiB in memory, then roll over to disk

MULTIPART_MISSING = (
    "Form data parsing requires the 'multipart' extra. "
    'Install it with: pip install "quill[multipart]"'
)


class UploadFile:
    def __init__(self, file: BinaryIO, *, filename: str | None, headers: Headers | None = None, size: int | None = None) -> None:
        self.file = file
        self.filename = filename
        self.headers = headers or Headers()
        self.size = size

    @property
    def content_type(self) -> str | None:
        return self.headers.get("content-type")

    async def read(self, size: int = -1) -> bytes:
        return await anyio.to_thread.run_sync(self.file.read, size)

    async def seek(self, offset: int) -> None:
        await anyio.to_thread.run_sync(self.file.seek, offset)

    async def write(self, data: bytes) -> None:
        if self.size is not None:
            self.size += len(data)
        await anyio.to_thread.run_sync(self.file.write, data)

    async def close(self) -> None:
        await anyio.to_thread.run_sync(self.file.close)

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: Any) -> Any:
        from pydantic_core import core_schema

        return core_schema.is_instance_schema(cls)

    @classmethod
    def __get_pydantic_json_schema__(cls, schema: Any, handler: Any) -> dict[str, Any]:
        return {"type": "string", "format": "binary"}

    def __repr__(self) -> str:
        return f"UploadFile(filename={self.filename!r}, size={self.size!r}, content_type={self.content_type!r})"


class FormData(dict):
    def getlist(self, key: str) -> list[Any]:
        value = self.get(key)
        if value is None:
            return []
        return value if isinstance(value, list) else [value]


def _require_multipart() -> Any:
    try:
        import python_multipart.multipart as multipart  # python-multipart >= 0.0.13
    except ImportError:
        try:
            import multipart.multipart as multipart  # type: ignore[no-redef]
        except ImportError:
            raise RuntimeError(MULTIPART_MISSING) from None
    if not hasattr(multipart, "MultipartParser"):
        # the unrelated "multipart" package from PyPI shadows python-multipart
        raise RuntimeError(MULTIPART_MISSING)
    return multipart


async def parse_form(request: Any, *, max_files: int, max_fields: int) -> FormData:
    content_type = request.headers.get("content-type", "")
    if content_type.startswith("application/x-www-form-urlencoded"):
        body = await request.body()
        fields = parse_qsl(body.decode("latin-1"), keep_blank_values=True)
        if len(fields) > max_fields:
            raise HTTPException(400, f"Too many fields. Maximum number of fields is {max_fields}.")
        return FormData(fields)
    if not content_type.startswith("multipart/form-data"):
        return FormData()
    multipart = _require_multipart()
    _, params = multipart.parse_options_header(content_type)
    boundary = params.get(b"boundary")
    if not boundary:
        raise HTTPException(400, "Missing boundary in multipart.")

    form: FormData = FormData()
    files = 0
    current: dict[str, Any] = {}

    def on_part_begin() -> None:
        current.clear()
        current["headers"] = []
        current["data"] = bytearray()

    def on_header_field(data: bytes, start: int, end: int) -> None:
        current["field"] = data[start:end].lower()

    def on_header_value(data: bytes, start: int, end: int) -> None:
        current["headers"].append((current.pop("field"), data[start:end]))

    def on_headers_finished() -> None:
        nonlocal files
        headers = Headers(raw=current["headers"])
        _, disp = multipart.parse_options_header(headers.get("content-disposition", ""))
        current["name"] = disp.get(b"name", b"").decode("utf-8")
        filename = disp.get(b"filename")
        if filename is not None:
            files += 1
            if files > max_files:
                raise HTTPException(400, f"Too many files. Maximum number of files is {max_files}.")
            spool = tempfile.SpooledTemporaryFile(max_size=SPOOL_MAX_SIZE)
            current["file"] = UploadFile(spool, filename=filename.decode("utf-8"), headers=headers, size=0)

    def on_part_data(data: bytes, start: int, end: int) -> None:
        upload = current.get("file")
        if upload is not None:
            upload.file.write(data[start:end])
            upload.size += end - start
        else:
            current["data"] += data[start:end]

    def on_part_end() -> None:
        name = current["name"]
        value: Any = current.get("file") or current["data"].decode("utf-8")
        if isinstance(value, UploadFile):
            value.file.seek(0)
        if name in form:
            existing = form[name]
            form[name] = existing + [value] if isinstance(existing, list) else [existing, value]
        else:
            form[name] = value
        if len(form) > max_fields:
            raise HTTPException(400, f"Too many fields. Maximum number of fields is {max_fields}.")

    parser = multipart.MultipartParser(
        boundary,
        callbacks={
            "on_part_begin": on_part_begin,
            "on_header_field": on_header_field,
            "on_header_value": on_header_value,
            "on_headers_finished": on_headers_finished,
            "on_part_data": on_part_data,
            "on_part_end": on_part_end,
        },
    )
    async for chunk in request.stream():
        parser.write(chunk)
    parser.finalize()
    return form
