#!/usr/bin/env bash
# `docker compose config` without Docker: docker-compose.yml must be valid Compose with every
# secret it requires set (here to stand-ins), must keep the Temporal UI, its codec proxy,
# Prometheus and the Temporal frontend on the host's loopback, and must seal workflow payloads.
set -euo pipefail
cd "$(dirname "$0")"
for v in POSTGRES_PASSWORD APP_DB_PASSWORD TEMPORAL_DB_PASSWORD MINIO_ROOT_PASSWORD JWT_SECRET \
  ENCRYPTION_KEY STORAGE_URL_SECRET WHATSAPP_VERIFY_TOKEN WHATSAPP_APP_SECRET \
  TEMPORAL_CODEC_TOKEN METRICS_TOKEN TEMPORAL_PAYLOAD_KEYS; do
  export "$v=stand-in"
done
config=$(go run . ../../docker-compose.yml)
for port in 8233 8234 9090 7233; do
  if ! grep -B2 "published: \"$port\"" <<<"$config" | grep -q 'host_ip: 127.0.0.1'; then
    echo "compose-config: port $port is published beyond 127.0.0.1" >&2
    exit 1
  fi
done
if grep -q 'temporalio/auto-setup' <<<"$config"; then
  echo 'compose-config: temporalio/auto-setup is no longer built by Temporal' >&2
  exit 1
fi
# The API and every worker encrypt payloads (a replica without the keyring would write
# plaintext history, or fail to read sealed history).
keyring=$(grep -c 'TEMPORAL_PAYLOAD_KEYS: stand-in' <<<"$config" || true)
if [ "$keyring" -lt 2 ]; then
  echo 'compose-config: the API and the worker must both have TEMPORAL_PAYLOAD_KEYS' >&2
  exit 1
fi
for setting in TEMPORAL_CODEC_ENDPOINT WORKER_METRICS_ADDRESS PROMETHEUS_ENDPOINT; do
  if ! grep -q "$setting:" <<<"$config"; then
    echo "compose-config: $setting is not set (the codec endpoint and the metrics scrape need it)" >&2
    exit 1
  fi
done
echo 'compose-config: docker-compose.yml is valid; the Temporal UI, codec proxy, Prometheus and frontend are loopback-only'
