# Helpers shared by the Kubernetes rules: where the pod spec and the containers of a workload
# are, as routes the engine can resolve, for every kind that carries a pod template.
package converge.lib.k8s

import rego.v1

pod_spec_routes := {
	"Pod": ["spec"],
	"PodTemplate": ["template", "spec"],
	"Deployment": ["spec", "template", "spec"],
	"StatefulSet": ["spec", "template", "spec"],
	"DaemonSet": ["spec", "template", "spec"],
	"ReplicaSet": ["spec", "template", "spec"],
	"ReplicationController": ["spec", "template", "spec"],
	"Job": ["spec", "template", "spec"],
	"CronJob": ["spec", "jobTemplate", "spec", "template", "spec"],
}

# Route of the pod spec of this document (undefined for kinds without one).
pod_spec_route := pod_spec_routes[input.kind]

# The pod spec itself.
pod_spec := object.get(input, pod_spec_route, null)

# Route of the pod template's metadata (the pod's own metadata for a Pod).
pod_metadata_route := array.concat(array.slice(pod_spec_route, 0, count(pod_spec_route) - 1), ["metadata"])

pod_metadata := object.get(input, pod_metadata_route, {})

container_fields := ["containers", "initContainers", "ephemeralContainers"]

# Every container of the pod spec with its route.
containers contains {"route": array.concat(pod_spec_route, [field, i]), "container": c} if {
	is_object(pod_spec)
	some field in container_fields
	is_array(pod_spec[field])
	some i, c in pod_spec[field]
	is_object(c)
}

# The value at a path below a container, or a default.
container_value(c, path, default_value) := object.get(c, path, default_value)

# Route of a field below a container.
container_route(entry, path) := array.concat(entry.route, path)
