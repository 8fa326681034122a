#!/usr/bin/env bash
# Browser-mode targets (issue 7): TLS handshakes through Hush, 2,000 held tunnels and their heap, a 100 MB
# download direct / blind tunnel / intercepted, intercepted chat vs gateway route. One JVM, 127.0.0.1 only.
#   bench/browser-mode.sh                      # defaults: 3 rounds
#   JAVA_OPTS="-Drounds=5 -Dhandshakes=1000" bench/browser-mode.sh
# The heap figure covers the whole JVM (proxy, clients and upstreams), run with -Xmx512m: an upper bound.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -o -DskipTests test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.cp -Dmdep.includeScope=test >/dev/null
java -Xmx512m ${JAVA_OPTS:-} -cp "target/test-classes:target/classes:$(cat target/bench.cp)" dev.hush.bench.BrowserModeBenchmark
