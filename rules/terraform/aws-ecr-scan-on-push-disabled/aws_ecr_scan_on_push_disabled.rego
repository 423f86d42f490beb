# METADATA
# title: ECR repository does not scan images on push
# description: |
#   Without scan on push, images with known vulnerabilities in their operating-system packages
#   are stored and deployed without anyone being told. Basic scanning is free and runs when the
#   image is pushed.
# related_resources:
#   - https://docs.aws.amazon.com/AmazonECR/latest/userguide/image-scanning-basic.html
# custom:
#   id: aws-ecr-scan-on-push-disabled
#   target: terraform
#   severity: medium
#   checkov: [CKV_AWS_163]
package converge.rules.terraform.aws_ecr_scan_on_push_disabled

import rego.v1

import data.converge.lib.terraform as tf

findings contains f if {
	some repo in tf.live_resources("aws_ecr_repository")
	tf.bool_not_true(tf.first_block(repo.body, "image_scanning_configuration"), "scan_on_push")
	f := {
		"msg": sprintf("aws_ecr_repository.%s does not scan images on push", [repo.name]),
		"route": array.concat(repo.route, ["image_scanning_configuration", 0, "scan_on_push"]),
	}
}
