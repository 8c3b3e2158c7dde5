#!/bin/sh
# run_under_umockdev.sh WRITER WORKDIR [writer options] -- PROGRAM [arguments]
# Writes an emulated plate (plate.umockdev + plate.pcap) into WORKDIR with usb_capture_writer,
# then runs PROGRAM under umockdev-run with that plate attached. See README.md here.
set -eu
writer=$1
work=$2
shift 2
writer_options=""
while [ $# -gt 0 ] && [ "$1" != "--" ]; do
    writer_options="$writer_options $1"
    shift
done
[ $# -gt 0 ] && shift
mkdir -p "$work"
# shellcheck disable=SC2086  # the options are words on purpose
syspath=$("$writer" $writer_options --out "$work")
# A sanitizer build would refuse umockdev's preloaded library otherwise.
export ASAN_OPTIONS="${ASAN_OPTIONS:-}:verify_asan_link_order=0"
exec umockdev-run -d "$work/plate.umockdev" -p "$syspath=$work/plate.pcap" -- "$@"
