# Daemon tests (recorder queue, streams, control, end to end)
