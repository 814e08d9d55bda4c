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
# debian:bookworm trusts the CA certificates this machine adds to Debian's own set (a company proxy CA,
# a TLS-intercepting egress), installed the way an administrator installs one: a .crt per certificate in
# /usr/local/share/ca-certificates/, which update-ca-certificates (run when an image installs
# ca-certificates) adds to /etc/ssl/certs. Extra = in the host bundle (BALLAST_CA_BUNDLE, default
# /etc/ssl/certs/ca-certificates.crt) but not shipped in /usr/share/ca-certificates by the host's packages
# (all of the bundle when the host has no such directory). The image is labelled with the version of this
# recipe and a digest of the extra certificates; it is made again when either differs.
DEBIAN_BASE_VERSION=2
extra_cas() { # DIR: writes one PEM .crt per extra certificate into DIR
  local out=$1 bundle=${BALLAST_CA_BUNDLE:-/etc/ssl/certs/ca-certificates.crt} tmp f name n=0
  mkdir -p "$out"
  [ -s "$bundle" ] || return 0
  tmp=$(mktemp -d)
  # a certificate is known when its base64 body equals that of a packaged certificate (PEM text compared in
  # one awk pass, no process per certificate)
  : >"$tmp/known.pem"
  [ -d /usr/share/ca-certificates ] && find /usr/share/ca-certificates -name '*.crt' -type f -exec cat {} + >"$tmp/known.pem"
  awk -v dir="$tmp" '
    { sub(/\r$/, "") }
    /-----BEGIN CERTIFICATE-----/ { inblock = 1; body = ""; block = $0 "\n"; next }
    !inblock { next }
    { block = block $0 "\n" }
    !/-----END CERTIFICATE-----/ { body = body $0; next }
    { inblock = 0 }
    FILENAME == known { seen[body] = 1; next }
    !(body in seen) { seen[body] = 1; f = sprintf("%s/part-%04d.pem", dir, ++n); printf "%s", block > f; close(f) }
  ' known="$tmp/known.pem" "$tmp/known.pem" "$bundle"
  for f in "$tmp"/part-*.pem; do
    [ -e "$f" ] || continue
    n=$((n + 1))
    name=$(openssl x509 -noout -subject -nameopt multiline -in "$f" | sed -n 's/^ *commonName *= *//p' | head -n1)
    name=$(printf '%s' "${name:-ca}" | tr -c 'A-Za-z0-9.-' '_' | cut -c1-60)
    openssl x509 -in "$f" -out "$out/$(printf '%02d' "$n")-$name.crt"
  done
  rm -rf "$tmp"
}
if [ "${BALLAST_DEBIAN:-0}" = 1 ]; then
  cas=$(mktemp -d)
  extra_cas "$cas"
  cas_digest=$({ cat "$cas"/*.crt 2>/dev/null || true; } | sha256sum | cut -c1-16)
  want="$DEBIAN_BASE_VERSION/$cas_digest"
  have_base=$($DOCKER image inspect debian:bookworm --format '{{index .Config.Labels "org.ballast.local-base"}}' 2>/dev/null || true)
  if [ "$have_base" != "$want" ]; then
    log "debootstrap debian:bookworm (minbase) with $(find "$cas" -name '*.crt' | wc -l) extra CA certificate(s) (${have_base:-no image or no marker} -> $want)"
    root=$(mktemp -d)
    debootstrap --variant=minbase bookworm "$root" "${DEBIAN_MIRROR:-http://deb.debian.org/debian}" >"$STATE/debootstrap.log" 2>&1
    mkdir -p "$root/usr/local/share/ca-certificates"
    cp "$cas"/*.crt "$root/usr/local/share/ca-certificates/" 2>/dev/null || true
    chmod 644 "$root"/usr/local/share/ca-certificates/*.crt 2>/dev/null || true
    tar -C "$root" -c . | $DOCKER import -c 'CMD ["bash"]' -c "LABEL org.ballast.local-base=$want" - debian:bookworm >/dev/null
    rm -rf "$root"
  fi
  rm -rf "$cas"
  # debian:bookworm-slim is derived from debian:bookworm (src/optimize/local-bases.ts, made by the bench
  # and the integration test when missing): one made from an older debian:bookworm is removed.
  base_created=$($DOCKER image inspect debian:bookworm --format '{{.Created}}')
  slim_created=$($DOCKER image inspect debian:bookworm-slim --format '{{.Created}}' 2>/dev/null || true)
  if [ -n "$slim_created" ] && [[ "$slim_created" < "$base_created" ]]; then
    log "removing debian:bookworm-slim (made from an older debian:bookworm)"
    $DOCKER image rm debian:bookworm-slim >/dev/null || log "could not remove debian:bookworm-slim (in use?)"
  fi
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
