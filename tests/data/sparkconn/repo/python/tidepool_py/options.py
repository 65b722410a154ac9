def _render(value):
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, tuple)):
        return ",".join(str(v) for v in value)
    return str(value)


def to_java_options(opts):
    """Convert Python keyword options into the string map the JVM side expects.

    Bools are lowercased, lists joined with commas, None is dropped.
    """
    return {k: _render(v) for k, v in opts.items() if v}
