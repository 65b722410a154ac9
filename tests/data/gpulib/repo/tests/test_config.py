import io

import quiver


def test_show_config_prints_version():
    buf = io.StringIO()
    quiver.show_config(file=buf)
    assert quiver.__version__ in buf.getvalue()
