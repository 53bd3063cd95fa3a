"""The fault-injection suite: every way the kiosk was broken when left alone, and the ways it held.

Each test injects one fault as it happens in a gallery (a damaged cache or stored state, hostile
content, a folder swapped or unmounted, a full disk, an unwritable folder, a screen that changes,
a window manager, a crash loop) and asserts what operations staff and visitors are owed: the kiosk
comes back by itself, shows nothing from outside its exhibit, and says what happened.
"""
