# syntax=docker/dockerfile:1
# The Web site. Build from the repository root: docker build -f docker/Web.Dockerfile .
# (docker compose -f docker/compose.yaml does it for you.)

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
COPY src/Web/Web.csproj src/Web/packages.lock.json src/Web/
RUN dotnet restore src/Web/Web.csproj --locked-mode
COPY src/Core/ src/Core/
COPY src/ServiceDefaults/ src/ServiceDefaults/
COPY src/Web/ src/Web/
RUN dotnet publish src/Web/Web.csproj --configuration Release --no-restore --output /app

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS final
WORKDIR /app
COPY --from=build /app .
# The data folder (SQLite database) is a volume owned by the image's non-root user (APP_UID, 1654).
RUN mkdir -p /data && chown "$APP_UID" /data
USER $APP_UID
ENV ASPNETCORE_HTTP_PORTS=8080 \
    Storage__DataDirectory=/data
EXPOSE 8080
VOLUME /data
# The container is healthy once the site answers (it has migrated the database by then): /health/live. Whether it
# can serve searches is /health/ready (503 until the first index is built), for a load balancer to route by.
# No curl in the runtime image: bash's /dev/tcp asks and looks for "200 OK".
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=3 \
    CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/8080 && printf 'GET /health/live HTTP/1.0\\r\\nHost: localhost\\r\\n\\r\\n' >&3 && head -n 1 <&3 | grep -q ' 200 '"]
ENTRYPOINT ["dotnet", "AnnuaireFiliere.Web.dll"]
