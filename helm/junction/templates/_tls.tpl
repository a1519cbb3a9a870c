{{/*
The container's TLS settings (tls.*): an SSL bundle named junction from the mounted
Secret, for the http port and, with tls.management, the management port.
*/}}
{{- define "junction.tlsEnv" -}}
{{- if .Values.tls.enabled }}
- name: SERVER_SSL_BUNDLE
  value: "junction"
- name: SPRING_SSL_BUNDLE_PEM_JUNCTION_KEYSTORE_CERTIFICATE
  value: "file:/etc/junction/tls/tls.crt"
- name: SPRING_SSL_BUNDLE_PEM_JUNCTION_KEYSTORE_PRIVATE_KEY
  value: "file:/etc/junction/tls/tls.key"
- name: SPRING_SSL_BUNDLE_PEM_JUNCTION_RELOAD_ON_UPDATE
  value: {{ .Values.tls.reloadOnUpdate | quote }}
{{- if and .Values.tls.management .Values.management.port }}
- name: MANAGEMENT_SERVER_SSL_BUNDLE
  value: "junction"
{{- end }}
{{- end }}
{{- end }}
