#!/usr/bin/env bash
# JWT identity cost per request (JMH, one thread): RS256 and ES256 verification against a JWKS file, a token
# verified before (cache hit), a provider key recognised as no token, and the key fingerprint every request
# already pays (baseline, same run).
#   bench/jwt.sh                      # about 1.5 minutes
#   bench/jwt.sh -wi 2 -w 1 -i 3 -r 1 # shorter; any JMH arguments
# Results: target/jmh-jwt.json and the table JMH prints (µs/op).
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -DskipTests test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.cp -Dmdep.includeScope=test >/dev/null
java -Djmh.ignoreLock=true -cp "target/test-classes:target/classes:$(cat target/bench.cp)" \
  org.openjdk.jmh.Main JwtVerifierBenchmark -rf json -rff target/jmh-jwt.json "$@"
