# METADATA
# title: Container image uses the latest tag or no tag
# description: |
#   `latest` (which is also what an untagged image means) names whatever was pushed last:
#   two nodes can run different code for the same pod spec, a rollback redeploys the same
#   moving tag, and nobody can tell from the manifest what runs. Use a release tag or,
#   better, a digest.
# related_resources:
#   - https://kubernetes.io/docs/concepts/configuration/overview/#container-images
# custom:
#   id: k8s-container-image-tag-latest
#   target: kubernetes
#   severity: medium
#   checkov: [CKV_K8S_14]
package converge.rules.kubernetes.k8s_container_image_tag_latest

import rego.v1

import data.converge.lib.k8s

findings contains f if {
	some entry in k8s.containers
	image := object.get(entry.container, "image", "")
	is_string(image)
	not contains(image, "@")
	matches := k8s.image_matches(image)
	count(matches) > 0
	tag := matches[0][1]
	tag in {"latest", ""}
	f := {
		"msg": sprintf("container %q runs %q, %s", [entry.container.name, image, describe(tag)]),
		"route": k8s.container_route(entry, ["image"]),
	}
}

describe("latest") := "a moving tag"

describe("") := "an untagged (latest) image"
