import functools
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Property, QObject, QTimer, Signal, Slot
from PySide6.QtQml import QmlElement, QmlUncreatable

from kiosk.content.languages import native_name, opening_quote
from kiosk.content.localized import Localized
from kiosk.content.paths import user_cache_dir
from kiosk.content.pictures import DEFAULT_LIMITS, SizeLimits
from kiosk.content.pyramids import build_pyramid
from kiosk.content.summary import ExhibitSummary, picture_in
from kiosk.viewmodels import QML_IMPORT_MAJOR_VERSION, QML_IMPORT_NAME
from kiosk.viewmodels.documents import KioskDocumentPages
from kiosk.viewmodels.interface_language import InterfaceTranslations
from kiosk.viewmodels.layouts import KioskLayouts
from kiosk.viewmodels.presentation import Presenter, file_url, invitation_lines
from kiosk.viewmodels.records import KioskRecordListModel
from kiosk.viewmodels.theme import KioskTheme

if TYPE_CHECKING:
    from kiosk.content.models import Exhibit, PanelBase
    from kiosk.services.navigation import NavigationService

__all__ = ["QML_IMPORT_MAJOR_VERSION", "QML_IMPORT_NAME", "KioskExhibit"]

#: The pages' tiles are cut once the window has started and settled, not while it starts.
PREPARE_PAGES_AFTER_MS = 5000

SECTION_ROLES = ["sectionId", "title", "teaser", "side", "tileImage", "panelCount", "number"]
SLIDE_ROLES = [
    "image",
    "video",
    "language",
    "title",
    "quoteMark",
    "alt",
    "credit",
    "headline",
    "quote",
    "attribution",
    "caption",
]
SLIDE_TEXTS = ["alt", "credit", "headline", "quote", "attribution", "caption"]


@QmlElement
@QmlUncreatable("Created by the application")
class KioskExhibit(QObject):  # type: ignore[operator]  # PySide6 stubs: QmlUncreatable is no decorator
    """The exhibit as the home screen shows it: its titles, theme and sections.

    It is built from the exhibit's summary, which is all the home screen needs; the validated
    exhibit, with its panels, is attached as soon as it is loaded.

    The visitor reads it in one of the exhibit's languages (the first is the default). Choosing
    another installs that language's interface translation first, then presents everything
    again in place: `languageChanged` tells whoever presents the rest (panels, narration).
    """

    contentChanged = Signal()
    attached = Signal()
    languageChanged = Signal()

    def __init__(
        self,
        summary: ExhibitSummary,
        language: str | None = None,
        parent: QObject | None = None,
        *,
        translations: InterfaceTranslations | None = None,
        cache_dir: Path | None = None,
        prepare_pages_after_ms: int = PREPARE_PAGES_AFTER_MS,
        limits: SizeLimits = DEFAULT_LIMITS,
    ) -> None:
        super().__init__(parent)
        self._translations = translations
        #: The page pictures of the exhibit's letters, tiled for the deep-zoom viewer, held to the
        #: installation's limits as the pages were when they validated.
        self.documents = KioskDocumentPages(
            cache_dir or user_cache_dir(), self, builder=functools.partial(build_pyramid, limits=limits)
        )
        self._pages_timer = QTimer(self)
        self._pages_timer.setObjectName("preparePages")
        self._pages_timer.setSingleShot(True)
        self._pages_timer.setInterval(prepare_pages_after_ms)
        self._pages_timer.timeout.connect(self._prepare_pages)
        self._sections = KioskRecordListModel(SECTION_ROLES, self)
        self._slides = KioskRecordListModel(SLIDE_ROLES, self)
        self._summary = summary
        self._exhibit: Exhibit | None = None
        self._language = language if language in summary.languages else summary.languages[0]
        if translations is not None:
            translations.install(self._language)
        self._theme = KioskTheme(summary.theme, self)
        self._theme.set_language(self._language)
        self._layouts = KioskLayouts(self)
        self._present()

    @property
    def model(self) -> "Exhibit | None":
        return self._exhibit

    @property
    def translations(self) -> InterfaceTranslations | None:
        return self._translations

    @property
    def presenter(self) -> Presenter:
        return self.presenter_for(self._language)

    def presenter_for(self, language: str) -> Presenter:
        glossary = self._exhibit.glossary if self._exhibit is not None else {}
        return Presenter(language, self._summary.languages, self._translations, glossary)

    @property
    def default_language(self) -> str:
        return self._summary.languages[0]

    @Slot(str)
    def chooseLanguage(self, language: str) -> None:
        """The visitor's choice: everything is shown again in `language`, where the visitor is."""
        if language not in self._summary.languages or language == self._language:
            return
        self._set_language(language)

    @Slot()
    def reset_language(self) -> None:
        """The visit is over: the next visitor is met in the exhibit's default language."""
        self.chooseLanguage(self.default_language)

    def _set_language(self, language: str, present: bool = True) -> None:
        self._language = language
        self._theme.set_language(language)
        # Installed first: every word presented from here on, in Python or QML, is in `language`.
        if self._translations is not None:
            self._translations.install(language)
        if present:
            self._present(update=True, slides=False)
        self.languageChanged.emit()

    def attach(self, exhibit: "Exhibit") -> None:
        self._exhibit = exhibit
        self.attached.emit()
        self._pages_timer.start()

    def replace(self, summary: ExhibitSummary, exhibit: "Exhibit") -> None:
        """A new version of the exhibit: titles, theme, tiles and slides change in place.

        The panels follow through the navigation, which knows where the visitor is.
        """
        self._summary = summary
        self._exhibit = exhibit
        if self._language not in summary.languages:
            self._set_language(summary.languages[0], present=False)
        self._theme.update(summary.theme)
        self._present(update=True)
        self._pages_timer.start()

    def stop_background_work(self) -> None:
        """The window is closing: no more pages are cut, and the one being cut is finished first."""
        self._pages_timer.stop()
        self.documents.stop()

    @Slot()
    def _prepare_pages(self) -> None:
        """Every page's tiles are cut ahead of the first visitor who opens it."""
        from kiosk.content.models import letters_with_paths  # loaded by now: the exhibit is here

        assert self._exhibit is not None
        pages = [
            media.path
            for _, letter in letters_with_paths(self._exhibit)
            for page in letter.pages
            for media in page.image.files()
        ]
        self.documents.prepare(list(dict.fromkeys(pages)))

    def section_id(self, index: int) -> str | None:
        sections = self._summary.sections
        return sections[index].id if 0 <= index < len(sections) else None

    def section_index(self, section_id: str | None) -> int:
        """Where a section stands now, or -1 when it is gone."""
        ids = [section.id for section in self._summary.sections]
        return ids.index(section_id) if section_id in ids else -1

    def panel_counts(self) -> list[int]:
        return [section.panel_count for section in self._summary.sections]

    def panel_on_show(
        self, service: "NavigationService"
    ) -> "tuple[tuple[int, int], PanelBase | None] | None":
        """Where the visitor is (section, panel) and the panel there; None at home. A new version
        may have fewer panels than the place still named, until the navigation has moved the
        visitor (it follows the same change): the panel is None meanwhile."""
        exhibit = self.model
        if exhibit is None or service.at_home or service.section >= len(exhibit.sections):
            return None
        place = (service.section, service.panel)
        panels = exhibit.sections[place[0]].panels
        return place, panels[place[1]] if 0 <= place[1] < len(panels) else None

    def _present(self, update: bool = False, slides: bool = True) -> None:
        """Presents the home screen in the visitor's language, and (`slides`) the attract loop's
        slides, which pass through every language whichever the visitor chose."""
        presenter = self.presenter
        sections = [
            {
                "sectionId": section.id,
                "title": presenter.text(section.title),
                "teaser": presenter.text(section.teaser),
                "side": section.side,
                "tileImage": file_url(
                    picture_in(section.tile_image, presenter.language, presenter.fallbacks)
                ),
                "panelCount": section.panel_count,
                "number": f"{index + 1:02d}",
            }
            for index, section in enumerate(self._summary.sections)
        ]
        models = [(self._sections, sections)]
        if slides:
            records = [self._slide_record(slide, language) for slide, language in self._slides_in_languages()]
            models.append((self._slides, records))
        for model, records in models:
            if update:
                model.update(records)
            else:
                model.reset(records)
        self.contentChanged.emit()

    def _slides_in_languages(self) -> list[tuple[Any, str]]:
        """Every slide in every language, the languages alternating from one slide to the next.

        Round after round the languages shift by one, so each slide comes back in each language:
        with two languages, slide 1 English, slide 2 Russian... then slide 1 Russian, slide 2 English...
        """
        languages = self._summary.languages
        slides = self._summary.slides
        return [
            (slide, languages[(number + round_) % len(languages)])
            for round_ in range(len(languages))
            for number, slide in enumerate(slides)
        ]

    def _slide_record(self, slide: Any, language: str) -> dict[str, Any]:
        presenter = self.presenter_for(language)
        record = {role: presenter.text(getattr(slide, role)) for role in SLIDE_TEXTS}
        record["attribution"] = presenter.marked(record["attribution"], slide.translated)
        return {
            "image": file_url(picture_in(slide.image, language, presenter.fallbacks)),
            # An ambient loop over the picture, or "": a plain file URL, which the player opens.
            "video": film.as_uri()
            if (film := picture_in(slide.video, language, presenter.fallbacks))
            else "",
            "language": language,
            # The loop's small title speaks the slide's language, as its words do.
            "title": presenter.text(self._summary.short_title or self._summary.title),
            "quoteMark": opening_quote(language),
            **record,
        }

    def _languages(self) -> list[dict[str, str]]:
        return [{"code": code, "name": native_name(code)} for code in self._summary.languages]

    def _invitations(self) -> list[str]:
        return invitation_lines(self._translations, self._summary.languages)

    def _text(self, value: Localized | None) -> str:
        return self.presenter.text(value)

    def section_title(self, index: int) -> str:
        return self._text(self._summary.sections[index].title)

    def section_side(self, index: int) -> str:
        return self._summary.sections[index].side

    title = Property(str, lambda self: self._text(self._summary.title), notify=contentChanged)
    subtitle = Property(str, lambda self: self._text(self._summary.subtitle), notify=contentChanged)
    invitation = Property(str, lambda self: self._text(self._summary.invitation), notify=contentChanged)
    #: The language the visitor reads in, as its code ("en").
    language = Property(str, lambda self: self._language, notify=languageChanged)
    #: The exhibit's languages, the default first: [{"code": "ru", "name": "Русский"}, ...].
    languages = Property(list, _languages, notify=contentChanged)
    invitations = Property(list, _invitations, notify=contentChanged)
    sections = Property(QObject, lambda self: self._sections, constant=True)
    #: The attract loop's slides, shown while nobody is at the kiosk.
    attractSlides = Property(QObject, lambda self: self._slides, constant=True)
    secondsPerSlide = Property(float, lambda self: self._summary.seconds_per_slide, notify=contentChanged)
    theme = Property(QObject, lambda self: self._theme, constant=True)
    #: The layout algorithms the views call with their measures (kiosk/content/layout).
    layouts = Property(QObject, lambda self: self._layouts, constant=True)
