# One image for every pipeline component: `docker run pricestream:local <verb>` runs `pricestream <verb>`
# (streams, sink, cdc, scrape, db migrate, csp-sim, ...). docker-compose.yml starts one service per verb.

# --- build ------------------------------------------------------------------------------------------------
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src

# Dependencies first, from the poms alone, so a source change does not download them again. Every module of
# the root pom.xml must be copied, or the reactor does not load (DockerfileTest checks it); only cli and the
# modules it depends on are built (-pl cli -am), and our own modules are built, not fetched.
COPY pom.xml ./
COPY schemas/pom.xml schemas/
COPY local-stack/pom.xml local-stack/
COPY connect/pom.xml connect/
COPY csp-sim/pom.xml csp-sim/
COPY scrapers/pom.xml scrapers/
COPY streams-app/pom.xml streams-app/
COPY cli/pom.xml cli/
COPY bench/pom.xml bench/
RUN mvn -B -q -pl cli -am org.apache.maven.plugins:maven-dependency-plugin:3.9.0:go-offline -DexcludeGroupIds=io.pricestream

COPY schemas/src schemas/src
COPY local-stack/src local-stack/src
COPY connect/src connect/src
COPY csp-sim/src csp-sim/src
COPY scrapers/src scrapers/src
COPY streams-app/src streams-app/src
COPY cli/src cli/src
# Tests run in CI (mvn verify), not in the image build: they need sockets, time and a lot of memory.
RUN mvn -B -q -pl cli -am -DskipTests package

# --- runtime ----------------------------------------------------------------------------------------------
FROM eclipse-temurin:17-jre

# A system user without a login shell; /var/lib/pricestream holds the only state (Kafka Streams' state dir)
# and is created here so a named volume mounted on it inherits the ownership.
RUN groupadd --system pricestream \
    && useradd --system --gid pricestream --home-dir /var/lib/pricestream --shell /usr/sbin/nologin pricestream \
    && mkdir -p /app /var/lib/pricestream/streams \
    && chown -R pricestream:pricestream /var/lib/pricestream

COPY --from=build /src/cli/target/pricestream.jar /app/pricestream.jar

USER pricestream
WORKDIR /var/lib/pricestream
ENV HOME=/var/lib/pricestream

# No HEALTHCHECK: the same image runs one-shot verbs (db migrate, scrape) and long-running ones, and the
# components expose no health endpoint yet; docker-compose.yml declares health where there is one to check.
ENTRYPOINT ["java", "-jar", "/app/pricestream.jar"]
CMD ["--help"]
