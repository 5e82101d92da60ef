#!/bin/sh
# cassguard check: startup and the time to check 1,000 objects, with hyperfine (apt-get install hyperfine).
# Needs `./mvnw package` first (bin/cassguard runs target/quarkus-app). Results: bench/RESULTS.md.
set -e
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/old" "$work/new"
# 1,000 objects in 10 files of 100 documents: 500 Cassandra StatefulSets (4 -> 3 replicas, allowed) and
# 500 CassandraClusters (an image upgrade 4.0.13 -> 4.1.5, allowed), as a kustomize build of many releases would give.
for file in 0 1 2 3 4 5 6 7 8 9; do
  for side in old new; do
    if [ $side = old ]; then replicas=4; image=cassandra:4.0.13; else replicas=3; image=cassandra:4.1.5; fi
    for i in $(seq 0 49); do
      n=$((file * 50 + i))
      cat <<YAML
---
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: orders-$n-dc1-rack1, namespace: team-$file, labels: {app: cassandra}}
spec:
  replicas: $replicas
  serviceName: orders-$n
  selector: {matchLabels: {app: cassandra}}
  template:
    metadata: {labels: {app: cassandra}}
    spec:
      containers:
        - {name: cassandra, image: cassandra:4.1.5}
---
apiVersion: db.orange.com/v1alpha1
kind: CassandraCluster
metadata: {name: cluster-$n, namespace: team-$file}
spec:
  nodesPerRacks: 3
  cassandraImage: $image
  dataCapacity: 100Gi
  topology:
    dc: [{name: dc1, rack: [{name: rack1}, {name: rack2}, {name: rack3}]}]
YAML
    done > "$work/$side/release-$file.yaml"
  done
done
bin/cassguard check --new "$work/new" --old "$work/old" | tail -1
hyperfine --warmup 2 --runs ${RUNS:-10} --export-markdown "$work/results.md" \
  -n 'startup (cassguard --version)' 'bin/cassguard --version' \
  -n 'check 1 object (rack 3 -> 1, refused)' "bin/cassguard check --new src/test/resources/cli/cassandracluster-rack-3-to-1-refused/new --old src/test/resources/cli/cassandracluster-rack-3-to-1-refused/old || true" \
  -n 'check 1,000 objects' "bin/cassguard check --new $work/new --old $work/old"
cat "$work/results.md"
