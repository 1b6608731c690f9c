#!/usr/bin/env bash
# File sharing against nginx: uploads of a big file of random bytes to Parley (a slot asked for
# over the chat, then the whole file in one PATCH on the HTTP door) and downloads of it, then N
# uploads at once and N downloads at once, while the server's RSS and CPU are sampled every
# 100 ms; then the same PUT to and fetched from nginx (WebDAV PUT on, a static file server), and
# the table of both, with the ratio Parley/nginx. Each is run --repeat times and the table gives
# the median. The servers run on core 0, curl and the chat client on core 1.
#
#   bench/files.sh [--size MIB] [--parallel N] [--parallel-size MIB] [--repeat N]
#                  [--parley-only] [--no-install] [--keep] [--results DIR]
#
#   --size MIB           the big file, in MiB (default 1024)
#   --parallel N         uploads (then downloads) at once (default 20; 0: none)
#   --parallel-size MIB  each of those files, in MiB (default: --size / N)
#   --repeat N           runs of each measure (default 3); the table has the median's figures
#   --parley-only        no nginx baseline
#   --no-install         do not install nginx when it is missing (as root the script runs
#                        apt-get install -y nginx-light); without it, the baseline is skipped
#   --keep               keep the files made (bench/target/files-data, reused by the next run
#                        of the same sizes) and the copies uploaded
#   --results DIR        where the table, figures and logs go (default:
#                        bench/target/results/files-TIMESTAMP)
#
# Needs server/target/parley-server.jar (./mvnw -q -B package -DskipTests), curl and python3.
# Each server first takes one upload of 32 MiB that is not measured (the JIT, the first
# connections); a fresh Parley (and nginx) takes the uploads at once. SERVER_JAVA_OPTS go to
# Parley's JVM.
set -euo pipefail

top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
server_jar=$top/server/target/parley-server.jar
config=$top/bench/files-server.conf

size_mib=1024
parallel=20
repeat=3
parallel_mib=""
nginx_wanted=true
install=true
keep=false
results=""
while [ $# -gt 0 ]; do
  case "$1" in
    --size) size_mib=$2; shift ;;
    --parallel) parallel=$2; shift ;;
    --parallel-size) parallel_mib=$2; shift ;;
    --repeat) repeat=$2; shift ;;
    --parley-only) nginx_wanted=false ;;
    --no-install) install=false ;;
    --keep) keep=true ;;
    --results) results=$2; shift ;;
    -h | --help) sed -n '2,27p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "files.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
  shift
done
for n in "$size_mib" "$parallel" "$repeat" ${parallel_mib:+"$parallel_mib"}; do
  [[ "$n" =~ ^[0-9]+$ ]] || { echo "files.sh: $n is no whole number" >&2; exit 2; }
done
[ "$size_mib" -ge 1 ] || { echo "files.sh: --size must be 1 MiB or more" >&2; exit 2; }
[ "$repeat" -ge 1 ] || { echo "files.sh: --repeat must be 1 or more" >&2; exit 2; }
mib=1048576
size=$((size_mib * mib))
if [ "$parallel" -gt 0 ]; then
  if [ -n "$parallel_mib" ]; then
    parallel_size=$((parallel_mib * mib))
  else
    parallel_size=$((size / parallel))
  fi
else
  parallel_size=0
fi
warm_up_size=$((32 * mib))

if [ ! -f "$server_jar" ]; then
  echo "files.sh: $server_jar is missing; build it first: ./mvnw -q -B package -DskipTests" >&2
  exit 1
fi
for tool in curl python3 sha256sum; do
  command -v "$tool" > /dev/null || { echo "files.sh: $tool is needed" >&2; exit 1; }
done

results=${results:-$top/bench/target/results/files-$(date +%Y%m%d-%H%M%S)}
data=$top/bench/target/files-data
mkdir -p "$results" "$data"
results=$(cd "$results" && pwd)
# a results dir used before: its runs are not this run's
rm -f "$results"/*.runs "$results"/*.rss

# the files made, and each run's copy in Parley and in nginx
needed=$(((size + parallel * parallel_size) * (1 + 2 * repeat) + 3 * warm_up_size + 1024 * mib))
free=$(($(df -Pk "$top/bench/target" | awk 'NR == 2 { print $4 }') * 1024))
if [ "$free" -lt "$needed" ]; then
  echo "files.sh: $((needed / mib)) MiB of free disk are needed under bench/target;" \
    "there are $((free / mib))" >&2
  exit 1
fi

server_cpu=()
client_cpu=()
if [ "$(nproc)" -ge 2 ] && command -v taskset > /dev/null; then
  server_cpu=(taskset -c 0)
  client_cpu=(taskset -c 1)
fi

nginx_bin=""
if $nginx_wanted; then
  nginx_bin=$(command -v nginx || true)
  if [ -z "$nginx_bin" ] && $install && [ "$(id -u)" -eq 0 ] && command -v apt-get > /dev/null; then
    echo "files.sh: nginx is missing; installing it for the baseline:" \
      "apt-get install -y nginx-light" >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q nginx-light > "$results/apt-get.log" 2>&1 \
      || echo "files.sh: apt-get failed; see $results/apt-get.log" >&2
    nginx_bin=$(command -v nginx || true)
  fi
  if [ -z "$nginx_bin" ]; then
    echo "files.sh: no nginx (Debian package nginx-light, to be installed as root);" \
      "skipping the baseline" >&2
  elif ! "$nginx_bin" -V 2>&1 | grep -q -- --with-http_dav_module; then
    echo "files.sh: $nginx_bin has no WebDAV module (PUT); skipping the baseline" >&2
    nginx_bin=""
  fi
fi

# --- everything started is stopped at the end, whatever happens ------------------------------

pids=()
parley_pid=""
nginx_pid=""
stop_pid() {
  local pid=$1
  if [ -n "$pid" ] && kill -0 "$pid" 2> /dev/null; then
    kill -TERM "$pid" 2> /dev/null || true
    for _ in $(seq 300); do
      kill -0 "$pid" 2> /dev/null || break
      sleep 0.1
    done
    kill -KILL "$pid" 2> /dev/null || true
  fi
  wait "$pid" 2> /dev/null || true
}
cleanup() {
  local pid
  for pid in "${pids[@]}"; do
    stop_pid "$pid"
  done
  stop_pid "$parley_pid"
  stop_pid "$nginx_pid"
  if ! $keep; then
    rm -rf "$results/parley-files" "$results/nginx-root" "$results/nginx/body"
    rm -f "$data"/big-*.bin "$data"/small-*.bin "$data"/warm-up.bin "$data"/*.new
  fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

now() { date +%s.%N; }
seconds() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", b - a }'; }

# --- the files -------------------------------------------------------------------------------

make_file() {
  local file=$1 bytes=$2
  if [ -f "$file" ] && [ "$(stat -c %s "$file")" -eq "$bytes" ]; then
    return 0
  fi
  head -c "$bytes" /dev/urandom > "$file.new"
  mv "$file.new" "$file"
}
echo "== making the files ($size_mib MiB, and $parallel of $((parallel_size / 1024)) KiB) in $data" >&2
big=$data/big-$size.bin
make_file "$big" "$size"
make_file "$data/warm-up.bin" "$warm_up_size"
small=()
for i in $(seq "$parallel"); do
  small+=("$data/small-$parallel_size-$i.bin")
  make_file "${small[-1]}" "$parallel_size"
done
# the sums (which also bring every file into the page cache, for both servers alike)
sha_of() { sha256sum "$1" | cut -d ' ' -f 1; }
declare -A sha
for f in "$big" "$data/warm-up.bin" "${small[@]}"; do
  sha[$f]=$(sha_of "$f")
done

# --- RSS ---------------------------------------------------------------------------------------

# samples a process's VmRSS (KiB), the bytes of the uploads under way in a folder and the CPU
# time of the process (clock ticks), every 100 ms
sampler_pid=""
start_sampler() {
  local pid=$1 out=$2 folder=$3
  "${client_cpu[@]}" bash -c '
    pid=$1; folder=$2
    while kill -0 "$pid" 2> /dev/null; do
      rss=$(awk "/^VmRSS:/ { print \$2 }" "/proc/$pid/status" 2> /dev/null || echo 0)
      parts=-1
      if [ -n "$folder" ]; then
        parts=$(find "$folder" -maxdepth 1 -name "*.part" -printf "%s\n" 2> /dev/null \
          | awk "{ s += \$1; n++ } END { print (n ? s : -1) }")
      fi
      cpu=$(awk "{ print \$14 + \$15 }" "/proc/$pid/stat" 2> /dev/null || echo -1)
      echo "$(date +%s.%N) ${rss:-0} $parts ${cpu:--1}"
      sleep 0.1
    done' sampler "$pid" "$folder" > "$out" &
  sampler_pid=$!
  pids+=("$sampler_pid")
  sleep 0.15
}
stop_sampler() {
  sleep 0.15
  stop_pid "$sampler_pid"
}
# "START MAX GROWTH" of a sample file, in MiB
rss_figures() {
  awk '$2 > 0 { if (!n++) first = $2; if ($2 > max) max = $2 }
    END { printf "%d %d %d", first / 1024, max / 1024, (max - first) / 1024 }' "$1"
}
clock_ticks=$(getconf CLK_TCK)
# "SECONDS PERCENT" of CPU the process took between the first and the last sample, and that
# against the time between them (the samples start a little before and end a little after)
cpu_figures() {
  awk -v hz="$clock_ticks" '$4 >= 0 { if (!n++) { t0 = $1; c0 = $4 } t = $1; c = $4 }
    END { s = (c - c0) / hz; printf "%.2f %d", s, (t > t0 ? 100 * s / (t - t0) : 0) }' "$1"
}
# when the uploads' bytes were all on disk: the first sample with all BYTES in the .part files,
# or with none left (each read back and shared), after some were there
all_in_at() {
  awk -v bytes="$1" '$3 >= 0 { seen = 1 }
    seen && ($3 >= bytes || $3 < 0) { print $1; exit }' "$2"
}
# the worker of an nginx master
nginx_worker() {
  local worker
  for _ in $(seq 50); do
    worker=$(ps -o pid= --ppid "$1" | head -n 1 | tr -d ' ')
    [ -n "$worker" ] && { echo "$worker"; return 0; }
    sleep 0.1
  done
  echo "$1"
}

# --- curl --------------------------------------------------------------------------------------

# prints "STATUS SECONDS BYTES"
curl_put() {
  local file=$1 url=$2 out=$3
  shift 3
  "${client_cpu[@]}" curl -sS -o "$out" -H 'Expect:' -T "$file" "$@" \
    -w '%{http_code} %{time_total} %{size_upload}\n' "$url"
}
curl_get() {
  "${client_cpu[@]}" curl -sS -o /dev/null -w '%{http_code} %{time_total} %{size_download}\n' "$1"
}
parley_patch() {
  local file=$1 url=$2 token=$3 out=$4
  curl_put "$file" "$url" "$out" -X PATCH -H "Upload-Token: $token" -H 'Upload-Offset: 0' \
    -H 'Content-Type: application/offset+octet-stream'
}
mibs() { awk -v b="$1" -v s="$2" 'BEGIN { printf "%.1f", (s > 0 ? b / 1048576 / s : 0) }'; }
check_status() {
  local what=$1 want=$2 got=$3 body=${4:-}
  if [ "${got%% *}" != "$want" ]; then
    echo "files.sh: $what answered ${got%% *}, not $want${body:+: $(head -c 300 "$body")}" >&2
    exit 1
  fi
}

# --- Parley ------------------------------------------------------------------------------------

# the chat side of Parley's uploads: hello, the lobby, one slot for each "NAME SIZE SHA256" line of
# SPECS, written to SLOTS as "NAME URL TOKEN"; then each file's message, as "NAME URL" to
# MESSAGES; pings now and then, until it is stopped
chat_client='
import json, os, socket, sys, threading, time
port, specs, slots_out, messages_out = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4]
wanted = [line.split() for line in open(specs) if line.strip()]
sock = socket.create_connection(("127.0.0.1", port))
reader = sock.makefile("r", encoding="utf-8")
def send(frame):
    sock.sendall((json.dumps(frame) + "\n").encode())
def frames():
    for line in reader:
        yield json.loads(line)
    raise SystemExit("the server closed the chat connection")
incoming = frames()
send({"type": "hello", "nick": "bench", "client": "bench/files.sh"})
for frame in incoming:
    if frame["type"] == "error":
        raise SystemExit("hello: " + json.dumps(frame))
    if frame["type"] == "joined" and frame.get("room") == "lobby":
        break
for i, (name, size, sha) in enumerate(wanted, 1):
    send({"type": "upload", "id": i, "room": "lobby", "name": name, "size": int(size),
          "sha256": sha, "content_type": "application/octet-stream"})
slots = {}
for frame in incoming:
    if frame["type"] == "error":
        raise SystemExit("upload: " + json.dumps(frame))
    if frame["type"] == "upload_slot":
        slots[frame["re"]] = frame
        if len(slots) == len(wanted):
            break
with open(slots_out + ".new", "w") as out:
    for i, (name, size, sha) in enumerate(wanted, 1):
        out.write("%s %s %s\n" % (name, slots[i]["url"], slots[i]["token"]))
os.rename(slots_out + ".new", slots_out)
def pings():
    while True:
        time.sleep(60)
        send({"type": "ping"})
threading.Thread(target=pings, daemon=True).start()
with open(messages_out, "a", buffering=1) as messages:
    for frame in incoming:
        if frame["type"] == "message" and frame.get("file"):
            messages.write("%s %s\n" % (frame["file"]["name"], frame["file"]["url"]))
'

# a port on 127.0.0.1 that nothing listens on, for nginx
free_port() {
  local port
  for _ in $(seq 100); do
    port=$((20000 + RANDOM % 12000))
    if ! (: > "/dev/tcp/127.0.0.1/$port") 2> /dev/null; then
      echo "$port"
      return 0
    fi
  done
  echo "files.sh: found no free port" >&2
  return 1
}

parley_files=$results/parley-files
# starts a fresh Parley, with an empty folder of files; sets parley_pid, chat_port and http_port
start_parley() {
  local log=$results/parley-$1.log
  rm -rf "$parley_files"
  # shellcheck disable=SC2086 # the options are several words on purpose
  "${server_cpu[@]}" java ${SERVER_JAVA_OPTS:-} -jar "$server_jar" --config "$config" \
    -D "parley.files.dir=$parley_files" > "$log" 2>&1 &
  parley_pid=$!
  chat_port=""
  http_port=""
  for _ in $(seq 600); do
    chat_port=$(sed -n 's/.*TcpListener - Listening on [0-9.]*:\([0-9][0-9]*\).*/\1/p' "$log" | head -n 1)
    http_port=$(sed -n 's|.*Serving the web client at http://[0-9.]*:\([0-9][0-9]*\)/.*|\1|p' "$log" | head -n 1)
    [ -n "$chat_port" ] && [ -n "$http_port" ] && return 0
    kill -0 "$parley_pid" 2> /dev/null || break
    sleep 0.1
  done
  echo "files.sh: Parley did not start; see $log" >&2
  exit 1
}
stop_parley() {
  stop_pid "$parley_pid"
  parley_pid=""
  $keep || rm -rf "$parley_files"
}

# asks for a slot for each FILE over the chat; sets chat_pid, and slots and messages (files
# of lines "NAME URL TOKEN" and "NAME URL")
ask_slots() {
  local label=$1 file
  shift
  slots=$results/parley-$label.slots
  messages=$results/parley-$label.messages
  rm -f "$slots" "$messages"
  : > "$messages"
  for file in "$@"; do
    echo "$(basename "$file") $(stat -c %s "$file") ${sha[$file]}"
  done > "$results/parley-$label.specs"
  "${client_cpu[@]}" python3 -c "$chat_client" "$chat_port" "$results/parley-$label.specs" \
    "$slots" "$messages" 2> "$results/parley-$label.chat.log" &
  chat_pid=$!
  pids+=("$chat_pid")
  for _ in $(seq 600); do
    [ -f "$slots" ] && return 0
    kill -0 "$chat_pid" 2> /dev/null || break
    sleep 0.1
  done
  echo "files.sh: no upload slots from Parley; see $results/parley-$label.chat.log" >&2
  exit 1
}
slot_of() { awk -v n="$(basename "$1")" '$1 == n { print $2, $3 }' "$slots"; }
# the download address of FILE, once its message has come
url_of() {
  local name url
  name=$(basename "$1")
  for _ in $(seq 600); do
    url=$(awk -v n="$name" '$1 == n { print $2; exit }' "$messages")
    [ -n "$url" ] && { echo "$url"; return 0; }
    sleep 0.1
  done
  echo "files.sh: no message of $name; see $results" >&2
  exit 1
}
upload_to_parley() {
  local file=$1 out=$2 slot
  slot=$(slot_of "$file")
  parley_patch "$file" "${slot% *}" "${slot#* }" "$out"
}

declare -A fig
rss_cell() { set -- $(rss_figures "$1"); echo "$1 / $2 / +$3 MiB"; }
same_sha() {
  local url=$1 file=$2 got
  got=$("${client_cpu[@]}" curl -sS "$url" | sha256sum | cut -d ' ' -f 1)
  if [ "$got" = "${sha[$file]}" ]; then echo "matches"; else echo "DIFFERS ($got)"; fi
}

# runs the transfers of FILES at once; prints "STATUS WALL_SECONDS BYTES", STATUS being WANT when
# every one answered it
at_once() {
  local kind=$1 want=$2 dir=$3
  shift 3
  local i=0 started ended file total=0 jobs=()
  rm -rf "$dir"
  mkdir -p "$dir"
  started=$(now)
  for file in "$@"; do
    i=$((i + 1))
    total=$((total + $(stat -c %s "$file")))
    case "$kind" in
      parley-put) upload_to_parley "$file" "$dir/$i.body" > "$dir/$i.curl" & ;;
      nginx-put) curl_put "$file" "$nginx_url/p/$(basename "$file")" "$dir/$i.body" > "$dir/$i.curl" & ;;
      parley-get) curl_get "$(url_of "$file")" > "$dir/$i.curl" & ;;
      nginx-get) curl_get "$nginx_url/p/$(basename "$file")" > "$dir/$i.curl" & ;;
    esac
    jobs+=($!)
  done
  for i in "${!jobs[@]}"; do
    wait "${jobs[$i]}" || true
  done
  ended=$(now)
  for i in $(seq $#); do
    check_status "$kind $i" "$want" "$(cat "$dir/$i.curl" 2> /dev/null || echo none)" "$dir/$i.body"
  done
  echo "$want $(seconds "$started" "$ended") $total"
}

# measures one transfer: runs COMMAND (which prints "STATUS SECONDS BYTES") while PID is sampled
# (and the .part files in FOLDER, when one is given, for when the last byte is on disk); appends
# "SECONDS BYTES CPU_SECONDS ANSWER_SECONDS ANSWER_CPU_SECONDS CPU_PERCENT" to NAME.runs, the
# samples to NAME-N.rss
measure() {
  local name=$1 want=$2 pid=$3 folder=$4
  shift 4
  local runs=$results/$name.runs n answer started ended secs bytes cpu in_at after=- after_cpu=- percent
  n=1
  [ -f "$runs" ] && n=$(($(wc -l < "$runs") + 1))
  start_sampler "$pid" "$results/$name-$n.rss" "$folder"
  started=$(now)
  answer=$("$@")
  ended=$(now)
  stop_sampler
  check_status "$name ($n)" "$want" "$answer" "$results/$name.body"
  echo "   $name ($n): $answer" >&2
  read -r _ secs bytes <<< "$answer"
  read -r cpu percent <<< "$(cpu_figures "$results/$name-$n.rss")"
  if [ -n "$folder" ]; then
    in_at=$(all_in_at "$bytes" "$results/$name-$n.rss")
    # the answer's part from the script's clock (to within a sample)
    if [ -n "$in_at" ]; then
      after=$(seconds "$in_at" "$ended")
      # the server's CPU from then on
      after_cpu=$(awk -v at="$in_at" -v hz="$clock_ticks" '$4 >= 0 { if ($1 >= at && c0 == "") c0 = $4; c = $4 }
        END { printf "%.2f", (c0 == "" ? 0 : (c - c0) / hz) }' "$results/$name-$n.rss")
    fi
  fi
  echo "$secs $bytes $cpu $after $after_cpu $percent" >> "$runs"
}
# the run of median time of NAME, as NAME.runs has it
median_run() {
  sort -n -k 1,1 "$results/$1.runs" | awk '{ line[NR] = $0 } END { print line[int((NR + 1) / 2)] }'
}
# the figures of NAME: fig[NAME] (the median's time and MiB/s, and the range of MiB/s over the
# runs), NAME-rate, NAME-cpu, NAME-split, NAME-rss (over all its runs)
summarize() {
  local name=$1 secs bytes cpu after after_cpu percent low high
  read -r secs bytes cpu after after_cpu percent <<< "$(median_run "$name")"
  read -r low high <<< "$(awk '{ r = $2 / 1048576 / $1; if (NR == 1 || r < lo) lo = r; if (r > hi) hi = r }
    END { printf "%.0f %.0f", lo, hi }' "$results/$name.runs")"
  fig[$name]="$(printf '%.2f' "$secs") s, $(mibs "$bytes" "$secs") MiB/s"
  if [ "$(wc -l < "$results/$name.runs")" -gt 1 ]; then
    fig[$name]+=" ($low - $high)"
  fi
  fig[$name-rate]=$(mibs "$bytes" "$secs")
  fig[$name-cpu]="$cpu s ($percent % of the time sampled)"
  if [ "$after" != - ]; then
    fig[$name-split]=$(awk -v s="$secs" -v a="$after" -v c="$cpu" -v ac="$after_cpu" \
      'BEGIN { printf "%.2f s / %.2f s (CPU %.2f s / %.2f s)", s - a, a, c - ac, ac }')
  fi
  cat "$results/$name"-[0-9]*.rss > "$results/$name.rss"
  fig[$name-rss]=$(rss_cell "$results/$name.rss")
}

warm_up_parley() {
  local answer
  answer=$(upload_to_parley "$data/warm-up.bin" "$results/parley-warm-up.body")
  check_status "Parley's warm-up PATCH" 204 "$answer" "$results/parley-warm-up.body"
  curl_get "$(url_of "$data/warm-up.bin")" > /dev/null
}

parley_single() {
  local copies=() i url
  echo "== Parley: $repeat uploads of $size_mib MiB, each in one PATCH, and $repeat downloads" >&2
  start_parley single
  # one slot for each upload: the same bytes under another name
  for i in $(seq "$repeat"); do
    ln -f "$big" "$data/big-$i.bin"
    sha[$data/big-$i.bin]=${sha[$big]}
    copies+=("$data/big-$i.bin")
  done
  ask_slots single "$data/warm-up.bin" "${copies[@]}"
  warm_up_parley
  for i in "${copies[@]}"; do
    measure parley-up 204 "$parley_pid" "$parley_files" upload_to_parley "$i" "$results/parley-up.body"
  done
  grep -E "shared file" "$results/parley-single.log" | tail -n 1 | sed 's/^/   /' >&2
  url=$(url_of "${copies[0]}")
  for i in $(seq "$repeat"); do
    measure parley-down 200 "$parley_pid" "" curl_get "$url"
  done
  fig[parley-sha]=$(same_sha "$url" "$big")
  rm -f "${copies[@]}"
  stop_pid "$chat_pid"
  stop_parley
  summarize parley-up
  summarize parley-down
}

parley_parallel() {
  local i f batch=() batches=()
  echo "== Parley: $repeat times $parallel uploads of $((parallel_size / 1024)) KiB at once," \
    "then $repeat times $parallel downloads" >&2
  start_parley parallel
  for i in $(seq "$repeat"); do
    for f in "${small[@]}"; do
      ln -f "$f" "${f%.bin}-$i.bin"
      sha[${f%.bin}-$i.bin]=${sha[$f]}
      batches+=("${f%.bin}-$i.bin")
    done
  done
  ask_slots parallel "$data/warm-up.bin" "${batches[@]}"
  warm_up_parley
  for i in $(seq "$repeat"); do
    batch=("${batches[@]:$(((i - 1) * parallel)):$parallel}")
    measure parley-n-up 204 "$parley_pid" "" \
      at_once parley-put 204 "$results/parley-uploads-$i" "${batch[@]}"
  done
  batch=("${batches[@]:0:$parallel}")
  for f in "${batch[@]}"; do url_of "$f" > /dev/null; done
  for i in $(seq "$repeat"); do
    measure parley-n-down 200 "$parley_pid" "" \
      at_once parley-get 200 "$results/parley-downloads-$i" "${batch[@]}"
  done
  fig[parley-n-sha]=$(same_sha "$(url_of "${batch[-1]}")" "${batch[-1]}")
  rm -f "${batches[@]}"
  stop_pid "$chat_pid"
  stop_parley
  summarize parley-n-up
  summarize parley-n-down
}

# --- nginx -------------------------------------------------------------------------------------

start_nginx() {
  local dir=$results/nginx port
  port=$(free_port)
  rm -rf "$results/nginx-root" "$dir/body"
  mkdir -p "$dir/body" "$results/nginx-root/p"
  cat > "$dir/nginx.conf" <<CONF
# made by bench/files.sh: a static file server with WebDAV PUT, one worker
$([ "$(id -u)" -eq 0 ] && echo "user root;")
worker_processes 1;
pid $dir/nginx.pid;
error_log $dir/error.log;
events { worker_connections 1024; }
http {
  access_log $dir/access.log;
  # a PUT's body goes to a temporary file in this folder, then is renamed into the root
  client_body_temp_path $dir/body;
  default_type application/octet-stream;
  # as Debian's own nginx.conf has it
  sendfile on;
  tcp_nopush on;
  server {
    listen 127.0.0.1:$port;
    root $results/nginx-root;
    location / {
      dav_methods PUT;
      create_full_put_path on;
      client_max_body_size 0;
    }
  }
}
CONF
  "${server_cpu[@]}" "$nginx_bin" -p "$dir" -e "$dir/error.log" -c "$dir/nginx.conf" \
    -g 'daemon off;' > "$dir/stdout.log" 2>&1 &
  nginx_pid=$!
  nginx_url=http://127.0.0.1:$port
  for _ in $(seq 100); do
    (: > "/dev/tcp/127.0.0.1/$port") 2> /dev/null && { nginx_worker_pid=$(nginx_worker "$nginx_pid"); return 0; }
    kill -0 "$nginx_pid" 2> /dev/null || break
    sleep 0.1
  done
  echo "files.sh: nginx did not start; see $dir/error.log" >&2
  exit 1
}
stop_nginx() {
  stop_pid "$nginx_pid"
  nginx_pid=""
  $keep || rm -rf "$results/nginx-root" "$results/nginx/body"
}

warm_up_nginx() {
  local answer
  answer=$(curl_put "$data/warm-up.bin" "$nginx_url/p/warm-up.bin" "$results/nginx-warm-up.body")
  check_status "nginx's warm-up PUT" 201 "$answer" "$results/nginx-warm-up.body"
  curl_get "$nginx_url/p/warm-up.bin" > /dev/null
}

nginx_single() {
  local i url
  echo "== nginx: $repeat PUTs of $size_mib MiB, $repeat GETs" >&2
  start_nginx
  warm_up_nginx
  for i in $(seq "$repeat"); do
    measure nginx-up 201 "$nginx_worker_pid" "" \
      curl_put "$big" "$nginx_url/p/big-$i.bin" "$results/nginx-up.body"
  done
  url=$nginx_url/p/big-1.bin
  for i in $(seq "$repeat"); do
    measure nginx-down 200 "$nginx_worker_pid" "" curl_get "$url"
  done
  fig[nginx-sha]=$(same_sha "$url" "$big")
  stop_nginx
  summarize nginx-up
  summarize nginx-down
}

nginx_parallel() {
  local i f batch=()
  echo "== nginx: $repeat times $parallel PUTs of $((parallel_size / 1024)) KiB at once," \
    "then $repeat times $parallel GETs" >&2
  start_nginx
  warm_up_nginx
  for i in $(seq "$repeat"); do
    batch=()
    for f in "${small[@]}"; do
      ln -f "$f" "${f%.bin}-$i.bin"
      sha[${f%.bin}-$i.bin]=${sha[$f]}
      batch+=("${f%.bin}-$i.bin")
    done
    measure nginx-n-up 201 "$nginx_worker_pid" "" \
      at_once nginx-put 201 "$results/nginx-uploads-$i" "${batch[@]}"
  done
  batch=()
  for f in "${small[@]}"; do batch+=("${f%.bin}-1.bin"); done
  for i in $(seq "$repeat"); do
    measure nginx-n-down 200 "$nginx_worker_pid" "" \
      at_once nginx-get 200 "$results/nginx-downloads-$i" "${batch[@]}"
  done
  fig[nginx-n-sha]=$(same_sha "$nginx_url/p/$(basename "${batch[-1]}")" "${small[-1]}")
  for f in "${small[@]}"; do rm -f "${f%.bin}"-[0-9]*.bin; done
  stop_nginx
  summarize nginx-n-up
  summarize nginx-n-down
}

# --- the run -----------------------------------------------------------------------------------

busy=$(awk '{print $1}' /proc/loadavg)
if awk -v load="$busy" 'BEGIN { exit !(load > 0.5) }'; then
  echo "files.sh: the load average is $busy: other processes are running; the figures will be" \
    "low and noisy" >&2
fi
started_at=$(date +%s)
parley_single
[ -n "$nginx_bin" ] && nginx_single
if [ "$parallel" -gt 0 ]; then
  parley_parallel
  [ -n "$nginx_bin" ] && nginx_parallel
fi

ratio() {
  local a=${fig[parley-$1-rate]:-} b=${fig[nginx-$1-rate]:-}
  if [ -n "$a" ] && [ -n "$b" ]; then
    awk -v a="$a" -v b="$b" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }'
  fi
}
cell() { echo "${fig[$1]:--}"; }
small_label="$parallel of $(awk -v b="$parallel_size" 'BEGIN { printf "%g", b / 1048576 }') MiB"
rows() {
  local what=$1 key=$2 them=$3
  echo "| $what | $(cell "parley-$key") | $(cell "nginx-$key") | $(ratio "$key") |"
  [ -n "${fig[parley-$key-split]:-}" ] && echo "| of which: until the last byte is on disk / then to the 204 (sha256 read back, message stored), and the server's CPU in each | $(cell "parley-$key-split") | - | |"
  echo "| server RSS during $them: start / max / growth | $(cell "parley-$key-rss") | $(cell "nginx-$key-rss") | |"
  echo "| server CPU during $them (the median run) | $(cell "parley-$key-cpu") | $(cell "nginx-$key-cpu") | |"
}
{
  echo "| figure (median of $repeat; the range of MiB/s) | Parley | nginx | Parley/nginx |"
  echo "|---|---:|---:|---:|"
  rows "upload of $size_mib MiB (one PATCH; one PUT): time, MiB/s" up them
  rows "download of it (GET): time, MiB/s" down them
  echo "| sha256 of a download | $(cell parley-sha) | $(cell nginx-sha) | |"
  if [ "$parallel" -gt 0 ]; then
    rows "$small_label uploaded at once: wall time, aggregate MiB/s" n-up them
    rows "$small_label downloaded at once: wall time, aggregate MiB/s" n-down them
    echo "| sha256 of one of those downloads | $(cell parley-n-sha) | $(cell nginx-n-sha) | |"
  fi
} > "$results/table.md"

echo >&2
echo "Results in $results ($(($(date +%s) - started_at)) s; load average $busy at the start," \
  "$(awk '{print $1}' /proc/loadavg) at the end; server" \
  "${server_cpu[*]:-on any core}, curl ${client_cpu[*]:-on any core}; nginx's RSS is its" \
  "worker's)" >&2
echo
cat "$results/table.md"
