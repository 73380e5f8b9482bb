# Shared by bin/dam and bin/test: install the toolchain if missing, build when stale, JVM options.
# shellcheck shell=bash
DAM_VERSION=0.1.0
DAM_JAR="$ROOT/jobs/target/dam-jobs-$DAM_VERSION.jar"
DAM_CP_FILE="$ROOT/jobs/target/classpath.txt"
# The JVM's class-data archive of dam's start (ensure_class_archive), one per java binary: a JVM cannot use another's.
DAM_JSA="${DAM_JSA:-$ROOT/jobs/target/dam-start-$(readlink -f "$(command -v java 2>/dev/null || echo none)" | cksum | cut -d' ' -f1).jsa}"

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
    (cd "$ROOT" && dam_mvn -DskipTests package)
  fi
}

# A class-data-sharing archive of the classes a start loads (config, Hadoop's file system, the kernels, the theory):
# written once per build by a --dry-run of the demo (which writes nothing; about 6 s, without a word, so that the
# first run's stderr holds only its own lines), it saves the JVM about 0.6 s of class loading at every start of
# bin/dam. A failure only leaves it out.
ensure_class_archive() {
  if [ "$DAM_JSA" -nt "$DAM_JAR" ] || [ "$DAM_JSA.failed" -nt "$DAM_JAR" ]; then
    return # made after the last build (or failed then: not again until the next)
  fi
  local tmp dir
  tmp="$DAM_JSA.$$.tmp"
  dir="$(mktemp -d)"
  rm -f "$(dirname "$DAM_JSA")"/dam-start-*.jsa "$DAM_JSA.failed"
  if (cd "$dir" && java $(dam_java_opts) -XX:ArchiveClassesAtExit="$tmp" -cp "$(dam_classpath)" dam.jobs.cli.Dam \
        sweep "$ROOT/conf/demo.conf" --dry-run >/dev/null 2>&1) && [ -s "$tmp" ]; then
    mv -f "$tmp" "$DAM_JSA"
  else
    touch "$DAM_JSA.failed"
  fi
  rm -rf "$tmp" "$dir"
}

# mvn -B -q with its output kept back unless it fails (Maven writes terminal resets even when quiet).
dam_mvn() {
  local out status=0
  out="$(mktemp)"
  mvn -B -q "$@" >"$out" 2>&1 || status=$?
  if [ "$status" != 0 ]; then
    cat "$out" >&2
  fi
  rm -f "$out"
  return "$status"
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
  if [ "$DAM_JSA" -nt "$DAM_JAR" ]; then
    # Its own warnings off: an archive the JVM cannot use (another class path) is skipped without a word.
    opts="$opts -XX:SharedArchiveFile=$DAM_JSA -Xlog:cds*=off"
  fi
  if [ -f "$ROOT/conf/log4j2.properties" ]; then
    # dam's own file (quiet Spark; --verbose louder); a -Dlog4j2.configurationFile in DAM_JAVA_OPTS comes later and wins.
    opts="$opts -Dlog4j2.configurationFile=$ROOT/conf/log4j2.properties -Ddam.log4j2.default=$ROOT/conf/log4j2.properties"
  fi
  # Whether stderr is a terminal (the JVM sees a pipe: dam_stderr_filter): the progress line then updates in place.
  if [ -t 2 ]; then opts="$opts -Ddam.stderr.terminal=true"; else opts="$opts -Ddam.stderr.terminal=false"; fi
  echo "$opts ${DAM_JAVA_OPTS:-}"
}

# The one line the JVM prints at every start with --add-modules=jdk.incubator.vector (see dam_java_opts).
DAM_INCUBATOR_WARNING="WARNING: Using incubator modules: jdk.incubator.vector"

# Copies stdin to stderr without the lines equal to DAM_INCUBATOR_WARNING, byte for byte otherwise: any bytes (NUL,
# invalid UTF-8), a last line without its newline kept without one. Bytes are passed on as they arrive, a line's
# start too (only a start that may still become the warning waits for more), so that a progress line that updates
# in place with a carriage return shows at once. It ignores SIGINT and SIGTERM, so that the lines a JVM prints while
# it stops on Ctrl-C or kill still get through; it ends when the JVM closes its stderr.
dam_stderr_filter() {
  trap '' INT TERM
  LC_ALL=C perl -e '
    my $w = shift; my $wl = "$w\n"; my ($buf, $mid) = ("", 0);
    binmode STDIN; binmode STDERR; select STDERR; $| = 1;
    while (sysread(STDIN, my $chunk, 65536)) {
      $buf .= $chunk;
      while (length $buf) {
        my $nl = index($buf, "\n");
        if ($mid) {                          # the rest of a line whose start is already out
          if ($nl < 0) { print $buf; $buf = ""; last }
          print substr($buf, 0, $nl + 1, ""); $mid = 0; next;
        }
        if ($nl < 0) {                       # a line begun: wait only while it may become the warning
          last if index($w, $buf) == 0;
          print $buf; $buf = ""; $mid = 1; last;
        }
        my $line = substr($buf, 0, $nl + 1, "");
        print $line unless $line eq $wl;
      }
    }
    print $buf unless $mid == 0 && $buf eq $w;
  ' "$DAM_INCUBATOR_WARNING" || true
}

# The Python of the project's .venv (bin/setup-python creates it and installs requirements.txt there when it is
# missing or stale); never the system Python, into which nothing is ever installed.
dam_python() {
  if [ -x "$ROOT/.venv/bin/python" ] && "$ROOT/.venv/bin/python" -c 'import numpy' 2>/dev/null; then
    echo "$ROOT/.venv/bin/python"
  else
    "$ROOT/bin/setup-python" | tail -n 1
  fi
}
