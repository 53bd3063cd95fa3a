<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>CountdownOverlay</name>
    <message numerus="yes">
        <source>Still exploring? The exhibit starts again in %n second(s).</source>
        <translation>
            <numerusform>Still exploring? The exhibit starts again in %n second.</numerusform>
            <numerusform>Still exploring? The exhibit starts again in %n seconds.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>KioskStaff</name>
    <message numerus="yes">
        <source>Too many wrong PINs. The pad is locked for %n s.</source>
        <translation>
            <numerusform>Too many wrong PINs. The pad is locked for %n s.</numerusform>
            <numerusform>Too many wrong PINs. The pad is locked for %n s.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>That PIN is not right. %n more tries before the pad locks.</source>
        <translation>
            <numerusform>That PIN is not right. %n more try before the pad locks.</numerusform>
            <numerusform>That PIN is not right. %n more tries before the pad locks.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PreviewProblems</name>
    <message numerus="yes">
        <source>%n problem(s) in the exhibit files</source>
        <translation>
            <numerusform>%n problem in the exhibit files</numerusform>
            <numerusform>%n problems in the exhibit files</numerusform>
        </translation>
    </message>
</context>
</TS>
