{{/* Labels every object of the release carries; `component` is the service's name. */}}
{{- define "plh.labels" -}}
app.kubernetes.io/name: patientletterhub
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .component }}
app.kubernetes.io/part-of: patientletterhub
app.kubernetes.io/version: {{ .root.Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .root.Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .root.Chart.Name .root.Chart.Version }}
{{- end }}

{{/* What a Service, a PDB or a NetworkPolicy selects a component's pods by. */}}
{{- define "plh.selector" -}}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .component }}
{{- end }}

{{- define "plh.name" -}}
{{ printf "%s-%s" .root.Release.Name .component | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "plh.image" -}}
{{ printf "%s/plh-%s:%s" .root.Values.image.registry .component (.root.Values.image.tag | default .root.Chart.AppVersion) }}
{{- end }}

{{- define "plh.serviceAccountName" -}}
{{ .Values.serviceAccount.name | default (printf "%s-patientletterhub" .Release.Name) }}
{{- end }}

{{/* The Secret a service's secretEnv keys come from: the one you manage, or the one the chart makes. */}}
{{- define "plh.secretName" -}}
{{ .service.existingSecret | default (printf "%s-%s" .root.Release.Name .component) }}
{{- end }}

{{/* Fails the render when a required key can come from nowhere (no existingSecret, no value given). */}}
{{- define "plh.checkSecrets" -}}
{{- if not .service.existingSecret }}
{{- $keys := .service.secretEnv.required }}
{{- if and .service.schema .root.Values.migrations.enabled }}{{ $keys = append $keys "MIGRATION_DATABASE_URL" }}{{ end }}
{{- range $keys }}
{{- if not (hasKey $.service.secrets .) }}
{{- fail (printf "services.%s: set existingSecret (production) or secrets.%s (development)" $.component .) }}
{{- end }}
{{- end }}
{{- end }}
{{- end }}

{{/* One Secret key as an environment variable. */}}
{{- define "plh.secretEnvVar" -}}
- name: {{ .key }}
  valueFrom:
    secretKeyRef:
      name: {{ include "plh.secretName" .ctx }}
      key: {{ .key }}
      optional: {{ .optional }}
{{- end }}

{{- define "plh.podSecurity" -}}
automountServiceAccountToken: false
securityContext:
  {{- toYaml .Values.podSecurityContext | nindent 2 }}
{{- with .Values.image.pullSecrets }}
imagePullSecrets:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- end }}
