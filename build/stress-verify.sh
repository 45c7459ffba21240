#!/usr/bin/env bash
# The suite's proof against a loaded machine: runs the README's test command N times in a row
# (default 5) in a clean clone while a CPU burner keeps every core busy, and reports each run's
# time and result. Exits 1 if any run failed.
#
#   build/stress-verify.sh [N]
#   BURN=0 build/stress-verify.sh 1     # one run on a quiet machine, for the 6-minute budget
set -uo pipefail
runs="${1:-5}"
root="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
burners=()
cleanup() {
  for pid in "${burners[@]}"; do kill "$pid" 2>/dev/null; done
  rm -rf "$work"
}
trap cleanup EXIT

git clone -q "$root" "$work/repo" || exit 2
if [ "${BURN:-1}" != 0 ]; then
  for _ in $(seq "$(nproc)"); do
    # Pure CPU, lowest priority is NOT used: the burner competes with the build as an equal.
    ( while :; do :; done ) &
    burners+=("$!")
  done
  echo "burning ${#burners[@]} cores (pids ${burners[*]})"
fi

failed=0
times=()
for n in $(seq "$runs"); do
  start=$(date +%s)
  (cd "$work/repo" && ./mvnw -B verify) >"$work/run$n.log" 2>&1
  rc=$?
  took=$(( $(date +%s) - start ))
  load="load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
  times+=("$took")
  summary=$(grep -E "Tests run: [0-9]+, Failures" "$work/run$n.log" | tail -1)
  if [ $rc -eq 0 ]; then
    echo "run $n: green in ${took}s  ${summary}  (${load})"
  else
    failed=$((failed + 1))
    mkdir -p "$root/target"
    cp "$work/run$n.log" "$root/target/stress-run$n.log"
    echo "run $n: FAILED (exit $rc) in ${took}s (${load}); log kept in target/stress-run$n.log"
    grep -E "<<< (FAILURE|ERROR)!|Tests run:.*Fail" "$work/run$n.log" | head -10
  fi
done

sorted=$(printf '%s\n' "${times[@]}" | sort -n)
median=$(printf '%s\n' "$sorted" | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}')
echo "runs: $runs, failed: $failed, times (s): ${times[*]}, median: ${median}s"
[ "$failed" -eq 0 ]
