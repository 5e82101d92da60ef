#!/usr/bin/env python3
"""Prints a CRD read from stdin as Kubernetes 1.20 (e2e/local-apiserver.sh) accepts it.

Newer CRD generators give the `name` of object references an empty-string default (`default: ""`), which
Kubernetes 1.20 reads as null and refuses; later releases take it. Each such default is left out, and where the name
is a key of a map list (`x-kubernetes-list-map-keys`, which 1.20 wants defaulted or required) it becomes required.
Nothing else of the schema changes.
"""
import json
import sys

import yaml


def fix(schema):
    if not isinstance(schema, dict):
        return
    items = schema.get("items")
    for child in list((schema.get("properties") or {}).values()) + [items, schema.get("additionalProperties")]:
        fix(child)
    for prop in (schema.get("properties") or {}).values():
        if isinstance(prop, dict) and prop.get("default") == "":
            del prop["default"]
    if isinstance(items, dict):
        for key in schema.get("x-kubernetes-list-map-keys") or []:
            if key in (items.get("properties") or {}) and "default" not in items["properties"][key]:
                required = items.setdefault("required", [])
                if key not in required:
                    required.append(key)


crd = yaml.safe_load(sys.stdin)
for version in crd["spec"]["versions"]:
    fix(version["schema"]["openAPIV3Schema"])
json.dump(crd, sys.stdout)
