# METADATA
# title: GKE cluster does not use Shielded GKE Nodes
# description: |
#   Shielded GKE Nodes give nodes a verifiable identity and integrity, so an attacker who gets a
#   node's bootstrap credentials cannot impersonate it to join the cluster. The google provider
#   defaults enable_shielded_nodes to true from 4.0 on; 3.x defaults it to false.
# related_resources:
#   - https://cloud.google.com/kubernetes-engine/docs/how-to/shielded-gke-nodes
# custom:
#   id: gcp-gke-shielded-nodes-disabled
#   target: terraform
#   severity: medium
#   checkov: [CKV_GCP_71]
package converge.rules.terraform.gcp_gke_shielded_nodes_disabled

import rego.v1

import data.converge.lib.gcp
import data.converge.lib.terraform as tf

findings contains f if {
	some c in tf.resources("google_container_cluster")
	not gcp.autopilot(c.body)
	gcp.is_false(c.body.enable_shielded_nodes)
	f := {
		"msg": sprintf("google_container_cluster.%s sets enable_shielded_nodes = false", [c.name]),
		"route": array.concat(c.route, ["enable_shielded_nodes"]),
	}
}

# google 3.x defaults to false.
findings contains f if {
	some c in tf.resources("google_container_cluster")
	not gcp.autopilot(c.body)
	gcp.below(4)
	not "enable_shielded_nodes" in object.keys(c.body)
	f := {
		"msg": sprintf("google_container_cluster.%s does not set enable_shielded_nodes (false by default on google 3.x)", [c.name]),
		"route": array.concat(c.route, ["enable_shielded_nodes"]),
	}
}
