#!/bin/bash
# Playback exports of hubsim-view under Xvfb: --video (MP4) and --gif through Debian's ffmpeg,
# checked with ffprobe (frame count and duration, the --to month included); --frames refuses a used
# directory unless --replace; recorded live sessions (--live-change, --save-session) that
# `hubsim run --from` reproduces byte for byte and that replay with their changes captioned; the
# small command-line rules (--version, .png, --diff with one file).
# usage: viz_video.sh HUBSIM_VIEW HUBSIM WORK_DIR
source "$(dirname "$0")/viz_common.sh" "$@"
if ! command -v ffmpeg >/dev/null || ! command -v ffprobe >/dev/null; then
  echo "SKIP: ffmpeg/ffprobe are not installed (apt-get install ffmpeg)"
  exit 77
fi
expect_error() {  # expect_error CODE TEXT COMMAND...: exits CODE, one stderr line naming TEXT
  local code=$1 name=$2; shift 2
  local rc=0
  "$@" >"$work/out.txt" 2>"$work/err.txt" || rc=$?
  [[ $rc -eq $code ]] || fail "$* exited $rc, expected $code; stderr: $(cat "$work/err.txt")"
  grep -qF -- "$name" "$work/err.txt" || fail "$*: stderr does not mention '$name': $(cat "$work/err.txt")"
  [[ $(wc -l <"$work/err.txt") -eq 1 ]] || fail "$*: more than one line on stderr: $(cat "$work/err.txt")"
  echo "ok: exit $code, $(head -1 "$work/err.txt")"
}
frames_of() {  # decoded frame count of a video
  ffprobe -v error -count_frames -select_streams v:0 -show_entries stream=nb_read_frames -of csv=p=0 "$1"
}
duration_of() {  # container duration in seconds, as ffprobe reports it
  ffprobe -v error -show_entries format=duration -of csv=p=0 "$1"
}
expect_video() {  # expect_video FILE FRAMES SECONDS
  local n d
  n=$(frames_of "$1") d=$(duration_of "$1")
  [[ $n -eq $2 ]] || fail "$1: $n frames, expected $2"
  /usr/bin/python3 -c "import sys; sys.exit(abs($d - $3) > 0.021)" || fail "$1: $d s, expected $3 s"
  echo "ok: $1: $n frames, $d s"
}

"$hubsim" run -q -o "$work/run.h5" --set run.end=2023-12 >/dev/null

# MP4: 2022-01..2022-07 at 6 months/s and 10 fps: steps of 0.6 months land on the --to month
# (6 / 0.6 = 10 steps): 11 frames, 1.1 s.
"${xvfb[@]}" "$view" "$work/run.h5" --video "$work/a.mp4" --fps 10 --from 2022-01 --to 2022-07 \
  --months-per-second 6 --width 640 --height 360 >"$work/a.txt"
grep -q "11 frames" "$work/a.txt" || fail "no frame count: $(cat "$work/a.txt")"
expect_video "$work/a.mp4" 11 1.1
[[ $(ffprobe -v error -select_streams v:0 -show_entries stream=codec_name,width,height,pix_fmt -of csv=p=0 "$work/a.mp4") == \
   "h264,640,360,yuv420p" ]] || fail "a.mp4 is not 640x360 H.264 yuv420p"
# To 2022-08: 7 months is 11.67 steps of 0.6; 12 steps of 0.58 instead, so that August itself is the 13th frame.
"${xvfb[@]}" "$view" "$work/run.h5" --video "$work/b.mp4" --fps 10 --from 2022-01 --to 2022-08 \
  --months-per-second 6 --width 640 --height 360 >/dev/null
expect_video "$work/b.mp4" 13 1.3
# --seconds sets the length whatever the span: 2 s at 10 fps.
"${xvfb[@]}" "$view" "$work/run.h5" --video "$work/c.mp4" --fps 10 --seconds 2 --width 640 --height 360 >/dev/null
expect_video "$work/c.mp4" 20 2.0
# GIF (10 fps: GIF delays are whole hundredths of a second).
"${xvfb[@]}" "$view" "$work/run.h5" --gif "$work/a.gif" --fps 10 --from 2022-01 --to 2022-07 \
  --months-per-second 6 --width 480 --height 270 >/dev/null
expect_video "$work/a.gif" 11 1.1
[[ ! -e "$work/a.mp4.part" && ! -e "$work/a.gif.part" ]] || fail "a partial file was left behind"

# --frames: the same 13 frames for the uneven span, the last one August; a used directory is
# refused; --replace deletes the old frames first (never two runs spliced into one sequence).
"${xvfb[@]}" "$view" "$work/run.h5" --frames "$work/frames" --fps 10 --from 2022-01 --to 2022-08 \
  --months-per-second 6 --width 320 --height 240 >/dev/null
[[ $(ls "$work/frames" | grep -c '^frame-[0-9]*\.png$') -eq 13 ]] || fail "expected 13 frames in $work/frames"
expect_error 2 "--frames" "${xvfb[@]}" "$view" "$work/run.h5" --frames "$work/frames" --fps 10 --from 2022-01 --to 2022-03
cp "$work/frames/frame-00000.png" "$work/frames/frame-00099.png"  # a stale frame of an earlier, longer run
"${xvfb[@]}" "$view" "$work/run.h5" --frames "$work/frames" --replace --fps 10 --from 2022-01 --to 2022-03 \
  --months-per-second 6 --width 320 --height 240 >/dev/null
[[ $(ls "$work/frames" | grep -c '^frame-[0-9]*\.png$') -eq 5 ]] || fail "--replace left $(ls "$work/frames" | wc -l) files"
[[ ! -e "$work/frames/frame-00099.png" ]] || fail "--replace kept a stale frame"

# Small rules: the version; a screenshot must be a .png, a video .mp4, a GIF .gif; --diff needs two runs.
"$view" --version | grep -Eq '^hubsim-view [0-9]+\.[0-9]+\.[0-9]+ \(' || fail "--version: $("$view" --version)"
expect_error 2 "--screenshot" "$view" "$work/run.h5" --screenshot "$work/shot.jpg"
expect_error 2 "--video" "$view" "$work/run.h5" --video "$work/a.avi"
expect_error 2 "--gif" "$view" "$work/run.h5" --gif "$work/a.png"
expect_error 2 "--diff" "$view" "$work/run.h5" --diff --screenshot "$work/shot.png"
expect_error 2 "--save-session" "$view" "$work/run.h5" --save-session "$work/s.h5"
expect_error 2 "--live-change" "${xvfb[@]}" "$view" --live --set run.end=2022-06 --live-change 2030-01:labour.commute_minutes=60 \
  --screenshot "$work/shot.png"
[[ ! -e "$work/shot.jpg" && ! -e "$work/shot.png" && ! -e "$work/a.avi" ]] || fail "output written despite bad input"

# A recorded session: two slider moves in a live run, saved; `hubsim run --from` gives the same
# bytes, and so does a batch run with the same --change schedule.
live=(--live --set run.end=2023-12 --set population.scale=0.2)
"${xvfb[@]}" "$view" "${live[@]}" --live-change 2022-09:talent.reskilled_per_year=1200 \
  --live-change 2023-03:interventions.J.intensity=2 --save-session "$work/session.h5" \
  --screenshot "$work/live.png" --width 1280 --height 720 >"$work/live.txt"
grep -q "2 changes" "$work/live.txt" || fail "session not saved: $(cat "$work/live.txt")"
"$hubsim" run -q --from "$work/session.h5" -o "$work/rerun.h5" >/dev/null 2>&1
cmp "$work/session.h5" "$work/rerun.h5" || fail "hubsim run --from the session gave different bytes"
"$hubsim" run -q --set run.end=2023-12 --set population.scale=0.2 --change 2022-09:talent.reskilled_per_year=1200 \
  --change 2023-03:interventions.J.intensity=2 -o "$work/batch.h5" >/dev/null 2>&1
cmp "$work/session.h5" "$work/batch.h5" || fail "the session differs from the batch run with the same --change schedule"
"$hubsim" run -q --set run.end=2023-12 --set population.scale=0.2 -o "$work/plain.h5" >/dev/null 2>&1
cmp -s "$work/session.h5" "$work/plain.h5" && fail "the session is the same as the run without changes"
echo "ok: the session, its re-run and the batch run are byte-identical"
# Replayed: after a change its caption is in the header, in the accent colour, between the title
# and the date; before the first change there is none (the keys are there, dimmed).
"${xvfb[@]}" "$view" "$work/session.h5" --screenshot "$work/replay-before.png" --at 2022-06
"${xvfb[@]}" "$view" "$work/session.h5" --screenshot "$work/replay-after.png" --at 2023-06
HERE="$here" /usr/bin/python3 - "$work/replay-before.png" "$work/replay-after.png" <<'PY' || fail "captions: see above"
import os, sys
sys.path.insert(0, os.environ["HERE"])
from check_nodes import Image
def accent_pixels(path):  # colours::accent, (255, 196, 64), in the header's middle band
    im = Image(path)
    band = range(int(0.35 * im.width), int(0.72 * im.width))
    return sum(1 for row in range(0, 100) for col in band
               if tuple(im.rows[row][col * im.channels:col * im.channels + 3]) == (255, 196, 64))
before, after = (accent_pixels(p) for p in sys.argv[1:3])
assert before == 0 and after > 200, (before, after)
print(f"ok: caption pixels in the header: {before} before the first change, {after} after")
PY
echo "PASS"
