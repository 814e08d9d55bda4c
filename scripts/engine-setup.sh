#!/usr/bin/env bash
# Installs and starts what the engine integration tests (test/engine, `npm run test:engine`) need:
# a Docker engine, skopeo, a local registry on 127.0.0.1:5000 (no auth) and 127.0.0.1:5001 (htpasswd),
# and base images made locally (there is no Docker Hub here). Run as root. Idempotent: every step
# checks whether it is already done. Nothing listens on a non-loopback address.
set -euo pipefail

STATE=${BALLAST_ENGINE_STATE:-/var/lib/ballast-engine}
DOCKER=/usr/bin/docker
export DEBIAN_FRONTEND=noninteractive
mkdir -p "$STATE"

log() { printf 'engine-setup: %s\n' "$*" >&2; }
have() { command -v "$1" >/dev/null 2>&1; }

# 1. packages
missing=()
have dockerd || missing+=(docker.io)
have skopeo || missing+=(skopeo)
have docker-registry || missing+=(docker-registry)
have debootstrap || missing+=(debootstrap)
[ -x /bin/busybox ] || missing+=(busybox-static)
have htpasswd || missing+=(apache2-utils)
have zstd || missing+=(zstd)
have curl || missing+=(curl)
if [ ${#missing[@]} -gt 0 ]; then
  log "installing ${missing[*]}"
  apt-get update -qq
  apt-get install -y -qq "${missing[@]}" >/dev/null
fi

# 2. the engine
if ! $DOCKER info >/dev/null 2>&1; then
  log "starting dockerd"
  nohup dockerd --host unix:///var/run/docker.sock >"$STATE/dockerd.log" 2>&1 &
  for _ in $(seq 1 60); do
    $DOCKER info >/dev/null 2>&1 && break
    sleep 1
  done
  $DOCKER info >/dev/null 2>&1 || { log "dockerd did not start; see $STATE/dockerd.log"; exit 1; }
fi

# 3. base images, made locally
if ! $DOCKER image inspect ballast-test/busybox:latest >/dev/null 2>&1; then
  log "importing ballast-test/busybox"
  root=$(mktemp -d)
  mkdir -p "$root/bin" "$root/tmp" "$root/etc" "$root/root"
  cp /bin/busybox "$root/bin/busybox"
  for cmd in $("$root/bin/busybox" --list); do [ "$cmd" = busybox ] || ln -sf busybox "$root/bin/$cmd"; done
  echo 'root:x:0:0:root:/root:/bin/sh' >"$root/etc/passwd"
  tar -C "$root" -c . | $DOCKER import -c 'CMD ["/bin/sh"]' - ballast-test/busybox:latest >/dev/null
  rm -rf "$root"
fi
if [ "${BALLAST_DEBIAN:-0}" = 1 ] && ! $DOCKER image inspect debian:bookworm >/dev/null 2>&1; then
  log "debootstrap debian:bookworm (minbase)"
  root=$(mktemp -d)
  debootstrap --variant=minbase bookworm "$root" "${DEBIAN_MIRROR:-http://deb.debian.org/debian}" >"$STATE/debootstrap.log" 2>&1
  tar -C "$root" -c . | $DOCKER import -c 'CMD ["bash"]' - debian:bookworm >/dev/null
  rm -rf "$root"
fi

# 4. registries on loopback: :5000 open, :5001 with htpasswd (user ballast / password ballast-pass)
start_registry() { # name port auth
  local name=$1 port=$2 auth=$3 cfg="$STATE/registry-$1.yml"
  if curl -sS -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/v2/" 2>/dev/null | grep -qE '200|401'; then return 0; fi
  mkdir -p "$STATE/registry-$name"
  {
    echo 'version: 0.1'
    echo 'log: {level: warn}'
    echo "storage: {filesystem: {rootdirectory: $STATE/registry-$name}, delete: {enabled: true}}"
    echo "http: {addr: 127.0.0.1:$port}"
    if [ "$auth" = yes ]; then
      [ -f "$STATE/htpasswd" ] || htpasswd -Bbc "$STATE/htpasswd" ballast ballast-pass >/dev/null 2>&1
      echo "auth: {htpasswd: {realm: ballast, path: $STATE/htpasswd}}"
    fi
  } >"$cfg"
  log "starting registry $name on 127.0.0.1:$port"
  nohup docker-registry serve "$cfg" >"$STATE/registry-$name.log" 2>&1 &
  for _ in $(seq 1 30); do
    curl -sS -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/v2/" 2>/dev/null | grep -qE '200|401' && return 0
    sleep 0.5
  done
  log "registry $name did not start; see $STATE/registry-$name.log"
  return 1
}
start_registry open 5000 no
start_registry auth 5001 yes
log "ready"
