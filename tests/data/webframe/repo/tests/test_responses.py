from quill import FileResponse, JSONResponse, Quill, RedirectResponse, StreamingResponse
from quill.background import BackgroundTasks
from quill.testclient import TestClient


def test_json_response_unicode(app: Quill, client: TestClient):
    @app.get("/")
    async def index():
        return JSONResponse({"name": "Zoë"})

    assert client.get("/").json() == {"name": "Zoë"}


def test_file_response_non_ascii_filename(tmp_path, app: Quill, client: TestClient):
    path = tmp_path / "r.pdf"
    path.write_bytes(b"%PDF-1.4")

    @app.get("/file")
    async def file():
        return FileResponse(path, filename="résumé.pdf")

    disposition = client.get("/file").headers["content-disposition"]
    assert disposition == "attachment; filename=\"rsum.pdf\"; filename*=utf-8''r%C3%A9sum%C3%A9.pdf"


def test_streaming_response(app: Quill, client: TestClient):
    @app.get("/stream")
    async def stream():
        async def gen():
            yield b"a"
            yield b"b"

        return StreamingResponse(gen(), media_type="text/plain")

    assert client.get("/stream").text == "ab"


def test_background_task_failure_is_logged(app: Quill, client: TestClient, caplog):
    def explode():
        raise RuntimeError("nope")

    @app.get("/bg")
    async def bg():
        tasks = BackgroundTasks()
        tasks.add_task(explode)
        return JSONResponse({}, background=tasks)

    client.get("/bg")
    assert "background task test_background_task_failure_is_logged.<locals>.explode failed" in caplog.text


def test_redirect_default_status():
    assert RedirectResponse("/x").status_code == 307
