#!/bin/sh
# expect_output.sh TEXT... -- PROGRAM [arguments]: runs PROGRAM and fails unless it succeeds and
# its output contains every TEXT (fixed strings).
set -u
expected=""
while [ $# -gt 0 ] && [ "$1" != "--" ]; do
    expected="$expected
$1"
    shift
done
shift
output=$("$@")
status=$?
printf '%s\n' "$output"
[ $status -eq 0 ] || { echo "FAILED: exit status $status" >&2; exit 1; }
failed=0
printf '%s\n' "$expected" | while IFS= read -r text; do
    [ -z "$text" ] && continue
    printf '%s\n' "$output" | grep -qF -- "$text" || { echo "FAILED: output lacks '$text'" >&2; exit 1; }
done || failed=1
exit $failed
