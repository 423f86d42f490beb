# METADATA
# title: GKE node pool does not run Container-Optimized OS
# description: |
#   Container-Optimized OS is a minimal, locked-down image with a read-only root filesystem,
#   verified boot and automatic security updates, maintained by Google for GKE. Other Linux node
#   images (Ubuntu) carry a larger attack surface. Windows node pools are not reported.
# related_resources:
#   - https://cloud.google.com/kubernetes-engine/docs/concepts/node-images
# custom:
#   id: gcp-gke-node-image-not-cos
#   target: terraform
#   severity: low
#   checkov: [CKV_GCP_22]
package converge.rules.terraform.gcp_gke_node_image_not_cos

import rego.v1

import data.converge.lib.gcp
import data.converge.lib.terraform as tf

# An unset image_type is COS_CONTAINERD; variables are unknown; Windows pools stay Windows.
findings contains f if {
	some pool in tf.resources("google_container_node_pool")
	image := pool.body.node_config[0].image_type
	is_string(image)
	not gcp.is_expr(image)
	not startswith(lower(image), "cos")
	not startswith(lower(image), "windows")
	f := {
		"msg": sprintf("google_container_node_pool.%s runs image_type %q, not Container-Optimized OS", [pool.name, image]),
		"route": array.concat(pool.route, ["node_config", 0, "image_type"]),
	}
}
