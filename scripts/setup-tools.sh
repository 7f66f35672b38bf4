#!/usr/bin/env bash
# Builds the Go programs the system and its tests run beside Node: the Temporal CLI (dev
# server), MinIO (S3-compatible storage) and stripe-mock. Each lands in .tools/bin unless it
# is already on PATH. Go builds them from the module proxy; without Go, the Temporal CLI
# comes from its official release archive.
set -euo pipefail
cd "$(dirname "$0")/.."
bin="$PWD/.tools/bin"
mkdir -p "$bin"

# Pinned, so every machine builds the same programs. Temporal CLI: later tags carry a
# `replace` directive that `go install` refuses; it embeds Temporal server 1.29.1 and UI
# 2.42.1 (docker-compose.yml runs the same). MinIO tags its releases RELEASE.<date>, which Go
# cannot name, so the pin is the pseudo-version of the commit (2026-02-12) built and tested here.
TEMPORAL_VERSION=1.5.1
MINIO_VERSION=v0.0.0-20260212201848-7aac2a2c5b7c
STRIPE_MOCK_VERSION=v0.203.0
declare -A MODULES=(
  [temporal]="github.com/temporalio/cli/cmd/temporal@v${TEMPORAL_VERSION}"
  [minio]="github.com/minio/minio@${MINIO_VERSION}"
  [stripe-mock]="github.com/stripe/stripe-mock@${STRIPE_MOCK_VERSION}"
)

# `go install` is silent for the minutes a cold build takes; -v names each package as it is
# compiled, which is counted into a progress line every 25 packages. Lines that are not a
# package path (compiler errors) are shown as they come.
go_build() {
  local tool=$1 module=$2 started=$SECONDS
  echo "setup-tools: building $tool ($module) with Go; with a cold Go cache this takes" \
    "several minutes (the Temporal CLI about 10), progress below"
  GOBIN="$bin" go install -v "$module" 2>&1 | awk -v tool="$tool" -v started="$started" '
    /[[:space:]]/ { print; fflush(); next }
    { n++; if (n % 25 == 0) { printf "setup-tools: %s: %d packages compiled\n", tool, n; fflush() } }
    END { if (n) printf "setup-tools: %s: %d packages compiled, done\n", tool, n }'
  echo "setup-tools: $tool built in $((SECONDS - started)) s"
}

wanted=("$@")
[ ${#wanted[@]} -gt 0 ] || wanted=(temporal minio stripe-mock)

for tool in "${wanted[@]}"; do
  if [ -x "$bin/$tool" ] || command -v "$tool" >/dev/null 2>&1; then
    echo "setup-tools: $tool present"
    continue
  fi
  if command -v go >/dev/null 2>&1; then
    go_build "$tool" "${MODULES[$tool]}"
  elif [ "$tool" = temporal ]; then
    os=$(uname -s | tr '[:upper:]' '[:lower:]')
    arch=$(uname -m); [ "$arch" = x86_64 ] && arch=amd64; [ "$arch" = aarch64 ] && arch=arm64
    url="https://github.com/temporalio/cli/releases/download/v${TEMPORAL_VERSION}/temporal_cli_${TEMPORAL_VERSION}_${os}_${arch}.tar.gz"
    echo "setup-tools: downloading $url"
    curl -fsSL "$url" | tar -xz -C "$bin" temporal
  else
    echo "setup-tools: $tool needs Go (https://go.dev/dl/) or must be on PATH" >&2
    exit 1
  fi
done
