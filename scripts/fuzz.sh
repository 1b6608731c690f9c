#!/usr/bin/env bash
# Fuzzes each fuzz test in turn with Jazzer, MINUTES each (2 unless told); a plain build only
# replays their committed inputs. An input that fails a fuzz test is written beside those inputs,
# in src/test/resources/<package>/<Class>Inputs/<method>/ of its module: fix the code, show the bug
# in a unit test, and commit the input too, so that every build replays it.
#   scripts/fuzz.sh [MINUTES] [CLASS|METHOD|CLASS#METHOD ...]    e.g. scripts/fuzz.sh 10 FrameCodecFuzzTest
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

minutes=${1:-2}
shift || true
if ! [[ $minutes =~ ^[0-9]+$ ]] || ((minutes == 0)); then
  echo "usage: scripts/fuzz.sh [MINUTES] [CLASS|METHOD|CLASS#METHOD ...]" >&2
  exit 2
fi

# module, test, and the classes whose coverage guides the fuzzer (Jackson's parser too, for JSON)
targets=(
  "server LineSplitterFuzzTest#emitsTheLinesOfTheModelHoweverTheBytesArrive dev.parley.**"
  "protocol FrameCodecFuzzTest#decodesAClientLineToAFrameThatSurvivesItsEncodingOrRefusesIt dev.parley.**,com.fasterxml.jackson.**"
  "protocol FrameCodecFuzzTest#decodesAClientStringToAFrameOrRefusesIt dev.parley.**,com.fasterxml.jackson.**"
  "protocol FrameCodecFuzzTest#decodesAServerLineToAFrameOrNullOrSaysItIsNone dev.parley.**,com.fasterxml.jackson.**"
  "client FrameRendererFuzzTest#rendersAnyServerFrameWithoutFailingOrAControlCharacterOfItsOwn dev.parley.**,com.fasterxml.jackson.**"
)

chosen=()
for target in "${targets[@]}"; do
  read -r module test instrument <<<"$target"
  if (($# == 0)); then
    chosen+=("$target")
    continue
  fi
  for wanted in "$@"; do
    if [[ $wanted == "$test" || $wanted == "${test%%#*}" || $wanted == "${test#*#}" ]]; then
      chosen+=("$target")
    fi
  done
done
if ((${#chosen[@]} == 0)); then
  echo "scripts/fuzz.sh: no fuzz test is called $*; there are:" >&2
  printf '  %s\n' "${targets[@]}" | cut -d' ' -f2-3 >&2
  exit 2
fi

./mvnw -B -q -pl protocol,server,client -am install -Dmaven.test.skip=true

failed=()
for target in "${chosen[@]}"; do
  read -r module test instrument <<<"$target"
  # what made new coverage is kept under target/ for the next run, not in the source tree
  corpus=$PWD/$module/target/fuzz-corpus/${test/\#//}
  mkdir -p "$corpus"
  echo "scripts/fuzz.sh: fuzzing $test for $minutes min"
  # jazzer.internal.arg.N are libFuzzer's arguments, as Jazzer's own launcher passes them: the
  # corpus to grow, inputs no longer than a line may be (max-frame-bytes), and an input that runs
  # for 10 s reported as a hang
  if ! JAZZER_FUZZ=1 ./mvnw -B -pl "$module" test -Dtest="$test" \
    -Djazzer.max_duration="${minutes}m" -Djazzer.hooks=true -Djazzer.instrument="$instrument" \
    -Djazzer.internal.arg.0=fuzz -Djazzer.internal.arg.1="$corpus" \
    -Djazzer.internal.arg.2=-max_len=16384 -Djazzer.internal.arg.3=-timeout=10 \
    >"$corpus.log" 2>&1; then
    failed+=("$test")
    grep -E '^(== Java Exception|Caused by|\S+(Exception|Error)\b)|Test unit written' \
      "$corpus.log" | head -n 20 || true
  fi
  grep -E '^Done [0-9]+ runs' "$corpus.log" || true
  echo "scripts/fuzz.sh: the log is $corpus.log"
done

if ((${#failed[@]} > 0)); then
  echo "scripts/fuzz.sh: found something in ${failed[*]}; the inputs are under src/test/resources" >&2
  git status --short -- '*/src/test/resources/**/*Inputs/*' >&2 || true
  exit 1
fi
echo "scripts/fuzz.sh: nothing found"
