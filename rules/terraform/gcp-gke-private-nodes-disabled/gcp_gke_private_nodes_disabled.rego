# METADATA
# title: GKE cluster nodes have public IP addresses
# description: |
#   Unless private_cluster_config sets enable_private_nodes = true, every node gets an external
#   IP address, so node ports, the kubelet and anything listening on the host are one firewall
#   mistake away from the internet.
# related_resources:
#   - https://cloud.google.com/kubernetes-engine/docs/how-to/private-clusters
# custom:
#   id: gcp-gke-private-nodes-disabled
#   target: terraform
#   severity: medium
#   checkov: [CKV_GCP_64]
package converge.rules.terraform.gcp_gke_private_nodes_disabled

import rego.v1

import data.converge.lib.gcp
import data.converge.lib.terraform as tf

unknown(body) if gcp.has_dynamic(body, "private_cluster_config")

unknown(body) if gcp.is_expr(body.private_cluster_config[0].enable_private_nodes)

findings contains f if {
	some c in tf.resources("google_container_cluster")
	not unknown(c.body)
	not tf.is_true(c.body.private_cluster_config[0].enable_private_nodes)
	f := {
		"msg": sprintf("google_container_cluster.%s does not enable private nodes", [c.name]),
		"route": array.concat(c.route, ["private_cluster_config", 0, "enable_private_nodes"]),
		"case": config_case(c.body),
	}
}

# The control plane range is chosen (or a Private Service Connect subnetwork): only the switch
# is missing. Otherwise the network design is.
has_control_plane_range(body) if {
	some k in ["master_ipv4_cidr_block", "private_endpoint_subnetwork"]
	body.private_cluster_config[0][k]
}

config_case(body) := "control_plane_range" if has_control_plane_range(body)

else := "unplanned"
