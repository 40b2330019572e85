# L7Gate container image: the proxy + VRRP failover host on the ASP.NET Core runtime.
#
#   docker build -t l7gate .
#
# Proxy only (failover off, the default config): runs as the unprivileged `app` user.
#   docker run -d --name l7gate -p 8080:8080 \
#     -v /srv/l7gate:/etc/l7gate l7gate            # /srv/l7gate/appsettings.json = your config
#
# With failover (a config that has a `Failover` section): VRRP needs raw IP sockets (NET_RAW), adding
# and removing the VIP needs NET_ADMIN, and the VIP must live on the interface the peers share, so
# use the host's network (or a macvlan / dedicated network) and run as root with those capabilities:
#   docker run -d --name l7gate --network host --user 0 \
#     --cap-add NET_ADMIN --cap-add NET_RAW --cap-add SYS_NICE --stop-timeout 30 \
#     -v /srv/l7gate:/etc/l7gate l7gate
# (Docker hands added capabilities to root only; a non-root user would need file capabilities, which
# would make the binary unrunnable without them. --stop-timeout leaves room for the planned handover:
# on SIGTERM the master advertises priority 0 and keeps serving until a peer has taken over.)
#
# Ports: 8080 proxy (Urls in the config), 9901 admin API / dashboard / metrics (Admin:Urls; it binds
# 127.0.0.1 unless told otherwise, and a non-loopback admin listener requires Admin:ApiKey).
# See docker/README.md for the compose files of the three HA modes.

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src

# Restore from the project files alone first, so a source-only change reuses this layer.
COPY src/Directory.Build.props src/Directory.Packages.props src/
COPY src/L7Gate/L7Gate.csproj src/L7Gate/
COPY src/L7Gate.Proxy/L7Gate.Proxy.csproj src/L7Gate.Proxy/
COPY src/L7Gate.Failover/L7Gate.Failover.csproj src/L7Gate.Failover/
RUN dotnet restore src/L7Gate/L7Gate.csproj

COPY src/ src/
# The top level of the repository is fixed (no .dockerignore), so a developer's bin/ and obj/ may have
# come along: drop them and restore again (offline, from the layer above) so they cannot leak in.
RUN find src -type d \( -name bin -o -name obj \) -prune -exec rm -rf {} + \
 && dotnet restore src/L7Gate/L7Gate.csproj \
 && dotnet publish src/L7Gate/L7Gate.csproj -c Release --no-restore -o /app


FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime

# libpcap for SharpPcap (gratuitous ARP). Ubuntu 24.04 names it libpcap0.8t64, Debian libpcap0.8;
# SharpPcap asks for the unversioned libpcap.so that only the -dev package would add, so link it here.
# libnftables1: a new master forwards the former master's straggling connections to it (Failover:HandoverForwarding).
RUN apt-get update \
 && apt-get install -y --no-install-recommends libnftables1 \
 && (apt-get install -y --no-install-recommends libpcap0.8t64 || apt-get install -y --no-install-recommends libpcap0.8) \
 && rm -rf /var/lib/apt/lists/* \
 && lib="$(find /usr/lib /lib -name 'libpcap.so.0.8' 2>/dev/null | head -n 1)" \
 && test -n "$lib" \
 && ln -sf "$lib" "$(dirname "$lib")/libpcap.so"

WORKDIR /app
COPY --from=build /app ./

# Config layout: /etc/l7gate/appsettings.json is the live config (mount a directory over /etc/l7gate to
# supply yours; it must be writable by the process for PUT /admin/config), examples beside it.
COPY docker/appsettings.json /etc/l7gate/appsettings.json
COPY appsettings/examples/ /etc/l7gate/examples/
COPY appsettings/l7gate.schema.json /etc/l7gate/l7gate.schema.json
RUN chown -R "$APP_UID" /etc/l7gate

# The base image already sets ASPNETCORE_HTTP_PORTS=8080; the config's `Urls` wins when it has one.
EXPOSE 8080 9901

# Unprivileged by default (proxy only); failover needs `--user 0` plus capabilities, see above.
USER $APP_UID

# Built-in check (the image has no curl): GET /healthz on the first Admin:Urls address of the config.
HEALTHCHECK --interval=15s --timeout=5s --start-period=20s --retries=3 \
    CMD ["/app/L7Gate", "--healthcheck", "--config", "/etc/l7gate/appsettings.json"]

ENTRYPOINT ["/app/L7Gate"]
CMD ["--config", "/etc/l7gate/appsettings.json"]
