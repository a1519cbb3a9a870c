# syntax=docker/dockerfile:1
#
# Junction's container image: built with the Maven wrapper on a JDK, run on a JRE as a
# non-root user, from the layers of the Spring Boot jar.
#
#   docker build -t junction:0.1.0-SNAPSHOT .
#   docker run --rm -p 8080:8080 --read-only -e JUNCTION_AUTH_HMAC_SECRET=... junction:0.1.0-SNAPSHOT
#
# The image refuses to start without a JWT key (JUNCTION_AUTH_HMAC_SECRET, _PUBLIC_KEYS or
# _JWKS_URIS): a container listens on every interface, so the quick start's ephemeral key
# and its logged 24-hour token are for `java -jar` only.
#
# The runtime base image is pinned by digest (a multi-arch manifest list), so that a
# rebuild runs on the JRE that was tested. To move to a newer JRE, resolve the tag's
# current digest and pass it (or update the default below):
#   docker buildx imagetools inspect eclipse-temurin:17-jre --format '{{json .Manifest.Digest}}'
#   docker build --build-arg JRE_IMAGE=eclipse-temurin:17-jre@sha256:<digest> -t junction .
ARG JRE_IMAGE=eclipse-temurin:17-jre@sha256:13cc28a6cc72a38ce1f00c906be3580c1a3e604b8984d694f369a96742abc93b

FROM eclipse-temurin:17-jdk AS build
WORKDIR /build
COPY mvnw pom.xml ./
COPY .mvn/ .mvn/
COPY src/ src/
# The build guards (formatting, Checkstyle, Error Prone) still run; the tests run in CI.
RUN --mount=type=cache,target=/root/.m2 \
    ./mvnw -B -DskipTests package \
    && cp target/junction-*.jar junction.jar \
    && java -Djarmode=tools -jar junction.jar extract --layers --launcher --destination extracted

FROM ${JRE_IMAGE}
RUN groupadd --system --gid 10001 junction \
    && useradd --system --uid 10001 --gid 10001 --no-create-home --home-dir /nonexistent \
        --shell /usr/sbin/nologin junction
WORKDIR /app
# Least to most often changed, so that a code change rebuilds only the last layer.
COPY --from=build /build/extracted/dependencies/ ./
COPY --from=build /build/extracted/spring-boot-loader/ ./
COPY --from=build /build/extracted/snapshot-dependencies/ ./
COPY --from=build /build/extracted/application/ ./
# The only place the process writes (Netty's native libraries, JVM perf data), so that the
# root filesystem can be read-only.
VOLUME /tmp
ENV JUNCTION_AUTH_REQUIRE_CONFIGURED_KEY=true
USER 10001:10001
EXPOSE 8080
# Heap from the container's memory limit, leaving 40% for direct buffers (large frames on
# their way through) and the JVM itself; an OutOfMemoryError ends the process, so that
# Kubernetes restarts it, instead of leaving a half-working relay. More flags (for example
# -XX:MaxDirectMemorySize): JAVA_TOOL_OPTIONS.
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=60", "-XX:+ExitOnOutOfMemoryError", "-Djava.io.tmpdir=/tmp", "org.springframework.boot.loader.launch.JarLauncher"]
