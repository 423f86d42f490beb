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

# The pod spec as an object: {} for kinds without one or a pod spec that is not a mapping, so
# that lookups in it never fail.
pod_spec_object := pod_spec if is_object(pod_spec)

else := {}

# The list a container entry of `containers` belongs to: "containers", "initContainers" or
# "ephemeralContainers".
container_list(entry) := entry.route[count(entry.route) - 2]

# The name of the document's object ("" when it has none).
object_name := object.get(input, ["metadata", "name"], "")

# A securityContext setting as a container runs with it: the container's own value, else the
# pod's (null when neither sets it).
effective_security_setting(container, key) := v if {
	v := object.get(container, ["securityContext", key], null)
	v != null
} else := object.get(pod_spec_object, ["securityContext", key], null)

# An image reference split the way checkov splits it (its DOCKER_IMAGE_REGEX): one [name, tag]
# pair per match; the tag is "" when the reference has none.
#
# A reference of printable ASCII without spaces (nearly all of them) is split with string
# functions, which give the same pair as the regex and cost far less; anything else goes
# through the regex itself.
image_matches(image) := [image_name_tag(image_remainder(image))] if {
	is_string(image)
	plain_image(image)
}

image_matches(image) := [[m[1], m[2]] |
	some m in regex.find_all_string_submatch_n(`(?:[^\s/]+/)?([^\s:]+):?([^\s]*)`, image, -1)
] if {
	is_string(image)
	not plain_image(image)
}

# One regex match covers the whole reference: no whitespace or other byte outside printable
# ASCII, and it does not start with the tag separator.
plain_image(image) if {
	image != ""
	not startswith(image, ":")
	not regex.match(`[^!-~]`, image)
}

# The reference without its registry part (`[^/]+/`), when the regex would consume one.
image_remainder(image) := r if {
	i := indexof(image, "/")
	i > 0
	r := substring(image, i + 1, -1)
	r != ""
	not startswith(r, ":")
} else := image

# [name, tag]: up to the first ":" and after it ("" without one).
image_name_tag(r) := [substring(r, 0, j), substring(r, j + 1, -1)] if {
	j := indexof(r, ":")
	j >= 0
} else := [r, ""]

# True as Kubernetes reads the value: its YAML 1.1 parser also takes y, yes and on for true,
# which YAML 1.2 (and so `input`) keeps as strings.
is_true(v) if v == true

is_true(v) if v in {"y", "Y", "yes", "Yes", "YES", "on", "On", "ON"}

# The pod declares it runs Windows containers (many Linux securityContext fields are then
# forbidden).
windows_pod if object.get(pod_spec_object, ["os", "name"], "") == "windows"
