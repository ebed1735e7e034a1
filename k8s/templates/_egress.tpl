{{/* A service's way out (its worker's too): DNS, NATS, PostgreSQL, the services it calls, Redis for the gateway, the internet. */}}
{{- define "plh.egress" -}}
{{- $root := .root }}{{ $component := .component }}{{ $service := .service }}{{ $np := .root.Values.networkPolicy -}}
- ports: [{ port: 53, protocol: UDP }, { port: 53, protocol: TCP }]
- ports: [{ port: 4222, protocol: TCP }]
  to:
    - podSelector:
        matchLabels: { app.kubernetes.io/name: nats, app.kubernetes.io/instance: {{ $root.Release.Name }} }
{{- if $service.schema }}
- ports: [{ port: {{ $np.postgresPort }}, protocol: TCP }]
  {{- with $np.postgres }}
  to:
    {{- toYaml . | nindent 8 }}
  {{- end }}
{{- end }}
{{- range $callee, $other := $root.Values.services }}
{{- if has $component $other.calledBy }}
- ports: [{ port: {{ $other.port }}, protocol: TCP }]
  to:
    - podSelector:
        matchLabels:
          {{- include "plh.selector" (dict "root" $root "component" $callee) | nindent 14 }}
{{- end }}
{{- end }}
{{- if eq $component "gateway" }}
- ports: [{ port: {{ $np.redisPort }}, protocol: TCP }]
  {{- with $np.redis }}
  to:
    {{- toYaml . | nindent 8 }}
  {{- end }}
{{- end }}
{{- if $service.internetEgress }}
- to:
    - ipBlock:
        cidr: 0.0.0.0/0
        except:
          {{- toYaml $np.internetExcept | nindent 14 }}
{{- end }}
{{- with $np.otelCollector }}
- ports: [{ port: 4317, protocol: TCP }, { port: 4318, protocol: TCP }]
  to:
    {{- toYaml . | nindent 8 }}
{{- end }}
{{- end }}

{{/* Prometheus scraping METRICS_PORT, from the peers networkPolicy.prometheus names. */}}
{{- define "plh.metricsIngress" -}}
{{- with .Values.config.METRICS_PORT -}}
- ports: [{ port: {{ int . }}, protocol: TCP }]
  from:
    {{- toYaml $.Values.networkPolicy.prometheus | nindent 4 }}
{{- end }}
{{- end }}
