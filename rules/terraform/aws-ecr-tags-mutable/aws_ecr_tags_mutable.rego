# METADATA
# title: ECR repository allows image tags to be overwritten
# description: |
#   With mutable tags, pushing an image under an existing tag silently replaces what that tag
#   points to, so a deployment of `app:1.4.2` can run different code tomorrow, and anyone who
#   can push can swap a trusted image for a malicious one. Repositories that already use
#   exclusion filters (`*_WITH_EXCLUSION`) are not reported.
# related_resources:
#   - https://docs.aws.amazon.com/AmazonECR/latest/userguide/image-tag-mutability.html
# custom:
#   id: aws-ecr-tags-mutable
#   target: terraform
#   severity: medium
#   checkov: [CKV_AWS_51]
package converge.rules.terraform.aws_ecr_tags_mutable

import rego.v1

import data.converge.lib.terraform as tf

findings contains f if {
	some repo in tf.live_resources("aws_ecr_repository")
	object.get(repo.body, "image_tag_mutability", "MUTABLE") == "MUTABLE"
	f := {
		"msg": sprintf("aws_ecr_repository.%s allows image tags to be overwritten", [repo.name]),
		"route": array.concat(repo.route, ["image_tag_mutability"]),
	}
}
