# Shared set-up of the viewer's shell tests (sourced): arguments, Xvfb, a clean work directory.
# usage, from a test: source "$(dirname "$0")/viz_common.sh" "$@"   (HUBSIM_VIEW HUBSIM WORK_DIR)
set -euo pipefail
view=$1 hubsim=$2 work=$3
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
xvfb=(xvfb-run -a -s "-screen 0 1920x1080x24")

if ! command -v xvfb-run >/dev/null; then
  echo "SKIP: xvfb-run is not installed (apt-get install xvfb)"
  exit 77
fi
rm -rf "$work" && mkdir -p "$work"
fail() { echo "FAIL: $*" >&2; exit 1; }
