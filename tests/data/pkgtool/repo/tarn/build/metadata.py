"""Core metadata (METADATA / PKG-INFO) from the [project] table."""


def core_metadata(project: dict, readme_text: str = "") -> str:
    lines = [
        "Metadata-Version: 2.3",
        f"Name: {project['name']}",
        f"Version: {project['version']}",
    ]
    if project.get("description"):
        lines.append(f"Summary: {project['description']}")
    if project.get("requires-python"):
        lines.append(f"Requires-Python: {project['requires-python']}")
    for req in project.get("dependencies", []):
        lines.append(f"Requires-Dist: {req}")
    for extra, reqs in project.get("optional-dependencies", {}).items():
        lines.append(f"Provides-Extra: {extra}")
        for req in reqs:
            sep = " and " if ";" in req else "; "
            lines.append(f"Requires-Dist: {req}{sep}extra == \"{extra}\"")
    if readme_text:
        lines.append("Description-Content-Type: text/markdown")
        return "\n".join(lines) + "\n\n" + readme_text
    return "\n".join(lines) + "\n"


def readme_path(project: dict):
    readme = project.get("readme")
    if isinstance(readme, dict):
        return readme.get("file")
    return readme
