#!/usr/bin/env bash
# The jar of each Spark target under spark-submit of its own Spark, against a standalone master and worker of that
# Spark on 127.0.0.1 (tests/cluster/run_cluster_test.sh), each run's tables compared row for row with one local run
# of the same config on the default target; then each jar under a Spark it is not built for, which must refuse to
# run with one line naming the jar to use (exit 2, no stack trace). The Spark distributions:
#   spark-3.5_2.12 jar  on Spark 3.5.9, Scala 2.12: the pyspark 3.5.9 wheel (.venv-spark-3.5.9)
#   spark-3.5_2.13 jar  on Spark 3.5.9, Scala 2.13: no wheel carries it; the Spark jars for Scala 2.13 from Maven
#                       Central (tests/cluster/spark-3.5_2.13/pom.xml) under the pyspark 3.5.9 wheel's bin/ scripts
#   spark-4_2.13 jar    on Spark 4.3.0, the newest 4.x: the pyspark 4.3.0 wheel (.venv-spark-4.3.0); on Spark 4.2.0
#                       (.venv) tests/test_cluster.py runs it on two workers, one killed mid-sweep
# Installs the venvs (bin/setup-python VERSION) and builds the jars that are missing.
# Usage: tests/cluster/run_targets_test.sh [TARGET...]  (from anywhere; TARGET: spark-3.5_2.12, spark-3.5_2.13,
# spark-4_2.13, the jars to test, default all); ends with "targets: N passed, M failed".
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$ROOT"
VERSION=0.1.0
LIMIT="${DAM_CLUSTER_TEST_TIMEOUT:-300}"   # seconds per step
ONLY=" ${*:-spark-3.5_2.12 spark-3.5_2.13 spark-4_2.13} "
chosen() { [[ "$ONLY" == *" $1 "* ]]; }
jar() { echo "$ROOT/jobs/target/dam-jobs-$1-$VERSION.jar"; }
profile() { case "$1" in spark-4_2.13) echo spark-4 ;; *) echo "$1" ;; esac; }

"$ROOT/bin/setup-python" >/dev/null
for v in 3.5.9 4.3.0; do "$ROOT/bin/setup-python" "$v" >/dev/null; done
pyspark_home() { "$ROOT/.venv-spark-$1/bin/python" -c 'import os, pyspark; print(os.path.dirname(pyspark.__file__))'; }
SPARK_35="$(pyspark_home 3.5.9)"
SPARK_43="$(pyspark_home 4.3.0)"
for t in spark-4_2.13 spark-3.5_2.12 spark-3.5_2.13; do
  if [ ! -f "$(jar "$t")" ]; then
    echo "building the $t jar"
    mvn -B -q -P "$(profile "$t")" -pl jobs -am package -DskipTests
  fi
done
[ -f "$ROOT/jobs/target/classpath.txt" ] || mvn -B -q -pl jobs -am package -DskipTests

# Spark 3.5.9 for Scala 2.13: the wheel's scripts, Maven Central's jars (linked, nothing copied).
SPARK_35_213="$ROOT/target/spark-3.5.9_2.13"
if [ ! -f "$SPARK_35_213/RELEASE" ] || [ "$ROOT/tests/cluster/spark-3.5_2.13/pom.xml" -nt "$SPARK_35_213/RELEASE" ]; then
  echo "assembling Spark 3.5.9 for Scala 2.13 in $SPARK_35_213 (Maven Central jars, pyspark 3.5.9 scripts)"
  rm -rf "$SPARK_35_213" && mkdir -p "$SPARK_35_213/jars"
  cp -r "$SPARK_35/bin" "$SPARK_35/sbin" "$SPARK_35_213/"
  mvn -B -q -f "$ROOT/tests/cluster/spark-3.5_2.13/pom.xml" dependency:build-classpath \
    -Dmdep.includeScope=runtime -Dmdep.outputFile="$SPARK_35_213/classpath.txt"
  tr ':' '\n' < "$SPARK_35_213/classpath.txt" | while read -r j || [ -n "$j" ]; do ln -s "$j" "$SPARK_35_213/jars/"; done
  # The same jars as the pyspark 3.5.9 wheel's but for the Scala artifacts, less those of Hive, MLlib, streaming,
  # YARN, Kubernetes, Mesos and the shell (a Java sweep on a standalone cluster uses none of them).
  echo "$(ls "$SPARK_35_213/jars" | wc -l) jars in $SPARK_35_213/jars"
  echo "Spark 3.5.9 (Scala 2.13) from Maven Central jars" > "$SPARK_35_213/RELEASE"
fi

WORK="$(mktemp -d /tmp/dam-targets-test.XXXXXX)"
PASSED=0 FAILED=0
pass() { PASSED=$((PASSED + 1)); echo "ok: $*"; }
fail() { FAILED=$((FAILED + 1)); echo "FAIL: $*"; }

# Each target's jar on its Spark; the first run also makes the reference tables (local, default target).
while read -r target home label; do
  chosen "$target" || continue
  START=$(date +%s)
  if bash "$ROOT/tests/cluster/run_cluster_test.sh" --target "$target" --spark-home "$home" --reference "$WORK/reference" \
      > "$WORK/$target.log" 2>&1; then
    pass "$target jar on $label: tables equal the default target's ($(( $(date +%s) - START )) s)"
  else
    fail "$target jar on $label"
  fi
  grep -E "^(cluster up|cluster sweep|local sweep|tables equal|FAIL)" "$WORK/$target.log" | sed 's/^/    /'
done <<EOF
spark-3.5_2.12 $SPARK_35 Spark-3.5.9/Scala-2.12
spark-3.5_2.13 $SPARK_35_213 Spark-3.5.9/Scala-2.13
spark-4_2.13 $SPARK_43 Spark-4.3.0/Scala-2.13
EOF

# Each jar on a Spark it is not built for: exit 2 and one line "dam: ... use <the right jar>" before Spark starts.
while read -r target home label right; do
  chosen "$target" || continue
  set +e
  SPARK_HOME="$home" SPARK_LOCAL_IP=127.0.0.1 timeout "$LIMIT" "$home/bin/spark-submit" --class dam.jobs.SweepApp \
    --master 'local[1]' --driver-java-options "-Dlog4j2.configurationFile=file:$ROOT/conf/log4j2.properties" \
    "$(jar "$target")" tests/cluster/cluster.conf --output "$WORK/mismatch-$target" \
    > "$WORK/mismatch-$target.out" 2> "$WORK/mismatch-$target.err"
  rc=$?
  set -e
  lines="$(grep -c '^dam: ' "$WORK/mismatch-$target.err" || true)"
  if [ "$rc" = 2 ] && [ "$lines" = 1 ] && grep -q "^dam: dam-jobs-$target-$VERSION.jar is built for .* use dam-jobs-$right-$VERSION.jar" "$WORK/mismatch-$target.err" \
      && ! grep -q "Exception\|Error\|\sat " "$WORK/mismatch-$target.err" && [ ! -e "$WORK/mismatch-$target" ]; then
    pass "$target jar on $label refused in one line: $(grep '^dam: ' "$WORK/mismatch-$target.err")"
  else
    fail "$target jar on $label: exit $rc, stderr:"; tail -5 "$WORK/mismatch-$target.err" | sed 's/^/    /'
  fi
done <<EOF
spark-4_2.13 $SPARK_35 Spark-3.5.9/Scala-2.12 spark-3.5_2.12
spark-3.5_2.12 $SPARK_43 Spark-4.3.0/Scala-2.13 spark-4_2.13
spark-3.5_2.13 $SPARK_35 Spark-3.5.9/Scala-2.12 spark-3.5_2.12
EOF

echo "logs in $WORK"
echo "targets: $PASSED passed, $FAILED failed"
[ "$FAILED" = 0 ]
