{{/*
The container's environment: every Junction setting of values.yaml under its Spring
relaxed name (junction.protocols.rooms.max-frame-size -> JUNCTION_PROTOCOLS_ROOMS_MAX_FRAME_SIZE).
Integers go through int64 so that large ones are not written as 1e+06.
*/}}
{{- define "junction.containerEnv" -}}
{{- $v := .Values -}}
- name: JUNCTION_AUTH_REQUIRE_CONFIGURED_KEY
  value: "true"
{{- if or $v.auth.hmacSecret $v.auth.existingSecret }}
- name: JUNCTION_AUTH_HMAC_SECRET
  valueFrom:
    secretKeyRef:
      name: {{ include "junction.hmacSecretName" . }}
      key: {{ include "junction.hmacSecretKey" . }}
{{- end }}
{{- range $i, $key := $v.auth.publicKeys }}
- name: JUNCTION_AUTH_PUBLIC_KEYS_{{ $i }}
  value: {{ $key | quote }}
{{- end }}
{{- range $i, $uri := $v.auth.jwksUris }}
- name: JUNCTION_AUTH_JWKS_URIS_{{ $i }}
  value: {{ $uri | quote }}
{{- end }}
{{- with $v.auth.issuer }}
- name: JUNCTION_AUTH_ISSUER
  value: {{ . | quote }}
{{- end }}
{{- with $v.auth.audience }}
- name: JUNCTION_AUTH_AUDIENCE
  value: {{ . | quote }}
{{- end }}
{{- with $v.auth.tokenUse }}
- name: JUNCTION_AUTH_TOKEN_USE
  value: {{ . | quote }}
{{- end }}
- name: JUNCTION_AUTH_LEEWAY
  value: {{ $v.auth.leeway | quote }}
- name: JUNCTION_AUTH_REQUIRE_EXPIRATION
  value: {{ $v.auth.requireExpiration | quote }}
- name: JUNCTION_AUTH_JWKS_REFRESH_INTERVAL
  value: {{ $v.auth.jwksRefreshInterval | quote }}
- name: JUNCTION_AUTH_JWKS_MIN_REFRESH_INTERVAL
  value: {{ $v.auth.jwksMinRefreshInterval | quote }}
{{- with $v.auth.maxTokenLifetime }}
- name: JUNCTION_AUTH_MAX_TOKEN_LIFETIME
  value: {{ . | quote }}
{{- end }}
{{- range $name := list "rooms" "pairs" "signaling" "tunnel" "topics" }}
{{- $p := index $v.protocols $name }}
{{- $prefix := printf "JUNCTION_PROTOCOLS_%s" (upper $name) }}
- name: {{ $prefix }}_ENABLED
  value: {{ $p.enabled | quote }}
- name: {{ $prefix }}_AUTH
  value: {{ $p.auth | quote }}
{{- with $p.maxFrameSize }}
- name: {{ $prefix }}_MAX_FRAME_SIZE
  value: {{ . | quote }}
{{- end }}
{{- end }}
- name: JUNCTION_ROOT_ENABLED
  value: {{ $v.root.enabled | quote }}
- name: JUNCTION_ROOT_MAX_FRAMES
  value: {{ $v.root.maxFrames | int64 | quote }}
- name: JUNCTION_ROOT_TIMEOUT
  value: {{ $v.root.timeout | quote }}
- name: JUNCTION_LIMITS_MAX_FRAME_SIZE
  value: {{ $v.limits.maxFrameSize | quote }}
- name: JUNCTION_LIMITS_OUTBOUND_QUEUE_MESSAGES
  value: {{ $v.limits.outboundQueueMessages | int64 | quote }}
- name: JUNCTION_LIMITS_OUTBOUND_QUEUE_BYTES
  value: {{ $v.limits.outboundQueueBytes | quote }}
- name: JUNCTION_LIMITS_INBOUND_MESSAGES_PER_SECOND
  value: {{ $v.limits.inboundMessagesPerSecond | int64 | quote }}
- name: JUNCTION_LIMITS_INBOUND_BYTES_PER_SECOND
  value: {{ $v.limits.inboundBytesPerSecond | quote }}
- name: JUNCTION_LIMITS_UPGRADES_PER_SECOND_PER_ADDRESS
  value: {{ $v.limits.upgradesPerSecondPerAddress | int64 | quote }}
- name: JUNCTION_LIMITS_FAILED_AUTH_PER_MINUTE_PER_ADDRESS
  value: {{ $v.limits.failedAuthPerMinutePerAddress | int64 | quote }}
- name: JUNCTION_LIMITS_HANDSHAKE_TIMEOUT
  value: {{ $v.limits.handshakeTimeout | quote }}
- name: JUNCTION_LIMITS_MAX_CONNECTIONS
  value: {{ $v.limits.maxConnections | int64 | quote }}
- name: JUNCTION_LIMITS_MAX_CONNECTIONS_PER_ADDRESS
  value: {{ $v.limits.maxConnectionsPerAddress | int64 | quote }}
- name: JUNCTION_LIMITS_MAX_CONNECTIONS_PER_SUBJECT
  value: {{ $v.limits.maxConnectionsPerSubject | int64 | quote }}
- name: JUNCTION_LIMITS_UNAUTHENTICATED_FRAME_SIZE
  value: {{ $v.limits.unauthenticatedFrameSize | quote }}
- name: JUNCTION_KEEPALIVE_INTERVAL
  value: {{ $v.keepalive.interval | quote }}
- name: JUNCTION_KEEPALIVE_TIMEOUT
  value: {{ $v.keepalive.timeout | quote }}
{{- with $v.protocols.rooms }}
- name: JUNCTION_PROTOCOLS_ROOMS_GRACE_PERIOD
  value: {{ .gracePeriod | quote }}
- name: JUNCTION_PROTOCOLS_ROOMS_FAILED_JOIN_LIMIT
  value: {{ .failedJoinLimit | int64 | quote }}
- name: JUNCTION_PROTOCOLS_ROOMS_FAILED_JOIN_PERIOD
  value: {{ .failedJoinPeriod | quote }}
- name: JUNCTION_PROTOCOLS_ROOMS_MAX_MEMBERS
  value: {{ .maxMembers | int64 | quote }}
- name: JUNCTION_PROTOCOLS_ROOMS_MAX_ROOMS
  value: {{ .maxRooms | int64 | quote }}
{{- end }}
{{- with $v.protocols.pairs }}
- name: JUNCTION_PROTOCOLS_PAIRS_MAX_MESSAGE_SIZE
  value: {{ .maxMessageSize | quote }}
- name: JUNCTION_PROTOCOLS_PAIRS_INACTIVITY_TIMEOUT
  value: {{ .inactivityTimeout | quote }}
- name: JUNCTION_PROTOCOLS_PAIRS_SWEEP_INTERVAL
  value: {{ .sweepInterval | quote }}
- name: JUNCTION_PROTOCOLS_PAIRS_MAX_SESSIONS
  value: {{ .maxSessions | int64 | quote }}
{{- end }}
- name: JUNCTION_PROTOCOLS_SIGNALING_MAX_ROOMS
  value: {{ $v.protocols.signaling.maxRooms | int64 | quote }}
{{- with $v.protocols.tunnel }}
- name: JUNCTION_PROTOCOLS_TUNNEL_BUFFER_SIZE
  value: {{ .bufferSize | quote }}
- name: JUNCTION_PROTOCOLS_TUNNEL_WAIT_TIMEOUT
  value: {{ .waitTimeout | quote }}
- name: JUNCTION_PROTOCOLS_TUNNEL_AUTH_TIMEOUT
  value: {{ .authTimeout | quote }}
{{- with .idleTimeout }}
- name: JUNCTION_PROTOCOLS_TUNNEL_IDLE_TIMEOUT
  value: {{ . | quote }}
{{- end }}
{{- end }}
- name: JUNCTION_PROTOCOLS_TOPICS_STATS_INTERVAL
  value: {{ $v.protocols.topics.statsInterval | quote }}
- name: JUNCTION_SHUTDOWN_DRAIN_TIMEOUT
  value: {{ printf "%ds" (int $v.shutdown.drainTimeoutSeconds) | quote }}
- name: JUNCTION_SHUTDOWN_DRAIN_SPREAD
  value: {{ $v.shutdown.drainSpread | quote }}
- name: JUNCTION_SHUTDOWN_CLOSE_TIMEOUT
  value: {{ $v.shutdown.closeTimeout | quote }}
- name: JUNCTION_SECURITY_REQUIRE_SESSION_CLAIM
  value: {{ $v.security.requireSessionClaim | quote }}
{{- range $i, $origin := $v.security.allowedOrigins }}
- name: JUNCTION_SECURITY_ALLOWED_ORIGINS_{{ $i }}
  value: {{ $origin | quote }}
{{- end }}
{{- range $i, $proxy := $v.security.trustedProxies }}
- name: JUNCTION_SECURITY_TRUSTED_PROXIES_{{ $i }}
  value: {{ $proxy | quote }}
{{- end }}
- name: JUNCTION_ACCESS_LOG_ENABLED
  value: {{ $v.accessLog.enabled | quote }}
- name: JUNCTION_CLUSTER_MODE
  value: {{ $v.cluster.mode | quote }}
- name: JUNCTION_CLUSTER_KEY_PREFIX
  value: {{ $v.cluster.keyPrefix | quote }}
- name: JUNCTION_CLUSTER_HEARTBEAT_TTL
  value: {{ $v.cluster.heartbeatTtl | quote }}
{{- if eq $v.cluster.mode "redis" }}
{{- include "junction.redisEnv" . }}
{{- end }}
{{- with $v.management.port }}
- name: MANAGEMENT_SERVER_PORT
  value: {{ . | int64 | quote }}
{{- end }}
{{- with $v.javaToolOptions }}
- name: JAVA_TOOL_OPTIONS
  value: {{ . | quote }}
{{- end }}
{{- with $v.extraEnv }}
{{ toYaml . }}
{{- end }}
{{- end }}

{{/*
Spring Boot's Redis connection. The URL may carry a password, so it always comes from a
Secret; so does the password. Only the host, port, user name, TLS switch and timeout are
plain values.
*/}}
{{- define "junction.redisEnv" -}}
{{- $redis := .Values.cluster.redis }}
{{- if or $redis.url $redis.existingSecret }}
- name: SPRING_DATA_REDIS_URL
  valueFrom:
    secretKeyRef:
      {{- if $redis.existingSecret }}
      name: {{ $redis.existingSecret }}
      key: {{ $redis.existingSecretKey }}
      {{- else }}
      name: {{ include "junction.fullname" . }}
      key: redis-url
      {{- end }}
{{- else }}
- name: SPRING_DATA_REDIS_HOST
  value: {{ $redis.host | quote }}
- name: SPRING_DATA_REDIS_PORT
  value: {{ $redis.port | int64 | quote }}
{{- with $redis.username }}
- name: SPRING_DATA_REDIS_USERNAME
  value: {{ . | quote }}
{{- end }}
{{- with $redis.passwordSecret.name }}
- name: SPRING_DATA_REDIS_PASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ . }}
      key: {{ $redis.passwordSecret.key }}
{{- end }}
{{- end }}
- name: SPRING_DATA_REDIS_SSL_ENABLED
  value: {{ $redis.tls.enabled | quote }}
{{- with $redis.timeout }}
- name: SPRING_DATA_REDIS_TIMEOUT
  value: {{ . | quote }}
{{- end }}
{{- end }}
