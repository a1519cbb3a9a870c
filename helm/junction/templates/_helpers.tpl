{{/*
The chart's name, or nameOverride.
*/}}
{{- define "junction.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
The fully qualified name of the release's objects (63 characters at most, a DNS label).
*/}}
{{- define "junction.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{- define "junction.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "junction.labels" -}}
helm.sh/chart: {{ include "junction.chart" . }}
{{ include "junction.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end }}

{{- define "junction.selectorLabels" -}}
app.kubernetes.io/name: {{ include "junction.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{- define "junction.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "junction.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{/*
The Secret that holds the HMAC key: the operator's, or the one this chart makes.
*/}}
{{- define "junction.hmacSecretName" -}}
{{- default (include "junction.fullname" .) .Values.auth.existingSecret }}
{{- end }}

{{- define "junction.hmacSecretKey" -}}
{{- if .Values.auth.existingSecret }}
{{- .Values.auth.existingSecretKey }}
{{- else -}}
hmac-secret
{{- end }}
{{- end }}

{{/*
Whether the chart makes a Secret: for auth.hmacSecret or cluster.redis.url.
*/}}
{{- define "junction.createSecret" -}}
{{- if or (and .Values.auth.hmacSecret (not .Values.auth.existingSecret)) (include "junction.redisUrlInChartSecret" .) -}}
true
{{- end }}
{{- end }}

{{/*
Whether the Redis URL is cluster.redis.url, kept in the chart's Secret.
*/}}
{{- define "junction.redisUrlInChartSecret" -}}
{{- if and (eq .Values.cluster.mode "redis") .Values.cluster.redis.url (not .Values.cluster.redis.existingSecret) -}}
true
{{- end }}
{{- end }}

{{/*
Whether the release runs more than one pod (several replicas, or an autoscaler).
*/}}
{{- define "junction.severalPods" -}}
{{- if or .Values.autoscaling.enabled (gt (int .Values.replicaCount) 1) -}}
true
{{- end }}
{{- end }}

{{/*
Refuses to render a release that Junction would refuse to start, or that would split
clients across pods that never meet.
*/}}
{{- define "junction.validate" -}}
{{- $auth := .Values.auth }}
{{- if not (or $auth.hmacSecret $auth.existingSecret $auth.publicKeys $auth.jwksUris) }}
{{- fail "junction: a JWT key is required: set auth.existingSecret (a Secret of yours holding an HMAC key of at least 32 bytes), auth.hmacSecret, auth.publicKeys or auth.jwksUris" }}
{{- end }}
{{- if and $auth.hmacSecret (not $auth.existingSecret) (lt (len $auth.hmacSecret) 32) }}
{{- fail "junction: auth.hmacSecret must be at least 32 bytes" }}
{{- end }}
{{- include "junction.validateCluster" . }}
{{- if and .Values.ingress.enabled (not .Values.security.trustedProxies) (not .Values.ingress.allowWithoutTrustedProxies) }}
{{- fail "junction: ingress.enabled needs security.trustedProxies (the ingress controller's pod addresses or CIDR range): behind an ingress every client arrives from the controller, so the per-address limits would count all clients as one and one client's excess would lock out everyone. Set security.trustedProxies, or ingress.allowWithoutTrustedProxies=true to accept that" }}
{{- end }}
{{- if and .Values.tls.enabled (not .Values.tls.secretName) }}
{{- fail "junction: tls.enabled needs tls.secretName, a kubernetes.io/tls Secret with tls.crt and tls.key" }}
{{- end }}
{{- end }}

{{/*
The cluster's part of junction.validate: one pod in memory mode, and in redis mode one
Redis address whose credentials Spring Boot will actually use.
*/}}
{{- define "junction.validateCluster" -}}
{{- $cluster := .Values.cluster }}
{{- $redis := $cluster.redis }}
{{- if and (eq $cluster.mode "memory") (include "junction.severalPods" .) }}
{{- if .Values.autoscaling.enabled }}
{{- fail "junction: autoscaling.enabled needs cluster.mode=redis: with cluster.mode=memory each pod keeps its own rooms, pairs, tunnels and topics, and clients on different pods never meet. Set cluster.mode=redis (with cluster.redis.existingSecret, cluster.redis.url or cluster.redis.host), or autoscaling.enabled=false" }}
{{- end }}
{{- fail (printf "junction: replicaCount=%d needs cluster.mode=redis: with cluster.mode=memory each pod keeps its own rooms, pairs, tunnels and topics, and clients on different pods never meet. Set cluster.mode=redis (with cluster.redis.existingSecret, cluster.redis.url or cluster.redis.host), or replicaCount=1" (int .Values.replicaCount)) }}
{{- end }}
{{- if eq $cluster.mode "redis" }}
{{- $urls := or $redis.url $redis.existingSecret }}
{{- if not (or $urls $redis.host) }}
{{- fail "junction: cluster.mode=redis needs a Redis address: cluster.redis.existingSecret (a Secret of yours holding the URL), cluster.redis.url, or cluster.redis.host" }}
{{- end }}
{{- if and $urls $redis.host }}
{{- fail "junction: give the Redis address once: cluster.redis.host, or a URL (cluster.redis.url or cluster.redis.existingSecret), not both; Spring Boot would use the URL" }}
{{- end }}
{{- if and $urls (or $redis.passwordSecret.name $redis.username) }}
{{- fail "junction: cluster.redis.passwordSecret and cluster.redis.username go with cluster.redis.host: with a URL Spring Boot takes the user and password from the URL only (rediss://user:password@host:port, kept in cluster.redis.existingSecret) and would ignore them" }}
{{- end }}
{{- if and $redis.passwordSecret.name (not $redis.passwordSecret.key) }}
{{- fail "junction: cluster.redis.passwordSecret.name needs cluster.redis.passwordSecret.key" }}
{{- end }}
{{- end }}
{{- if and .Values.autoscaling.enabled (gt (int .Values.autoscaling.minReplicas) (int .Values.autoscaling.maxReplicas)) }}
{{- fail "junction: autoscaling.minReplicas must not exceed autoscaling.maxReplicas" }}
{{- end }}
{{- $pdb := .Values.podDisruptionBudget }}
{{- if and $pdb.enabled (include "junction.severalPods" .) $pdb.minAvailable (not (kindIs "string" $pdb.minAvailable)) }}
{{- $pods := ternary .Values.autoscaling.minReplicas .Values.replicaCount .Values.autoscaling.enabled | int }}
{{- if ge (int $pdb.minAvailable) $pods }}
{{- fail (printf "junction: podDisruptionBudget.minAvailable=%d with %d pods would block every node drain; lower it, or use podDisruptionBudget.maxUnavailable" (int $pdb.minAvailable) $pods) }}
{{- end }}
{{- end }}
{{- end }}

{{/*
terminationGracePeriodSeconds: the preStop sleep, the drain and a margin, so that the
kubelet never kills a pod that is still closing its connections.
*/}}
{{- define "junction.terminationGracePeriodSeconds" -}}
{{- $s := .Values.shutdown }}
{{- add (int $s.preStopSleepSeconds) (int $s.drainTimeoutSeconds) (int $s.extraGraceSeconds) }}
{{- end }}

{{/*
limits.maxFrameSize (Spring's 32MB form) as an nginx size (32m).
*/}}
{{- define "junction.nginxBodySize" -}}
{{- $size := toString .Values.limits.maxFrameSize | upper }}
{{- if hasSuffix "KB" $size }}{{ trimSuffix "KB" $size }}k
{{- else if hasSuffix "MB" $size }}{{ trimSuffix "MB" $size }}m
{{- else if hasSuffix "GB" $size }}{{ trimSuffix "GB" $size }}g
{{- else if hasSuffix "TB" $size }}{{ mul (trimSuffix "TB" $size | int64) 1024 }}g
{{- else }}{{ trimSuffix "B" $size }}
{{- end }}
{{- end }}

{{/*
One environment variable whose value is a string.
*/}}
{{- define "junction.env" -}}
- name: {{ index . 0 }}
  value: {{ index . 1 | toString | quote }}
{{- end }}

{{/*
The container port of the actuator (probes, Prometheus): "management" when it has a port
of its own, else "http".
*/}}
{{- define "junction.managementPortName" -}}
{{- if .Values.management.port }}management{{ else }}http{{ end }}
{{- end }}

{{/*
Whether the actuator (probes, Prometheus) answers over TLS: on the http port when
tls.enabled and management.port is 0, on its own port when tls.management too.
*/}}
{{- define "junction.managementTls" -}}
{{- if and .Values.tls.enabled (or (not .Values.management.port) .Values.tls.management) -}}
true
{{- end }}
{{- end }}
