#!/usr/bin/env bash
# Builds every image the exchange runs in, on a machine that cannot pull from any registry:
#   rightsexchange/debian:bookworm            base: Debian from the OS's own mirror (debootstrap, then docker import)
#   rightsexchange/rabbitmq:3.10-management   RabbitMQ + management plugin from Debian's packages
#   rightsexchange/postgres:15                PostgreSQL 15 from Debian's packages
#   rightsexchange/dotnet-sdk:10.0            this machine's .NET SDK, to build the services in
#   rightsexchange/dotnet-aspnet:10.0         its ASP.NET Core runtime, to run them
#   rightsexchange/{gateway,accounts,matching,settlement}:local   the services (deploy/docker/service.Dockerfile)
# Installs docker.io, docker-compose and debootstrap from the OS packages and starts the engine if none answers.
# Idempotent: an image whose recipe (Dockerfile, files, base image, .NET version) is unchanged is kept; the
# services are always rebuilt, from Docker's layer cache when the source did not change.
# Usage: deploy/images.sh [servers]   ("servers": only the base, RabbitMQ and PostgreSQL images, for Testcontainers)
set -euo pipefail
cd "$(dirname "$0")/.."
RX_STATE=${RX_STATE:-/tmp/rightsexchange}
export DOCKER_BUILDKIT=0
BASE=rightsexchange/debian:bookworm
RABBITMQ=rightsexchange/rabbitmq:3.10-management
POSTGRES=rightsexchange/postgres:15
SDK=rightsexchange/dotnet-sdk:10.0
RUNTIME=rightsexchange/dotnet-aspnet:10.0
SERVICES=(Gateway Accounts Matching Settlement)
mkdir -p "$RX_STATE"

log() { echo "[images] $*" >&2; }

install_packages() {
  local missing=()
  command -v dockerd >/dev/null 2>&1 || missing+=(docker.io)
  command -v docker-compose >/dev/null 2>&1 || missing+=(docker-compose)
  command -v debootstrap >/dev/null 2>&1 || missing+=(debootstrap)
  [ ${#missing[@]} -eq 0 ] && return
  log "installing ${missing[*]} from the OS packages"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
}

start_engine() {
  if docker info >/dev/null 2>&1; then log "Docker engine answers"; return; fi
  log "starting the Docker engine (log: $RX_STATE/dockerd.log)"
  nohup dockerd >"$RX_STATE/dockerd.log" 2>&1 &
  for _ in $(seq 1 60); do
    docker info >/dev/null 2>&1 && { log "Docker engine started"; return; }
    sleep 1
  done
  log "the Docker engine did not start; last lines of its log:"
  tail -n 20 "$RX_STATE/dockerd.log" >&2
  exit 1
}

# The Debian mirror apt already uses here (the first non-security URI), so debootstrap needs no other network.
debian_mirror() {
  local uri
  uri=$(grep -hE '^(URIs:|deb )' /etc/apt/sources.list /etc/apt/sources.list.d/*.list /etc/apt/sources.list.d/*.sources 2>/dev/null \
        | grep -oE 'https?://[^ ]+' | grep -v security | head -n 1 || true)
  echo "${uri:-http://deb.debian.org/debian}"
}

# The recipe label of an existing image, or nothing.
recipe_of() { docker image inspect -f '{{index .Config.Labels "rightsexchange.recipe"}}' "$1" 2>/dev/null || true; }

build_base() {
  local recipe
  recipe=$( { echo "bookworm minbase ca-certificates"; cat /usr/local/share/ca-certificates/*.crt 2>/dev/null; } | sha256sum | cut -c1-16)
  if [ "$(recipe_of "$BASE")" = "$recipe" ]; then log "$BASE is up to date"; return; fi
  local mirror root
  mirror=$(debian_mirror)
  root=$(mktemp -d "$RX_STATE/rootfs.XXXXXX")
  log "debootstrap bookworm from $mirror into $root (about a minute)"
  debootstrap --variant=minbase --include=ca-certificates bookworm "$root" "$mirror" >"$RX_STATE/debootstrap.log" 2>&1 \
    || { tail -n 20 "$RX_STATE/debootstrap.log" >&2; exit 1; }
  # The machine's own trust anchors (an egress proxy's CA, say), so builds inside the images reach what the host reaches.
  if compgen -G "/usr/local/share/ca-certificates/*.crt" >/dev/null; then
    cp /usr/local/share/ca-certificates/*.crt "$root/usr/local/share/ca-certificates/"
    chroot "$root" update-ca-certificates >/dev/null 2>&1
  fi
  chroot "$root" apt-get clean
  rm -rf "$root"/var/lib/apt/lists/*
  log "importing $BASE"
  tar -C "$root" -c . | docker import -c 'ENV LANG=C.UTF-8' -c 'CMD ["bash"]' -c "LABEL rightsexchange.recipe=$recipe" - "$BASE" >/dev/null
  rm -rf "$root"
}

# build_image NAME CONTEXT DOCKERFILE [docker build options...]: rebuilt only when its recipe changed.
build_image() {
  local name=$1 context=$2 dockerfile=$3 recipe
  shift 3
  recipe=$( { docker image inspect -f '{{.Id}}' "$BASE"; cat "$dockerfile"; echo "$*";
              find "$context" -maxdepth 1 -type f -name '*.sh' -exec cat {} +; } | sha256sum | cut -c1-16)
  if [ "$(recipe_of "$name")" = "$recipe" ]; then log "$name is up to date"; return; fi
  log "building $name"
  docker_build "$name" --network host -f "$dockerfile" --build-arg "BASE_IMAGE=$BASE" --label "rightsexchange.recipe=$recipe" \
    -t "$name" "$@" "$context"
}

# docker_build NAME ARGS...: the build's output goes to a log of its own, shown only when the build fails.
docker_build() {
  local name=$1 log_file
  shift
  log_file="$RX_STATE/build-${name//[\/:]/-}.log"
  docker build "$@" >"$log_file" 2>&1 || { log "building $name failed; last lines of $log_file:"; tail -n 40 "$log_file" >&2; exit 1; }
}

build_services() {
  for s in "${SERVICES[@]}"; do
    local name
    name="rightsexchange/${s,,}:local"
    log "building $name (build stage shared by the four, from the layer cache after the first)"
    docker_build "$name" --network host -f deploy/docker/service.Dockerfile --build-arg "SERVICE=$s" \
      --build-arg "SDK_IMAGE=$SDK" --build-arg "RUNTIME_IMAGE=$RUNTIME" -t "$name" .
  done
}

install_packages
start_engine
build_base
build_image "$RABBITMQ" deploy/docker deploy/docker/rabbitmq.Dockerfile
build_image "$POSTGRES" deploy/docker deploy/docker/postgres.Dockerfile
if [ "${1:-all}" = servers ]; then log "server images ready"; exit 0; fi
dotnet_root=$(dirname "$(readlink -f "$(command -v dotnet)")")
dotnet_version=$(dotnet --version)
build_image "$SDK" "$dotnet_root" deploy/docker/dotnet.Dockerfile --target sdk --label "rightsexchange.dotnet=$dotnet_version"
build_image "$RUNTIME" "$dotnet_root" deploy/docker/dotnet.Dockerfile --target aspnet --label "rightsexchange.dotnet=$dotnet_version"
build_services
log "all images ready:"
docker images --format "{{.Repository}}:{{.Tag}}  {{.Size}}" "rightsexchange/*" | sed "s/^/  /" >&2
