"""What the supervisor and the kiosk it starts agree on: exit statuses and environment variables.

Apart from kiosk.app.supervisor so that the kiosk, which only needs these names, does not load the
supervisor's machinery on its way to its first frame.
"""

HEARTBEAT_ENV = "KIOSK_HEARTBEAT"
#: Why the supervisor started the child as it did ("kiosk failed 3 times ..."), for its log and
#: the staff screen; set only for safe mode and the out-of-order screen.
REASON_ENV = "KIOSK_SUPERVISOR_REASON"
#: How many times the supervisor has started a child before this one (the kiosk, in safe mode or
#: the out-of-order screen), for the kiosk's metrics: 0 for the first start.
RESTARTS_ENV = "KIOSK_SUPERVISOR_RESTARTS"
EXIT_OK = 0
EXIT_NO_CONTENT = 69  # EX_UNAVAILABLE: no published version, and the folder missing or invalid
EXIT_SOFTWARE = 70  # EX_SOFTWARE: an error the kiosk did not expect; its traceback is in kiosk.log
EXIT_RESTART = 75  # EX_TEMPFAIL: a planned restart (daily restart, memory ceiling)
