# Helpers shared by the Google Cloud (google) rules.
package converge.lib.gcp

import rego.v1

# The lowest google provider major version the module allows; undefined when unknown.
google_major := m if {
	m := input.__converge.providers.google.major
	is_number(m)
}

# True when the module is known to run with a google provider major version below `major`.
below(major) if google_major < major

# A value written as an expression (`var.x`, `local.y`, a template): its value is unknown.
is_expr(v) if {
	is_string(v)
	contains(v, "${")
}

# A value that is literally false (bools, and "false" strings Terraform converts).
is_false(v) if v == false

is_false(v) if v == "false"

# True when a `dynamic "<name>"` block generates the nested block `name` (projected as
# `dynamic.<name>`).
has_dynamic(body, name) if body.dynamic[name]

# An Autopilot cluster: Google manages its nodes, node_config and most node settings.
autopilot(body) if body.enable_autopilot == true

# The first (only) node_config block of a cluster or node pool, when it exists.
node_config(body) := nc if {
	nc := body.node_config[0]
	is_object(nc)
}

# The google_container_cluster (body) that a node pool's `cluster` argument refers to, when it
# is defined in the same module.
pool_cluster(body) := cluster if {
	is_string(body.cluster)
	[_, name] := regex.find_all_string_submatch_n(`google_container_cluster\.([A-Za-z0-9_-]+)`, body.cluster, 1)[0]
	cluster := input.__converge.module.resource.google_container_cluster[name]
}

# Workload Identity is configured on a cluster.
workload_identity(cluster) if count(cluster.workload_identity_config) > 0

workload_identity(cluster) if has_dynamic(cluster, "workload_identity_config")
