"""The bounds every exhibit keeps, stated once for the model and for what is read back from the cache.

The model (kiosk.content.models, pydantic) enforces them on what curators write; the snapshot reader
(kiosk.content.summary, without pydantic so that a known exhibit opens at once) enforces the same
on a snapshot read back from disk, which may have been damaged or edited since it was written.
"""

import re

COLOR = re.compile(r"^#[0-9A-Fa-f]{6}$")
IDENTIFIER = re.compile(r"^[a-z0-9][a-z0-9-]*$")
IDENTIFIER_MAX_LENGTH = 48

#: The theme's colours by name, as `Theme` has them and every screen reads them.
PALETTE_KEYS = ("paper", "paper_shade", "card", "ink", "ink_soft", "rule")
#: The theme's fonts by role.
FONT_ROLES = ("display", "body", "interface", "typewriter")
#: One or two accents, each named for the side of the story it marks.
ACCENTS = (1, 2)
#: Sides every exhibit has besides its accents' names.
SIDES_OF_EVERY_EXHIBIT = ("both", "none")

#: How many sections a home screen has room for, panels a section's progress dots, and slides
#: an attract loop.
MAX_SECTIONS = 6
MAX_PANELS = 12
MAX_SLIDES = 12

#: Seconds without a touch before the kiosk asks whether the visitor is still there.
IDLE_TIMEOUT_S = (10, 3600)
#: Seconds the "still exploring?" question stays up: at least 20, as WCAG 2.2.1 asks.
COUNTDOWN_S = (20, 300)
#: Seconds each attract slide stays.
SECONDS_PER_SLIDE = (4, 60)
