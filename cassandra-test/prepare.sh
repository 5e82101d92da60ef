#!/usr/bin/env bash
# Resolves the runtime classpath of Apache Cassandra (cassandra-all, from Maven Central) into
# target/cassandra-classpath.txt, for the tests that start a real Cassandra node (RealCassandra).
# Idempotent: does nothing when the file is newer than cassandra-test/pom.xml and every jar it lists is present.
set -euo pipefail
cd "$(dirname "$0")/.."

file=target/cassandra-classpath.txt
if [ -s "$file" ] && [ "$file" -nt cassandra-test/pom.xml ]; then
  missing=0
  IFS=: read -r -a jars < "$file" || true  # the file has no final newline
  for jar in "${jars[@]}"; do
    [ -f "$jar" ] || { missing=1; break; }
  done
  if [ "$missing" = 0 ]; then
    echo "cassandra classpath: $file is up to date (${#jars[@]} jars)"
    exit 0
  fi
fi

mkdir -p target
rm -f "$file"
./mvnw -B -ntp -q -f cassandra-test/pom.xml dependency:build-classpath
IFS=: read -r -a jars < "$file" || true  # the file has no final newline
echo "cassandra classpath: $file written (${#jars[@]} jars)"
