# METADATA
# title: Container has no liveness probe
# description: |
#   Without a liveness probe the kubelet restarts a container only when its main process
#   exits: a deadlocked or wedged process keeps its pod Running and keeps receiving traffic
#   until someone notices. Jobs and CronJobs, init and ephemeral containers are not
#   reported.
# related_resources:
#   - https://kubernetes.io/docs/tasks/configure-pod-container/configure-liveness-readiness-startup-probes/
# custom:
#   id: k8s-container-liveness-probe-missing
#   target: kubernetes
#   severity: low
#   checkov: [CKV_K8S_8]
package converge.rules.kubernetes.k8s_container_liveness_probe_missing

import rego.v1

import data.converge.lib.k8s

# Jobs run to completion and are not behind Services: they need no probes.
batch_kinds := {"Job", "CronJob"}

findings contains f if {
	not input.kind in batch_kinds
	some entry in k8s.containers
	k8s.container_list(entry) == "containers" # init and ephemeral containers take no probes
	k8s.container_value(entry.container, ["livenessProbe"], null) in {null, {}}
	f := {
		"msg": sprintf("container %q has no livenessProbe", [entry.container.name]),
		"route": k8s.container_route(entry, ["livenessProbe"]),
	}
}
