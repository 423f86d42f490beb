# METADATA
# title: Container sets no CPU limit
# description: |
#   Without a CPU limit a container can use every idle core of its node; a runaway or
#   compromised process slows its neighbours down to their requests, and the pod cannot be
#   in the Guaranteed QoS class. Latency-sensitive services sometimes leave CPU limits out
#   on purpose to avoid throttling; their requests must then be accurate. A LimitRange of
#   the namespace may also fill in a default, which this rule cannot see.
# related_resources:
#   - https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/
# custom:
#   id: k8s-container-cpu-limits-missing
#   target: kubernetes
#   severity: low
#   checkov: [CKV_K8S_11]
package converge.rules.kubernetes.k8s_container_cpu_limits_missing

import rego.v1

import data.converge.lib.k8s

findings contains f if {
	some entry in k8s.containers
	k8s.container_list(entry) != "ephemeralContainers" # Kubernetes forbids resources there
	not given(k8s.container_value(entry.container, ["resources", "limits", "cpu"], null))
	f := {
		"msg": sprintf("container %q sets no CPU limit", [entry.container.name]),
		"route": k8s.container_route(entry, ["resources", "limits", "cpu"]),
	}
}

given(v) if not v in {null, "", 0}
