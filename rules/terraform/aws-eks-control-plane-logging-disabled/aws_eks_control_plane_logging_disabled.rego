# METADATA
# title: EKS cluster does not log every control plane log type
# description: |
#   Without control plane logs, there is no record of who called the Kubernetes API
#   (`audit`, `authenticator`) or of what the API server, controller manager and scheduler did,
#   so an intrusion or a misbehaving controller cannot be investigated afterwards.
# related_resources:
#   - https://docs.aws.amazon.com/eks/latest/userguide/control-plane-logs.html
# custom:
#   id: aws-eks-control-plane-logging-disabled
#   target: terraform
#   severity: medium
#   checkov: [CKV_AWS_37]
package converge.rules.terraform.aws_eks_control_plane_logging_disabled

import rego.v1

import data.converge.lib.terraform as tf

log_types := ["api", "audit", "authenticator", "controllerManager", "scheduler"]

# The log types a cluster does not enable; null, like a missing list, enables none.
missing_types(body) := [t | some t in log_types; not t in enabled(body)]

enabled(body) := body.enabled_cluster_log_types if is_array(body.enabled_cluster_log_types)

else := []

findings contains f if {
	some cluster in tf.live_resources("aws_eks_cluster")
	not tf.is_expression(object.get(cluster.body, "enabled_cluster_log_types", []))
	missing := missing_types(cluster.body)
	count(missing) > 0
	f := {
		"msg": sprintf("aws_eks_cluster.%s does not log %s", [cluster.name, concat(", ", missing)]),
		"route": array.concat(cluster.route, ["enabled_cluster_log_types"]),
	}
}
