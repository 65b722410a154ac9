from quill import Quill
from quill.staticfiles import StaticFiles
from quill.testclient import TestClient


def test_serves_file(tmp_path):
    (tmp_path / "hello.txt").write_text("hello")
    app = Quill()
    app.mount("/static", StaticFiles(directory=tmp_path))
    with TestClient(app) as client:
        response = client.get("/static/hello.txt")
    assert response.status_code == 200
    assert response.text == "hello"


def test_refuses_traversal(tmp_path):
    (tmp_path / "public").mkdir()
    (tmp_path / "secret.txt").write_text("nope")
    app = Quill()
    app.mount("/static", StaticFiles(directory=tmp_path / "public"))
    with TestClient(app, raise_server_exceptions=False) as client:
        assert client.get("/static/../secret.txt").status_code == 404


def test_html_index(tmp_path):
    (tmp_path / "index.html").write_text("<h1>hi</h1>")
    app = Quill()
    app.mount("/", StaticFiles(directory=tmp_path, html=True))
    with TestClient(app) as client:
        assert "hi" in client.get("/").text
