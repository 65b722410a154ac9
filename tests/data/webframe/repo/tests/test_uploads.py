import pytest

from quill import File, Form, Quill, UploadFile
from quill.testclient import TestClient
from quill.uploads import MULTIPART_MISSING, _require_multipart


def test_upload_file(app: Quill, client: TestClient):
    @app.post("/upload")
    async def upload(file: UploadFile = File()):
        data = await file.read()
        return {"filename": file.filename, "size": len(data)}

    response = client.post("/upload", files={"file": ("report.csv", b"a,b\n1,2\n", "text/csv")})
    assert response.json() == {"filename": "report.csv", "size": 8}


def test_urlencoded_form(app: Quill, client: TestClient):
    @app.post("/login")
    async def login(username: str = Form(), password: str = Form()):
        return {"username": username}

    assert client.post("/login", data={"username": "ada", "password": "x"}).json() == {"username": "ada"}


def test_missing_multipart_message(monkeypatch):
    import builtins

    real_import = builtins.__import__

    def fake_import(name, *args, **kwargs):
        if name.split(".")[0] in ("python_multipart", "multipart"):
            raise ImportError(name)
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", fake_import)
    with pytest.raises(RuntimeError) as info:
        _require_multipart()
    assert str(info.value) == MULTIPART_MISSING
