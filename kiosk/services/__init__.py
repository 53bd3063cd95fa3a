"""Stateful logic of the kiosk. QtCore only: no views, no QML."""
