#!/usr/bin/env bash
# `docker compose config` without Docker: docker-compose.yml must be valid Compose with every
# secret it requires set (here to stand-ins), and must keep the Temporal UI and frontend on
# the host's loopback.
set -euo pipefail
cd "$(dirname "$0")"
for v in POSTGRES_PASSWORD APP_DB_PASSWORD TEMPORAL_DB_PASSWORD MINIO_ROOT_PASSWORD JWT_SECRET \
  ENCRYPTION_KEY STORAGE_URL_SECRET WHATSAPP_VERIFY_TOKEN WHATSAPP_APP_SECRET; do
  export "$v=stand-in"
done
config=$(go run . ../../docker-compose.yml)
for port in 8233 7233; do
  if ! grep -B2 "published: \"$port\"" <<<"$config" | grep -q 'host_ip: 127.0.0.1'; then
    echo "compose-config: port $port is published beyond 127.0.0.1" >&2
    exit 1
  fi
done
if grep -q 'temporalio/auto-setup' <<<"$config"; then
  echo 'compose-config: temporalio/auto-setup is no longer built by Temporal' >&2
  exit 1
fi
echo 'compose-config: docker-compose.yml is valid; the Temporal UI and frontend are loopback-only'
