"""The report's words in the curator's language: one catalogue, every key in every language
(tests/analytics/test_report_strings.py checks it), with `{name}` fields filled by `text()`.
The Russian puts a count after a colon ("визитов: 21") where a noun would have to agree with it."""

from typing import Final

LANGUAGES: Final = ("en", "ru")

CATALOGUE: Final[dict[str, dict[str, str]]] = {
    "title": {"en": "How the exhibit is used", "ru": "Как посетители пользуются экспозицией"},
    "subtitle": {
        "en": "{kiosks} · {first} – {last}",
        "ru": "{kiosks} · {first} – {last}",
    },
    "generated": {"en": "Report made on {day}.", "ru": "Отчёт составлен {day}."},
    "privacy": {
        "en": "No visitor can be identified from these figures: a visit is a random number forgotten when it ends.",
        "ru": "По этим данным нельзя узнать посетителя: визит — это случайный номер, который забывается после его окончания.",
    },
    "empty": {
        "en": "No visits were recorded in this period. There is nothing to chart.",
        "ru": "За этот период визитов не записано. Показывать нечего.",
    },
    "period_any": {"en": "all recorded days", "ru": "все записанные дни"},
    "summary_heading": {"en": "At a glance", "ru": "Коротко"},
    "summary_visits": {"en": "visits", "ru": "визиты"},
    "summary_per_day": {"en": "visits per open day", "ru": "визитов в среднем за день работы"},
    "summary_median": {"en": "median visit", "ru": "медиана визита"},
    "summary_whole_section": {"en": "saw a whole section", "ru": "досмотрели раздел"},
    "numbers": {"en": "The numbers", "ru": "Числа"},
    "reading": {"en": "Reading", "ru": "Вывод"},
    # Visits per day
    "daily_heading": {"en": "Visits per day", "ru": "Визиты по дням"},
    "daily_reading": {
        "en": "{visits} visits over {days} days, {per_day} a day on average; the busiest day was {busiest} with {most}.",
        "ru": "Визитов за {days} дн.: {visits}, в среднем {per_day} в день; больше всего — {busiest}: {most}.",
    },
    "daily_alt": {
        "en": "Bar chart of visits per day from {first} to {last}; the tallest bar is {busiest} with {most} visits.",
        "ru": "Столбчатая диаграмма визитов по дням с {first} по {last}; самый высокий столбец — {busiest}, визитов: {most}.",
    },
    "day": {"en": "Day", "ru": "День"},
    "visits": {"en": "Visits", "ru": "Визиты"},
    # Heatmap
    "heatmap_heading": {"en": "When visitors come", "ru": "Когда приходят посетители"},
    "heatmap_reading": {
        "en": "The busiest hour is {weekday} {hour}:00–{hour_end}:00 local time, with {visits} visits in the period.",
        "ru": "Больше всего визитов — {weekday}, {hour}:00–{hour_end}:00 по местному времени: {visits} за период.",
    },
    "heatmap_alt": {
        "en": "Heat map of visits by weekday (rows, Monday to Sunday) and hour of the day (columns, local time); darkest cell: {weekday} {hour}:00.",
        "ru": "Тепловая карта визитов по дням недели (строки, с понедельника по воскресенье) и часам (столбцы, местное время); самая тёмная клетка: {weekday}, {hour}:00.",
    },
    "hour": {"en": "Hour (local time)", "ru": "Час (местное время)"},
    "weekdays": {"en": "Mon Tue Wed Thu Fri Sat Sun", "ru": "Пн Вт Ср Чт Пт Сб Вс"},
    "weekdays_long": {
        "en": "Monday Tuesday Wednesday Thursday Friday Saturday Sunday",
        "ru": "понедельник вторник среда четверг пятница суббота воскресенье",
    },
    # Visit length
    "length_heading": {"en": "How long visits last", "ru": "Сколько длится визит"},
    "length_reading": {
        "en": "{share} of visits last under two minutes; the median is {median}.",
        "ru": "{share} визитов короче двух минут; медиана — {median}.",
    },
    "length_alt": {
        "en": "Bar chart of visits by length, from under 30 seconds to over 20 minutes; the median visit lasts {median}.",
        "ru": "Столбчатая диаграмма визитов по длительности, от менее 30 секунд до более 20 минут; медиана — {median}.",
    },
    "length_axis": {"en": "Visit length", "ru": "Длительность визита"},
    "under": {"en": "< {limit}", "ru": "< {limit}"},
    "over": {"en": "{limit}+", "ru": "{limit}+"},
    # Funnel
    "funnel_heading": {"en": "From a glance to the whole story", "ru": "От взгляда до всей истории"},
    "funnel_stages": {
        "en": "Stopped the attract loop|Saw a first panel|Saw three panels|Saw a whole section|Saw all {sections} sections",
        "ru": "Остановили заставку|Открыли первую панель|Посмотрели три панели|Досмотрели раздел|Побывали во всех разделах ({sections})",
    },
    "funnel_reading": {
        "en": "Of {visits} visitors who stopped the attract loop, {first} saw a panel, {whole} saw a whole section and {all} saw every section.",
        "ru": "Визитов, начатых с заставки: {visits}; из них {first} открыли панель, {whole} досмотрели раздел и {all} побывали во всех разделах.",
    },
    "funnel_alt": {
        "en": "Funnel of visits begun at the attract loop: {stages}.",
        "ru": "Воронка визитов, начатых с заставки: {stages}.",
    },
    # Panels
    "panels_heading": {"en": "Panels viewed most and least", "ru": "Самые и наименее просматриваемые панели"},
    "panels_most": {"en": "Most viewed", "ru": "Чаще всего"},
    "panels_least": {"en": "Least viewed", "ru": "Реже всего"},
    "panels_reading": {
        "en": "{most} is viewed most ({views} times, median {dwell} on screen); {least} least ({least_views} times).",
        "ru": "Чаще всего смотрят «{most}» (просмотров: {views}, медиана {dwell} на экране), реже всего — «{least}» (просмотров: {least_views}).",
    },
    "panels_alt": {
        "en": "Horizontal bar charts of the {count} most and least viewed panels, each bar labelled with its median time on screen; the most viewed is {most}.",
        "ru": "Горизонтальные диаграммы {count} самых и наименее просматриваемых панелей с медианой времени на экране; чаще всего смотрят «{most}».",
    },
    "views": {"en": "Views", "ru": "Просмотры"},
    "median_dwell": {"en": "Median time on screen", "ru": "Медиана времени на экране"},
    "panel": {"en": "Panel", "ru": "Панель"},
    # Exits
    "exits_heading": {"en": "Where visits end", "ru": "Где заканчиваются визиты"},
    "exits_reading": {
        "en": "{idle} of visits end because nobody touched the screen any more; the most common last screen is {exit} ({share}).",
        "ru": "{idle} визитов заканчиваются, потому что экрана больше не касались; чаще всего последний экран — {exit} ({share}).",
    },
    "exits_alt": {
        "en": "Two bar charts: the screens visits most often end on, led by {exit}; and how visits end, {idle} by idle timeout.",
        "ru": "Две диаграммы: экраны, на которых чаще всего заканчиваются визиты (первый — {exit}), и как они заканчиваются: {idle} — без касаний.",
    },
    "exits_last_screen": {"en": "Last screen of the visit", "ru": "Последний экран визита"},
    "exits_how": {"en": "How the visit ended", "ru": "Как закончился визит"},
    "home_screen": {"en": "home screen", "ru": "главный экран"},
    "end_idle_timeout": {"en": "Nobody touched the screen", "ru": "Без касаний"},
    "end_countdown": {"en": "Countdown ran out", "ru": "Истёк обратный отсчёт"},
    "end_home": {"en": "Went back home, then left", "ru": "Вернулись на главный экран и ушли"},
    "end_closing_hours": {"en": "Closing hours", "ru": "Закрытие"},
    "end_restart": {"en": "Kiosk restarted", "ru": "Перезапуск киоска"},
    "end_error": {"en": "Error, started over", "ru": "Ошибка, начато заново"},
    "end_unknown": {"en": "Not recorded", "ru": "Не записано"},
    # Languages
    "languages_heading": {"en": "Languages", "ru": "Языки"},
    "languages_reading": {
        "en": "{share} of visits end in {name}; visitors changed the language {switches} times.",
        "ru": "{share} визитов заканчиваются на языке: {name}; смен языка: {switches}.",
    },
    "languages_alt": {
        "en": "Bar chart of visits by the language they ended in: {shares}.",
        "ru": "Диаграмма визитов по языку, на котором они закончились: {shares}.",
    },
    "language_en": {"en": "English", "ru": "английский"},
    "language_ru": {"en": "Russian", "ru": "русский"},
    # Access options
    "access_heading": {"en": "Access options", "ru": "Специальные возможности"},
    "access_reading": {
        "en": "{share} of visits turned on an access option; the most used is {option} ({visits} visits).",
        "ru": "{share} визитов включали специальную возможность; чаще всего — «{option}» (визитов: {visits}).",
    },
    "access_reading_none": {
        "en": "No visit turned on an access option.",
        "ru": "Ни в одном визите не включали специальные возможности.",
    },
    "access_alt": {
        "en": "Bar chart of visits that turned on each access option: {shares}.",
        "ru": "Диаграмма визитов, в которых включали каждую из специальных возможностей: {shares}.",
    },
    "option_larger_text": {"en": "Larger text", "ru": "Крупный текст"},
    "option_high_contrast": {"en": "High contrast", "ru": "Высокий контраст"},
    "option_reduced_motion": {"en": "Less motion", "ru": "Меньше движения"},
    "option_captions": {"en": "Captions", "ru": "Субтитры"},
    "option_audio_description": {"en": "Audio description", "ru": "Тифлокомментарий"},
    "option_reach": {"en": "Controls within reach", "ru": "Кнопки в зоне досягаемости"},
    # Narration
    "narration_heading": {"en": "Narrations", "ru": "Озвучивание"},
    "narration_reading": {
        "en": "{started} narrations were started; {finished} played to the end and {stopped} were stopped.",
        "ru": "Запусков озвучивания: {started}; до конца дослушали {finished}, остановили {stopped}.",
    },
    "narration_reading_none": {"en": "No narration was started.", "ru": "Озвучивание не запускали."},
    "narration_alt": {
        "en": "Bar chart of narrations: {started} started, {finished} played to the end, {stopped} stopped, {other} cut short by the visit's end.",
        "ru": "Диаграмма озвучивания: запущено {started}, дослушано {finished}, остановлено {stopped}, прервано концом визита {other}.",
    },
    "narration_finished": {"en": "Played to the end", "ru": "Дослушали"},
    "narration_stopped": {"en": "Stopped", "ru": "Остановили"},
    "narration_other": {"en": "Visit ended first", "ru": "Визит закончился раньше"},
    "narrations": {"en": "Narrations", "ru": "Озвучивания"},
    # Documents
    "zooms_heading": {"en": "Documents looked at closely", "ru": "Документы, которые рассматривали"},
    "zooms_reading": {
        "en": "Documents were zoomed {zooms} times; most often {panel} ({panel_zooms}), mostly by {way}.",
        "ru": "Увеличений документов: {zooms}; чаще всего увеличивали «{panel}» ({panel_zooms}), в основном — {way}.",
    },
    "zooms_reading_none": {"en": "No document was zoomed.", "ru": "Документы не увеличивали."},
    "zooms_alt": {
        "en": "Stacked bar chart of zooms per document, by the way of zooming; the most zoomed is {panel}.",
        "ru": "Диаграмма увеличений по документам с разбивкой по способу; чаще всего увеличивали «{panel}».",
    },
    "zooms": {"en": "Zooms", "ru": "Увеличения"},
    "zoom_pinch": {"en": "pinch", "ru": "щипок"},
    "zoom_button": {"en": "button", "ru": "кнопка"},
    "zoom_double_tap": {"en": "double tap", "ru": "двойное касание"},
    "zoom_wheel": {"en": "wheel", "ru": "колесо мыши"},
    # Kiosks
    "kiosks_heading": {"en": "Kiosk by kiosk", "ru": "По киоскам"},
    "kiosks_reading": {
        "en": "{busiest} had the most visits ({visits}); {quietest} the fewest ({quiet_visits}).",
        "ru": "Больше всего визитов у киоска {busiest} ({visits}), меньше всего — у {quietest} ({quiet_visits}).",
    },
    "kiosks_alt": {
        "en": "Bar chart of visits per kiosk, {count} kiosks; the busiest is {busiest}.",
        "ru": "Диаграмма визитов по киоскам, всего {count}; больше всего у {busiest}.",
    },
    "kiosk": {"en": "Kiosk", "ru": "Киоск"},
    "active_days": {"en": "Days with visits", "ru": "Дней с визитами"},
    "median_visit": {"en": "Median visit", "ru": "Медиана визита"},
    "whole_section_share": {"en": "Saw a whole section", "ru": "Досмотрели раздел"},
    "idle_share": {"en": "Ended untouched", "ru": "Закончились без касаний"},
    "kiosk_count": {"en": "{count} kiosks", "ru": "киосков: {count}"},
    "kiosk_one": {"en": "kiosk {kiosk}", "ru": "киоск {kiosk}"},
    # Units
    "seconds": {"en": "{s} s", "ru": "{s} с"},
    "minutes": {"en": "{m} min", "ru": "{m} мин"},
    "minutes_seconds": {"en": "{m} min {s} s", "ru": "{m} мин {s} с"},
}


def text(key: str, language: str, **fields: object) -> str:
    """The catalogue's entry in the language, its fields filled."""
    template = CATALOGUE[key][language]
    return template.format(**fields) if fields else template


def duration(seconds: float, language: str) -> str:
    """A duration as people say it: "45 s", "1 min 40 s", "12 min"."""
    whole = round(seconds)
    minutes, rest = divmod(whole, 60)
    if minutes == 0:
        return text("seconds", language, s=rest)
    if rest == 0 or minutes >= 10:
        return text("minutes", language, m=minutes if minutes < 10 else round(seconds / 60))
    return text("minutes_seconds", language, m=minutes, s=rest)


def number(value: int, language: str) -> str:
    """An integer with thousands grouped as the language does (1,234 / 1 234)."""
    grouped = f"{value:,}"
    return grouped.replace(",", "\u00a0") if language == "ru" else grouped


def percent(share: float, language: str) -> str:
    value = f"{share * 100:.0f}"
    return f"{value}\u00a0%" if language == "ru" else f"{value}%"
