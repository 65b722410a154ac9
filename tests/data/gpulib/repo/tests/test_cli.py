from quiver.cli.convert import main
from quiver.io import read_pcd, write_ply


def test_ply_to_pcd(tmp_path, capsys):
    src = tmp_path / "in.ply"
    write_ply(str(src), [(0.0, 0.0, 0.0), (1.0, 1.0, 1.0)])
    dst = tmp_path / "out.pcd"
    assert main([str(src), str(dst)]) == 0
    assert "wrote 2 of 2 points" in capsys.readouterr().out
    assert dst.exists()


def test_bad_extension(tmp_path, capsys):
    src = tmp_path / "in.ply"
    write_ply(str(src), [(0.0, 0.0, 0.0)])
    try:
        main([str(src), str(tmp_path / "out.xyz")])
    except SystemExit as e:
        assert e.code == 2
    assert "unsupported output extension '.xyz'" in capsys.readouterr().err
