{{/* The names of everything the chart makes: the release name when it says cassguard, else <release>-cassguard. */}}
{{- define "cassguard.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "cassguard.fullname" -}}
{{- if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" -}}
{{- else if contains (include "cassguard.name" .) .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name (include "cassguard.name" .) | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{- define "cassguard.selectorLabels" -}}
app.kubernetes.io/name: {{ include "cassguard.name" . }}
{{- end -}}

{{- define "cassguard.labels" -}}
{{ include "cassguard.selectorLabels" . }}
app.kubernetes.io/part-of: cassguard
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
{{- end -}}

{{/* The serving certificate's Secret: cert-manager's, or the one the user supplies. */}}
{{- define "cassguard.tlsSecret" -}}
{{- if .Values.certificate.certManager -}}
{{- printf "%s-tls" (include "cassguard.fullname" .) -}}
{{- else -}}
{{- required "certificate.secretName is required when certificate.certManager is false" .Values.certificate.secretName -}}
{{- end -}}
{{- end -}}

{{/* How the API server reaches cassguard: the Service, and the CA when cert-manager does not inject it. */}}
{{- define "cassguard.clientConfig" -}}
clientConfig:
  service: {name: {{ include "cassguard.fullname" .root }}, namespace: {{ .root.Release.Namespace }}, path: {{ .path }}, port: 443}
  {{- if not .root.Values.certificate.certManager }}
  caBundle: {{ required "certificate.caBundle is required when certificate.certManager is false" .root.Values.certificate.caBundle }}
  {{- end }}
{{- end -}}

{{/* Metadata of both webhook configurations. */}}
{{- define "cassguard.webhookConfigurationMetadata" -}}
metadata:
  name: {{ include "cassguard.fullname" . }}
  labels:
    {{- include "cassguard.labels" . | nindent 4 }}
  {{- if .Values.certificate.certManager }}
  annotations:
    # cert-manager's cainjector keeps caBundle equal to the CA of the serving certificate
    cert-manager.io/inject-ca-from: {{ .Release.Namespace }}/{{ include "cassguard.fullname" . }}-serving
  {{- end }}
{{- end -}}

{{/* Never kube-system (and the other excluded namespaces) nor cassguard's own namespace, plus the user's selector. */}}
{{- define "cassguard.namespaceSelector" -}}
namespaceSelector:
  {{- with .Values.webhooks.namespaceSelector.matchLabels }}
  matchLabels:
    {{- toYaml . | nindent 4 }}
  {{- end }}
  matchExpressions:
    - {key: kubernetes.io/metadata.name, operator: NotIn, values: {{ append .Values.webhooks.excludeNamespaces .Release.Namespace | toJson }}}
    {{- with .Values.webhooks.namespaceSelector.matchExpressions }}
    {{- toYaml . | nindent 4 }}
    {{- end }}
{{- end -}}

{{/*
StatefulSets that may be Cassandra: a superset of cassguard's own recognition (labels, cass-operator's
cassandra.datastax.com/cluster among them, a container named cassandra, an image whose name contains "cassandra"
anywhere), on the new and the old object. The same as k8s/webhooks.
*/}}
{{- define "cassguard.cassandraStatefulSets" -}}
[object, oldObject].exists(o, o != null && (
  (has(o.metadata.labels) && (
    ('app.kubernetes.io/name' in o.metadata.labels && o.metadata.labels['app.kubernetes.io/name'] == 'cassandra') ||
    ('app' in o.metadata.labels && o.metadata.labels['app'] in ['cassandra', 'cassandracluster']) ||
    'cassandra.datastax.com/cluster' in o.metadata.labels)) ||
  (has(o.spec) && has(o.spec.template) && has(o.spec.template.spec) && has(o.spec.template.spec.containers) &&
    o.spec.template.spec.containers.exists(c,
      c.name == 'cassandra' || (has(c.image) && c.image.contains('cassandra'))))))
{{- end -}}

{{/* Scales whose StatefulSet selector names Cassandra (a superset of cassguard's label rules). */}}
{{- define "cassguard.cassandraScales" -}}
[object, oldObject].exists(o, o != null && has(o.status) && has(o.status.selector) &&
  o.status.selector.contains('cassandra'))
{{- end -}}
