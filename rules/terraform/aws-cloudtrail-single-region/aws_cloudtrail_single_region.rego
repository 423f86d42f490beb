# METADATA
# title: CloudTrail trail records only one region
# description: |
#   A single-region trail records nothing that happens in the other regions, so activity there,
#   such as resources an intruder starts in a region nobody uses, leaves no trail. A
#   multi-region trail also picks up regions AWS adds later.
# related_resources:
#   - https://docs.aws.amazon.com/awscloudtrail/latest/userguide/receive-cloudtrail-log-files-from-multiple-regions.html
# custom:
#   id: aws-cloudtrail-single-region
#   target: terraform
#   severity: medium
#   checkov: [CKV_AWS_67]
package converge.rules.terraform.aws_cloudtrail_single_region

import rego.v1

import data.converge.lib.terraform as tf

findings contains f if {
	some kind in ["aws_cloudtrail"]
	some r in tf.live_resources(kind)
	tf.bool_not_true(r.body, "is_multi_region_trail")
	f := {
		"msg": sprintf("%s.%s records only the region it is created in", [kind, r.name]),
		"route": array.concat(r.route, ["is_multi_region_trail"]),
	}
}
