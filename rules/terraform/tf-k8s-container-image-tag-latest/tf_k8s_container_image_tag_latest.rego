# METADATA
# title: Container of a kubernetes_pod or kubernetes_deployment runs a latest or untagged image
# description: |
#   "latest" (and an image without a tag, which means latest) moves with every push: two
#   nodes may run different code under the same spec, and a rollback cannot return to the
#   image that ran before. Pin a release tag or a digest.
#
#   Like checkov's CKV_K8S_14, the rule reads the `container` blocks (not `init_container`)
#   of kubernetes_pod and kubernetes_deployment (and their _v1 versions): an image whose part
#   after the first ":" is "latest" or empty, or that has neither ":" nor "@", fails, and so
#   does a container without an image or a pod spec without containers.
# related_resources:
#   - https://kubernetes.io/docs/concepts/containers/images/#image-names
#   - https://registry.terraform.io/providers/hashicorp/kubernetes/latest/docs/resources/pod_v1#image
# custom:
#   id: tf-k8s-container-image-tag-latest
#   target: terraform
#   severity: medium
#   checkov: [CKV_K8S_14]
package converge.rules.terraform.tf_k8s_container_image_tag_latest

import rego.v1

import data.converge.lib.terraform as tf
import data.converge.lib.tfk8s

findings contains f if {
	some w in tfk8s.resources(tfk8s.pod_and_deployment_types)
	some c in tfk8s.checked_containers(w)
	image := object.get(c.body, "image", null)
	not tf.is_expression(image)
	problem := unpinned(image)
	f := {
		"msg": sprintf("%s %s %s", [tfk8s.address(w), tfk8s.describe_container(c), problem]),
		"route": array.concat(c.route, ["image"]),
	}
}

# checkov fails a pod spec without containers.
findings contains f if {
	some w in tfk8s.resources(tfk8s.pod_and_deployment_types)
	tfk8s.containerless(w)
	f := {
		"msg": sprintf("%s has no container block, so no image is pinned", [tfk8s.address(w)]),
		"route": array.concat(tfk8s.pod_spec(w).route, ["container"]),
	}
}

# checkov's reading: the part after the first ":" (a registry port counts as a tag).
unpinned(image) := sprintf("runs %q, a moving tag", [image]) if {
	is_string(image)
	contains(image, ":")
	split(image, ":")[1] in {"latest", ""}
}

unpinned(image) := sprintf("runs %q, an untagged (latest) image", [image]) if {
	is_string(image)
	image != ""
	not contains(image, ":")
	not contains(image, "@")
}

unpinned(image) := "names no image" if image in {null, ""}
