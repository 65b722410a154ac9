from quill.openapi.schema import OPENAPI_VERSION, generate_openapi

__all__ = ["OPENAPI_VERSION", "generate_openapi"]
