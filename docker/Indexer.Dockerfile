# syntax=docker/dockerfile:1
# The standalone Indexer (`run` by default; any other command can be given: migrate, reindex, status, verify).
# Build from the repository root: docker build -f docker/Indexer.Dockerfile .

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
# global.json is left out on purpose: it pins the SDK of the developers' machines, the image brings its own 10.0.
# .editorconfig with them: the build treats warnings as errors, and it holds the analyzer rules the code follows
# (without it the migrations and the culture rules fail the publish).
COPY Directory.Build.props Directory.Packages.props .editorconfig ./
# The project files and their lock files first, so that the restore layer is cached until a dependency changes;
# --locked-mode restores exactly the packages the lock files pin.
COPY src/Core/Core.csproj src/Core/packages.lock.json src/Core/
COPY src/ServiceDefaults/ServiceDefaults.csproj src/ServiceDefaults/packages.lock.json src/ServiceDefaults/
COPY src/Indexer/Indexer.csproj src/Indexer/packages.lock.json src/Indexer/
RUN dotnet restore src/Indexer/Indexer.csproj --locked-mode
COPY src/Core/ src/Core/
COPY src/ServiceDefaults/ src/ServiceDefaults/
COPY src/Indexer/ src/Indexer/
RUN dotnet publish src/Indexer/Indexer.csproj --configuration Release --no-restore --output /app

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS final
WORKDIR /app
COPY --from=build /app .
RUN mkdir -p /data && chown "$APP_UID" /data
USER $APP_UID
ENV Storage__DataDirectory=/data \
    Indexer__HealthUrls=http://0.0.0.0:8081 \
    NO_COLOR=1
EXPOSE 8081
VOLUME /data
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=3 \
    CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/8081 && printf 'GET /health/ready HTTP/1.0\\r\\nHost: localhost\\r\\n\\r\\n' >&3 && head -n 1 <&3 | grep -q ' 200 '"]
ENTRYPOINT ["dotnet", "AnnuaireFiliere.Indexer.dll"]
CMD ["run"]
