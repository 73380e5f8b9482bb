"""The standalone-cluster test as a pytest case: tests/cluster/run_cluster_test.sh starts a Spark master
and a worker on 127.0.0.1, submits the shaded jar with spark-submit, compares the tables with a local run
of the same config, and always stops the cluster. Needs java and the built jars (bin/test builds them)."""
import os
import shutil
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SCRIPT = REPO / "tests" / "cluster" / "run_cluster_test.sh"
JAR = REPO / "jobs" / "target" / "dam-jobs-0.1.0-spark.jar"


@pytest.mark.skipif(shutil.which("java") is None, reason="needs java")
def test_sweep_on_a_standalone_cluster_equals_the_local_run():
    if not JAR.is_file():
        pytest.skip("the shaded jar is not built (mvn package)")
    limit = int(os.environ.get("DAM_CLUSTER_TEST_TIMEOUT", "300"))
    run = subprocess.run(["bash", str(SCRIPT)], cwd=REPO, capture_output=True, text=True, timeout=4 * limit)
    assert run.returncode == 0, f"cluster test failed (exit {run.returncode}):\n{run.stdout[-4000:]}\n{run.stderr[-4000:]}"
    assert "1 passed, 0 failed" in run.stdout
