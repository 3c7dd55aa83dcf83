"""The line protocol of the persistent bench peers: one JSON request per stdin line, one JSON
reply per stdout line. A failing handler answers with {"error": ...} rather than dying mid-protocol."""
import json
import sys


def serve(handlers):
    for line in sys.stdin:
        request = json.loads(line)
        handler = handlers.get(request.get("op"))
        if handler is None:
            reply = {"error": f"unknown op {request.get('op')!r}; expected one of {sorted(handlers)}"}
        else:
            try:
                reply = handler(request)
            except Exception as error:  # answer the request rather than die mid-protocol
                reply = {"error": f"{type(error).__name__}: {error}"}
        sys.stdout.write(json.dumps(reply) + "\n")
        sys.stdout.flush()
