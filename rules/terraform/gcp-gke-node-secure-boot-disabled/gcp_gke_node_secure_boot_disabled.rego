# METADATA
# title: GKE nodes boot without Secure Boot
# description: |
#   Secure Boot makes nodes refuse boot components and kernel modules that are not signed by a
#   trusted authority, which stops boot-level and kernel-level rootkits. It is off unless
#   node_config.shielded_instance_config sets enable_secure_boot = true.
# related_resources:
#   - https://cloud.google.com/kubernetes-engine/docs/how-to/shielded-gke-nodes#secure_boot
# custom:
#   id: gcp-gke-node-secure-boot-disabled
#   target: terraform
#   severity: low
#   checkov: [CKV_GCP_68]
package converge.rules.terraform.gcp_gke_node_secure_boot_disabled

import rego.v1

import data.converge.lib.gcp
import data.converge.lib.terraform as tf

secure_boot(nc) if nc.shielded_instance_config[0].enable_secure_boot == true

unknown(nc) if gcp.has_dynamic(nc, "shielded_instance_config")

unknown(nc) if gcp.is_expr(nc.shielded_instance_config[0].enable_secure_boot)

# Resources without node_config are not judged (as checkov does).
findings contains f if {
	some kind in ["google_container_cluster", "google_container_node_pool"]
	some r in tf.resources(kind)
	not gcp.autopilot(r.body)
	nc := gcp.node_config(r.body)
	not secure_boot(nc)
	not unknown(nc)
	f := {
		"msg": sprintf("%s.%s does not enable Secure Boot on its nodes", [kind, r.name]),
		"route": array.concat(r.route, ["node_config", 0, "shielded_instance_config", 0, "enable_secure_boot"]),
	}
}
