"""The names of languages as their own speakers write them, for a language toggle."""

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
