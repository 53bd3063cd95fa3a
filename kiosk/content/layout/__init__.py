"""The screen's layout in pure Python: geometry and the layout algorithms the views present."""
