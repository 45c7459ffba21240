#!/usr/bin/env bash
# Issue 15 benchmark: `renderwatch archive` against curl on the same files, side by side in one
# run on loopback, then the cost of a second run over an archived set of many jobs.
#
#   mvn -B -q -pl app-demo -am -DskipTests package     # the jar it runs
#   benchmarks/scripts/archive-bench.sh 5 1000          # ROUNDS, JOBS for the second run
#
# Needs curl >= 7.66 and bc. Prints CSV (round,tool,seconds,bytes) and the load average at the
# start and the end: run it on a quiet machine (load < 1) for figures worth comparing. Besides
# curl alone it times curl followed by a sync of its files ("curl+sync"): every archived file is
# forced to disk before it is renamed and recorded, which curl does not do.
set -euo pipefail
ROUNDS=${1:-5}
MANY=${2:-1000}
JAR=${JAR:-$(cd "$(dirname "$0")/../.." && pwd)/app-demo/target/renderwatch.jar}
WORK=$(mktemp -d /tmp/archive-bench.XXXXXX)
KEY=pictai_bench_key
SIM_PID=
cleanup() { [ -n "$SIM_PID" ] && kill "$SIM_PID" 2>/dev/null; rm -rf "$WORK"; }
trap cleanup EXIT

start_sim() { # jobs video-size
  java -jar "$JAR" simulate --api-key $KEY --jobs "$1" --min-queue 0s --max-queue 0s \
    --min-render 0s --max-render 1s --files --video-size "$2" > "$WORK/sim.out" 2>/dev/null &
  SIM_PID=$!
  for _ in $(seq 100); do [ -s "$WORK/sim.out" ] && [ "$(wc -l < "$WORK/sim.out")" -gt "$1" ] && break; sleep 0.2; done
  URL=$(head -1 "$WORK/sim.out"); tail -n +2 "$WORK/sim.out" > "$WORK/ids.txt"
}
stop_sim() { kill "$SIM_PID"; wait "$SIM_PID" 2>/dev/null || true; SIM_PID=; }
now() { date +%s.%N; }

# --- 1. throughput: 20 jobs with 50 MiB videos (plus their five small files each) ----------
start_sim 20 50MiB
DB="$WORK/db1/jobs"
java -jar "$JAR" watch --db "$DB" --base-url "$URL" --api-key $KEY --min-interval 200ms \
  --max-interval 500ms --rate 50 @"$WORK/ids.txt" > /dev/null 2>&1
# The same URLs for curl, from the store.
java -jar "$JAR" list --json --db "$DB" | python3 -c '
import json, sys
names = {"videoURL": "video.mp4", "audioURL": "audio.mp3", "thumbnail": "thumbnail.jpg",
         "srtFile": "subtitles.srt", "vttFile": "subtitles.vtt", "txtFile": "transcript.txt"}
for line in sys.stdin:
    job = json.loads(line)
    for field, name in names.items():
        if job.get(field):
            print("url = \"%s\"\noutput = \"%s/%s\"" % (job[field], job["job_id"], name))
' > "$WORK/curl.cfg"
echo "# load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "round,tool,seconds,bytes"
for r in $(seq "$ROUNDS"); do
  rm -rf "$WORK/a" "$WORK/c"; mkdir -p "$WORK/c"; sync
  t0=$(now)
  java -jar "$JAR" archive --db "$DB" --dir "$WORK/a" --all > /dev/null 2> "$WORK/a.err"
  t1=$(now)
  bytes=$(du -sb "$WORK/a" | cut -f1)
  echo "$r,renderwatch,$(echo "$t1 - $t0" | bc),$bytes"
  grep -o '[0-9.]* [KMG]iB fetched in [0-9.]*s' "$WORK/a.err" | sed "s/^/# in-process: /"
  rm -rf "$WORK/a"; sync
  t0=$(now)
  (cd "$WORK/c" && curl -s --parallel --parallel-max 4 --create-dirs -K "$WORK/curl.cfg" 2>/dev/null)
  t1=$(now)
  sync -f "$WORK/c" 2>/dev/null || sync
  t2=$(now)
  bytes=$(du -sb "$WORK/c" | cut -f1)
  echo "$r,curl,$(echo "$t1 - $t0" | bc),$bytes"
  echo "$r,curl+sync,$(echo "$t2 - $t0" | bc),$bytes"
done
rm -rf "$WORK/a" "$WORK/c"
stop_sim

# --- 2. second run over MANY archived jobs (small files) -----------------------------------
# Baseline: `list --json` over the same store, i.e. starting the JVM and reading every job.
# Set MANY_DB and MANY_DIR to reuse a store and folder archived earlier.
if [ -z "${MANY_DB:-}" ]; then
  start_sim "$MANY" 4KiB
  MANY_DB="$WORK/db2/jobs"; MANY_DIR="$WORK/many"
  java -jar "$JAR" watch --db "$MANY_DB" --base-url "$URL" --api-key $KEY --min-interval 200ms \
    --max-interval 1s --rate 500 @"$WORK/ids.txt" > /dev/null 2>&1
  java -jar "$JAR" archive --db "$MANY_DB" --dir "$MANY_DIR" --all > /dev/null 2>&1
  stop_sim
fi
for r in $(seq "$ROUNDS"); do
  t0=$(now)
  java -jar "$JAR" list --json --db "$MANY_DB" > /dev/null
  t1=$(now)
  echo "$r,list-json-baseline,$(echo "$t1 - $t0" | bc),"
  t0=$(now)
  java -jar "$JAR" archive --db "$MANY_DB" --dir "$MANY_DIR" --all --json > "$WORK/second.json" 2> "$WORK/second.err"
  t1=$(now)
  already=$(grep -o '"status":"already"' "$WORK/second.json" | wc -l)
  other=$(grep -o '"status":"[a-z]*"' "$WORK/second.json" | grep -vc already || true)
  echo "$r,second-run,$(echo "$t1 - $t0" | bc),already=$already other=$other"
  grep -o '[0-9.]* [KMG]*i*B fetched in [0-9.]*s' "$WORK/second.err" | sed "s/^/# in-process: /"
done
echo "# load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
