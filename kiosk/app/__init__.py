"""Starting the kiosk: the Qt application, fonts, logging, the QML window, and its supervisor.

Nothing is imported here, so that `kiosk supervise` starts without loading Qt.
"""
