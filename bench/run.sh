#!/usr/bin/env bash
# The fan-out benchmark: every workload against Parley, then the same against the raw relay, with
# the server on one core and the load generator on another; then the table of both, with the
# ratio Parley/raw for each figure. With --irc, the same workloads in IRC against Parley's IRC
# door and then against ngIRCd (bench/ngircd.conf), with the ratio Parley/ngIRCd.
#
#   bench/run.sh [--irc] [--quick] [--only NAME] [--parley-only | --raw-only] [--jfr] [--perf]
#                [--count-messages] [--gc-log] [--rate-warm-up SECONDS] [--results DIR]
#
#   --irc          IRC bytes on both sides: Parley's IRC door (bench-irc-server.conf) and ngIRCd
#                  (the Debian package ngircd; skipped when it is not installed)
#   --quick        a smoke test: 1 s of sending without warm-up, and only fanout-100, rate-100,
#                  500 idle connections and a join storm of 200
#   --only NAME    one workload: fanout-100, fanout-1000, rate-100, rate-1000, idle, join
#   --parley-only, --raw-only  only Parley, or only the raw relay (ngIRCd with --irc)
#   --jfr          record Parley with Java Flight Recorder and print its hottest methods
#   --perf         sample both servers with perf (kernel and JIT-compiled code) while measuring
#                  messages, and print where each microsecond of a delivery went (time-split);
#                  needs perf and permission to use it
#   --count-messages  count Parley's actor messages (a counting mailbox in its JVM) and print
#                  them per delivery; the counting costs CPU: take no other figure from that run
#   --gc-log       log the Java servers' collections and print their pauses and the bytes
#                  allocated per delivery while measuring
#   --rate-warm-up SECONDS  the warm-up of the fixed-rate workloads (default 60)
#   --results DIR  where figures and logs go (default: bench/target/results/TIMESTAMP)
#
# SERVER_JAVA_OPTS go to both servers' JVMs, LOAD_JAVA_OPTS to the load generator's.
set -euo pipefail

top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
bench_jar=$top/bench/target/parley-bench.jar
server_jar=$top/server/target/parley-server.jar
config=$top/bench/bench-server.conf
irc_config=$top/bench/bench-irc-server.conf
ngircd_config=$top/bench/ngircd.conf

irc=false
quick=false
only=""
side=both
jfr=false
perf=false
count_messages=false
gc_log=false
results=""
rate_warm_up_seconds=60
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) quick=true ;;
    --only) only=$2; shift ;;
    --irc) irc=true ;;
    --parley-only) side=parley ;;
    --raw-only) side=baseline ;;
    --jfr) jfr=true ;;
    --perf) perf=true ;;
    --count-messages) count_messages=true ;;
    --gc-log) gc_log=true ;;
    --rate-warm-up) rate_warm_up_seconds=$2; shift ;;
    --results) results=$2; shift ;;
    -h | --help) sed -n '2,28p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "run.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
  shift
done

if $irc; then
  parley_target=parley-irc
  baseline_target=ngircd
  if ! command -v ngircd > /dev/null; then
    echo "run.sh: ngircd is not installed (Debian package ngircd: apt-get install ngircd);" \
      "skipping ngIRCd" >&2
    baseline_target=""
  fi
else
  parley_target=parley
  baseline_target=raw
fi
case "$side" in
  both) targets="$parley_target $baseline_target" ;;
  parley) targets="$parley_target" ;;
  baseline) targets="$baseline_target" ;;
esac
if [ -z "${targets// /}" ]; then
  echo "run.sh: no server left to measure" >&2
  exit 2
fi

if [ ! -f "$bench_jar" ] || [ ! -f "$server_jar" ]; then
  echo "Building the server and the bench jars..." >&2
  (cd "$top" && ./mvnw -q -B -pl server,bench -am package -DskipTests) >&2
fi

results=${results:-$top/bench/target/results/$(date +%Y%m%d-%H%M%S)}
mkdir -p "$results"

# 10 000 connections need as many descriptors in the server and in the generator
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
descriptors=$(ulimit -n)

server_cpu=()
load_cpu=()
if [ "$(nproc)" -ge 2 ] && command -v taskset > /dev/null; then
  server_cpu=(taskset -c 0)
  load_cpu=(taskset -c 1)
fi
clock_ticks=$(getconf CLK_TCK)

if $quick; then
  full_speed_warm_up_seconds=0
  rate_warm_up_seconds=0
  full_speed_seconds=1
  rate_seconds=1
  many_clients=200
  idle_clients=500
  memory="--memory"
else
  # the JIT compilers still took a third of the server's core 20 s into a fixed-rate run, whose
  # message path gets hot ten times slower than at full speed, and a seventh 30 s into it
  full_speed_warm_up_seconds=10
  full_speed_seconds=10
  rate_seconds=10
  many_clients=1000
  idle_clients=10000
  memory="--memory --gc-before-memory"
fi
if [ "$descriptors" -lt $((idle_clients + 100)) ]; then
  idle_clients=$((descriptors - 100))
  echo "Only $descriptors file descriptors allowed: the idle workload holds $idle_clients." >&2
fi
full_speed="--warm-up-seconds $full_speed_warm_up_seconds --max-send-seconds $full_speed_seconds"
at_a_rate="--warm-up-seconds $rate_warm_up_seconds --max-send-seconds $((rate_seconds + 5))"
perf_seconds=$((full_speed_seconds < 5 ? full_speed_seconds : 5))

# name | what the table calls it | the generator's options
workloads=(
  "fanout-100|100 clients, 1 sender, full speed|--clients 100 --senders 1 --messages 100000000 $full_speed"
  "fanout-1000|$many_clients clients, 1 sender, full speed|--clients $many_clients --senders 1 --messages 100000000 $full_speed"
  "rate-100|100 clients, 10 senders, 1000 msg/s|--clients 100 --senders 10 --rate 1000 --messages $((100 * rate_seconds)) $at_a_rate"
  "rate-1000|$many_clients clients, 10 senders, 100 msg/s|--clients $many_clients --senders 10 --rate 100 --messages $((10 * rate_seconds)) $at_a_rate"
  "idle|$idle_clients idle connections|--clients $idle_clients --rooms 0 --senders 0 $memory"
  "join|$many_clients clients join one room at once|--clients $many_clients --senders 0 $memory"
)

server_pid=""
stop_server() {
  if [ -n "$server_pid" ] && kill -0 "$server_pid" 2> /dev/null; then
    kill -TERM "$server_pid" 2> /dev/null || true
    for _ in $(seq 300); do
      kill -0 "$server_pid" 2> /dev/null || break
      sleep 0.1
    done
    kill -KILL "$server_pid" 2> /dev/null || true
    wait "$server_pid" 2> /dev/null || true
  fi
  server_pid=""
}
trap stop_server EXIT

# a port on 127.0.0.1 that nothing listens on, for the servers that cannot take port 0
free_port() {
  local port
  for _ in $(seq 100); do
    # below the ephemeral ports (32768 and up here), which the generator's own sockets hold: a
    # port that one of them holds takes no connection, but cannot be bound either
    port=$((20000 + RANDOM % 12000))
    if ! (: > "/dev/tcp/127.0.0.1/$port") 2> /dev/null; then
      echo "$port"
      return 0
    fi
  done
  echo "run.sh: found no free port" >&2
  return 1
}

# starts one server in the background; sets server_pid and server_port
start_server() {
  local target=$1 log=$2 jfr_file=$3
  local java_opts=(${SERVER_JAVA_OPTS:-})
  local irc_port=""
  : > "$log"
  if $perf; then
    java_opts+=(-XX:+PreserveFramePointer)
  fi
  if [ -n "$jfr_file" ]; then
    java_opts+=("-XX:StartFlightRecording=filename=$jfr_file,settings=profile,jdk.ExecutionSample#period=1ms")
  fi
  if $gc_log; then
    java_opts+=("-Xlog:gc:file=${log%-server.log}-gc.log:time")
  fi
  local parley=(-jar "$server_jar")
  if $count_messages; then
    # the bench jar beside the server's, for its counting mailbox in place of Pekko's own
    local counting=dev.parley.bench.profile.CountingMailbox
    parley=(-cp "$server_jar:$bench_jar"
      "-Dpekko.actor.default-mailbox.mailbox-type=$counting"
      "-Dpekko.actor.mailbox.unbounded-queue-based.mailbox-type=$counting"
      "-Dpekko.actor.typed.default-mailbox.mailbox-type=$counting"
      "-Dpekko.stream.materializer.mailbox.mailbox-type=$counting"
      "-Dparley-bench.mailbox-counts=${log%-server.log}-mailbox-counts.txt"
      dev.parley.server.Main)
  fi
  case "$target" in
    parley)
      "${server_cpu[@]}" java "${java_opts[@]}" "${parley[@]}" --config "$config" > "$log" 2>&1 &
      ;;
    raw)
      "${server_cpu[@]}" java "${java_opts[@]}" -jar "$bench_jar" relay --port 0 > "$log" 2>&1 &
      ;;
    parley-irc)
      irc_port=$(free_port)
      "${server_cpu[@]}" java "${java_opts[@]}" "${parley[@]}" --config "$irc_config" \
        -D "parley.irc.port=$irc_port" > "$log" 2>&1 &
      ;;
    ngircd)
      irc_port=$(free_port)
      sed "s/^\([[:space:]]*Ports[[:space:]]*=\).*/\1 $irc_port/" "$ngircd_config" \
        > "${log%.log}.conf"
      "${server_cpu[@]}" ngircd -n -f "${log%.log}.conf" > "$log" 2>&1 &
      ;;
  esac
  server_pid=$!
  for _ in $(seq 600); do
    if [ -n "$irc_port" ]; then
      # Parley: "Listening ... on 127.0.0.1:PORT"; ngIRCd: "Now listening on [127.0.0.1]:PORT"
      grep -Eq "istening.*[]:]$irc_port([^0-9]|\$)" "$log" && server_port=$irc_port && return 0
    else
      server_port=$(sed -n 's/.*Listening on [0-9.]*:\([0-9][0-9]*\).*/\1/p' "$log" | head -n 1)
      [ -n "$server_port" ] && return 0
    fi
    kill -0 "$server_pid" 2> /dev/null || break
    sleep 0.1
  done
  echo "run.sh: the $target server did not start; see $log" >&2
  return 1
}

# the methods most often on top of the stack, and most often anywhere in it
print_hot_methods() {
  local recording=$1
  jfr print --events jdk.ExecutionSample --stack-depth 64 "$recording" | awk '
    /stackTrace = \[/ { in_stack = 1; top = 1; delete seen; samples++; next }
    in_stack && /^[[:space:]]*\]/ { in_stack = 0; next }
    in_stack {
      frame = $0; sub(/^[[:space:]]+/, "", frame); sub(/[[:space:]]+line:.*/, "", frame)
      if (frame == "...") next
      if (top) { self[frame]++; top = 0 }
      if (!(frame in seen)) { total[frame]++; seen[frame] = 1 }
    }
    END {
      printf "%d samples\nself (on top of the stack):\n", samples
      for (f in self) printf "%6.1f%%  %s\n", 100 * self[f] / samples, f | "sort -rn | head -25"
      close("sort -rn | head -25")
      printf "total (anywhere in the stack):\n"
      for (f in total) printf "%6.1f%%  %s\n", 100 * total[f] / samples, f | "sort -rn | head -40"
    }'
}

# samples the server from the end of the warm-up on; the JIT's symbols come from jcmd
profile_with_perf() {
  local log=$1 out=$2
  for _ in $(seq 3000); do
    grep -q "  measuring" "$log" 2> /dev/null && break
    kill -0 "$server_pid" 2> /dev/null || return 0
    sleep 0.1
  done
  grep -q "  measuring" "$log" 2> /dev/null || return 0
  perf record -o "$out.data" -F 999 -g -p "$server_pid" -- sleep "$perf_seconds" > /dev/null 2>&1
  jcmd "$server_pid" Compiler.perfmap > /dev/null 2>&1 || true
  # what the kernel was asked for, for the next seconds (3 of the 10 measured at most)
  perf stat -x, -o "$out.calls" -p "$server_pid" -e context-switches \
    -e syscalls:sys_enter_write,syscalls:sys_enter_writev,syscalls:sys_enter_read \
    -e syscalls:sys_enter_futex,syscalls:sys_enter_epoll_wait -- sleep 3 \
    > /dev/null 2>&1 || true
  perf script -i "$out.data" > "$out.script" 2> /dev/null || true
  {
    echo "where the time goes:"
    perf report -i "$out.data" --no-children --sort dso -g none 2> /dev/null | grep '%' | head -6
    echo "self:"
    perf report -i "$out.data" --no-children --sort sym -g none 2> /dev/null | grep '%' | head -40
    echo "total:"
    perf report -i "$out.data" --children --sort sym -g none 2> /dev/null | grep '%' | head -80
  } > "$out.txt"
}

# when the generator starts measuring, in epoch milliseconds, into the file $2
mark_measuring() {
  local log=$1 out=$2
  for _ in $(seq 3000); do
    if grep -q "  measuring" "$log" 2> /dev/null; then
      date +%s%3N > "$out"
      return 0
    fi
    kill -0 "$server_pid" 2> /dev/null || return 0
    sleep 0.1
  done
}

# the counts and collections of the measured seconds, from the files the run left in $dir
summarize_probes() {
  local target=$1 from to
  [ -s "$dir/$target.measuring" ] && [ -s "$dir/$target.figures" ] || return 0
  from=$(cat "$dir/$target.measuring")
  to=$(awk -F= -v from="$from" '$1 == "load_seconds" { printf "%.0f", from + 1000 * $2 }' \
    "$dir/$target.figures")
  if [ -s "$dir/$target-mailbox-counts.txt" ]; then
    java -jar "$bench_jar" message-counts "$dir/$target-mailbox-counts.txt" \
      "$dir/$target.figures" --from "$from" --to "$to" > "$dir/$target-messages.md" || true
    echo "   actor messages per delivery: $dir/$target-messages.md" >&2
  fi
  if [ -s "$dir/$target-gc.log" ]; then
    java -jar "$bench_jar" gc-log "$dir/$target-gc.log" "$dir/$target.figures" \
      --from "$from" --to "$to" > "$dir/$target-gc.txt" || true
    sed 's/^/   /' "$dir/$target-gc.txt" >&2
  fi
}

ran=0
started_at=$(date +%s)
for workload in "${workloads[@]}"; do
  IFS='|' read -r name label options <<< "$workload"
  if [ -n "$only" ] && [ "$only" != "$name" ]; then
    continue
  fi
  if [ -z "$only" ] && $quick && [[ "$name" == *-1000 ]]; then
    continue
  fi
  ran=$((ran + 1))
  dir=$results/$ran-$name
  mkdir -p "$dir"
  for target in $targets; do
    echo "== $label: $target" >&2
    jfr_file=""
    if $jfr && [ "$target" = "$parley_target" ]; then
      jfr_file=$dir/$target.jfr
    fi
    start_server "$target" "$dir/$target-server.log" "$jfr_file"
    target_options=$options
    if $irc; then
      target_options="--protocol irc $target_options"
    fi
    if [ "$target" = ngircd ]; then
      # not a JVM: its memory is read as it is
      target_options=${target_options//--gc-before-memory/}
    fi
    profiler=""
    if $perf && [[ "$options" == *--senders\ [1-9]* ]]; then
      profile_with_perf "$dir/$target.log" "$dir/$target-perf" &
      profiler=$!
    fi
    marker=""
    if $count_messages || $gc_log; then
      mark_measuring "$dir/$target.log" "$dir/$target.measuring" &
      marker=$!
    fi
    # shellcheck disable=SC2086 # the options are several words on purpose
    if ! "${load_cpu[@]}" java ${LOAD_JAVA_OPTS:-} -jar "$bench_jar" load \
      --port "$server_port" --server-pid "$server_pid" --clock-ticks "$clock_ticks" \
      --name "$label" --figures "$dir/$target.figures" $target_options \
      > "$dir/$target.out" 2> >(tee "$dir/$target.log" | sed 's/^/   /' >&2); then
      echo "run.sh: the load generator failed against $target; see $dir" >&2
    fi
    if [ -n "$profiler" ]; then
      wait "$profiler" || true
      echo "   where the time goes: $dir/$target-perf.txt" >&2
    fi
    stop_server
    if [ -n "$marker" ]; then
      wait "$marker" || true
      summarize_probes "$target"
    fi
    if [ -n "$jfr_file" ] && [ -f "$jfr_file" ]; then
      print_hot_methods "$jfr_file" > "$dir/$target-hot-methods.txt"
      echo "   hottest methods: $dir/$target-hot-methods.txt" >&2
    fi
  done
  if $perf && ls "$dir"/*-perf.script > /dev/null 2>&1; then
    java -jar "$bench_jar" time-split "$dir" > "$dir/time-split.md" || true
    echo "   where each microsecond of a delivery went: $dir/time-split.md" >&2
    sed 's/^/   /' "$dir/time-split.md" >&2
  fi
done

if [ "$ran" -eq 0 ]; then
  echo "run.sh: no workload is called $only" >&2
  exit 2
fi

echo >&2
echo "Results in $results ($(($(date +%s) - started_at)) s; $descriptors descriptors;" \
  "server ${server_cpu[*]:-on any core}, generator ${load_cpu[*]:-on any core})" >&2
echo
if $irc; then
  java -jar "$bench_jar" table --irc "$results"
else
  java -jar "$bench_jar" table "$results"
fi
