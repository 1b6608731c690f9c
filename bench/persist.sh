#!/usr/bin/env bash
# The persistence benchmark: how many says one room stores per second, and how long the server
# takes, once restarted, to answer a join of a room of 100 000 messages. Runs `parley-bench
# persist` once per store and snapshot setting, each on a fresh store, with the server on one core
# and the bench on another; then prints the table of all runs.
#
#   bench/persist.sh [--quick] [--postgresql | --postgresql-only] [--memory] [--snapshots "N ..."]
#                    [--results DIR] [-- PERSIST OPTIONS]
#
#   --quick            a smoke test: 3 s of warm-up, 3 s measured per room, a room of 10 000, one
#                      restart
#   --postgresql       also against PostgreSQL: a throwaway cluster made with initdb in a temporary
#                      directory (as the postgres user when run as root), on the server's core
#   --postgresql-only  against PostgreSQL only
#   --memory           also H2 in memory, the yardstick without a disk (its rooms are not
#                      recovered: nothing is left after a stop)
#   --snapshots "N .." the snapshot-every settings to run (default "1000 1000000000": the default,
#                      and in effect none)
#   --results DIR      where figures and logs go (default: bench/target/persist-results/TIMESTAMP)
#   -- OPTIONS         more options for every run, e.g. -- --senders 1,10 --history-size 100000
#                      (java -jar bench/target/parley-bench.jar persist --help)
#
# SERVER_JAVA_OPTS go to the server's JVM, BENCH_JAVA_OPTS to the bench's.
set -euo pipefail

top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
bench_jar=$top/bench/target/parley-bench.jar
server_jar=$top/server/target/parley-server.jar
config=$top/bench/bench-server.conf

quick=false
stores="h2"
memory=false
snapshots="1000 1000000000"
results=""
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) quick=true ;;
    --postgresql) stores="h2 postgresql" ;;
    --postgresql-only) stores="postgresql" ;;
    --memory) memory=true ;;
    --snapshots) snapshots=$2; shift ;;
    --results) results=$2; shift ;;
    --) shift; break ;;
    -h | --help) sed -n '2,23p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "persist.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
  shift
done
extra=("$@")
if $memory; then
  stores="$stores memory"
fi

if [ ! -f "$bench_jar" ] || [ ! -f "$server_jar" ]; then
  echo "Building the server and the bench jars..." >&2
  (cd "$top" && ./mvnw -q -B -pl server,bench -am package -DskipTests) >&2
fi

results=${results:-$top/bench/target/persist-results/$(date +%Y%m%d-%H%M%S)}
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
  sizes=(--server-warm-up-seconds 3 --warm-up-seconds 1 --measure-seconds 3 --room-messages 10000
    --restarts 1)
else
  sizes=()
fi

# PostgreSQL: a cluster of our own, in a temporary directory, gone at the end
pg_dir=""
pg_port=""
as_postgres=()
stop_postgresql() {
  if [ -n "$pg_dir" ]; then
    "${as_postgres[@]}" "$pg_bin/pg_ctl" -D "$pg_dir/data" -m fast -w stop > /dev/null 2>&1 || true
    rm -rf "$pg_dir"
    pg_dir=""
  fi
}
trap stop_postgresql EXIT

start_postgresql() {
  local initdb
  initdb=$(command -v initdb || ls -d /usr/lib/postgresql/*/bin/initdb 2> /dev/null | sort -V | tail -n 1)
  if [ -z "$initdb" ]; then
    echo "persist.sh: no initdb found (PATH, /usr/lib/postgresql/*/bin)" >&2
    exit 1
  fi
  pg_bin=$(dirname "$(readlink -f "$initdb")")
  pg_dir=$(mktemp -d /tmp/parley-pg.XXXXXX)
  if [ "$(id -u)" -eq 0 ]; then
    # initdb refuses to run as root
    chown postgres: "$pg_dir"
    as_postgres=(runuser -u postgres --)
  fi
  "${as_postgres[@]}" "$pg_bin/initdb" -D "$pg_dir/data" -U postgres -A trust -E UTF8 \
    > "$results/postgresql-initdb.log" 2>&1
  for _ in $(seq 20); do
    pg_port=$((20000 + RANDOM % 20000))
    (echo > "/dev/tcp/127.0.0.1/$pg_port") 2> /dev/null || break
  done
  "${server_cpu[@]}" "${as_postgres[@]}" "$pg_bin/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/server.log" \
    -o "-p $pg_port -k $pg_dir -c listen_addresses=127.0.0.1" -w start > /dev/null
  echo "PostgreSQL $("$pg_bin/postgres" --version | awk '{print $3}') on port $pg_port," \
    "${server_cpu[*]:-any core}, data in $pg_dir" >&2
}

fresh_database() {
  "${as_postgres[@]}" "$pg_bin/dropdb" --if-exists -h 127.0.0.1 -p "$pg_port" -U postgres parley
  "${as_postgres[@]}" "$pg_bin/createdb" -h 127.0.0.1 -p "$pg_port" -U postgres parley
}

# figures of a busy machine are low; each run also reports what others took of the server's core
busy=$(awk '{print $1}' /proc/loadavg)
if awk -v load="$busy" 'BEGIN { exit !(load > 0.5) }'; then
  echo "persist.sh: the load average is $busy: other processes are running, and the figures will" \
    "be low" >&2
fi

started_at=$(date +%s)
run=0
figures=()
for store in $stores; do
  store_options=(--store "$store")
  if [ "$store" = postgresql ]; then
    [ -n "$pg_dir" ] || start_postgresql
    store_options+=(--postgresql-url "jdbc:postgresql://127.0.0.1:$pg_port/parley"
      --postgresql-user postgres --postgresql-password "")
  fi
  for every in $snapshots; do
    run=$((run + 1))
    dir=$results/$run-$store-snapshot-every-$every
    mkdir -p "$dir"
    if [ "$store" = postgresql ]; then
      fresh_database
    fi
    # shellcheck disable=SC2086 # the options are several words on purpose
    if ! "${bench_cpu[@]}" java ${BENCH_JAVA_OPTS:-} -jar "$bench_jar" persist \
      --server-jar "$server_jar" --server-config "$config" "${server_cores[@]}" \
      --server-java-opts "${SERVER_JAVA_OPTS:-}" --clock-ticks "$(getconf CLK_TCK)" \
      "${store_options[@]}" --snapshot-every "$every" --work-dir "$dir" \
      --figures "$dir/figures.json" "${sizes[@]}" "${extra[@]}" \
      > "$dir/table.md" 2> >(tee "$dir/bench.log" >&2); then
      echo "persist.sh: the $store run with snapshot-every $every failed; see $dir" >&2
      continue
    fi
    figures+=("$dir/figures.json")
  done
done

echo >&2
echo "Results in $results ($(($(date +%s) - started_at)) s;" \
  "server ${server_cpu[*]:-on any core}, bench ${bench_cpu[*]:-on any core})" >&2
echo
if [ ${#figures[@]} -gt 0 ]; then
  java -jar "$bench_jar" persist-table "${figures[@]}"
fi
