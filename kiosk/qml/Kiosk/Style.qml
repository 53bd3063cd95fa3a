pragma Singleton
import QtQuick
import Kiosk.Backend

// The exhibit's theme scaled to the screen: every view takes its colours, type and spacing here.
QtObject {
    id: style

    property KioskTheme theme: null
    // The visitor's options (kiosk/viewmodels/access.py).
    property KioskAccess access: null
    // The layout algorithms, called with a view's own measures (kiosk/viewmodels/layouts.py).
    property KioskLayouts layouts: null
    // The screen's geometry: the grid, the type and every view's boxes, for the screen as it is
    // and the visitor's text size (kiosk/viewmodels/geometry.py, from kiosk/content/layout/geometry.py).
    // The engine's own (kiosk/viewmodels/geometry.py attaches it before any view is made).
    readonly property KioskGeometry geometry: KioskGeometrySource.geometry
    // Pixels per reference pixel: the reference screen's shorter side is 1080 pixels.
    readonly property real unit: geometry ? geometry.unit : 1
    readonly property bool portrait: geometry ? geometry.portrait : false

    // Only for what is drawn and not laid out (a rule's thickness, a corner's radius): every size
    // the layout owns comes from `geometry` (tests/test_qml_geometry.py holds the views to it).
    function px(value: real): real {
        return Math.round(value * style.unit);
    }

    // The colour of a side of the story: the accent the exhibit named after it, else ink.
    function accent(side: string): color {
        if (style.theme && style.theme.accents[side] !== undefined)
            return style.theme.accents[side];
        return style.ink;
    }

    readonly property color paper: theme ? theme.paper : "transparent"
    readonly property color paperShade: theme ? theme.paperShade : "transparent"
    readonly property color card: theme ? theme.card : "transparent"
    readonly property color ink: theme ? theme.ink : "black"
    readonly property color inkSoft: theme ? theme.inkSoft : "black"
    readonly property color rule: theme ? theme.rule : "black"
    readonly property color accentOne: theme ? theme.accentOne : "black"
    readonly property color accentTwo: theme ? theme.accentTwo : "black"

    readonly property string displayFont: theme ? theme.displayFont : ""
    readonly property string bodyFont: theme ? theme.bodyFont : ""
    readonly property string interfaceFont: theme ? theme.interfaceFont : ""
    readonly property string typewriterFont: theme ? theme.typewriterFont : ""
    readonly property bool typewriterItalic: theme ? theme.typewriterItalic : false

    readonly property real displaySize: geometry ? geometry.displaySize : 0
    readonly property real titleSize: geometry ? geometry.titleSize : 0
    readonly property real headingSize: geometry ? geometry.headingSize : 0
    readonly property real leadSize: geometry ? geometry.leadSize : 0
    readonly property real bodySize: geometry ? geometry.bodySize : 0
    readonly property real captionSize: geometry ? geometry.captionSize : 0
    readonly property real labelSize: geometry ? geometry.labelSize : 0

    readonly property real margin: geometry ? geometry.margin : 0
    readonly property real gutter: geometry ? geometry.gutter : 0
    // 20 mm on the screen as mounted, and never less than the design's own size or 44 pixels.
    readonly property real touchTarget: geometry ? geometry.touchTarget : 0
    // The width of a line of body text of about `measure` characters.
    readonly property real measureWidth: geometry ? geometry.measureWidth : 0

    readonly property int quick: 160
    readonly property int moderate: 420
    // With reduced motion, nothing travels or zooms by itself: changes are short fades instead.
    readonly property bool reducedMotion: access ? access.reducedMotion : false
    readonly property int fade: 180

    // The duration of a movement: none with reduced motion, so that things arrive at once.
    function motion(duration: real): int {
        return style.reducedMotion ? 0 : Math.round(duration);
    }
}
