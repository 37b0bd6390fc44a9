#!/bin/sh
# Turns the official image's RABBITMQ_DEFAULT_USER/RABBITMQ_DEFAULT_PASS into configuration, then runs the broker.
set -e
if [ -n "${RABBITMQ_DEFAULT_USER:-}" ]; then
  mkdir -p /etc/rabbitmq/conf.d
  printf 'default_user = %s\ndefault_pass = %s\n' "$RABBITMQ_DEFAULT_USER" "${RABBITMQ_DEFAULT_PASS:-guest}" \
    > /etc/rabbitmq/conf.d/10-default-user.conf
  unset RABBITMQ_DEFAULT_USER RABBITMQ_DEFAULT_PASS
fi
chown -R rabbitmq:rabbitmq /var/lib/rabbitmq
exec "$@"
