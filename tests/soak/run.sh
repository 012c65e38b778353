#!/usr/bin/env bash
# Soak test (not a unit test): holds load on the API over loopback for a set time and reports requests,
# errors and the API's memory over time. The API runs from its Release build in Development, with the
# built-in issuer, so the whole path runs: discovery, JWKS, validation, the database.
#   tests/soak/run.sh                 # 600 s, 16 connections
#   tests/soak/run.sh 60 8            # SECONDS CONNECTIONS
# Writes wrk.txt, memory.tsv (seconds since start, RSS in MB) and api.log to a new folder in /tmp.
set -euo pipefail
cd "$(dirname "$0")/../.."
duration=${1:-600}
connections=${2:-16}
port=${SOAK_PORT:-5181}
interval=${SOAK_SAMPLE_SECONDS:-30}
out=$(mktemp -d /tmp/resourceapi-soak.XXXXXX)
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

command -v wrk >/dev/null 2>&1 || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }
dotnet build -c Release src/ResourceApi/ResourceApi.csproj -v quiet -nologo >/dev/null

# Loopback only: the development issuer refuses to start on any other address.
(cd src/ResourceApi && exec env ASPNETCORE_ENVIRONMENT=Development \
  DevelopmentIssuer__DataFolder="$out/data" ConnectionStrings__Messages="Data Source=$out/data/messages.db" \
  Logging__LogLevel__Default=Warning \
  dotnet bin/Release/net10.0/ResourceApi.dll --urls "http://127.0.0.1:$port") >"$out/api.log" 2>&1 &
api=$!
trap 'kill "$api" 2>/dev/null || true' EXIT

for _ in $(seq 1 60); do
  curl -sf "http://127.0.0.1:$port/health/ready" >/dev/null 2>&1 && break
  sleep 1
done
curl -sf "http://127.0.0.1:$port/health/ready" >/dev/null || { echo "The API did not become ready; see $out/api.log" >&2; exit 1; }

token=$(curl -s -X POST "http://127.0.0.1:$port/oauth/token" -u demo-reader:demo-reader-secret -d grant_type=client_credentials \
  | sed -n 's/.*"access_token": *"\([^"]*\)".*/\1/p')
[ -n "$token" ] || { echo "No token from the development issuer; see $out/api.log" >&2; exit 1; }

rss_mb() { echo $(( $(ps -o rss= -p "$api") / 1024 )); }
echo -e "seconds\trss_mb" >"$out/memory.tsv"
echo -e "0\t$(rss_mb)" >>"$out/memory.tsv"
(
  for i in $(seq 1 $(( duration / interval ))); do
    sleep "$interval"
    kill -0 "$api" 2>/dev/null || break
    echo -e "$(( i * interval ))\t$(rss_mb)" >>"$out/memory.tsv"
  done
) &
sampler=$!

TOKEN="$token" wrk -t1 -c"$connections" -d"${duration}s" --latency -s tests/soak/soak.lua "http://127.0.0.1:$port" >"$out/wrk.txt"
wait "$sampler" || true
echo -e "$(( duration ))\t$(rss_mb)" >>"$out/memory.tsv"

grep -E "^soak:|Requests/sec|Latency  |99%" "$out/wrk.txt"
echo "memory (RSS, MB) over time:"
column -t "$out/memory.tsv"
kill -0 "$api" 2>/dev/null && echo "API still running at the end: yes" || echo "API still running at the end: NO (see $out/api.log)"
echo "files: $out"
