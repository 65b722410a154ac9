from quill.server.backends import BACKENDS, ServerConfig, serve

__all__ = ["BACKENDS", "ServerConfig", "serve"]
