#!/usr/bin/env bash
# The load benchmark in one command: builds Release, then measures the API with wrk.
#   tests/ResourceApi.LoadBenchmark/run.sh            # full run: 10 s warm-up, then 5 s x 5 rounds per case, cache on and off (about 10 min)
#   tests/ResourceApi.LoadBenchmark/run.sh --quick    # end-to-end check in about a minute
#   tests/ResourceApi.LoadBenchmark/run.sh --database both   # the same on SQLite, then on PostgreSQL (a throwaway loopback cluster)
#   tests/ResourceApi.LoadBenchmark/run.sh --help     # every option (--out DIR, --duration, --cases, ...)
set -euo pipefail
cd "$(dirname "$0")/../.."

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

# wrk from Debian's packages; taskset (util-linux) pins the API and wrk to different cores.
need=()
command -v wrk >/dev/null 2>&1 || need+=(wrk)
command -v taskset >/dev/null 2>&1 || need+=(util-linux)
# --database postgresql|both: a throwaway cluster from Debian's postgresql package (initdb, pg_ctl).
prev=""
for arg in "$@"; do
  if [ "$prev" = "--database" ] && [ "$arg" != sqlite ]; then
    compgen -G "/usr/lib/postgresql/*/bin/pg_ctl" >/dev/null || need+=(postgresql)
  fi
  prev="$arg"
done
if [ ${#need[@]} -gt 0 ]; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi

dotnet build -c Release src/ResourceApi/ResourceApi.csproj -v quiet -nologo
dotnet build -c Release tests/ResourceApi.LoadBenchmark/ResourceApi.LoadBenchmark.csproj -v quiet -nologo
exec dotnet tests/ResourceApi.LoadBenchmark/bin/Release/net10.0/ResourceApi.LoadBenchmark.dll "$@"
