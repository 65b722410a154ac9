from tarn.resolver.markers import evaluate


def test_platform():
    assert evaluate("sys_platform == 'linux'", {"sys_platform": "linux"})
    assert not evaluate("sys_platform == 'win32'", {"sys_platform": "linux"})


def test_and_or():
    env = {"sys_platform": "linux", "os_name": "posix"}
    assert evaluate("sys_platform == 'linux' and os_name == 'posix'", env)
    assert evaluate("sys_platform == 'win32' or os_name == 'posix'", env)


def test_python_version_simple():
    assert evaluate('python_version >= "3.8"', {"python_version": "3.9"})
    assert not evaluate('python_version < "3.8"', {"python_version": "3.9"})


def test_extra_in():
    assert evaluate("'dev' in extra", {"extra": "dev"})
