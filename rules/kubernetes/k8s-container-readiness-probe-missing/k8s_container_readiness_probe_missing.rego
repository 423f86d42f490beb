# METADATA
# title: Container has no readiness probe
# description: |
#   Without a readiness probe a pod receives Service traffic as soon as its containers start,
#   before the application can answer, and keeps receiving it while it is overloaded or its
#   dependencies are down; rolling updates also count unready pods as available. Jobs and
#   CronJobs, init and ephemeral containers are not reported.
# related_resources:
#   - https://kubernetes.io/docs/tasks/configure-pod-container/configure-liveness-readiness-startup-probes/
# custom:
#   id: k8s-container-readiness-probe-missing
#   target: kubernetes
#   severity: low
#   checkov: [CKV_K8S_9]
package converge.rules.kubernetes.k8s_container_readiness_probe_missing

import rego.v1

import data.converge.lib.k8s

# Jobs run to completion and are not behind Services: they need no probes.
batch_kinds := {"Job", "CronJob"}

findings contains f if {
	not input.kind in batch_kinds
	some entry in k8s.containers
	k8s.container_list(entry) == "containers" # init and ephemeral containers take no probes
	k8s.container_value(entry.container, ["readinessProbe"], null) in {null, {}}
	f := {
		"msg": sprintf("container %q has no readinessProbe", [entry.container.name]),
		"route": k8s.container_route(entry, ["readinessProbe"]),
	}
}
