#!/usr/bin/env bash
# One command for the benchmark suite: builds the jar and the test class path, installs the
# Node ws and Bun peers when npm is there, then runs BenchSuite, which starts every server
# pinned to CPU 0 and the generator pinned to CPU 1 and writes the tables.
#
#   src/test/bench/bench.sh                                   # everything, 3 rounds
#   src/test/bench/bench.sh --scenarios=s2 --servers=junction,bare,socat
#   src/test/bench/bench.sh --quick                           # seconds, tiny sizes
#   BENCH_JAVA_OPTS=-Dbench.base-jar=/tmp/base.jar src/test/bench/bench.sh --scenarios=s1 \
#       --servers=junction-base,junction                      # a change against an earlier jar
#
# Arguments go to BenchSuite (see its class comment): rounds, seconds, step-seconds,
# scenarios (s1,s2,s3,s4,s5), servers (junction,bare,ws,bun,socat), out
# (target/bench/results.md), quick. Needs taskset (util-linux) and, for the peers, node,
# npm and socat (apt-get install socat).
#
#   src/test/bench/bench.sh abuse-soak --minutes=10          # memory under abuse (AbuseSoak)
set -euo pipefail
cd "$(dirname "$0")/../../.."
./mvnw -B -q -DskipTests package
./mvnw -B -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-cp.txt
if [ "${1:-}" = "abuse-soak" ]; then
	shift
	exec java -cp "target/test-classes:$(cat target/bench-cp.txt)" dev.junction.bench.AbuseSoak "$@"
fi
if command -v npm > /dev/null && [ ! -d src/test/bench/peers/node_modules ]; then
	npm ci --prefix src/test/bench/peers --no-audit --no-fund
fi
exec java ${BENCH_JAVA_OPTS:-} -cp "target/test-classes:$(cat target/bench-cp.txt)" dev.junction.bench.BenchSuite "$@"
