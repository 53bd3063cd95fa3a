#!/usr/bin/env bash
# Rebuilds the example films `kiosk new` writes (kiosk/templates/new_exhibit/media/): small, made
# here from nothing but FFmpeg's test sources and the example narration, H.264/AAC in MP4 as the
# guide recommends. Needs ffmpeg (apt-get install ffmpeg).
#
#   example-film.mp4   a blue square gliding across for the length of the example narration,
#                      which is its one audio track (English); 640 x 360, about 80 kB
#   example-loop.mp4   a silent 4 s loop: the square goes and comes back, so that its last frame
#                      leads into its first; 640 x 360, about 5 kB
set -euo pipefail
cd "$(dirname "$0")/../kiosk/templates/new_exhibit/media"

encode=(-c:v libx264 -crf 30 -preset slow -pix_fmt yuv420p -movflags +faststart)
# The film is as long as the narration (10.777 s) to within a frame: 269 frames at 25 fps.
ffmpeg -v error -y \
  -f lavfi -i "color=c=0xE7DCC8:s=640x360:r=25:d=10.76,drawbox=x='60+440*t/10.76':y=140:w=80:h=80:color=0x1F3A66:t=fill" \
  -i example-narration.opus -map 0:v -map 1:a "${encode[@]}" -c:a aac -b:a 48k -ac 1 \
  -metadata:s:a:0 language=eng example-film.mp4
ffmpeg -v error -y \
  -f lavfi -i "color=c=0xE7DCC8:s=640x360:r=25:d=4,drawbox=x='60+240*(1-cos(2*PI*t/4))':y=150:w=80:h=80:color=0x1F3A66:t=fill" \
  "${encode[@]}" example-loop.mp4
