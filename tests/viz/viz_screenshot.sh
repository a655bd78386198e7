#!/bin/bash
# End-to-end test of hubsim-view: real runs rendered headless under Xvfb and checked as PNGs
# (replay, compare, live, a frame sequence), and the viewer's answers to bad input.
# usage: viz_screenshot.sh HUBSIM_VIEW HUBSIM WORK_DIR
source "$(dirname "$0")/viz_common.sh" "$@"
check() { /usr/bin/python3 "$here/check_png.py" "$@"; }

# Exits with `code` and names `name` on stderr, else fails the test.
expect_error() {
  local code=$1 name=$2; shift 2
  local rc=0
  "$@" >"$work/out.txt" 2>"$work/err.txt" || rc=$?
  [[ $rc -eq $code ]] || fail "$* exited $rc, expected $code; stderr: $(cat "$work/err.txt")"
  grep -qF -- "$name" "$work/err.txt" || fail "$*: stderr does not mention '$name': $(cat "$work/err.txt")"
  echo "ok: exit $code, $(head -1 "$work/err.txt")"
}

# Two short runs (three years) that differ: the trend and more start-ups.
"$hubsim" run -q -o "$work/run.h5" --set run.end=2024-12 >/dev/null
"$hubsim" run -q -o "$work/more.h5" --set run.end=2024-12 --set firms.birth_rate_per_year=0.3 >/dev/null

# Replay: right size, a picture rather than a blank frame; two dates differ.
"${xvfb[@]}" "$view" "$work/run.h5" --screenshot "$work/view-a.png" --at 2023-06 --width 1600 --height 900
check "$work/view-a.png" 1600 900
"${xvfb[@]}" "$view" "$work/run.h5" --screenshot "$work/view-small.png" --at 2022-01 --hub Preston --width 1024 --height 640
check "$work/view-small.png" 1024 640
cmp -s "$work/view-a.png" "$work/view-small.png" && fail "two different views gave the same PNG"

# Compare, side by side and as a difference; presentation mode.
"${xvfb[@]}" "$view" "$work/run.h5" "$work/more.h5" --screenshot "$work/compare.png" --at 2024-06 --width 1280 --height 720
check "$work/compare.png" 1280 720
"${xvfb[@]}" "$view" "$work/run.h5" "$work/more.h5" --diff --presentation --screenshot "$work/diff.png" --width 1280 --height 720
check "$work/diff.png" 1280 720

# Frames: 2022-01..2022-07 at 6 months/s and 10 fps = 6 months in 1 s = 11 frames (0, 0.6, ..., 6).
"${xvfb[@]}" "$view" "$work/run.h5" --frames "$work/frames" --fps 10 --from 2022-01 --to 2022-07 \
  --months-per-second 6 --width 640 --height 360 >"$work/frames.txt"
count=$(ls "$work/frames" | grep -c '^frame-[0-9]*\.png$')
[[ $count -eq 11 ]] || fail "expected 11 frames, got $count"
check "$work/frames/frame-00000.png" 640 360
check "$work/frames/frame-00010.png" 640 360
cmp -s "$work/frames/frame-00000.png" "$work/frames/frame-00010.png" && fail "first and last frame are the same"

# Frame-time benchmark: it reports, it does not judge (no timing assertion on a shared machine).
"${xvfb[@]}" "$view" "$work/run.h5" --bench-frames 20 --width 640 --height 360 >"$work/bench.txt"
grep -Eq 'over 20 frames: median [0-9.]+ ms \([0-9]+ fps\)' "$work/bench.txt" || fail "no frame time: $(cat "$work/bench.txt")"

# Live: simulates (a year), then renders.
"${xvfb[@]}" "$view" --live --set run.end=2022-12 --set population.scale=0.2 --screenshot "$work/live.png" \
  --width 1280 --height 720
check "$work/live.png" 1280 720

# Bad input: exit 2 and a message naming the file or the option.
head -c "$(( $(stat -c %s "$work/run.h5") / 2 ))" "$work/run.h5" >"$work/truncated.h5"
expect_error 2 "$work/truncated.h5" "${xvfb[@]}" "$view" "$work/truncated.h5" --screenshot "$work/bad.png"
expect_error 2 "$work/truncated.h5" "${xvfb[@]}" "$view" "$work/truncated.h5" --frames "$work/bad"
expect_error 2 "$work/missing.h5" "${xvfb[@]}" "$view" "$work/missing.h5" --screenshot "$work/bad.png"
echo "not a run" >"$work/foreign.h5"
expect_error 2 "$work/foreign.h5" "${xvfb[@]}" "$view" "$work/foreign.h5" --screenshot "$work/bad.png"
expect_error 2 "$work/foreign.h5" "${xvfb[@]}" "$view" "$work/run.h5" "$work/foreign.h5" --screenshot "$work/bad.png"
expect_error 2 "2040-01" "${xvfb[@]}" "$view" "$work/run.h5" --screenshot "$work/bad.png" --at 2040-01
expect_error 2 "2040-01" "${xvfb[@]}" "$view" "$work/run.h5" --frames "$work/bad" --to 2040-01
expect_error 2 "Atlantis" "${xvfb[@]}" "$view" "$work/run.h5" --screenshot "$work/bad.png" --hub Atlantis
expect_error 2 "no.such" "${xvfb[@]}" "$view" --live --set no.such=1 --screenshot "$work/bad.png"
[[ ! -e "$work/bad.png" && ! -e "$work/bad" ]] || fail "output was written despite bad input"

# No display: a clear message, not a crash (1 for a good run, 2 when the input is bad as well).
expect_error 1 "display" env -u DISPLAY -u WAYLAND_DISPLAY "$view" "$work/run.h5"
expect_error 2 "$work/truncated.h5" env -u DISPLAY -u WAYLAND_DISPLAY "$view" "$work/truncated.h5"
echo "PASS"
