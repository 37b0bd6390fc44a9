# The four services, one image each, from one Dockerfile (context: the repository root):
#   docker build -f deploy/docker/service.Dockerfile --build-arg SERVICE=Accounts -t rightsexchange/accounts .
# SERVICE is Gateway, Accounts, Matching or Settlement. The build stage publishes all four, so building the other
# three reuses its cached layer. SDK_IMAGE and RUNTIME_IMAGE default to Microsoft's images; machines without
# registry access pass the local ones built by deploy/images.sh.
ARG SDK_IMAGE=mcr.microsoft.com/dotnet/sdk:10.0
ARG RUNTIME_IMAGE=mcr.microsoft.com/dotnet/aspnet:10.0

FROM ${SDK_IMAGE} AS build
WORKDIR /src
ENV DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
COPY . .
RUN for s in Gateway Accounts Matching Settlement; do \
      dotnet publish "services/$s/RightsExchange.$s" -c Release -o "/app/$s" -v quiet -nologo -clp:ErrorsOnly || exit 1; \
    done

FROM ${RUNTIME_IMAGE}
ARG SERVICE
ENV SERVICE_DLL=RightsExchange.${SERVICE}.dll \
    ASPNETCORE_URLS=http://0.0.0.0:8080 \
    DOTNET_gcServer=0 \
    DOTNET_ThreadPool_UnfairSemaphoreSpinLimit=0
WORKDIR /app
COPY --from=build /app/${SERVICE} .
EXPOSE 8080
HEALTHCHECK --interval=5s --timeout=3s --retries=30 \
  CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/8080 && printf 'GET /health/ready HTTP/1.0\\r\\n\\r\\n' >&3 && grep -q Healthy <&3"]
ENTRYPOINT ["sh", "-c", "exec dotnet \"$SERVICE_DLL\""]
