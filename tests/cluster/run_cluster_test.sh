#!/usr/bin/env bash
# Runs a small sweep on a Spark standalone cluster (one master, one worker, loopback only) through
# spark-submit and the shaded jar, and checks that its tables equal those of a local run of the same
# config on the default Spark target. Always stops the cluster.
# Usage: tests/cluster/run_cluster_test.sh [--target NAME] [--spark-home DIR] [--reference DIR]  (from anywhere)
#   --target      the jar: jobs/target/dam-jobs-NAME-0.1.0.jar (default spark-4_2.13, the default target's)
#   --spark-home  the Spark whose master, worker and spark-submit run it (default: .venv's pyspark, Spark 4.2)
#   --reference   the local run's output: reused if an earlier call completed it, else written there (default: a fresh one)
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$ROOT"
VENV="$ROOT/.venv"
TARGET=spark-4_2.13 SPARK_DIR="" REFERENCE=""
while [ $# -gt 0 ]; do
  case "$1" in
    --target) TARGET="$2"; shift 2 ;;
    --spark-home) SPARK_DIR="$2"; shift 2 ;;
    --reference) REFERENCE="$2"; shift 2 ;;
    *) echo "run_cluster_test.sh: unknown option $1" >&2; exit 2 ;;
  esac
done
JAR="$ROOT/jobs/target/dam-jobs-$TARGET-0.1.0.jar"
CONF="$ROOT/tests/cluster/cluster.conf"
LIMIT="${DAM_CLUSTER_TEST_TIMEOUT:-300}"   # seconds per step

if [ ! -x "$VENV/bin/spark-submit" ] || ! "$VENV/bin/python" -c "import pyarrow" 2>/dev/null; then
  echo "installing pyspark==4.2.0 and pyarrow into $VENV"
  [ -x "$VENV/bin/python" ] || python3 -m venv "$VENV"
  "$VENV/bin/pip" install -q pyspark==4.2.0 pyarrow
fi
if [ ! -f "$ROOT/jobs/target/dam-jobs-spark-4_2.13-0.1.0.jar" ] || [ ! -f "$ROOT/jobs/target/classpath.txt" ]; then
  echo "building the jobs jars"
  mvn -B -q -o -pl jobs -am package -DskipTests
fi
[ -f "$JAR" ] || { echo "FAIL: no $JAR (mvn -P <the target's profile> -pl jobs -am package)"; exit 1; }

WORK="$(mktemp -d /tmp/dam-cluster-test.XXXXXX)"
export SPARK_LOCAL_IP=127.0.0.1 SPARK_LOCAL_HOSTNAME=localhost SPARK_LOG_DIR="$WORK/logs" SPARK_WORKER_DIR="$WORK/worker"
if [ -n "$SPARK_DIR" ]; then
  export SPARK_HOME="$SPARK_DIR"
else
  export SPARK_HOME="$("$VENV/bin/python" -c 'import os, pyspark; print(os.path.dirname(pyspark.__file__))')"
fi
mkdir -p "$SPARK_LOG_DIR" "$SPARK_WORKER_DIR"
free_port() { "$VENV/bin/python" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
PORT="$(free_port)"; UI="$(free_port)"; WUI="$(free_port)"
MASTER_PID=""; WORKER_PID=""

stop_cluster() {
  for pid in $WORKER_PID $MASTER_PID; do
    kill "$pid" 2>/dev/null || true
  done
  for pid in $WORKER_PID $MASTER_PID; do
    for _ in $(seq 1 20); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    kill -9 "$pid" 2>/dev/null || true
  done
  echo "cluster stopped; logs in $WORK/logs"
}
trap stop_cluster EXIT

"$SPARK_HOME/bin/spark-class" org.apache.spark.deploy.master.Master --host 127.0.0.1 --port "$PORT" \
  --webui-port "$UI" > "$WORK/logs/master.out" 2>&1 &
MASTER_PID=$!
for _ in $(seq 1 60); do
  grep -q "I have been elected leader" "$WORK/logs/master.out" 2>/dev/null && break; sleep 1
done
grep -q "I have been elected leader" "$WORK/logs/master.out" || { echo "FAIL: master did not start"; exit 1; }
"$SPARK_HOME/bin/spark-class" org.apache.spark.deploy.worker.Worker "spark://127.0.0.1:$PORT" --host 127.0.0.1 \
  --cores 2 --memory 2g --webui-port "$WUI" --work-dir "$SPARK_WORKER_DIR" > "$WORK/logs/worker.out" 2>&1 &
WORKER_PID=$!
for _ in $(seq 1 60); do
  grep -q "Successfully registered with master" "$WORK/logs/worker.out" 2>/dev/null && break; sleep 1
done
grep -q "Successfully registered with master" "$WORK/logs/worker.out" || { echo "FAIL: worker did not register"; exit 1; }
echo "cluster up: spark://127.0.0.1:$PORT ($(sed -n 's/.*Running Spark version \([^ ]*\).*/Spark \1/p' "$WORK/logs/master.out" | head -1), $TARGET jar)"

START=$(date +%s)
timeout "$LIMIT" "$SPARK_HOME/bin/spark-submit" --class dam.jobs.SweepApp --master "spark://127.0.0.1:$PORT" \
  --conf spark.driver.host=127.0.0.1 --conf spark.driver.bindAddress=127.0.0.1 \
  --driver-java-options "-Dlog4j2.configurationFile=file:$ROOT/conf/log4j2.properties --add-modules=jdk.incubator.vector" \
  --executor-memory 1g "$JAR" "$CONF" --output "$WORK/cluster" > "$WORK/cluster.out" 2> "$WORK/cluster.err" \
  || { echo "FAIL: spark-submit exited $?"; tail -20 "$WORK/cluster.err"; exit 1; }
echo "cluster sweep: $(( $(date +%s) - START )) s"
grep -q "Registering app dam-sweep" "$WORK/logs/master.out" || { echo "FAIL: the sweep did not run on the cluster"; exit 1; }
tail -1 "$WORK/cluster.out"

LOCAL="${REFERENCE:-$WORK/local}"
if [ -f "$LOCAL.complete" ]; then
  echo "local sweep: the reference in $LOCAL"
else
  OPENS="$(sed -n 's/.*<argLine>\(.*\)<\/argLine>.*/\1/p' "$ROOT/pom.xml")"
  START=$(date +%s)
  # shellcheck disable=SC2086
  timeout "$LIMIT" java $OPENS -cp "$ROOT/jobs/target/dam-jobs-0.1.0.jar:$(cat "$ROOT/jobs/target/classpath.txt")" \
    dam.jobs.SweepApp "$CONF" --master "local[2]" --output "$LOCAL" > "$WORK/local.out" 2> "$WORK/local.err" \
    || { echo "FAIL: local run exited $?"; tail -20 "$WORK/local.err"; exit 1; }
  touch "$LOCAL.complete"
  echo "local sweep: $(( $(date +%s) - START )) s"
fi

# 2 n x 1 N x 2 alpha x 3 m0 = 12 grid points, 20 trials each.
"$VENV/bin/python" "$ROOT/tests/cluster/compare_tables.py" "$WORK/cluster" "$LOCAL" 12 20
echo "1 passed, 0 failed"
