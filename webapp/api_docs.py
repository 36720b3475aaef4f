"""The API's docs page: the OpenAPI schema rendered server-side as one self-contained HTML page.

FastAPI's Swagger UI and ReDoc pages load their scripts and styles from a CDN, and no package on this machine ships
those assets, so the page is plain HTML built from the schema: no script, no external resource, every text escaped.
"""

from __future__ import annotations

import json
from html import escape
from typing import Any

__all__ = ["render_docs_html"]

_METHODS = ("get", "post", "put", "patch", "delete")
_STYLE = """
body { font-family: system-ui, sans-serif; max-width: 60em; margin: 2em auto; padding: 0 1em; line-height: 1.45; }
h2 { margin-top: 2em; border-bottom: 1px solid #ccc; } code, pre { background: #f4f4f4; padding: 0.1em 0.3em; }
pre { padding: 0.8em; overflow-x: auto; } table { border-collapse: collapse; margin: 0.5em 0 1em; }
td, th { border: 1px solid #ccc; padding: 0.3em 0.5em; vertical-align: top; text-align: left; }
.method { font-weight: bold; text-transform: uppercase; }
"""


def render_docs_html(schema: dict[str, Any], *, prefix: str = "") -> str:
    """Render an OpenAPI 3 schema: its operations (parameters, body, responses) and its component schemas.

    Args:
        schema: the OpenAPI document (`FastAPI.openapi()`).
        prefix: the path the API is mounted at (`/api`), put before every operation path and the schema link.

    Returns:
        A complete HTML page.
    """
    info = schema.get("info", {})
    title = escape(str(info.get("title", "API")))
    parts = [f"<!doctype html><html lang='en'><head><meta charset='utf-8'><title>{title}</title>"
             f"<style>{_STYLE}</style></head><body>",
             f"<h1>{title} <small>v{escape(str(info.get('version', '')))}</small></h1>",
             _paragraphs(str(info.get("description", ""))),
             f"<p>Machine-readable schema: <a href='{escape(prefix)}/openapi.json'>{escape(prefix)}/openapi.json</a>"
             "</p>"]
    schemes = schema.get("components", {}).get("securitySchemes", {})
    for name, scheme in schemes.items():
        parts.append(f"<p><strong>Authentication ({escape(name)}):</strong> {escape(str(scheme.get('type', '')))} "
                     f"{escape(str(scheme.get('scheme', '')))}. {escape(str(scheme.get('description', '')))}</p>")
    parts.append("<h2>Operations</h2>")
    for path, operations in schema.get("paths", {}).items():
        for method in _METHODS:
            if method in operations:
                parts.append(_operation(method, prefix + path, operations[method]))
    parts.append("<h2>Schemas</h2>")
    for name, component in schema.get("components", {}).get("schemas", {}).items():
        parts.append(_component(name, component))
    parts.append("</body></html>")
    return "\n".join(parts)


def _operation(method: str, path: str, operation: dict[str, Any]) -> str:
    out = [f"<h3 id='{escape(operation.get('operationId', path))}'><span class='method'>{escape(method)}</span> "
           f"<code>{escape(path)}</code> {escape(str(operation.get('summary', '')))}</h3>",
           _paragraphs(str(operation.get("description", "")))]
    if operation.get("security"):
        out.append("<p>Requires the bearer token when the server sets one.</p>")
    parameters = operation.get("parameters", [])
    if parameters:
        rows = "".join(f"<tr><td><code>{escape(p['name'])}</code></td><td>{escape(p.get('in', ''))}</td>"
                       f"<td>{_type(p.get('schema', {}))}</td></tr>" for p in parameters)
        out.append(f"<table><tr><th>parameter</th><th>in</th><th>type</th></tr>{rows}</table>")
    body = operation.get("requestBody", {}).get("content", {}).get("application/json")
    if body:
        out.append(f"<p>Request body (JSON): {_type(body.get('schema', {}))}</p>")
    rows = "".join(
        f"<tr><td>{escape(code)}</td><td>{escape(str(response.get('description', '')))}</td>"
        f"<td>{_type(response.get('content', {}).get('application/json', {}).get('schema', {}))}</td></tr>"
        for code, response in operation.get("responses", {}).items())
    out.append(f"<table><tr><th>status</th><th>meaning</th><th>body</th></tr>{rows}</table>")
    return "\n".join(out)


def _component(name: str, component: dict[str, Any]) -> str:
    required = set(component.get("required", []))
    rows = "".join(
        f"<tr><td><code>{escape(field)}</code></td><td>{_type(spec)}</td><td>{'yes' if field in required else ''}</td>"
        f"<td>{escape(str(spec.get('description', '')))}</td></tr>"
        for field, spec in component.get("properties", {}).items())
    table = f"<table><tr><th>field</th><th>type</th><th>required</th><th>description</th></tr>{rows}</table>"
    examples = "".join(f"<p>Example:</p><pre>{escape(json.dumps(example, ensure_ascii=False, indent=2))}</pre>"
                       for example in component.get("examples", []))
    return (f"<h3 id='schema-{escape(name)}'>{escape(name)}</h3>"
            f"{_paragraphs(str(component.get('description', '')))}{table if rows else ''}{examples}")


def _type(spec: dict[str, Any]) -> str:
    """A JSON schema as a short type name: a link for `$ref`, `list[...]`, `a | b`, enumerations quoted."""
    if "$ref" in spec:
        name = escape(str(spec["$ref"]).rsplit("/", 1)[-1])
        return f"<a href='#schema-{name}'>{name}</a>"
    if "anyOf" in spec:
        return " | ".join(_type(option) for option in spec["anyOf"])
    if "enum" in spec:
        return " | ".join(f"<code>{escape(json.dumps(value))}</code>" for value in spec["enum"])
    if "const" in spec:
        return f"<code>{escape(json.dumps(spec['const']))}</code>"
    kind = str(spec.get("type", "any"))
    if kind == "array":
        return f"list[{_type(spec.get('items', {}))}]"
    if kind == "object" and isinstance(spec.get("additionalProperties"), dict):
        return f"dict[string, {_type(spec['additionalProperties'])}]"
    return escape(kind)


def _paragraphs(text: str) -> str:
    return "".join(f"<p>{escape(part.strip())}</p>" for part in text.split("\n\n") if part.strip())
