"""Generated apps on an origin of their own: the proxy and the server that answers previews."""
