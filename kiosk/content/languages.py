"""What the views need to know of a language: its own name, for a language toggle, and how it
opens a quotation."""

#: Each language's name in that language: a visitor looks for their own language by its own name.
NATIVE_NAMES = {
    "ar": "العربية",
    "de": "Deutsch",
    "en": "English",
    "es": "Español",
    "fr": "Français",
    "it": "Italiano",
    "ja": "日本語",
    "ko": "한국어",
    "pl": "Polski",
    "pt": "Português",
    "ru": "Русский",
    "uk": "Українська",
    "zh": "中文",
}


def native_name(code: str) -> str:
    """'ru' -> 'Русский'; a regional code such as 'pt-BR' is named by its language; else the code."""
    return NATIVE_NAMES.get(code) or NATIVE_NAMES.get(code.split("-")[0]) or code


#: The mark that opens a quotation, as each language prints it; English's curly quote otherwise.
OPENING_QUOTES = {"de": "\u201e", "fr": "\u00ab", "pl": "\u201e", "ru": "\u00ab", "uk": "\u00ab"}


def opening_quote(code: str) -> str:
    """'ru' -> '«', 'de' -> '„', 'en' -> '“': the large mark set before a quotation."""
    return OPENING_QUOTES.get(code) or OPENING_QUOTES.get(code.split("-")[0]) or "\u201c"
