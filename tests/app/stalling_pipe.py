"""A link that drops mid-way: copies standard input to standard output as it comes, up to 200 kB,
then holds the line open and sends nothing more (for the interrupted fetch test)."""

import os
import time

LIMIT = 200_000

sent = 0
while sent < LIMIT:
    chunk = os.read(0, min(65536, LIMIT - sent))
    if not chunk:
        raise SystemExit(0)  # all of it fitted: nothing to stall
    os.write(1, chunk)
    sent += len(chunk)
time.sleep(600)
