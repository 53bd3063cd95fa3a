"""The screen's layout, in pure Python: geometry, and the layout algorithms the views follow.

Import from the submodules (`kiosk.content.layout.geometry`, ...), not from the package.
"""
