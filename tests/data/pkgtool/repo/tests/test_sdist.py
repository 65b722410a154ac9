import tarfile

from tarn.build import sdist


def test_sdist_contains_readme_in_subdir(tmp_path):
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "README.md").write_text("# hi\n")
    (tmp_path / "pyproject.toml").write_text("[project]\nname='demo'\nversion='1.0'\n")
    (tmp_path / "demo").mkdir()
    (tmp_path / "demo" / "__init__.py").write_text("")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "x.py").write_text("")
    project = {"name": "demo", "version": "1.0", "readme": "docs/README.md"}
    out = sdist.build_sdist(project, tmp_path, tmp_path / "dist")
    assert out.name == "demo-1.0.tar.gz"
    names = tarfile.open(out).getnames()
    assert "demo-1.0/docs/README.md" in names
    assert "demo-1.0/PKG-INFO" in names
    assert not any(".git" in n for n in names)


def test_filename_simple():
    assert sdist.sdist_filename("demo", "1.0") == "demo-1.0.tar.gz"
