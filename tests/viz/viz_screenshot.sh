#!/bin/bash
# End-to-end test of hubsim-view: a real run rendered headless under Xvfb, checked as a PNG, and
# the viewer's answers to bad input (truncated or missing run file, month outside the run, no display).
# usage: viz_screenshot.sh HUBSIM_VIEW HUBSIM WORK_DIR
set -euo pipefail
view=$1 hubsim=$2 work=$3
here=$(cd "$(dirname "$0")" && pwd)
xvfb=(xvfb-run -a -s "-screen 0 1920x1080x24")

if ! command -v xvfb-run >/dev/null; then
  echo "SKIP: xvfb-run is not installed (apt-get install xvfb)"
  exit 77
fi
rm -rf "$work" && mkdir -p "$work"
fail() { echo "FAIL: $*" >&2; exit 1; }

# Exits with `code` and names `name` on stderr, else fails the test.
expect_error() {
  local code=$1 name=$2; shift 2
  local rc=0
  "$@" >"$work/out.txt" 2>"$work/err.txt" || rc=$?
  [[ $rc -eq $code ]] || fail "$* exited $rc, expected $code; stderr: $(cat "$work/err.txt")"
  grep -qF -- "$name" "$work/err.txt" || fail "$*: stderr does not mention '$name': $(cat "$work/err.txt")"
  echo "ok: exit $code, $(head -1 "$work/err.txt")"
}

"$hubsim" run -q -o "$work/run.h5" >/dev/null

# The screenshot: right size, and a picture rather than a blank frame.
"${xvfb[@]}" "$view" "$work/run.h5" --screenshot "$work/view-2030.png" --at 2030-06 --width 1600 --height 900
/usr/bin/python3 "$here/check_png.py" "$work/view-2030.png" 1600 900
# Another size, with a hub selected (the split chart and the hub panel).
"${xvfb[@]}" "$view" "$work/run.h5" --screenshot "$work/view-small.png" --at 2022-01 --hub Preston \
  --width 1024 --height 640
/usr/bin/python3 "$here/check_png.py" "$work/view-small.png" 1024 640

# Bad input: exit 2 and a message naming the file or the option.
head -c "$(( $(stat -c %s "$work/run.h5") / 2 ))" "$work/run.h5" >"$work/truncated.h5"
expect_error 2 "$work/truncated.h5" "${xvfb[@]}" "$view" "$work/truncated.h5" --screenshot "$work/bad.png"
expect_error 2 "$work/truncated.h5" "${xvfb[@]}" "$view" "$work/truncated.h5"
expect_error 2 "$work/missing.h5" "${xvfb[@]}" "$view" "$work/missing.h5" --screenshot "$work/bad.png"
echo "not a run" >"$work/foreign.h5"
expect_error 2 "$work/foreign.h5" "${xvfb[@]}" "$view" "$work/foreign.h5" --screenshot "$work/bad.png"
expect_error 2 "2040-01" "${xvfb[@]}" "$view" "$work/run.h5" --screenshot "$work/bad.png" --at 2040-01
expect_error 2 "Atlantis" "${xvfb[@]}" "$view" "$work/run.h5" --screenshot "$work/bad.png" --hub Atlantis
[[ ! -e "$work/bad.png" ]] || fail "a PNG was written despite bad input"

# No display and no --screenshot: a clear message and exit 1, not a crash.
expect_error 1 "display" env -u DISPLAY -u WAYLAND_DISPLAY "$view" "$work/run.h5"
echo "PASS"
