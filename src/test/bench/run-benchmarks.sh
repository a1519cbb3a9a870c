#!/usr/bin/env bash
# Runs S1, S2, S3 and S5 against Junction and BareRelay, interleaved, server on CPU 0 and the
# generator on CPU 1. Prints one result line per run. Usage (from the repository root):
#   ./mvnw -q -DskipTests package
#   ./mvnw -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-cp.txt
#   src/test/bench/run-benchmarks.sh [rounds] [seconds]
set -euo pipefail
ROUNDS=${1:-2}
SECONDS_PER_RUN=${2:-10}
SECRET=bench-secret-that-is-at-least-32-bytes-long
JAR=${JAR:-$(ls target/junction-*.jar | head -1)}
CP=${BENCH_CLASSES:-target/test-classes}:$(cat ${BENCH_CP:-target/bench-cp.txt})
JUNCTION_PORT=18080
BARE_PORT=18081

wait_port() {
	for _ in $(seq 1 100); do
		(exec 3<>/dev/tcp/127.0.0.1/$1) 2>/dev/null && return 0
		sleep 0.2
	done
	echo "port $1 did not open" >&2; return 1
}

generate() {
	taskset -c 1 java -cp "$CP" dev.junction.bench.LoadGenerator --url=ws://127.0.0.1:$1 --server-pid=$2 \
		--secret=$3 --sources=16 --seconds=$SECONDS_PER_RUN "${@:4}"
}

scenarios() {
	local name=$1 port=$2 pid=$3 secret=$4
	generate $port $pid "$secret" --scenario=s1 --members=10 --rate=2000 --seconds=5 > /dev/null || true # warm-up
	for args in "--members=10 --rate=1000" "--members=10 --rate=10000" "--members=100 --rate=100" \
		"--members=100 --rate=1000"; do
		echo "$name $args $(generate $port $pid "$secret" --scenario=s1 --payload=256 $args)"
	done
	for pairs in 1 4; do
		echo "$name --pairs=$pairs $(generate $port $pid "$secret" --scenario=s2 --frame-kib=64 --pairs=$pairs)"
	done
	# S3: signaling peer_message by id (user token in register, so no handshake token).
	for args in "--mode=latency" "--pairs=16 --rate=1000" "--pairs=16 --rate=3000"; do
		echo "$name s3 $args $(generate $port $pid "$secret" --scenario=s3 $args)"
	done
	# S5: connection churn on /ws; fd and (Junction) /health leak check in the line.
	for rate in 100 500; do
		echo "$name s5 --rate=$rate $(generate $port $pid "$secret" --scenario=s5 --rate=$rate --concurrency=64)"
	done
}

for round in $(seq 1 $ROUNDS); do
	echo "# round $round"
	taskset -c 0 java -jar "$JAR" --server.port=$JUNCTION_PORT --logging.level.root=WARN \
		--junction.protocols.rooms.auth=none --junction.auth.hmac-secret=$SECRET \
		--junction.limits.upgrades-per-second-per-address=100000 \
		--junction.limits.max-connections-per-address=100000 \
		--junction.limits.inbound-messages-per-second=1000000 \
		--junction.limits.inbound-bytes-per-second=950MB > target/bench-junction.log 2>&1 &
	JPID=$!
	wait_port $JUNCTION_PORT
	scenarios junction $JUNCTION_PORT $JPID $SECRET
	kill $JPID; wait $JPID || true

	taskset -c 0 java -cp "$CP" dev.junction.bench.BareRelay $BARE_PORT 1 > target/bench-bare.log 2>&1 &
	BPID=$!
	wait_port $BARE_PORT
	scenarios bare $BARE_PORT $BPID ""
	kill $BPID; wait $BPID || true
done
