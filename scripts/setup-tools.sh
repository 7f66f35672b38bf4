#!/usr/bin/env bash
# Builds the Go programs the system and its tests run beside Node: the Temporal CLI (dev
# server), MinIO (S3-compatible storage) and stripe-mock. Each lands in .tools/bin unless it
# is already on PATH. Go builds them from the module proxy; without Go, the Temporal CLI
# comes from its official release archive.
set -euo pipefail
cd "$(dirname "$0")/.."
bin="$PWD/.tools/bin"
mkdir -p "$bin"

# Temporal CLI: later tags carry a `replace` directive that `go install` refuses.
TEMPORAL_VERSION=1.5.1
declare -A MODULES=(
  [temporal]="github.com/temporalio/cli/cmd/temporal@v${TEMPORAL_VERSION}"
  [minio]="github.com/minio/minio@latest"
  [stripe-mock]="github.com/stripe/stripe-mock@latest"
)

wanted=("$@")
[ ${#wanted[@]} -gt 0 ] || wanted=(temporal minio stripe-mock)

for tool in "${wanted[@]}"; do
  if [ -x "$bin/$tool" ] || command -v "$tool" >/dev/null 2>&1; then
    echo "setup-tools: $tool present"
    continue
  fi
  if command -v go >/dev/null 2>&1; then
    echo "setup-tools: building $tool (${MODULES[$tool]})"
    GOBIN="$bin" go install "${MODULES[$tool]}"
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
