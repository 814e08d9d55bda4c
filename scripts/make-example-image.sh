#!/usr/bin/env bash
# Rebuilds fixtures/images/example.tar with a real Docker engine (docker save of a BuildKit build).
# Needs: dockerd running, busybox-static (apt-get install -y busybox-static), the Debian docker client.
set -euo pipefail
cd "$(dirname "$0")/.."
docker=/usr/bin/docker
root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT
mkdir -p "$root/bin"
cp /bin/busybox "$root/bin/busybox"
for a in sh mkdir head dd rm chmod echo cat ls yes; do ln -s busybox "$root/bin/$a"; done
tar -C "$root" -c . | $docker import --change 'ENV PATH=/bin' - ballast-example-base:latest >/dev/null
DOCKER_BUILDKIT=1 $docker build -q -t ballast-example:latest fixtures/images/example >/dev/null
$docker save ballast-example:latest -o fixtures/images/example.tar
echo "wrote fixtures/images/example.tar ($(stat -c %s fixtures/images/example.tar) bytes)"
