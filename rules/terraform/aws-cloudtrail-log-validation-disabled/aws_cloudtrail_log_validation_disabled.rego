# METADATA
# title: CloudTrail log file validation is disabled
# description: |
#   Without log file validation, CloudTrail writes no signed digest files, so nobody can prove
#   that a log file was not modified or deleted after delivery, for example by an intruder
#   covering their tracks.
# related_resources:
#   - https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-log-file-validation-intro.html
# custom:
#   id: aws-cloudtrail-log-validation-disabled
#   target: terraform
#   severity: medium
#   checkov: [CKV_AWS_36]
package converge.rules.terraform.aws_cloudtrail_log_validation_disabled

import rego.v1

import data.converge.lib.terraform as tf

findings contains f if {
	some kind in ["aws_cloudtrail"]
	some r in tf.live_resources(kind)
	tf.bool_not_true(r.body, "enable_log_file_validation")
	f := {
		"msg": sprintf("%s.%s does not validate its log files", [kind, r.name]),
		"route": array.concat(r.route, ["enable_log_file_validation"]),
	}
}
