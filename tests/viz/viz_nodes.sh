#!/bin/bash
# The map draws each hub where, as big and in the colour that it says: screenshots rendered under
# Xvfb with --layout-json, whose every hub is looked up in the PNG (check_nodes.py), then the same
# check against falsified layouts (moved, resized, recoloured), which must fail for every hub.
# usage: viz_nodes.sh HUBSIM_VIEW HUBSIM WORK_DIR
source "$(dirname "$0")/viz_common.sh" "$@"
check() { /usr/bin/python3 "$here/check_nodes.py" "$@"; }
# The built-in config's hubs: every map must have drawn all of them.
hubs="Samlesbury,Preston,Lancaster,Blackpool,Blackburn,Burnley,Rest of Lancashire,Greater Manchester,London"

"$hubsim" run -q -o "$work/run.h5" --set run.end=2024-12 >/dev/null
"$hubsim" run -q -o "$work/more.h5" --set run.end=2024-12 --set firms.birth_rate_per_year=0.3 >/dev/null

shot() {  # shot NAME VIEWER-ARGS...: a screenshot and its layout
  local name=$1; shift
  "${xvfb[@]}" "$view" "$@" --screenshot "$work/$name.png" --layout-json "$work/$name.json"
}
# Replay with a county hub selected (ring around it), at the workshop size and smaller; a selected
# metro (its arrow turns the accent colour); two maps side by side; the difference view.
shot replay "$work/run.h5" --at 2023-06 --hub Preston --width 1600 --height 900
shot metro "$work/run.h5" --at 2022-01 --hub London --width 1024 --height 640
shot compare "$work/run.h5" "$work/more.h5" --at 2024-06 --width 1280 --height 720
shot diff "$work/run.h5" "$work/more.h5" --diff --presentation --width 1280 --height 720
for name in replay metro compare diff; do
  check "$work/$name.png" "$work/$name.json" --expect "$hubs" >"$work/$name.txt" || fail "$(cat "$work/$name.txt")"
  tail -n 1 "$work/$name.txt"
done

# Negative controls: a layout that is off by a few pixels or colour levels must fail, hub by hub.
for control in "--shift-radii 2.5" "--tint 6" "--radius-factor 0.6" "--radius-factor 1.4"; do
  for name in replay compare; do
    # shellcheck disable=SC2086  # the control is two words
    check "$work/$name.png" "$work/$name.json" $control --expect-all-fail >"$work/control.txt" ||
      fail "$name, $control: $(cat "$work/control.txt")"
    echo "$name, $control: $(tail -n 1 "$work/control.txt")"
  done
done

# --layout-json describes a screenshot: alone it is a usage error.
rc=0
"$view" "$work/run.h5" --layout-json "$work/alone.json" >/dev/null 2>"$work/err.txt" || rc=$?
if [[ $rc -ne 2 ]] || ! grep -q -- "--layout-json" "$work/err.txt"; then
  fail "--layout-json without --screenshot: exit $rc, $(cat "$work/err.txt")"
fi
echo "PASS"
