import zipfile

from tarn.build import wheel


def test_build_wheel(tmp_path):
    (tmp_path / "acme_utils").mkdir()
    (tmp_path / "acme_utils" / "__init__.py").write_text("X = 1\n")
    project = {"name": "acme-utils", "version": "1.4.0", "scripts": {"acme": "acme_utils:main"}}
    out = wheel.build_wheel(project, tmp_path, tmp_path / "dist")
    assert out.name == "acme_utils-1.4.0-py3-none-any.whl"
    names = zipfile.ZipFile(out).namelist()
    assert "acme_utils/__init__.py" in names
    assert "acme_utils-1.4.0.dist-info/RECORD" in names
    assert "acme_utils-1.4.0.dist-info/entry_points.txt" in names


def test_record_lines_have_size(tmp_path):
    (tmp_path / "m").mkdir()
    (tmp_path / "m" / "__init__.py").write_text("")
    out = wheel.build_wheel({"name": "m", "version": "1"}, tmp_path, tmp_path / "dist")
    record = zipfile.ZipFile(out).read("m-1.dist-info/RECORD").decode().splitlines()
    assert record[0].startswith("m/__init__.py,sha256=")
    assert record[0].endswith(",0")
