# METADATA
# title: GKE node pool does not upgrade its nodes automatically
# description: |
#   Without auto-upgrade, node versions fall behind the control plane and miss security patches
#   for the kubelet, the container runtime and the node OS, until GKE force-upgrades them at end
#   of support. The google provider enables auto_upgrade when the management block is absent;
#   checkov and this rule ask for it to be written down.
# related_resources:
#   - https://cloud.google.com/kubernetes-engine/docs/how-to/node-auto-upgrades
# custom:
#   id: gcp-gke-node-pool-auto-upgrade-disabled
#   target: terraform
#   severity: medium
#   checkov: [CKV_GCP_10]
package converge.rules.terraform.gcp_gke_node_pool_auto_upgrade_disabled

import rego.v1

import data.converge.lib.gcp
import data.converge.lib.terraform as tf

unknown(body) if gcp.has_dynamic(body, "management")

unknown(body) if gcp.is_expr(body.management[0].auto_upgrade)

findings contains f if {
	some pool in tf.resources("google_container_node_pool")
	not tf.is_true(pool.body.management[0].auto_upgrade)
	not unknown(pool.body)
	f := {
		"msg": sprintf("google_container_node_pool.%s does not set management.auto_upgrade = true", [pool.name]),
		"route": array.concat(pool.route, ["management", 0, "auto_upgrade"]),
		"case": block_case(pool.body),
	}
}

# Without a management block GKE turns auto-repair and auto-upgrade on; inside a block, a field
# left out is false.
block_case(body) := "in_block" if count(body.management) > 0

else := "no_block"
