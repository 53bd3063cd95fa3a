"""The exhibit model and its loading from curator-written YAML. Pure Python: no Qt here.

Modules are imported where they are used: `kiosk.content.summary` and `kiosk.content.snapshot`
must stay quick to import, without pydantic, so that a known exhibit opens at once.
"""
