#!/usr/bin/env bash
# Runs the test suite. pytest's exit status 5 (no tests collected) is a failure here:
# a suite that silently runs nothing must not pass.
set -uo pipefail
cd "$(dirname "$0")/.."
python3 -m pytest "$@"
status=$?
if [[ $status == 5 ]]; then
  echo "test.sh: pytest collected no tests" >&2
  exit 1
fi
exit $status
