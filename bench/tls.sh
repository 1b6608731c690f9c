#!/usr/bin/env bash
# Fan-out through TLS against cleartext, in one run against one server: `parley-bench tls` starts
# the server with both ports (bench-tls-server.conf: a certificate made at start, which the bench
# pins by the SHA-256 in the server's log), with the server on one core and the bench on another,
# and runs the same workloads through each port in alternating rounds; then prints the table of
# both, with the ratio TLS/cleartext of each figure.
#
#   bench/tls.sh [--quick] [--results DIR] [--server-jar JAR] [-- TLS OPTIONS]
#
#   --quick          a smoke test: 1 s of warm-up, one round of 1 s per transport and workload
#   --results DIR    where the table and the logs go (default: bench/target/tls-results/TIMESTAMP)
#   --server-jar JAR the server to measure (default: server/target/parley-server.jar)
#   -- OPTIONS       more options, e.g. -- --rounds 3 --no-full-speed
#                    (java -jar bench/target/parley-bench.jar tls --help)
#
# SERVER_JAVA_OPTS go to the server's JVM, BENCH_JAVA_OPTS to the bench's.
set -euo pipefail

top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
bench_jar=$top/bench/target/parley-bench.jar
server_jar=$top/server/target/parley-server.jar
config=$top/bench/bench-tls-server.conf

quick=false
results=""
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) quick=true ;;
    --results) results=$2; shift ;;
    --server-jar) server_jar=$2; shift ;;
    --) shift; break ;;
    -h | --help) sed -n '2,16p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "tls.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
  shift
done
extra=("$@")

if [ ! -f "$bench_jar" ] || [ ! -f "$server_jar" ]; then
  echo "Building the server and the bench jars..." >&2
  (cd "$top" && ./mvnw -q -B -pl server,bench -am package -DskipTests) >&2
fi

results=${results:-$top/bench/target/tls-results/$(date +%Y%m%d-%H%M%S)}
mkdir -p "$results"

server_cores=()
bench_cpu=()
server_cpu=()
if [ "$(nproc)" -ge 2 ] && command -v taskset > /dev/null; then
  server_cores=(--server-cores 0)
  server_cpu=(taskset -c 0)
  bench_cpu=(taskset -c 1)
fi

if $quick; then
  sizes=(--server-warm-up-seconds 1 --warm-up-seconds 0 --measure-seconds 1 --rounds 1)
else
  sizes=()
fi

# figures of a busy machine are low; each round also reports what others took of both cores
busy=$(awk '{print $1}' /proc/loadavg)
if awk -v load="$busy" 'BEGIN { exit !(load > 0.5) }'; then
  echo "tls.sh: the load average is $busy: other processes are running; both transports suffer" \
    "alike, but the figures will be low" >&2
fi

started_at=$(date +%s)
# shellcheck disable=SC2086 # the options are several words on purpose
"${bench_cpu[@]}" java ${BENCH_JAVA_OPTS:-} -jar "$bench_jar" tls \
  --server-jar "$server_jar" --server-config "$config" "${server_cores[@]}" \
  --server-java-opts "${SERVER_JAVA_OPTS:-}" --clock-ticks "$(getconf CLK_TCK)" \
  --work-dir "$results" "${sizes[@]}" "${extra[@]}" \
  > "$results/table.md" 2> >(tee "$results/bench.log" >&2) || {
  echo "tls.sh: the run failed; see $results" >&2
  exit 1
}

echo >&2
echo "Results in $results ($(($(date +%s) - started_at)) s;" \
  "server ${server_cpu[*]:-on any core}, bench ${bench_cpu[*]:-on any core})" >&2
echo
cat "$results/table.md"
