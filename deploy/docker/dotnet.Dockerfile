# The .NET SDK and ASP.NET Core runtime images for machines that cannot pull mcr.microsoft.com/dotnet/sdk:10.0 and
# mcr.microsoft.com/dotnet/aspnet:10.0: this machine's own .NET installation on the local Debian base image.
# Built by deploy/images.sh with the .NET root (e.g. /usr/share/dotnet) as context:
#   docker build -f deploy/docker/dotnet.Dockerfile --target sdk    -t rightsexchange/dotnet-sdk:10.0    /usr/share/dotnet
#   docker build -f deploy/docker/dotnet.Dockerfile --target aspnet -t rightsexchange/dotnet-aspnet:10.0 /usr/share/dotnet
ARG BASE_IMAGE=rightsexchange/debian:bookworm

FROM ${BASE_IMAGE} AS dependencies
RUN apt-get update -qq \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends libicu72 libssl3 zlib1g tzdata >/dev/null \
 && rm -rf /var/lib/apt/lists/*
ENV DOTNET_ROOT=/usr/share/dotnet \
    DOTNET_CLI_TELEMETRY_OPTOUT=1 \
    DOTNET_NOLOGO=1

FROM dependencies AS sdk
# Package signatures are checked without reaching certificate revocation servers, which these machines cannot.
ENV NUGET_CERT_REVOCATION_MODE=offline
COPY . /usr/share/dotnet/
RUN ln -s /usr/share/dotnet/dotnet /usr/bin/dotnet && dotnet --version

FROM dependencies AS aspnet
COPY --from=sdk /usr/share/dotnet/dotnet /usr/share/dotnet/dotnet
COPY --from=sdk /usr/share/dotnet/host /usr/share/dotnet/host
COPY --from=sdk /usr/share/dotnet/shared /usr/share/dotnet/shared
RUN ln -s /usr/share/dotnet/dotnet /usr/bin/dotnet && dotnet --list-runtimes
