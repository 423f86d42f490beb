# METADATA
# title: GKE node pool does not repair unhealthy nodes automatically
# description: |
#   Without auto-repair, a node that fails its health checks (kubelet down, disk full, kernel
#   trouble) stays in the pool: its pods are stuck or evicted and capacity is lost until someone
#   notices. The google provider enables auto_repair when the management block is absent; checkov
#   and this rule ask for it to be written down.
# related_resources:
#   - https://cloud.google.com/kubernetes-engine/docs/how-to/node-auto-repair
# custom:
#   id: gcp-gke-node-pool-auto-repair-disabled
#   target: terraform
#   severity: low
#   checkov: [CKV_GCP_9]
package converge.rules.terraform.gcp_gke_node_pool_auto_repair_disabled

import rego.v1

import data.converge.lib.gcp
import data.converge.lib.terraform as tf

unknown(body) if gcp.has_dynamic(body, "management")

unknown(body) if gcp.is_expr(body.management[0].auto_repair)

findings contains f if {
	some pool in tf.resources("google_container_node_pool")
	not tf.is_true(pool.body.management[0].auto_repair)
	not unknown(pool.body)
	f := {
		"msg": sprintf("google_container_node_pool.%s does not set management.auto_repair = true", [pool.name]),
		"route": array.concat(pool.route, ["management", 0, "auto_repair"]),
		"case": block_case(pool.body),
	}
}

# Without a management block GKE turns auto-repair and auto-upgrade on; inside a block, a field
# left out is false.
block_case(body) := "in_block" if count(body.management) > 0

else := "no_block"
