"""What visitors do at the kiosk, kept privately on it, and the report curators read.

Pure Python, no Qt: the event schema shared by the kiosk's recorder (kiosk/services) and by the
export and the report, which also run on a curator's computer without a display.
"""
