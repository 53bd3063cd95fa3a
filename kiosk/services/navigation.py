from PySide6.QtCore import QObject, Signal, Slot


class NavigationService(QObject):
    """Where the visitor is: the home screen, or a panel of a section.

    Back walks one panel back, and from a section's first panel returns home, so that a visitor
    can always retrace their steps with one control.
    """

    HOME = -1

    changed = Signal()

    def __init__(self, panel_counts: list[int], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._panel_counts = list(panel_counts)
        self._section = self.HOME
        self._panel = 0

    @property
    def section(self) -> int:
        return self._section

    @property
    def panel(self) -> int:
        return self._panel

    @property
    def at_home(self) -> bool:
        return self._section == self.HOME

    @property
    def panel_count(self) -> int:
        return 0 if self.at_home else self._panel_counts[self._section]

    def relocate(self, panel_counts: list[int], section: int, panel: int) -> None:
        """New content arrived: the visitor stays at this place in it, or as near as it allows."""
        self._panel_counts = list(panel_counts)
        if not 0 <= section < len(self._panel_counts):
            self._move(self.HOME, 0)
        else:
            self._move(section, max(0, min(panel, self._panel_counts[section] - 1)))

    def open_section(self, section: int, panel: int = 0) -> None:
        if not 0 <= section < len(self._panel_counts):
            return
        self._move(section, max(0, min(panel, self._panel_counts[section] - 1)))

    @Slot()
    def go_home(self) -> None:
        self._move(self.HOME, 0)

    def show_panel(self, panel: int) -> None:
        if not self.at_home and 0 <= panel < self.panel_count:
            self._move(self._section, panel)

    def next_panel(self) -> None:
        self.show_panel(self._panel + 1)

    def advance(self) -> None:
        """Onward: the next panel, then the next section, and home after the last."""
        if self.at_home:
            return
        if self._panel < self.panel_count - 1:
            self.next_panel()
        elif self._section < len(self._panel_counts) - 1:
            self.open_section(self._section + 1)
        else:
            self.go_home()

    @property
    def advance_kind(self) -> str:
        """What `advance` does from here: 'panel', 'section' or 'home'."""
        if self.at_home or self._panel < self.panel_count - 1:
            return "panel"
        return "section" if self._section < len(self._panel_counts) - 1 else "home"

    def back(self) -> None:
        if self.at_home:
            return
        if self._panel == 0:
            self.go_home()
        else:
            self.show_panel(self._panel - 1)

    def _move(self, section: int, panel: int) -> None:
        if (section, panel) == (self._section, self._panel):
            return
        self._section, self._panel = section, panel
        self.changed.emit()
