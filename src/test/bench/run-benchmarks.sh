#!/usr/bin/env bash
# Runs S1 and S2 against Junction and BareRelay, interleaved, server on CPU 0 and the
# generator on CPU 1. Prints one result line per run. Then S4 (idle connections, memory per
# connection) once against each server, unless S4=no. Usage (from the repository root):
#   ./mvnw -q -DskipTests package
#   ./mvnw -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-cp.txt
#   src/test/bench/run-benchmarks.sh [rounds] [seconds]
# S4_STEPS (2500,5000,10000,19000) and S4_HOLD (35 s) set S4's steps and hold; rounds 0
# runs S4 alone.
set -euo pipefail
ROUNDS=${1:-2}
SECONDS_PER_RUN=${2:-10}
SECRET=bench-secret-that-is-at-least-32-bytes-long
JAR=${JAR:-$(ls target/junction-*.jar | head -1)}
CP=${BENCH_CLASSES:-target/test-classes}:$(cat ${BENCH_CP:-target/bench-cp.txt})
JUNCTION_PORT=${JUNCTION_PORT:-18080}
BARE_PORT=${BARE_PORT:-18081}
S4=${S4:-yes}
S4_STEPS=${S4_STEPS:-2500,5000,10000,19000}
S4_HOLD=${S4_HOLD:-35}

# A server left running by a failed step is stopped on exit.
trap 'kill $(jobs -p) 2>/dev/null || true' EXIT

wait_port() {
	for _ in $(seq 1 300); do
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

# S4: idle room members (rooms of ten) held by child JVMs of the generator (5,000 each, since
# a process may hold at most 20,000 open files), stepped up to S4_STEPS; at each step the
# server's RSS, live heap (jcmd GC.class_histogram) and Native Memory Tracking figures. The
# servers run with -XX:NativeMemoryTracking=summary (not in the S1/S2 runs: NMT costs a
# little on every malloc). Junction's admission limits must not refuse the connections:
# junction.limits.max-connections (50,000 by default) and max-rooms (10,000; 1,900 rooms
# at 19k) already suffice; upgrades-per-second-per-address (20) and
# max-connections-per-address (1,000) are raised. At 19k the server holds about 19,030
# descriptors, under the 20,000 per process. A hold of 35 s keeps the top step open over one
# of Junction's 30 s keepalive pings; the slope line's closed=0 shows they were answered.
s4() {
	local pid=$1 port=$2
	taskset -c 1 java -cp "$CP" dev.junction.bench.LoadGenerator --scenario=s4 --url=ws://127.0.0.1:$port \
		--server-pid=$pid --sources=16 --steps=$S4_STEPS --hold=$S4_HOLD --classes=15
}

if [ "$S4" != no ]; then
	echo "# S4"
	taskset -c 0 java -XX:NativeMemoryTracking=summary -jar "$JAR" --server.port=$JUNCTION_PORT \
		--logging.level.root=WARN --junction.protocols.rooms.auth=none --junction.auth.hmac-secret=$SECRET \
		--junction.limits.upgrades-per-second-per-address=100000 \
		--junction.limits.max-connections-per-address=100000 > target/bench-junction-s4.log 2>&1 &
	JPID=$!
	wait_port $JUNCTION_PORT
	s4 $JPID $JUNCTION_PORT | sed 's/^/junction /' || echo "junction S4 failed"
	kill $JPID; wait $JPID || true

	taskset -c 0 java -XX:NativeMemoryTracking=summary -cp "$CP" dev.junction.bench.BareRelay $BARE_PORT 1 \
		> target/bench-bare-s4.log 2>&1 &
	BPID=$!
	wait_port $BARE_PORT
	s4 $BPID $BARE_PORT | sed 's/^/bare /' || echo "bare S4 failed"
	kill $BPID; wait $BPID || true
fi
