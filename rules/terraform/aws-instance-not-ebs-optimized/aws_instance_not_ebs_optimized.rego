# METADATA
# title: EC2 instance is not EBS-optimized
# description: |
#   Without EBS optimization, EBS traffic shares the instance's network bandwidth with
#   application traffic, so a burst of either degrades the other; for security tooling this
#   means slower, less reliable disk I/O under load.
# related_resources:
#   - https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/ebs-optimized.html
# custom:
#   id: aws-instance-not-ebs-optimized
#   target: terraform
#   severity: low
#   checkov: [CKV_AWS_135]
package converge.rules.terraform.aws_instance_not_ebs_optimized

import rego.v1

import data.converge.lib.terraform as tf

findings contains f if {
	some kind in ["aws_instance"]
	some r in tf.live_resources(kind)
	tf.bool_not_true(r.body, "ebs_optimized")
	f := {
		"msg": sprintf("%s.%s is not EBS-optimized", [kind, r.name]),
		"route": array.concat(r.route, ["ebs_optimized"]),
	}
}
