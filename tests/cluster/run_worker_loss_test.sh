#!/usr/bin/env bash
# A cluster that loses a worker: a sweep on a Spark standalone cluster of one master and two workers
# (one core each, loopback only) through spark-submit and the shaded jar. Once both workers' executors
# have run tasks and the first batch is committed, a worker with a task in flight is killed (kill -9 of
# the Worker JVM and of its executor JVM, whose cached results and shuffle files go with it); Spark re-runs
# the lost work on the other worker, the sweep must finish, and its tables must equal those of a local
# run of the same config row for row. Fails if the kill landed after the sweep had
# finished, or if Spark re-ran nothing. Always stops the cluster. Usage: tests/cluster/run_worker_loss_test.sh
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$ROOT"
VENV="$ROOT/.venv"
JAR="$ROOT/jobs/target/dam-jobs-spark-4_2.13-0.1.0.jar"
CONF="$ROOT/tests/cluster/worker-loss.conf"
POINTS=12 TRIALS=40 BATCHES=3   # the grid of worker-loss.conf: 12 points in batches of 4, 40 trials each
LIMIT="${DAM_CLUSTER_TEST_TIMEOUT:-300}"   # seconds per step

if [ ! -x "$VENV/bin/spark-submit" ] || ! "$VENV/bin/python" -c "import pyarrow" 2>/dev/null; then
  echo "installing pyspark==4.2.0 and pyarrow into $VENV"
  [ -x "$VENV/bin/python" ] || python3 -m venv "$VENV"
  "$VENV/bin/pip" install -q pyspark==4.2.0 pyarrow
fi
if [ ! -f "$JAR" ] || [ ! -f "$ROOT/jobs/target/classpath.txt" ]; then
  echo "building the jobs jars"
  mvn -B -q -o -pl jobs -am package -DskipTests
fi

WORK="$(mktemp -d /tmp/dam-worker-loss.XXXXXX)"
export SPARK_LOCAL_IP=127.0.0.1 SPARK_LOCAL_HOSTNAME=localhost SPARK_LOG_DIR="$WORK/logs"
export SPARK_HOME="$("$VENV/bin/python" -c 'import os, pyspark; print(os.path.dirname(pyspark.__file__))')"
mkdir -p "$WORK/logs" "$WORK/worker1" "$WORK/worker2"
free_port() { "$VENV/bin/python" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
now() { date +%s.%N; }
since() { "$VENV/bin/python" -c "import sys; print(f'{float(sys.argv[2]) - float(sys.argv[1]):.1f}')" "$1" "$(now)"; }
PORT="$(free_port)"; UI="$(free_port)"
MASTER_PID=""; WORKER_PID=("" "" ""); SUBMIT_PID=""

# The executor JVMs a worker launched: their working directory lies in that worker's work dir.
executors_of() {
  local pid
  for pid in $(pgrep -f CoarseGrainedExecutorBackend || true); do
    case "$(readlink "/proc/$pid/cwd" 2>/dev/null)" in "$WORK/worker$1"/*) echo "$pid" ;; esac
  done
}

stop_cluster() {
  local pids="$SUBMIT_PID $(executors_of 1) $(executors_of 2) ${WORKER_PID[1]} ${WORKER_PID[2]} $MASTER_PID"
  for pid in $pids; do kill "$pid" 2>/dev/null || true; done
  for pid in $pids; do
    for _ in $(seq 1 20); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    kill -9 "$pid" 2>/dev/null || true
  done
  echo "cluster stopped; logs in $WORK/logs, executor logs in $WORK/worker*/"
}
trap stop_cluster EXIT
fail() { echo "FAIL: $*"; exit 1; }

START_ALL="$(now)"
"$SPARK_HOME/bin/spark-class" org.apache.spark.deploy.master.Master --host 127.0.0.1 --port "$PORT" \
  --webui-port "$UI" > "$WORK/logs/master.out" 2>&1 &
MASTER_PID=$!
for _ in $(seq 1 60); do grep -q "I have been elected leader" "$WORK/logs/master.out" 2>/dev/null && break; sleep 1; done
grep -q "I have been elected leader" "$WORK/logs/master.out" || fail "master did not start"
declare -a WPORT
for i in 1 2; do
  WPORT[i]="$(free_port)"
  "$SPARK_HOME/bin/spark-class" org.apache.spark.deploy.worker.Worker "spark://127.0.0.1:$PORT" --host 127.0.0.1 \
    --port "${WPORT[i]}" --cores 1 --memory 1g --webui-port "$(free_port)" --work-dir "$WORK/worker$i" \
    > "$WORK/logs/worker$i.out" 2>&1 &
  WORKER_PID[i]=$!
done
for i in 1 2; do
  for _ in $(seq 1 60); do grep -q "Successfully registered with master" "$WORK/logs/worker$i.out" 2>/dev/null && break; sleep 1; done
  grep -q "Successfully registered with master" "$WORK/logs/worker$i.out" || fail "worker $i did not register"
done
echo "cluster up: spark://127.0.0.1:$PORT, workers on ports ${WPORT[1]} and ${WPORT[2]}, one core each"

START="$(now)"
timeout "$LIMIT" "$SPARK_HOME/bin/spark-submit" --class dam.jobs.SweepApp --master "spark://127.0.0.1:$PORT" \
  --conf spark.driver.host=127.0.0.1 --conf spark.driver.bindAddress=127.0.0.1 \
  --driver-java-options "-Dlog4j2.configurationFile=file:$ROOT/tests/cluster/log4j2-scheduler.properties" \
  --executor-memory 768m "$JAR" "$CONF" --output "$WORK/cluster" --no-report > "$WORK/cluster.out" 2> "$WORK/cluster.err" &
SUBMIT_PID=$!

# TIDs an executor has started and not (yet) finished, from its log (Spark's default INFO logging).
executor_log() { { ls "$WORK/worker$1"/app-*/*/stderr 2>/dev/null || true; } | head -1; }
tids() { grep -o "$2 task [0-9.]* in stage [0-9.]* (TID [0-9]*)" "$1" 2>/dev/null | grep -o 'TID [0-9]*' | sort -u; }
in_flight() { local log; log="$(executor_log "$1")"; [ -n "$log" ] || return 0; comm -23 <(tids "$log" Running) <(tids "$log" Finished); }
ran_tasks() { local log; log="$(executor_log "$1")"; [ -n "$log" ] && grep -q "Running task" "$log"; }
# Blocks rdd_X_Y of the sweep's persisted results that an executor holds now (stored, RDD X not yet removed).
cached() {
  local log; log="$(executor_log "$1")"; [ -n "$log" ] || return 0
  local removed; removed="$(grep -o 'Removing RDD [0-9]*' "$log" | awk '{print "rdd_" $3 "_"}' | sort -u)"
  grep -o 'Block rdd_[0-9]*_[0-9]* stored' "$log" | awk '{print $2}' | sort -u \
    | { if [ -n "$removed" ]; then grep -v -F -f <(echo "$removed") || true; else cat; fi; }
}

VICTIM=""; DEADLINE=$(( $(date +%s) + LIMIT ))
while [ -z "$VICTIM" ]; do
  kill -0 "$SUBMIT_PID" 2>/dev/null || fail "the sweep ended before a worker could be killed while running a task"
  [ "$(date +%s)" -lt "$DEADLINE" ] || fail "no task was seen in flight on a worker within $LIMIT s"
  COMMITTED="$({ ls "$WORK/cluster/_progress/"batch-*.json 2>/dev/null || true; } | wc -l)"
  if ran_tasks 1 && ran_tasks 2 && [ "$COMMITTED" -ge 1 ]; then   # both workers work for a sweep under way
    for i in 1 2; do   # the victim runs a task and holds simulated trials that later tasks of the batch need
      FLIGHT="$(in_flight "$i")"
      HELD="$(cached "$i")"
      if [ -n "$FLIGHT" ] && [ -n "$HELD" ]; then VICTIM=$i; break; fi
    done
  fi
  [ -n "$VICTIM" ] || sleep 0.05
done
EXECUTOR="$(executors_of "$VICTIM")"
[ -n "$EXECUTOR" ] || fail "no executor JVM found under $WORK/worker$VICTIM"
kill -9 "${WORKER_PID[VICTIM]}" $EXECUTOR
KILLED_AT="$(since "$START")"
COMMITTED_AT_KILL="$({ ls "$WORK/cluster/_progress/"batch-*.json 2>/dev/null || true; } | wc -l)"
kill -0 "$SUBMIT_PID" 2>/dev/null || fail "the kill landed after the sweep had finished"
[ "$COMMITTED_AT_KILL" -lt "$BATCHES" ] || fail "the kill landed after all $BATCHES batches were committed"
echo "killed worker $VICTIM (Worker JVM ${WORKER_PID[VICTIM]}, executor JVM $EXECUTOR) at $KILLED_AT s into the sweep," \
  "with $(echo "$FLIGHT" | wc -l) task(s) in flight on it ($(echo $FLIGHT)) and $(echo "$HELD" | wc -l) cached" \
  "partition(s) of simulated trials; $COMMITTED_AT_KILL of $BATCHES batches committed"
SURVIVOR=$(( 3 - VICTIM ))
WORKER_PID[VICTIM]=""

set +e
wait "$SUBMIT_PID"; RC=$?
set -e
SUBMIT_PID=""
[ "$RC" -eq 0 ] || { tail -20 "$WORK/cluster.err"; fail "spark-submit exited $RC after the worker loss"; }
echo "cluster sweep: $(since "$START") s in all, finished on the surviving worker"
tail -1 "$WORK/cluster.out"
grep -q "Registering app dam-sweep" "$WORK/logs/master.out" || fail "the sweep did not run on the cluster"
grep -q "Lost executor" "$WORK/cluster.err" || fail "the driver never lost an executor"
# A task running on the lost executor: "... failed because while it was being computed, its executor exited ..."
# (Spark does not count it towards spark.task.maxFailures), or "Lost task ... ExecutorLostFailure".
LOST="$(grep -c "its executor exited\|Lost task .*ExecutorLostFailure" "$WORK/cluster.err" || true)"
RESUBMITTED="$(grep -c "Resubmitting\|Resubmitted" "$WORK/cluster.err" || true)"
STARTED="$(grep -c "Starting task" "$WORK/cluster.err" || true)"
# Cached partitions of the victim that the survivor computed again (no block is computed twice otherwise).
RECOMPUTED="$(comm -12 <(echo "$HELD" | sort -u) <(grep -o 'Block rdd_[0-9]*_[0-9]* stored' "$(executor_log "$SURVIVOR")" \
  | awk '{print $2}' | sort -u) | wc -l)"
echo "Spark re-ran the lost work: $LOST task(s) lost with the executor and re-run, $RECOMPUTED lost cached" \
  "partition(s) recomputed by the survivor, $RESUBMITTED stage resubmission(s), $STARTED task launches in all"
[ $(( LOST + RECOMPUTED + RESUBMITTED )) -gt 0 ] || fail "Spark re-ran nothing: the kill did not hit the sweep's work"

OPENS="$(sed -n 's/.*<argLine>\(.*\)<\/argLine>.*/\1/p' "$ROOT/pom.xml")"
LOCAL_START="$(now)"
# shellcheck disable=SC2086
timeout "$LIMIT" java $OPENS -cp "$ROOT/jobs/target/dam-jobs-0.1.0.jar:$(cat "$ROOT/jobs/target/classpath.txt")" \
  dam.jobs.SweepApp "$CONF" --master "local[2]" --output "$WORK/local" > "$WORK/local.out" 2> "$WORK/local.err" \
  || { tail -20 "$WORK/local.err"; fail "local run exited $?"; }
echo "local sweep: $(since "$LOCAL_START") s"

"$VENV/bin/python" "$ROOT/tests/cluster/compare_tables.py" "$WORK/cluster" "$WORK/local" "$POINTS" "$TRIALS"
echo "worker-loss test: $(since "$START_ALL") s in all"
echo "1 passed, 0 failed"
