<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ru" sourcelanguage="en">
<context>
    <name>AttractLoop</name>
    <message>
        <source>Touch the screen to begin</source>
        <extracomment>The attract loop&apos;s call to touch, shown in every language of the exhibit at once.</extracomment>
        <translation>Коснитесь экрана, чтобы начать</translation>
    </message>
</context>
<context>
    <name>CountdownOverlay</name>
    <message numerus="yes">
        <source>Still exploring? The exhibit starts again in %n second(s).</source>
        <translation>
            <numerusform>Вы ещё здесь? Выставка начнётся сначала через %n секунду.</numerusform>
            <numerusform>Вы ещё здесь? Выставка начнётся сначала через %n секунды.</numerusform>
            <numerusform>Вы ещё здесь? Выставка начнётся сначала через %n секунд.</numerusform>
        </translation>
    </message>
    <message>
        <source>Still exploring?</source>
        <translation>Вы ещё здесь?</translation>
    </message>
    <message>
        <source>Touch anywhere to carry on. Otherwise the exhibit starts again for the next visitor.</source>
        <translation>Коснитесь экрана, чтобы продолжить. Иначе выставка начнётся сначала для следующего посетителя.</translation>
    </message>
    <message>
        <source>Keep exploring</source>
        <translation>Продолжить</translation>
    </message>
</context>
<context>
    <name>DeepZoomView</name>
    <message>
        <source>Plus and minus zoom; the arrows move a zoomed page</source>
        <translation>Плюс и минус меняют масштаб; стрелки сдвигают увеличенную страницу</translation>
    </message>
    <message>
        <source>Note on the page</source>
        <translation>Примечание на странице</translation>
    </message>
    <message>
        <source>Note on “%1”</source>
        <translation>Примечание: «%1»</translation>
    </message>
    <message>
        <source>This page cannot be shown just now.</source>
        <translation>Эту страницу сейчас не удаётся показать.</translation>
    </message>
    <message>
        <source>Preparing the page…</source>
        <translation>Подготовка страницы…</translation>
    </message>
    <message>
        <source>Zoom in</source>
        <translation>Увеличить</translation>
    </message>
    <message>
        <source>Zoom out</source>
        <translation>Уменьшить</translation>
    </message>
    <message>
        <source>Whole page</source>
        <translation>Вся страница</translation>
    </message>
</context>
<context>
    <name>Diagnostics</name>
    <message>
        <source>Needs attention</source>
        <translation>Требует внимания</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>Версия</translation>
    </message>
    <message>
        <source>Running for</source>
        <translation>Работает</translation>
    </message>
    <message>
        <source>Memory</source>
        <translation>Память</translation>
    </message>
    <message>
        <source>Exhibit</source>
        <translation>Выставка</translation>
    </message>
    <message>
        <source>Content version</source>
        <translation>Версия содержания</translation>
    </message>
    <message>
        <source>Content source</source>
        <translation>Источник содержимого</translation>
    </message>
    <message>
        <source>Renderer</source>
        <translation>Отрисовка</translation>
    </message>
    <message>
        <source>Logs</source>
        <translation>Журналы</translation>
    </message>
    <message>
        <source>Last problems</source>
        <translation>Последние неполадки</translation>
    </message>
</context>
<context>
    <name>DocumentPanel</name>
    <message>
        <source>The whole letter</source>
        <translation>Письмо целиком</translation>
    </message>
    <message>
        <source>Back to the excerpt</source>
        <translation>Вернуться к выдержке</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Дата</translation>
    </message>
    <message>
        <source>From</source>
        <translation>От кого</translation>
    </message>
    <message>
        <source>To</source>
        <translation>Кому</translation>
    </message>
    <message>
        <source>%1, to %2</source>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <source>Source: %1</source>
        <translation>Источник: %1</translation>
    </message>
    <message>
        <source>An excerpt of the letter</source>
        <translation>Выдержка из письма</translation>
    </message>
    <message>
        <source>Read the whole letter</source>
        <translation>Читать целиком</translation>
    </message>
    <message>
        <source>Pages</source>
        <translation>Страницы</translation>
    </message>
    <message>
        <source>Page</source>
        <translation>Страница</translation>
    </message>
    <message>
        <source>Transcript</source>
        <translation>Текст</translation>
    </message>
</context>
<context>
    <name>GalleryPanel</name>
    <message>
        <source>Enlarge: %1</source>
        <translation>Увеличить: %1</translation>
    </message>
</context>
<context>
    <name>KioskStaff</name>
    <message>
        <source>No staff PIN is set for this installation: run &apos;kiosk set-pin&apos;.</source>
        <extracomment>Said when the installation has no PIN. Also the words the application&apos;s own checker uses: the pad finds their translation by them.</extracomment>
        <translation>Служебный PIN-код для этого киоска не задан: выполните команду kiosk set-pin.</translation>
    </message>
    <message>
        <source>The pad is locked after too many wrong PINs.</source>
        <extracomment>Why the PIN was refused, in English, when neither a lock nor the tries left say it: the pad shows its translation when it has one, else these words. Seconds for which the pad refuses every PIN, after too many wrong ones. After a wrong PIN: how many more may be tried before the pad locks (0 when not told). Staff chose a kept version of the exhibit to show instead: its name. Staff asked the content repository for a new version now. Visits begun today and this week, once the visitor events have been counted.</extracomment>
        <translation>Ввод заблокирован: слишком много неверных PIN-кодов.</translation>
    </message>
    <message numerus="yes">
        <source>Too many wrong PINs. The pad is locked for %n s.</source>
        <translation>
            <numerusform>Слишком много неверных PIN-кодов. Ввод заблокирован на %n секунду.</numerusform>
            <numerusform>Слишком много неверных PIN-кодов. Ввод заблокирован на %n секунды.</numerusform>
            <numerusform>Слишком много неверных PIN-кодов. Ввод заблокирован на %n секунд.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>That PIN is not right. %n more tries before the pad locks.</source>
        <translation>
            <numerusform>Неверный PIN-код. До блокировки осталась %n попытка.</numerusform>
            <numerusform>Неверный PIN-код. До блокировки остались %n попытки.</numerusform>
            <numerusform>Неверный PIN-код. До блокировки осталось %n попыток.</numerusform>
        </translation>
    </message>
    <message>
        <source>Checking for updates. Diagnostics shows what the check found.</source>
        <translation>Проверяем обновления. Результат проверки — в разделе «Диагностика».</translation>
    </message>
</context>
<context>
    <name>LanguageToggle</name>
    <message>
        <source>Language</source>
        <translation>Язык</translation>
    </message>
</context>
<context>
    <name>LetterPages</name>
    <message>
        <source>Previous page</source>
        <translation>Предыдущая страница</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 из %2</translation>
    </message>
    <message>
        <source>Page %1 of %2</source>
        <translation>Страница %1 из %2</translation>
    </message>
    <message>
        <source>Next page</source>
        <translation>Следующая страница</translation>
    </message>
</context>
<context>
    <name>LetterText</name>
    <message>
        <source>Note on “%1”</source>
        <translation>Примечание: «%1»</translation>
    </message>
    <message>
        <source>Noted phrases: %1</source>
        <translation>Фразы с примечаниями: %1</translation>
    </message>
    <message>
        <source>“%1”</source>
        <translation>«%1»</translation>
    </message>
</context>
<context>
    <name>Lightbox</name>
    <message>
        <source>Close</source>
        <translation>Закрыть</translation>
    </message>
</context>
<context>
    <name>Main</name>
    <message>
        <source>Touch the screen to begin</source>
        <translation>Коснитесь экрана, чтобы начать</translation>
    </message>
</context>
<context>
    <name>NarrationBar</name>
    <message>
        <source>Pause</source>
        <translation>Пауза</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>Дальше</translation>
    </message>
    <message>
        <source>Listen</source>
        <translation>Слушать</translation>
    </message>
    <message>
        <source>Pause the narration</source>
        <translation>Приостановить чтение</translation>
    </message>
    <message>
        <source>Listen to this panel, with captions</source>
        <translation>Прослушать этот текст с субтитрами</translation>
    </message>
    <message>
        <source>Listen to this panel read aloud, with captions.</source>
        <translation>Этот текст можно прослушать с субтитрами.</translation>
    </message>
</context>
<context>
    <name>Navigation</name>
    <message>
        <source>Next</source>
        <translation>Далее</translation>
    </message>
    <message>
        <source>Next section</source>
        <translation>Следующий раздел</translation>
    </message>
    <message>
        <source>All sections</source>
        <translation>Все разделы</translation>
    </message>
</context>
<context>
    <name>NoteCard</name>
    <message>
        <source>NOTE</source>
        <translation>ПРИМЕЧАНИЕ</translation>
    </message>
    <message>
        <source>“%1”</source>
        <comment>a phrase quoted from the letter</comment>
        <translation>«%1»</translation>
    </message>
    <message>
        <source>Close the note</source>
        <translation>Закрыть примечание</translation>
    </message>
</context>
<context>
    <name>OutOfOrder</name>
    <message>
        <source>This exhibit is taking a short rest.</source>
        <extracomment>Said to visitors while the kiosk cannot start: calm and short, never an error.</extracomment>
        <translation>Эта выставка ненадолго отдыхает.</translation>
    </message>
    <message>
        <source>It will be back soon.</source>
        <translation>Скоро она вернётся.</translation>
    </message>
</context>
<context>
    <name>PairPanel</name>
    <message>
        <source>The whole letter from %1</source>
        <translation>Письмо целиком: %1</translation>
    </message>
    <message>
        <source>See the letter from %1</source>
        <translation>Открыть письмо: %1</translation>
    </message>
    <message>
        <source>Pages</source>
        <translation>Страницы</translation>
    </message>
    <message>
        <source>Page</source>
        <translation>Страница</translation>
    </message>
    <message>
        <source>Whole letter</source>
        <translation>Всё письмо</translation>
    </message>
    <message>
        <source>Read the whole letter from %1</source>
        <translation>Прочитать целиком письмо: %1</translation>
    </message>
    <message>
        <source>The letter&apos;s pages</source>
        <translation>Страницы письма</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Закрыть</translation>
    </message>
    <message>
        <source>The whole letter</source>
        <translation>Письмо целиком</translation>
    </message>
</context>
<context>
    <name>Presentation</name>
    <message>
        <source>Full text</source>
        <extracomment>The translation context of the words this module adds to the exhibit&apos;s own.</extracomment>
        <translation>Полный текст</translation>
    </message>
    <message>
        <source>Extract: part of the text</source>
        <translation>Отрывок: часть текста</translation>
    </message>
    <message>
        <source>Summary, not the document&apos;s own words</source>
        <translation>Пересказ, а не слова документа</translation>
    </message>
    <message>
        <source>translated for this exhibit</source>
        <extracomment>Said beside words the exhibit translated itself, so that nobody takes them for the source&apos;s own.</extracomment>
        <translation>перевод сделан для выставки</translation>
    </message>
</context>
<context>
    <name>PreviewProblems</name>
    <message numerus="yes">
        <source>%n problem(s) in the exhibit files</source>
        <translation>
            <numerusform>%n ошибка в файлах выставки</numerusform>
            <numerusform>%n ошибки в файлах выставки</numerusform>
            <numerusform>%n ошибок в файлах выставки</numerusform>
        </translation>
    </message>
    <message>
        <source>The last version without errors is shown above. Fix the files and save: this panel goes away.</source>
        <translation>Выше показана последняя версия без ошибок. Исправьте файлы и сохраните их — эта панель исчезнет.</translation>
    </message>
    <message>
        <source>The exhibit shows here once its files are valid. Fix them and save.</source>
        <translation>Экспозиция появится здесь, как только в файлах не останется ошибок. Исправьте их и сохраните.</translation>
    </message>
</context>
<context>
    <name>ProgressDots</name>
    <message>
        <source>Panels of this section</source>
        <translation>Экраны этого раздела</translation>
    </message>
    <message>
        <source>Panel %1 of %2</source>
        <translation>Экран %1 из %2</translation>
    </message>
</context>
<context>
    <name>RichText</name>
    <message>
        <source>Explained in the glossary: press to read what it means</source>
        <translation>Слово из глоссария: нажмите, чтобы прочитать пояснение</translation>
    </message>
</context>
<context>
    <name>ScrollArea</name>
    <message>
        <source>Text that scrolls: use the up and down arrows</source>
        <translation>Текст прокручивается: используйте стрелки вверх и вниз</translation>
    </message>
    <message>
        <source>More below</source>
        <translation>Продолжение ниже</translation>
    </message>
    <message>
        <source>Scroll</source>
        <translation>Прокрутка</translation>
    </message>
</context>
<context>
    <name>SectionScreen</name>
    <message>
        <source>%1 of %2</source>
        <translation>%1 из %2</translation>
    </message>
    <message>
        <source>Home</source>
        <translation>Главная</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>Назад</translation>
    </message>
</context>
<context>
    <name>StaffAccess</name>
    <message>
        <source>Staff access</source>
        <translation>Служебный доступ</translation>
    </message>
    <message>
        <source>Kiosk</source>
        <translation>Киоск</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Стереть</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Отмена</translation>
    </message>
    <message>
        <source>Visits today: %1 · this week: %2</source>
        <translation>Посещений сегодня: %1 · за неделю: %2</translation>
    </message>
    <message>
        <source>Reload content</source>
        <translation>Перезагрузить материалы</translation>
    </message>
    <message>
        <source>Check for updates</source>
        <translation>Проверить обновления</translation>
    </message>
    <message>
        <source>Earlier versions</source>
        <translation>Прежние версии</translation>
    </message>
    <message>
        <source>Diagnostics</source>
        <translation>Диагностика</translation>
    </message>
    <message>
        <source>Exit the kiosk</source>
        <translation>Выйти из киоска</translation>
    </message>
    <message>
        <source>Back to the exhibit</source>
        <translation>Вернуться к выставке</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>Назад</translation>
    </message>
    <message>
        <source>Choose the version of the exhibit to show. It goes on screen at once; the exhibit folder is left as it is.</source>
        <translation>Выберите версию выставки для показа. Она сразу появится на экране; папка выставки останется как есть.</translation>
    </message>
    <message>
        <source>%1  (on show)</source>
        <translation>%1  (на экране)</translation>
    </message>
</context>
<context>
    <name>TermCard</name>
    <message>
        <source>Close the explanation</source>
        <translation>Закрыть пояснение</translation>
    </message>
</context>
<context>
    <name>TimelineCard</name>
    <message>
        <source>%1, %2</source>
        <translation>%1, %2</translation>
    </message>
</context>
<context>
    <name>TimelineDetail</name>
    <message>
        <source>Source: %1</source>
        <translation>Источник: %1</translation>
    </message>
    <message>
        <source>Earlier</source>
        <translation>Раньше</translation>
    </message>
    <message>
        <source>Later</source>
        <translation>Позже</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Закрыть</translation>
    </message>
</context>
<context>
    <name>TimelinePanel</name>
    <message>
        <source>Swipe along the timeline</source>
        <translation>Листайте ленту времени</translation>
    </message>
    <message>
        <source>Earlier on the timeline</source>
        <translation>Раньше по ленте времени</translation>
    </message>
    <message>
        <source>Later on the timeline</source>
        <translation>Позже по ленте времени</translation>
    </message>
</context>
<context>
    <name>VideoControls</name>
    <message>
        <source>Pause the film</source>
        <translation>Приостановить фильм</translation>
    </message>
    <message>
        <source>Play the film again</source>
        <translation>Смотреть фильм снова</translation>
    </message>
    <message>
        <source>Play the film</source>
        <translation>Смотреть фильм</translation>
    </message>
    <message>
        <source>Position in the film: %1 of %2</source>
        <translation>Место в фильме: %1 из %2</translation>
    </message>
    <message>
        <source>Quieter</source>
        <translation>Тише</translation>
    </message>
    <message>
        <source>Sound level</source>
        <translation>Громкость</translation>
    </message>
    <message>
        <source>Louder</source>
        <translation>Громче</translation>
    </message>
    <message>
        <source>Captions</source>
        <translation>Субтитры</translation>
    </message>
</context>
<context>
    <name>VideoPanel</name>
    <message>
        <source>Play the film</source>
        <translation>Смотреть фильм</translation>
    </message>
    <message>
        <source>Show or hide the controls</source>
        <translation>Показать или скрыть кнопки управления</translation>
    </message>
    <message>
        <source>Playing</source>
        <translation>Идёт показ</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>Пауза</translation>
    </message>
</context>
<context>
    <name>VisitorOptions</name>
    <message>
        <source>Access</source>
        <translation>Доступность</translation>
    </message>
    <message>
        <source>Larger text and high contrast, less motion, controls within reach</source>
        <translation>Крупный текст и высокий контраст, меньше движения, кнопки в зоне досягаемости</translation>
    </message>
    <message>
        <source>On</source>
        <translation>Вкл.</translation>
    </message>
    <message>
        <source>Off</source>
        <translation>Выкл.</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Закрыть</translation>
    </message>
    <message>
        <source>Larger text</source>
        <translation>Крупный текст</translation>
    </message>
    <message>
        <source>Bigger type, in black on white</source>
        <translation>Шрифт крупнее, чёрным по белому</translation>
    </message>
    <message>
        <source>Less motion</source>
        <translation>Меньше движения</translation>
    </message>
    <message>
        <source>Nothing slides or zooms; screens fade instead</source>
        <translation>Ничего не сдвигается и не увеличивается; экраны сменяются плавно</translation>
    </message>
    <message>
        <source>Controls within reach</source>
        <translation>Кнопки в зоне досягаемости</translation>
    </message>
    <message>
        <source>Everything in the lower part of the screen, for seated visitors</source>
        <translation>Всё в нижней части экрана, для сидящих посетителей</translation>
    </message>
    <message>
        <source>Audio description</source>
        <translation>Тифлокомментарий</translation>
    </message>
    <message>
        <source>Films say what they show, where they can</source>
        <translation>Голос описывает, что показывает фильм, где это есть</translation>
    </message>
</context>
</TS>
