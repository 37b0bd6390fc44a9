# RabbitMQ with the management plugin, from Debian's packages on the local Debian base image (deploy/images.sh; context deploy/docker).
# Machines with registry access use the official rabbitmq:3.13-management image instead; this one behaves the same
# where the exchange and Testcontainers rely on it: AMQP on 5672, management on 15672, data in /var/lib/rabbitmq,
# RABBITMQ_DEFAULT_USER/RABBITMQ_DEFAULT_PASS honoured, "Server startup complete" on stdout.
ARG BASE_IMAGE=rightsexchange/debian:bookworm
FROM ${BASE_IMAGE}
RUN apt-get update -qq \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends rabbitmq-server >/dev/null \
 && rm -rf /var/lib/apt/lists/* \
 && rabbitmq-plugins enable --offline rabbitmq_management >/dev/null \
 && printf 'loopback_users.guest = false\nlog.console = true\nlog.console.level = info\nlisteners.tcp.default = 5672\nmanagement.tcp.port = 15672\n' \
      > /etc/rabbitmq/rabbitmq.conf
COPY rabbitmq-entrypoint.sh /usr/local/bin/rabbitmq-entrypoint.sh
VOLUME /var/lib/rabbitmq
EXPOSE 5672 15672
ENTRYPOINT ["/usr/local/bin/rabbitmq-entrypoint.sh"]
CMD ["rabbitmq-server"]
