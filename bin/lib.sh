# Shared by bin/dam and bin/test: install the toolchain if missing, build when stale, JVM options.
# shellcheck shell=bash
DAM_VERSION=0.1.0
DAM_JAR="$ROOT/jobs/target/dam-jobs-$DAM_VERSION.jar"
DAM_CP_FILE="$ROOT/jobs/target/classpath.txt"

log() { echo "[dam] $*" >&2; }

# Java 17 and Maven from Debian's packages when the machine lacks them.
ensure_toolchain() {
  if ! command -v java >/dev/null 2>&1 || ! command -v mvn >/dev/null 2>&1; then
    log "installing openjdk-17 and maven (apt-get)"
    apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq openjdk-17-jdk-headless maven >&2
  fi
}

# Builds the jars of the default Spark target (spark-4_2.13) when they are missing or older than any source or pom.
ensure_build() {
  ensure_toolchain
  local stale=0
  if [ ! -f "$DAM_JAR" ] || [ ! -f "$DAM_CP_FILE" ]; then
    stale=1
  elif [ -n "$(find "$ROOT/pom.xml" "$ROOT/core/pom.xml" "$ROOT/jobs/pom.xml" "$ROOT/core/src/main" "$ROOT/jobs/src/main" "$ROOT/jobs/src/spark-4_2.13" -newer "$DAM_JAR" -type f 2>/dev/null | head -n 1)" ]; then
    stale=1
  fi
  if [ "$stale" = 1 ]; then
    log "building (mvn package -DskipTests), once"
    (cd "$ROOT" && mvn -B -q -DskipTests package >&2)
  fi
}

dam_classpath() {
  echo "$DAM_JAR:$(cat "$DAM_CP_FILE")"
}

# Spark 4 on Java 17 needs these opens; the log4j2 config keeps Spark quiet. The Vector API module gives the
# simulation kernels their SIMD lanes (dam.core.sim.Lanes; -Ddam.lanes=scalar in DAM_JAVA_OPTS turns them off).
dam_java_opts() {
  local opts="-Djava.awt.headless=true --add-modules=jdk.incubator.vector"
  for p in java.lang java.lang.invoke java.lang.reflect java.io java.net java.nio java.util \
           java.util.concurrent java.util.concurrent.atomic sun.nio.ch sun.nio.cs sun.security.action sun.util.calendar; do
    opts="$opts --add-opens=java.base/$p=ALL-UNNAMED"
  done
  opts="$opts -Djdk.reflect.useDirectMethodHandle=false -Dio.netty.tryReflectionSetAccessible=true"
  if [ -f "$ROOT/conf/log4j2.properties" ]; then
    opts="$opts -Dlog4j2.configurationFile=$ROOT/conf/log4j2.properties"
  fi
  echo "$opts ${DAM_JAVA_OPTS:-}"
}

# The one line the JVM prints at every start with --add-modules=jdk.incubator.vector (see dam_java_opts).
DAM_INCUBATOR_WARNING="WARNING: Using incubator modules: jdk.incubator.vector"

# Copies stdin to stderr line by line without DAM_INCUBATOR_WARNING (whole-line match, nothing else dropped). It
# ignores SIGINT and SIGTERM, so that the lines a JVM prints while it stops on Ctrl-C or kill still get through;
# it ends when the JVM closes its stderr.
dam_stderr_filter() {
  trap '' INT TERM
  grep --line-buffered -v -x -F -e "$DAM_INCUBATOR_WARNING" >&2 || true
}
