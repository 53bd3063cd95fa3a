"""Makes an exhibit's film from its script: drawings, camera moves and words become an MP4 with
narration and audio description in each language, a poster and WebVTT captions.

    python -m tools.film tools/film/recognition-1933.yaml          # build it all
    python -m tools.film --check tools/film/recognition-1933.yaml  # is it up to date?

The script (a YAML file; the 1933 exhibit's explains its fields in its opening comment) names its
exhibit, the files it writes there, and the voices, and lists shots:
a drawing of the exhibit, a slow camera move over it, a short description of what it shows and the
words the narrator says over it, in every language. The tool

- speaks every description and narration with eSpeak NG, as tools/narrate.py does (the Russian
  voice gets its numbers in words, in their case), each caption's words on their own so that the
  captions fall exactly where the words are;
- times the film from the speech: each shot opens with a pause long enough for the longest
  description, then its narration, then a breath; the soundtrack of each language is silent in
  the pauses, the described soundtrack of each language speaks the description there (a separate,
  complete mix per language), so one caption file per language fits both;
- draws every frame with Qt's SVG renderer, as the kiosk draws the drawings, moving the camera
  between the shot's two framings and cross-fading the shots (drawn in Qt rather than with FFmpeg's
  zoompan filter, which rounds each framing to whole pixels and judders on slow moves);
- encodes with FFmpeg: H.264 High, yuv420p, 1920x1080 at 30 frames a second, the moov atom first
  (+faststart), and AAC audio tracks tagged with their language, in the order: each language's
  narration, then each language's described mix (the exhibit's `audio:` and `description:` give
  these track numbers); and writes the poster (the film's opening frame, PNG) and the captions.

`--check` speaks the script again without drawing or encoding (a few seconds) and fails when the
captions or the film's length and tracks differ from what the script now makes: a script edited
without building the film again.

Needs FFmpeg and eSpeak NG (apt-get install ffmpeg espeak-ng), for authoring only: the kiosk plays
the film with Qt Multimedia.
"""
