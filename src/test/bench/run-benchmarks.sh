#!/usr/bin/env bash
# Runs S1, S2, S3 and S5 against Junction and BareRelay, interleaved, server on CPU 0 and the
# generator on CPU 1. Prints one result line per run. Usage (from the repository root):
# Runs S1 and S2 against Junction, BareRelay and the peer relays (Node ws, Bun), and S2 over
# raw TCP through socat, interleaved, each server on CPU 0 and the generator on CPU 1.
# Prints one result line per run. Usage (from the repository root):
#   ./mvnw -q -DskipTests package
#   ./mvnw -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-cp.txt
#   npm ci --prefix src/test/bench/peers        # for the ws and bun peers
#   src/test/bench/run-benchmarks.sh [rounds] [seconds]
# Environment: SERVERS (default "junction bare ws bun socat"; a peer that is not installed
# is skipped), PORT_BASE (default 18080: Junction, then BareRelay, ws, Bun, socat and the
# generator's TCP sink on the next ports), WARMUP_SECONDS (default 5: an S1 run before the
# measured ones, for each server but socat).
set -euo pipefail
ROUNDS=${1:-2}
SECONDS_PER_RUN=${2:-10}
SERVERS=${SERVERS:-junction bare ws bun socat}
WARMUP_SECONDS=${WARMUP_SECONDS:-5}
SECRET=bench-secret-that-is-at-least-32-bytes-long
CP=${BENCH_CLASSES:-target/test-classes}:$(cat ${BENCH_CP:-target/bench-cp.txt})
PEERS=src/test/bench/peers
PORT_BASE=${PORT_BASE:-18080}
JUNCTION_PORT=$PORT_BASE
BARE_PORT=$((PORT_BASE + 1))
WS_PORT=$((PORT_BASE + 2))
BUN_PORT=$((PORT_BASE + 3))
SOCAT_PORT=$((PORT_BASE + 4))
SINK_PORT=$((PORT_BASE + 5))
# Installed without its postinstall script, bun stays in its platform package.
BUN=${BUN:-$(ls $PEERS/node_modules/@oven/bun-linux-*/bin/bun 2>/dev/null | head -1 || true)}
BUN=${BUN:-$PEERS/node_modules/bun/bin/bun.exe}
SERVER_PID=

port_open() {
	(exec 3<>/dev/tcp/127.0.0.1/$1) 2>/dev/null
}

# Starts a server pinned to CPU 0 and waits for its port: start <port> <log> <command...>
start() {
	local port=$1 log=$2
	if port_open $port; then
		echo "port $port is already in use" >&2; return 1
	fi
	taskset -c 0 "${@:3}" > "$log" 2>&1 &
	SERVER_PID=$!
	for _ in $(seq 1 300); do
		port_open $port && return 0
		kill -0 $SERVER_PID 2>/dev/null || { echo "$3 exited, see $log" >&2; return 1; }
		sleep 0.2
	done
	echo "port $port did not open, see $log" >&2; return 1
}

# Stops the server and waits until it has exited (a JVM still starting may take a while).
stop() {
	if [ -n "$SERVER_PID" ]; then
		kill $SERVER_PID 2>/dev/null || true
		wait $SERVER_PID 2>/dev/null || true
		SERVER_PID=
	fi
}
trap stop EXIT

generate() {
	taskset -c 1 java -cp "$CP" dev.junction.bench.LoadGenerator --url=$1 --server-pid=$2 \
		--secret=$3 --sources=16 --seconds=$SECONDS_PER_RUN "${@:4}"
}

scenarios() {
	local name=$1 url=ws://127.0.0.1:$2 pid=$3 secret=$4
	generate $url $pid "$secret" --scenario=s1 --members=10 --rate=2000 --seconds=$WARMUP_SECONDS > /dev/null || true # warm-up
	for args in "--members=10 --rate=1000" "--members=10 --rate=10000" "--members=100 --rate=100" \
		"--members=100 --rate=1000"; do
		echo "$name $args $(generate $url $pid "$secret" --scenario=s1 --payload=256 $args)"
	done
	for pairs in 1 4; do
		echo "$name --pairs=$pairs $(generate $url $pid "$secret" --scenario=s2 --frame-kib=64 --pairs=$pairs)"
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

# The raw TCP ceiling: S2 only, socat forwarding each connection to the generator's sink.
tcp_tunnel() {
	local name=$1 pid=$2
	for pairs in 1 4; do
		echo "$name --pairs=$pairs $(generate tcp://127.0.0.1:$SOCAT_PORT $pid "" --scenario=s2 --transport=tcp \
			--sink=127.0.0.1:$SINK_PORT --frame-kib=64 --pairs=$pairs)"
	done
}

available() {
	case $1 in
		junction) ls target/junction-*.jar > /dev/null 2>&1 ;;
		bare) true ;;
		ws) command -v node > /dev/null && [ -d $PEERS/node_modules/ws ] ;;
		bun) "$BUN" --version > /dev/null 2>&1 ;;
		socat) command -v socat > /dev/null ;;
		*) false ;;
	esac
}

RUN=
for server in $SERVERS; do
	if available $server; then
		RUN="$RUN $server"
	else
		echo "# skipping $server: not installed (see docs/benchmarks.md, Peers)" >&2
	fi
done
echo "# java $(java -version 2>&1 | head -1 | cut -d'"' -f2), node $(node --version 2>/dev/null || echo -)," \
	"ws $(node -p "require('./$PEERS/node_modules/ws/package.json').version" 2>/dev/null || echo -)," \
	"bun $("$BUN" --version 2>/dev/null || echo -), socat $(socat -V 2>/dev/null | sed -n 's/^socat version \([^ ]*\).*/\1/p')"

for round in $(seq 1 $ROUNDS); do
	echo "# round $round"
	for server in $RUN; do
		case $server in
			junction)
				start $JUNCTION_PORT target/bench-junction.log java -jar "$(ls target/junction-*.jar | head -1)" \
					--server.port=$JUNCTION_PORT --logging.level.root=WARN \
					--junction.protocols.rooms.auth=none --junction.auth.hmac-secret=$SECRET \
					--junction.limits.upgrades-per-second-per-address=100000 \
					--junction.limits.max-connections-per-address=100000 \
					--junction.limits.inbound-messages-per-second=1000000 \
					--junction.limits.inbound-bytes-per-second=950MB
				scenarios junction $JUNCTION_PORT $SERVER_PID $SECRET ;;
			bare)
				start $BARE_PORT target/bench-bare.log java -cp "$CP" dev.junction.bench.BareRelay $BARE_PORT 1
				scenarios bare $BARE_PORT $SERVER_PID "" ;;
			ws)
				start $WS_PORT target/bench-ws.log node $PEERS/relay-ws.mjs $WS_PORT
				scenarios ws $WS_PORT $SERVER_PID "" ;;
			bun)
				start $BUN_PORT target/bench-bun.log "$BUN" $PEERS/relay-bun.js $BUN_PORT
				scenarios bun $BUN_PORT $SERVER_PID "" ;;
			socat)
				start $SOCAT_PORT target/bench-socat.log socat -b262144 \
					TCP-LISTEN:$SOCAT_PORT,bind=127.0.0.1,reuseaddr,fork,nodelay TCP:127.0.0.1:$SINK_PORT,nodelay
				tcp_tunnel socat $SERVER_PID ;;
		esac
		stop
	done
done
