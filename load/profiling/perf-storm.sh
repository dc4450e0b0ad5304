#!/usr/bin/env bash
# Samples the silo and the Notifier with perf (cpu-clock, call graphs) for 15 s after T0 of one storm, and prints
# each process's CPU share by assembly (JIT frames name theirs) or native library. Needs `perf` (apt install
# linux-perf) and a Release build. A profile, not a measurement: the sampling costs CPU, so never quote its run's
# figures; take those from a storm without it.
#
#   load/profiling/perf-storm.sh OUT_DIR [storm flags...]     e.g. load/profiling/perf-storm.sh /tmp/prof --accounts 20000
set -euo pipefail
out=${1:?usage: perf-storm.sh OUT_DIR [storm flags...]}; shift
repo=$(cd "$(dirname "$0")/../.." && pwd)
mkdir -p "$out"
# Perf maps name the JIT's code; without W^X double mapping perf can attribute samples to them.
export DOTNET_PerfMapEnabled=1 DOTNET_EnableWriteXorExecute=0
(cd "$repo" && dotnet run -c Release --no-build --project load/ArScale.Load -- storm --quiet-wait 30 "$@" --results-dir "$out" > "$out/storm.log" 2>&1) &
storm=$!
until grep -q "in 2 s" "$out/storm.log" 2>/dev/null; do
  kill -0 $storm 2>/dev/null || { echo "the storm ended before T0: see $out/storm.log" >&2; exit 1; }
  sleep 0.5
done
sleep 5
notifier=$(pgrep -f "ArScale.Notifier.dll" | head -1); silo=$(pgrep -f "ArScale.Silo.dll" | head -1)
perf record -F 249 -e cpu-clock -g -p "$notifier" -o "$out/notifier.perf" -- sleep 15 > "$out/notifier.perf.log" 2>&1 &
perf record -F 249 -e cpu-clock -g -p "$silo" -o "$out/silo.perf" -- sleep 15 > "$out/silo.perf.log" 2>&1 &
wait
for process in silo notifier; do
  echo "== $process: exclusive CPU share by assembly or library"
  perf report -i "$out/$process.perf" --no-children --sort dso,sym -g none 2>/dev/null | grep "%" | grep -v "^#" | python3 -c '
import sys, re, collections
share = collections.Counter()
for line in sys.stdin:
    m = re.match(r"\s*([\d.]+)%\s+(.+?)\s+\[(.)\]\s+(.*)", line)
    if not m:
        continue
    assembly = re.search(r"\[([A-Za-z][\w.]+)\]", m.group(4))
    share[assembly.group(1) if m.group(2).startswith("[JIT]") and assembly else m.group(2)] += float(m.group(1))
for name, pct in share.most_common(25):
    print(f"{pct:6.2f}%  {name}")
'
done
echo "Call graphs: perf report -i $out/silo.perf --children --sort sym"
