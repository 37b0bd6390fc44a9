# PostgreSQL 15 from Debian's packages on the local Debian base image (deploy/images.sh; context deploy/docker).
# Machines with registry access use the official postgres:15 image instead; this one follows its contract where
# the exchange and Testcontainers rely on it: POSTGRES_USER, POSTGRES_PASSWORD and POSTGRES_DB on first start,
# data in /var/lib/postgresql/data, port 5432, arguments starting with "-" passed to postgres, pg_isready on PATH.
ARG BASE_IMAGE=rightsexchange/debian:bookworm
FROM ${BASE_IMAGE}
RUN apt-get update -qq \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends postgresql-15 >/dev/null \
 && rm -rf /var/lib/apt/lists/* \
 && mkdir -p /var/lib/postgresql/data /var/run/postgresql \
 && chown -R postgres:postgres /var/lib/postgresql /var/run/postgresql
ENV PATH=/usr/lib/postgresql/15/bin:$PATH \
    PGDATA=/var/lib/postgresql/data
COPY postgres-entrypoint.sh /usr/local/bin/docker-entrypoint.sh
VOLUME /var/lib/postgresql/data
EXPOSE 5432
STOPSIGNAL SIGINT
ENTRYPOINT ["docker-entrypoint.sh"]
CMD ["postgres"]
