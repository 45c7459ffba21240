#!/usr/bin/env bash
# Proves the build reproducible: two clean clones of HEAD, built one after the other in different
# folders, must give byte-identical jars (every module's jar, sources, Javadoc, test-jar and the
# shaded app-demo/target/renderwatch.jar). Prints one line per jar and exits 1 on any difference.
#
#   build/reproducible-check.sh            # uses ./mvnw of the clone, Maven Central as usual
#   MVN_ARGS=-o build/reproducible-check.sh  # offline, once the local repository has everything
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

for n in 1 2; do
  git clone -q "$root" "$work/b$n"
  # Differ in what must not matter: folder, time of day, time zone, locale. The umask is the
  # same (022): jar entries keep the files' permission bits, so a group-writable checkout
  # (umask 002) gives other bytes, as with any Maven build.
  locale=$([ "$n" = 1 ] && echo C || echo C.UTF-8)
  (cd "$work/b$n" && umask 022 && TZ="Etc/GMT-$n" LC_ALL="$locale" \
    ./mvnw -B -q ${MVN_ARGS:-} -DskipTests package) >"$work/build$n.log" 2>&1 \
    || { echo "build $n failed:"; tail -30 "$work/build$n.log"; exit 2; }
  (cd "$work/b$n" && find . -path '*/target/*.jar' -not -path '*/target/*/*' | sort \
    | xargs sha256sum) >"$work/sums$n"
done

count=$(wc -l <"$work/sums1")
if diff "$work/sums1" "$work/sums2" >"$work/diff"; then
  sed 's/^/identical  /' "$work/sums1"
  echo "reproducible: $count jars byte-identical across two clean builds"
else
  cat "$work/diff"
  echo "NOT reproducible: see the differing jars above"
  exit 1
fi
