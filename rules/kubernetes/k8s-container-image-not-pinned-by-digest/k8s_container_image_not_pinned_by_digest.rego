# METADATA
# title: Container image is not pinned by digest
# description: |
#   A tag can be moved to another image at any time, by a release process or by someone who
#   can push to the registry; every node that pulls it afterwards runs the new content. A
#   digest (`image@sha256:…`) names exactly one image, so what was reviewed is what runs.
# related_resources:
#   - https://kubernetes.io/docs/concepts/containers/images/#image-names
# custom:
#   id: k8s-container-image-not-pinned-by-digest
#   target: kubernetes
#   severity: low
#   checkov: [CKV_K8S_43]
package converge.rules.kubernetes.k8s_container_image_not_pinned_by_digest

import rego.v1

import data.converge.lib.k8s

findings contains f if {
	some entry in k8s.containers
	image := object.get(entry.container, "image", "")
	is_string(image)
	image != ""
	not contains(image, "@")
	f := {
		"msg": sprintf("container %q runs %q, not pinned by digest", [entry.container.name, image]),
		"route": k8s.container_route(entry, ["image"]),
	}
}
