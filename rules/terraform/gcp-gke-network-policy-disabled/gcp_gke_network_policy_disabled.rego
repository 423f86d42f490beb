# METADATA
# title: GKE cluster does not enforce network policies
# description: |
#   Without network policy enforcement, Kubernetes NetworkPolicy objects are accepted but
#   ignored: every pod can reach every other pod, so one compromised workload can reach them all.
#   Clusters on GKE Dataplane V2 (datapath_provider = "ADVANCED_DATAPATH") and Autopilot clusters
#   always enforce them and are not reported.
# related_resources:
#   - https://cloud.google.com/kubernetes-engine/docs/how-to/network-policy
# custom:
#   id: gcp-gke-network-policy-disabled
#   target: terraform
#   severity: medium
#   checkov: [CKV_GCP_12]
package converge.rules.terraform.gcp_gke_network_policy_disabled

import rego.v1

import data.converge.lib.gcp
import data.converge.lib.terraform as tf

enforced(body) if tf.is_true(body.network_policy[0].enabled)

enforced(body) if body.datapath_provider == "ADVANCED_DATAPATH"

enforced(body) if gcp.autopilot(body)

unknown(body) if gcp.is_expr(body.network_policy[0].enabled)

unknown(body) if gcp.is_expr(body.datapath_provider)

unknown(body) if gcp.has_dynamic(body, "network_policy")

findings contains f if {
	some c in tf.resources("google_container_cluster")
	not enforced(c.body)
	not unknown(c.body)
	f := {
		"msg": sprintf("google_container_cluster.%s does not enable network policy enforcement", [c.name]),
		"route": array.concat(c.route, ["network_policy", 0, "enabled"]),
	}
}
