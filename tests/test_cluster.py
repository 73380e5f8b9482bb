"""The standalone-cluster test of the default Spark as a pytest case: tests/cluster/run_worker_loss_test.sh starts a
Spark master and two workers of the pinned pyspark (.venv) on 127.0.0.1, submits the shaded jar with spark-submit,
kills one worker (its Worker JVM and its executor) while the sweep runs, and compares the tables with a local run
of the same config; it always stops its cluster. Needs java and the built jars (bin/test builds them).

tests/cluster/run_cluster_test.sh (one worker, no kill) runs in bin/test through bin/test-targets, for every
target's jar on its own Spark (tests/cluster/run_targets_test.sh); on the pinned Spark its check, spark-submit to a
standalone cluster whose tables equal a local run's, is the worker-loss test's with nothing killed, so it is not
run a second time here (it took 82 s of the 350 s of these tests)."""
import os
import shutil
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
CLUSTER = REPO / "tests" / "cluster"
JAR = REPO / "jobs" / "target" / "dam-jobs-spark-4_2.13-0.1.0.jar"


def run_script(name):
    if not JAR.is_file():
        pytest.skip("the shaded jar is not built (mvn package)")
    limit = int(os.environ.get("DAM_CLUSTER_TEST_TIMEOUT", "300"))
    run = subprocess.run(["bash", str(CLUSTER / name)], cwd=REPO, capture_output=True, text=True, timeout=4 * limit)
    assert run.returncode == 0, f"{name} failed (exit {run.returncode}):\n{run.stdout[-4000:]}\n{run.stderr[-4000:]}"
    assert "1 passed, 0 failed" in run.stdout
    return run.stdout


@pytest.mark.skipif(shutil.which("java") is None, reason="needs java")
def test_sweep_that_loses_a_worker_finishes_on_the_other_and_equals_the_local_run():
    out = run_script("run_worker_loss_test.sh")
    assert "killed worker" in out and "re-ran the lost work" in out and "tables equal" in out
    print(out)  # when the kill landed, what Spark re-ran, the times (pytest -s shows it)
