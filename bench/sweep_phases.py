"""Where a sweep's time goes, from its Spark event log.

Usage: python bench/sweep_phases.py EVENT_LOG [WALL_SECONDS]
Write the log with  bin/dam sweep CONFIG --conf spark.eventLog.enabled=true
  --conf spark.eventLog.dir=file:///tmp/ev --conf spark.eventLog.compress=false  (under /usr/bin/time for the wall).
Prints the phases (Spark start to the first job, the batches, basins/, the summary and report, stop) and the task
seconds per kind of job; with WALL_SECONDS, also the time outside the Spark application (JVM start, config, output
directory, shutdown). Job kinds come from the job descriptions SweepDriver sets.
"""
import json
import sys
from collections import defaultdict


def kind(description):
    d = description
    for needle, name in [("solve the theory", "solve theory"), ("simulate", "simulate"), ("to trials/", "write trials/"),
                         ("to theory/", "write theory/"), ("to grid/", "write grid/"), ("summarise", "summarise"),
                         ("bisection", "basins theory"), ("basins/", "basins write")]:
        if needle in d:
            return name
    return "summary and report reads"


def main(path, wall=None):
    jobs, stage_job, task = {}, {}, defaultdict(float)
    app_start = app_end = None
    for line in open(path):
        e = json.loads(line)
        ev = e["Event"]
        if ev == "SparkListenerApplicationStart":
            app_start = e["Timestamp"]
        elif ev == "SparkListenerApplicationEnd":
            app_end = e["Timestamp"]
        elif ev == "SparkListenerJobStart":
            jobs[e["Job ID"]] = [e["Submission Time"], None, e.get("Properties", {}).get("spark.job.description") or ""]
            for s in e["Stage IDs"]:
                stage_job[s] = e["Job ID"]
        elif ev == "SparkListenerJobEnd":
            jobs[e["Job ID"]][1] = e["Completion Time"]
        elif ev == "SparkListenerTaskEnd":
            info = e["Task Info"]
            task[stage_job.get(e["Stage ID"])] += info["Finish Time"] - info["Launch Time"]
    ordered = sorted(jobs.items())
    first = ordered[0][1][0]
    batches_end = max(end for _, (_, end, d) in ordered if d.startswith("batch"))
    basins_end = max((end for _, (_, end, d) in ordered if d.startswith("basins")), default=batches_end)
    last = ordered[-1][1][1]
    end = app_end or last
    print(f"Spark application {(end - app_start) / 1e3:.1f} s: start to first job {(first - app_start) / 1e3:.1f}, "
          f"batches {(batches_end - first) / 1e3:.1f}, basins/ {(basins_end - batches_end) / 1e3:.1f}, "
          f"summary and report {(last - basins_end) / 1e3:.1f}, stop {(end - last) / 1e3:.1f}; {len(ordered)} Spark jobs")
    if wall is not None:
        print(f"outside the Spark application (JVM start, config, output directory, exit): "
              f"{wall - (end - app_start) / 1e3:.1f} s of {wall:.1f} s wall")
    kinds = defaultdict(lambda: [0, 0.0])
    for j, (_, _, d) in ordered:
        kinds[kind(d)][0] += 1
        kinds[kind(d)][1] += task[j] / 1e3
    for name, (count, seconds) in sorted(kinds.items(), key=lambda kv: -kv[1][1]):
        print(f"  {name:26s} {count:3d} jobs {seconds:7.1f} task seconds")


if __name__ == "__main__":
    main(sys.argv[1], float(sys.argv[2]) if len(sys.argv) > 2 else None)
