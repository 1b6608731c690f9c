#!/usr/bin/env bash
# A soak: `parley-bench soak` starts one server (bench-soak-server.conf: the bench's settings and
# the HTTP door on, for /metrics) and runs clients that log in, register, fail logins, join, leave,
# say, quit, drop their sockets and come back, at random from a seed, for a set time. Then it
# checks that every acknowledged say is in history once, that no connection is left open, that
# the server's threads and memory came back, and prints the table; exit 1 when a check fails.
#
#   bench/soak.sh [--seconds N] [--seed S] [--clients N] [--results DIR] [--server-jar JAR]
#                 [-- SOAK OPTIONS]
#
#   --seconds N      how long the clients run (default 60)
#   --seed S         the seed of the clients' Randoms (default 1)
#   --clients N      clients, one thread each (default 50)
#   --results DIR    where the table and the logs go (default: bench/target/soak-results/TIMESTAMP)
#   --server-jar JAR the server to soak (default: server/target/parley-server.jar)
#   -- OPTIONS       more options (java -jar bench/target/parley-bench.jar soak --help)
#
# SERVER_JAVA_OPTS go to the server's JVM, BENCH_JAVA_OPTS to the bench's.
set -euo pipefail

top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
bench_jar=$top/bench/target/parley-bench.jar
server_jar=$top/server/target/parley-server.jar
config=$top/bench/bench-soak-server.conf

seconds=60
seed=1
clients=50
results=""
while [ $# -gt 0 ]; do
  case "$1" in
    --seconds) seconds=$2; shift ;;
    --seed) seed=$2; shift ;;
    --clients) clients=$2; shift ;;
    --results) results=$2; shift ;;
    --server-jar) server_jar=$2; shift ;;
    --) shift; break ;;
    -h | --help) sed -n '2,18p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "soak.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
  shift
done
extra=("$@")

if [ ! -f "$bench_jar" ] || [ ! -f "$server_jar" ]; then
  echo "Building the server and the bench jars..." >&2
  (cd "$top" && ./mvnw -q -B -pl protocol,server,bench -am package -DskipTests) >&2
fi

results=${results:-$top/bench/target/soak-results/$(date +%Y%m%d-%H%M%S)}
mkdir -p "$results"

server_cores=()
bench_cpu=()
if [ "$(nproc)" -ge 2 ] && command -v taskset > /dev/null; then
  server_cores=(--server-cores 0)
  bench_cpu=(taskset -c 1)
fi

started_at=$(date +%s)
status=0
# shellcheck disable=SC2086 # the options are several words on purpose
"${bench_cpu[@]}" java ${BENCH_JAVA_OPTS:-} -jar "$bench_jar" soak \
  --server-jar "$server_jar" --server-config "$config" "${server_cores[@]}" \
  --server-java-opts "${SERVER_JAVA_OPTS:-}" --clock-ticks "$(getconf CLK_TCK)" \
  --seconds "$seconds" --seed "$seed" --clients "$clients" \
  --work-dir "$results" "${extra[@]}" \
  > "$results/table.md" 2> >(tee "$results/bench.log" >&2) || status=$?

echo >&2
echo "Results in $results ($(($(date +%s) - started_at)) s)" >&2
echo
cat "$results/table.md"
if [ "$status" -ne 0 ]; then
  echo "soak.sh: a check failed or the run did not finish (status $status); see $results" >&2
fi
exit "$status"
