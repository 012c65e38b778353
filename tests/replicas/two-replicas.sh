#!/usr/bin/env bash
# Two replicas of the API on one PostgreSQL and one Redis, behind nginx, all on loopback and all throwaway
# (a temporary folder, removed on exit). Needs Debian's postgresql, redis-server and nginx packages.
#
#   tests/replicas/two-replicas.sh         # then: http://127.0.0.1:5080 (nginx), replicas on 5081 and 5082
#
# Replica one runs the built-in development issuer (token endpoint http://127.0.0.1:5081/oauth/token);
# replica two trusts it as its issuer, as it would trust Auth0. Ctrl+C stops everything.
set -euo pipefail
cd "$(dirname "$0")/../.."

PROXY_PORT=${PROXY_PORT:-5080}; ONE_PORT=${ONE_PORT:-5081}; TWO_PORT=${TWO_PORT:-5082}
PG_PORT=${PG_PORT:-55432}; REDIS_PORT=${REDIS_PORT:-56379}

pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
[ -x "$pg_bin/pg_ctl" ] || { echo "PostgreSQL not found: apt-get install -y postgresql" >&2; exit 1; }
command -v redis-server >/dev/null || { echo "redis-server not found: apt-get install -y redis-server" >&2; exit 1; }
command -v nginx >/dev/null || { echo "nginx not found: apt-get install -y nginx" >&2; exit 1; }

work=$(mktemp -d /tmp/resourceapi-two-replicas-XXXXXX)
chmod 755 "$work"  # the postgres user must reach its folder inside
pids=()
# PostgreSQL refuses to run as root: as root, its tools run as the postgres user.
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  as_pg "$pg_bin/pg_ctl" -D "$work/pg/data" -m fast stop >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT INT TERM

mkdir -p "$work/pg" "$work/nginx"
[ "$(id -u)" = 0 ] && chown postgres:postgres "$work/pg"
as_pg "$pg_bin/initdb" -D "$work/pg/data" -U postgres -A trust >/dev/null
as_pg "$pg_bin/pg_ctl" -D "$work/pg/data" -l "$work/pg/server.log" -w \
  -o "-c listen_addresses=127.0.0.1 -p $PG_PORT -k $work/pg" start >/dev/null
redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save "" --appendonly no >"$work/redis.log" 2>&1 &
pids+=($!)

dotnet build src/ResourceApi -c Release -v q -nologo >/dev/null

# What a deployment sets (see src/ResourceApi/README.md, "Several replicas"): the provider, the two connection
# strings, the issuer and audience. Both replicas start together: EF Core's migration lock lets one migrate.
export Database__Provider=PostgreSQL
export ConnectionStrings__Messages="Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Database=postgres"
export ConnectionStrings__Redis="127.0.0.1:$REDIS_PORT"
export Authentication__Schemes__Bearer__ValidAudiences__0=https://resource-api.example
# Development: replica one may run the built-in issuer (loopback only), replica two trusts it over plain http.
export ASPNETCORE_ENVIRONMENT=Development
dotnet run --project src/ResourceApi -c Release --no-build --no-launch-profile \
  --urls "http://127.0.0.1:$ONE_PORT" >"$work/one.log" 2>&1 &
pids+=($!)
Authentication__Schemes__Bearer__Authority="http://127.0.0.1:$ONE_PORT/" \
  dotnet run --project src/ResourceApi -c Release --no-build --no-launch-profile \
  --urls "http://127.0.0.1:$TWO_PORT" >"$work/two.log" 2>&1 &
pids+=($!)

user=""; [ "$(id -u)" = 0 ] && user="user root;"
cat >"$work/nginx/nginx.conf" <<NGINX
$user
worker_processes 1;
daemon off;
pid $work/nginx/nginx.pid;
error_log $work/nginx/error.log warn;
events { worker_connections 512; }
http {
  access_log off;
  client_body_temp_path $work/nginx/body; proxy_temp_path $work/nginx/proxy;
  fastcgi_temp_path $work/nginx/fastcgi; uwsgi_temp_path $work/nginx/uwsgi; scgi_temp_path $work/nginx/scgi;
  upstream api {
    server 127.0.0.1:$ONE_PORT max_fails=1 fail_timeout=10s;
    server 127.0.0.1:$TWO_PORT max_fails=1 fail_timeout=10s;
    keepalive 32;
  }
  server {
    listen 127.0.0.1:$PROXY_PORT;
    location / {
      proxy_pass http://api;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host \$http_host;
      proxy_next_upstream error timeout;
      add_header X-Upstream \$upstream_addr always;
    }
  }
}
NGINX
nginx -p "$work/nginx" -e "$work/nginx/error.log" -c "$work/nginx/nginx.conf" &
pids+=($!)

for port in "$ONE_PORT" "$TWO_PORT"; do
  for _ in $(seq 1 120); do
    curl -fs "http://127.0.0.1:$port/health/ready" >/dev/null 2>&1 && break
    sleep 0.5
  done
  curl -fs "http://127.0.0.1:$port/health/ready" >/dev/null || { echo "Replica on $port is not ready; its log:" >&2; cat "$work"/*.log >&2; exit 1; }
done

cat <<INFO
Two replicas behind nginx on http://127.0.0.1:$PROXY_PORT (each answer's X-Upstream names the replica).
  TOKEN=\$(curl -s -X POST http://127.0.0.1:$ONE_PORT/oauth/token -u demo-writer:demo-writer-secret -d grant_type=client_credentials | sed -n 's/.*"access_token": *"\([^"]*\)".*/\1/p')
  curl -s -X POST http://127.0.0.1:$PROXY_PORT/api/messages -H "Authorization: Bearer \$TOKEN" -H 'Content-Type: application/json' -d '{"text":"hello"}'
  curl -si http://127.0.0.1:$PROXY_PORT/api/messages -H "Authorization: Bearer \$TOKEN" | grep -i x-upstream
Logs in $work. Ctrl+C stops everything.
INFO
wait
