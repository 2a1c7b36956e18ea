{{/* Name of the FlinkDeployment and prefix of everything else (≤ 45 characters: Flink adds suffixes). */}}
{{- define "customer-pulse.fullname" -}}
{{- if contains .Chart.Name .Release.Name -}}
{{- .Release.Name | trunc 45 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 45 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{- define "customer-pulse.selectorLabels" -}}
app.kubernetes.io/name: {{ .Chart.Name }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{- define "customer-pulse.labels" -}}
{{ include "customer-pulse.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version }}
{{- end -}}

{{/* The job's config.yaml: connections first, then every other pulse.* setting. */}}
{{- define "customer-pulse.jobConfig" -}}
pulse.kafka.bootstrap-servers: {{ .Values.connections.kafkaBootstrapServers | quote }}
pulse.registry.url: {{ .Values.connections.registryUrl | quote }}
pulse.redis.url: {{ .Values.connections.redisUrl | quote }}
pulse.redis.cluster: {{ .Values.connections.redisCluster | default false | quote }}
{{- if .Values.secrets.kafkaClientProperties.secretName }}
pulse.kafka.client-properties-file: {{ printf "/opt/customer-pulse/secrets/kafka/%s" .Values.secrets.kafkaClientProperties.key | quote }}
{{- end }}
{{- with .Values.secrets.trustStore }}
{{- if .secretName }}
{{- range .for }}
pulse.{{ . }}.truststore: {{ printf "/opt/customer-pulse/secrets/truststore/%s" $.Values.secrets.trustStore.key | quote }}
{{- end }}
{{- end }}
{{- end }}
{{- range $key, $value := .Values.settings }}
{{ $key }}: {{ $value | toString | quote }}
{{- end }}
{{- end -}}

{{/* The environment variable that sets a pulse setting: pulse.redis.password → PULSE_REDIS_PASSWORD. */}}
{{- define "customer-pulse.envName" -}}
{{- . | upper | replace "." "_" | replace "-" "_" -}}
{{- end -}}
